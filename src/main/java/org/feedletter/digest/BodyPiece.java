package org.feedletter.digest;

/**
 * Whole lines of a digest body: either shared by every subscriber of an edition's skeleton, or one subscriber's own.
 * A shared piece is the same object for all of them (no {@code equals} of its own), so whoever turns it into
 * something else (the mail composer encodes it) can do that once per piece and keep the result by the piece's
 * identity, for as long as the piece lives.
 */
public final class BodyPiece {

    private final String text;
    private final boolean shared;

    BodyPiece(String text, boolean shared) {
        this.text = text;
        this.shared = shared;
    }

    public String text() {
        return text;
    }

    /** True when every subscriber of the skeleton gets this very object. */
    public boolean shared() {
        return shared;
    }
}

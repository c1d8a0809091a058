package org.feedletter.digest;

import java.util.function.Function;

/**
 * Whole lines of a digest body: either shared by every subscriber of an edition's skeleton (the same object for
 * all of them, so its encoded form is worked out once and kept here), or one subscriber's own.
 */
public final class BodyPiece {

    private final String text;
    private final boolean shared;
    private volatile Object encoded;

    BodyPiece(String text, boolean shared) {
        this.text = text;
        this.shared = shared;
    }

    public String text() {
        return text;
    }

    public boolean shared() {
        return shared;
    }

    /**
     * The piece encoded by {@code encoder}: once for a shared piece, every time for an own one. One encoder per
     * process (the mail composer's), so what is kept is always its result.
     */
    @SuppressWarnings("unchecked")
    public <T> T encoded(Function<String, T> encoder) {
        if (!shared) {
            return encoder.apply(text);
        }
        Object kept = encoded;
        if (kept == null) {
            kept = encoder.apply(text);
            encoded = kept;
        }
        return (T) kept;
    }
}

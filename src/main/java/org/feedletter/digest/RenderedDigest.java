package org.feedletter.digest;

import java.util.List;
import java.util.Objects;

/**
 * A digest ready to become a message: one-line subject, HTML body, plain-text body. A digest filled into an
 * edition's skeleton also has its bodies in {@link BodyPiece pieces}, so what every subscriber shares can be
 * encoded once; equality is by subject and bodies alone.
 */
public final class RenderedDigest {

    private final String subject;
    private final String html;
    private final String text;
    private final List<BodyPiece> htmlPieces;
    private final List<BodyPiece> textPieces;

    public RenderedDigest(String subject, String html, String text) {
        this(subject, html, text, null, null);
    }

    RenderedDigest(String subject, String html, String text, List<BodyPiece> htmlPieces, List<BodyPiece> textPieces) {
        this.subject = subject;
        this.html = html;
        this.text = text;
        this.htmlPieces = htmlPieces;
        this.textPieces = textPieces;
    }

    public String subject() {
        return subject;
    }

    public String html() {
        return html;
    }

    public String text() {
        return text;
    }

    /** The HTML body in pieces that join to {@link #html()}, or null when it was rendered whole. */
    public List<BodyPiece> htmlPieces() {
        return htmlPieces;
    }

    /** The text body in pieces that join to {@link #text()}, or null when it was rendered whole. */
    public List<BodyPiece> textPieces() {
        return textPieces;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RenderedDigest other && subject.equals(other.subject) && html.equals(other.html)
                && text.equals(other.text);
    }

    @Override
    public int hashCode() {
        return Objects.hash(subject, html, text);
    }

    @Override
    public String toString() {
        return "RenderedDigest[subject=" + subject + ", html=" + html.length() + " chars, text=" + text.length()
                + " chars]";
    }
}

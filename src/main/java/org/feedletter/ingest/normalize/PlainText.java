package org.feedletter.ingest.normalize;

/**
 * Text for one-line places (titles, author names, mail headers): no control characters (so no CR or LF that
 * could start a mail header), whitespace collapsed, cut to fit at a word boundary.
 */
public final class PlainText {

    private PlainText() {}

    public static String oneLine(String text, int maxChars) {
        if (text == null) {
            return "";
        }
        StringBuilder line = new StringBuilder(Math.min(text.length(), maxChars + 16));
        boolean pendingSpace = false;
        for (int i = 0; i < text.length() && line.length() <= maxChars; i++) {
            char c = text.charAt(i);
            if (isSpace(c)) {
                pendingSpace = line.length() > 0;
            } else {
                if (pendingSpace) {
                    line.append(' ');
                    pendingSpace = false;
                }
                line.append(c);
            }
        }
        return cut(line.toString(), maxChars);
    }

    /**
     * What a one-line text collapses: the spaces feeds' titles are read with (see the feed parser), control characters
     * and the byte-order mark. The narrow no-break space and the figure space stay: French typography puts them
     * before "?", "!" and ";" and in numbers, where a line must not break.
     */
    private static boolean isSpace(char c) {
        return Character.isWhitespace(c) || c == '\u00A0' || Character.isISOControl(c) || c == '\uFEFF';
    }

    /** Cuts to at most {@code maxChars}, at a word boundary where one is near, marking the cut with an ellipsis. */
    public static String cut(String text, int maxChars) {
        if (text.length() <= maxChars) {
            return text;
        }
        int end = maxChars - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--; // never split a surrogate pair
        }
        int space = text.lastIndexOf(' ', end);
        if (space > maxChars * 3 / 4) {
            end = space;
        }
        return text.substring(0, end).stripTrailing() + "…";
    }
}

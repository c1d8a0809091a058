package org.feedletter.feed.parse;

/**
 * Tells from the first characters of a body what it is. Content-Type alone is not trusted: feeds are served
 * as text/html, text/plain and application/octet-stream, and HTML error pages as application/rss+xml.
 */
final class BodySniffer {

    enum Kind { EMPTY, XML, JSON, HTML, OTHER }

    /** How far into the body to look for an &lt;html&gt; start tag hidden behind comments. */
    private static final int LOOK_AHEAD = 1024;

    private BodySniffer() {}

    /** @param text the decoded body */
    static Kind sniff(String text, String contentType) {
        int start = firstSignificant(text);
        if (start < 0) {
            return Kind.EMPTY;
        }
        char first = text.charAt(start);
        if (first == '{' || first == '[') {
            return Kind.JSON;
        }
        if (first != '<') {
            return Kind.OTHER;
        }
        if (startsWithIgnoreCase(text, start, "<!doctype html") || startsWithIgnoreCase(text, start, "<html")) {
            return Kind.HTML;
        }
        boolean feedLike = startsWithIgnoreCase(text, start, "<?xml") || startsWithIgnoreCase(text, start, "<rss")
                || startsWithIgnoreCase(text, start, "<feed") || startsWithIgnoreCase(text, start, "<rdf:rdf")
                || startsWithIgnoreCase(text, start, "<!doctype rss");
        if (feedLike) {
            return Kind.XML;
        }
        // Something else comes first, such as a comment: look a little further.
        if (containsIgnoreCase(text, start, "<rss") || containsIgnoreCase(text, start, "<feed")
                || containsIgnoreCase(text, start, "<rdf:rdf")) {
            return Kind.XML;
        }
        boolean servedAsHtml = BodyText.mediaType(contentType).equals("text/html");
        return servedAsHtml || containsIgnoreCase(text, start, "<html") ? Kind.HTML : Kind.XML;
    }

    /** Index of the first character that is not whitespace or a byte-order mark, or -1. */
    static int firstSignificant(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isWhitespace(c) && c != '\uFEFF') {
                return i;
            }
        }
        return -1;
    }

    private static boolean startsWithIgnoreCase(String text, int start, String prefix) {
        return text.regionMatches(true, start, prefix, 0, prefix.length());
    }

    private static boolean containsIgnoreCase(String text, int start, String needle) {
        int end = Math.min(text.length(), start + LOOK_AHEAD) - needle.length();
        for (int i = start; i <= end; i++) {
            if (text.regionMatches(true, i, needle, 0, needle.length())) {
                return true;
            }
        }
        return false;
    }
}

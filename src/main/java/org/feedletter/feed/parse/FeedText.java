package org.feedletter.feed.parse;

import java.util.Locale;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.parser.Parser;

/** Small text conversions between what feeds write and what {@link Entry} holds. */
final class FeedText {

    /** A language tag as feeds write it: "en", "en-GB", "en_us", "zh-Hant-TW"; case is fixed afterwards. */
    private static final Pattern LANGUAGE_TAG = Pattern.compile("[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})*");

    private FeedText() {}

    /** A well-formed BCP 47 tag in its usual case ("en-GB"), or null for blank, "und" or anything else. */
    static String languageTag(String value) {
        String text = collapseWhitespace(value);
        if (text == null || !LANGUAGE_TAG.matcher(text).matches()) {
            return null;
        }
        String tag = Locale.forLanguageTag(text.replace('_', '-')).toLanguageTag();
        return tag.equals("und") ? null : tag;
    }

    /** HTML or text with entities as plain text: tags dropped, entities decoded, whitespace collapsed. */
    static String htmlToText(String html) {
        if (html == null) {
            return null;
        }
        String text;
        if (html.indexOf('<') >= 0) {
            text = Jsoup.parseBodyFragment(html).body().text();
        } else if (html.indexOf('&') >= 0) {
            text = Parser.unescapeEntities(html, false);
        } else {
            text = html;
        }
        return collapseWhitespace(text);
    }

    /** Trimmed, runs of whitespace as one space; null when nothing is left. */
    static String collapseWhitespace(String text) {
        if (text == null) {
            return null;
        }
        String s = text.strip();
        if (s.isEmpty()) {
            return null;
        }
        if (!hasWhitespaceRun(s)) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        boolean space = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c) || c == '\u00A0') {
                space = true;
            } else {
                if (space) {
                    out.append(' ');
                    space = false;
                }
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean hasWhitespaceRun(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != ' ' && (Character.isWhitespace(c) || c == '\u00A0')) {
                return true;
            }
            if (c == ' ' && i + 1 < s.length() && Character.isWhitespace(s.charAt(i + 1))) {
                return true;
            }
        }
        return false;
    }

    /** Plain text as HTML that shows the same characters. */
    static String escapeHtml(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String entity = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                default -> null;
            };
            if (entity != null && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                if (entity != null) {
                    out.append(entity);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? text : out.toString();
    }

    /**
     * A display name from an RSS author: "mail@example.org (Jane Doe)" and "Jane Doe &lt;mail@example.org&gt;"
     * give "Jane Doe"; anything else is kept as written.
     */
    static String authorName(String raw) {
        String s = collapseWhitespace(raw);
        if (s == null) {
            return null;
        }
        int open = s.indexOf('(');
        int close = s.lastIndexOf(')');
        if (open >= 0 && close > open + 1 && s.substring(0, open).indexOf('@') >= 0) {
            return collapseWhitespace(s.substring(open + 1, close));
        }
        int angle = s.indexOf('<');
        if (angle > 0 && s.indexOf('@', angle) > 0) {
            String name = collapseWhitespace(s.substring(0, angle).replace("\"", ""));
            return name != null ? name : s;
        }
        return s;
    }
}

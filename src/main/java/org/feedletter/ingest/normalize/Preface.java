package org.feedletter.ingest.normalize;

import org.feedletter.identity.Words;
import org.jsoup.Jsoup;

/**
 * A republisher's preface: a few lines of their own above the piece, set off from it by a thematic break, as a
 * newsletter's cross-post has ("Day one of the review, and I'm already grumpy. Some context ... <hr> The United
 * States, Mexico and Canada opened ..."). The piece's opening is what follows the break; compared from the preface
 * on, a copy would share too little of its opening with the original. Only a short text before the first break
 * counts, and only with the body of a piece after it: a break before a closing note ("Originally published at")
 * ends a piece, it does not open one.
 */
final class Preface {

    /** A preface is a note, not a section: longer, the text before the break is the piece's own. */
    static final int MAX_WORDS = 60;
    /** What follows the break must be a piece's body, not a footer. */
    static final int MIN_BODY_WORDS = 40;

    private Preface() {}

    /**
     * Before the break, at most this many characters of HTML: 60 words with generous markup. A break further on
     * (a footer's rule after a whole article) is no preface's, and the article is not parsed to find that out.
     */
    private static final int MAX_HTML_BEFORE = MAX_WORDS * 50;

    /** The plain text after a preface in {@code html} (sanitized), or null when it has none. */
    static String textAfter(String html) {
        int hr = html == null ? -1 : html.indexOf("<hr");
        if (hr < 0 || hr > MAX_HTML_BEFORE) {
            return null;
        }
        String before = Jsoup.parseBodyFragment(html.substring(0, hr)).text();
        if (before.isBlank() || words(before) > MAX_WORDS) {
            return null;
        }
        String after = Jsoup.parseBodyFragment(html.substring(hr)).text();
        return words(after) >= MIN_BODY_WORDS ? after : null;
    }

    /** Words as identity counts them: characters in Chinese or Japanese, whose text has no spaces to split at. */
    private static int words(String text) {
        return Words.count(text, Math.max(MAX_WORDS, MIN_BODY_WORDS) + 1);
    }
}

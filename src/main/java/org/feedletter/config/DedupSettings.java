package org.feedletter.config;

import java.time.Duration;

/**
 * How copies of one piece across feeds are recognised (config section {@code dedup}).
 *
 * @param window two entries are compared by their texts and titles only when published at most this far apart (up
 *     to half as far again only for a republication word for word under the same title by the same person); a
 *     weekly column's next instalment is still inside it, so the text, not the date, must tell them apart
 * @param minWords openings shorter than this (in words) are compared by title, author and time under stricter
 *     rules instead of by their text: too little text to tell pieces apart
 * @param textSimilarity the share of one opening's word shingles that must appear in the other's
 * @param titleSimilarity the share of one title's words that must appear in the other's, unless the texts alone
 *     agree beyond {@link #STRONG_TEXT_SIMILARITY}
 * @param comparesTexts false leaves only the URL rules (same canonical URL, a declared original): for measuring
 *     what comparing texts costs
 */
public record DedupSettings(Duration window, int minWords, double textSimilarity, double titleSimilarity,
        boolean comparesTexts) {

    /** Texts that agree this far are one piece even under a rewritten title. */
    public static final double STRONG_TEXT_SIMILARITY = 0.9;

    public DedupSettings(Duration window, int minWords, double textSimilarity, double titleSimilarity) {
        this(window, minWords, textSimilarity, titleSimilarity, true);
    }

    public static DedupSettings defaults() {
        return new DedupSettings(Duration.ofDays(14), 20, 0.6, 0.5);
    }

    /** The defaults with only the URL rules. */
    public static DedupSettings urlRulesOnly() {
        DedupSettings d = defaults();
        return new DedupSettings(d.window(), d.minWords(), d.textSimilarity(), d.titleSimilarity(), false);
    }
}

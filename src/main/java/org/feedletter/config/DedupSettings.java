package org.feedletter.config;

import java.time.Duration;

/**
 * How near-duplicates across feeds are recognised (config section {@code dedup}).
 *
 * @param window two pieces are compared only when published at most this far apart; a weekly column's next
 *     instalment is still inside it, so the text, not the date, must tell them apart
 * @param minWords texts shorter than this (in words) get no fingerprint: too little to tell pieces apart
 * @param textSimilarity the share of one opening's word shingles that must appear in the other's
 * @param titleSimilarity the share of one title's words that must appear in the other's, unless the texts alone
 *     agree beyond {@link #STRONG_TEXT_SIMILARITY}
 */
public record DedupSettings(Duration window, int minWords, double textSimilarity, double titleSimilarity) {

    /** Texts that agree this far are one piece even under a rewritten title. */
    public static final double STRONG_TEXT_SIMILARITY = 0.9;

    public static DedupSettings defaults() {
        return new DedupSettings(Duration.ofDays(14), 20, 0.6, 0.5);
    }
}

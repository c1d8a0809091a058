package org.feedletter.ingest.dedup;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.feedletter.identity.Words;

/**
 * How much of a text an update changed: the share of its words not kept, in order, from one version to the
 * next (1 − 2·kept / (words before + words after)), with words folded as {@link TextFingerprint} folds them, so case,
 * accents, spacing and punctuation never count. A typo fixed in a 40-word text changes 0.025 of it; a rewritten
 * paragraph, its share. Word shingles, as near-duplicate detection uses, would make that typo cost three
 * shingles, a sixth of a short text's, and so look like a substantive change.
 */
final class TextChange {

    /** Words compared per version: far beyond any article, a bound on a hostile feed's text. */
    static final int MAX_WORDS = 20_000;
    /** Beyond this many cells the changed middle is compared as bags of words (order ignored), in linear time. */
    private static final long MAX_CELLS = 4_000_000;

    private TextChange() {}

    static double between(String before, String after) {
        List<String> a = Words.of(before, MAX_WORDS);
        List<String> b = Words.of(after, MAX_WORDS);
        if (a.isEmpty() && b.isEmpty()) {
            return 0;
        }
        // An edit is mostly somewhere in the middle: what both versions start and end with is kept as it is.
        int prefix = 0;
        while (prefix < a.size() && prefix < b.size() && a.get(prefix).equals(b.get(prefix))) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < a.size() - prefix && suffix < b.size() - prefix
                && a.get(a.size() - 1 - suffix).equals(b.get(b.size() - 1 - suffix))) {
            suffix++;
        }
        int kept = prefix + suffix + kept(a.subList(prefix, a.size() - suffix), b.subList(prefix, b.size() - suffix));
        return 1 - 2.0 * kept / (a.size() + b.size());
    }

    /** The longest common subsequence's length, or for very long middles the words the two share in any order. */
    private static int kept(List<String> a, List<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return 0;
        }
        Map<String, Integer> ids = new HashMap<>();
        int[] x = a.stream().mapToInt(w -> ids.computeIfAbsent(w, k -> ids.size())).toArray();
        int[] y = b.stream().mapToInt(w -> ids.computeIfAbsent(w, k -> ids.size())).toArray();
        return (long) x.length * y.length <= MAX_CELLS ? longestCommonSubsequence(x, y) : sharedWords(x, y, ids.size());
    }

    private static int longestCommonSubsequence(int[] x, int[] y) {
        int[] previous = new int[y.length + 1];
        int[] current = new int[y.length + 1];
        for (int i = 1; i <= x.length; i++) {
            for (int j = 1; j <= y.length; j++) {
                current[j] = x[i - 1] == y[j - 1] ? previous[j - 1] + 1 : Math.max(previous[j], current[j - 1]);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[y.length];
    }

    private static int sharedWords(int[] x, int[] y, int distinct) {
        int[] counts = new int[distinct];
        for (int id : x) {
            counts[id]++;
        }
        int shared = 0;
        for (int id : y) {
            if (counts[id] > 0) {
                counts[id]--;
                shared++;
            }
        }
        return shared;
    }
}

package org.feedletter.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** Finds what someone probably meant when they mistyped a key, a time zone or a newsletter id. */
public final class Suggestions {

    private Suggestions() {}

    /** The candidate closest to {@code word}, if one is close enough to be a likely typo. */
    public static Optional<String> closest(String word, Collection<String> candidates) {
        String typed = normalized(word);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates.stream().sorted().toList()) {
            String known = normalized(candidate);
            // A third of the longer word may be wrong: enough for typos, too little to suggest an unrelated word.
            int tolerance = Math.max(1, Math.min(3, Math.max(typed.length(), known.length()) / 3));
            int distance = distance(typed, known);
            if (distance <= tolerance && distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Ignores case and the difference between kebab-case, snake_case and camelCase. */
    private static String normalized(String word) {
        return word.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
    }

    /** Edits from one word to the other: insertions, deletions, substitutions and swaps of neighbours. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            for (int j = 0; j <= b.length(); j++) {
                if (i == 0 || j == 0) {
                    d[i][j] = i + j;
                    continue;
                }
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(d[i - 1][j - 1] + cost, Math.min(d[i - 1][j], d[i][j - 1]) + 1);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}

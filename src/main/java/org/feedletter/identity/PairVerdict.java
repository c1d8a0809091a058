package org.feedletter.identity;

import java.time.Duration;
import org.feedletter.config.Durations;
import org.feedletter.identity.TitleKey.TitleComparison;

/**
 * What comparing two entries found, and whether they are one piece. Figures are kept and only put into words when
 * a person will read them ({@link #describe()}): most comparisons are of pieces that have nothing to do with each
 * other.
 *
 * @param reason why not, when not the same piece (a constant phrase); for the URL rules, what matched, with a
 *     {@code %s} where the URL goes
 * @param textPair which texts agreed most ("summary ~ content"), or null when no texts were comparable
 * @param url the URL the URL rules matched on, else null
 */
public record PairVerdict(boolean same, Rule rule, String reason, double text, String textPair, int words,
        int otherWords, TitleComparison title, AuthorKey.Relation authors, Duration apart, String url) {

    /** The dedup rules, as stored with each entry that joined an item. */
    public enum Rule {
        CANONICAL_URL("canonical-url"),
        DECLARED_ORIGINAL("declared-original"),
        TEXT("fingerprint"),
        TITLE("title"),
        NONE("none");

        private final String stored;

        Rule(String stored) {
            this.stored = stored;
        }

        public String stored() {
            return stored;
        }
    }

    static PairVerdict byUrl(Rule rule, String reason, String url) {
        return new PairVerdict(true, rule, reason, 0, null, 0, 0, null, AuthorKey.Relation.UNKNOWN, null, url);
    }

    static PairVerdict apart(String reason) {
        return new PairVerdict(false, Rule.NONE, reason, 0, null, 0, 0, null, AuthorKey.Relation.UNKNOWN, null, null);
    }

    /** Two entries that name one original, neither being under it. */
    static final String SAME_ORIGINAL = "names the same original %s";

    /**
     * Orders matches: the same URL first, then a word-for-word copy, then one entry under the original the other
     * names, then by how much text and title agree; two entries that name one original come after texts alike and
     * before titles alone: they say only that both point to it (a newsletter's story and an aggregator's listing of a
     * report both give its PDF), so where one of them is also like another piece in what it says, that decides.
     */
    public double strength() {
        return switch (rule) {
            case CANONICAL_URL -> 30;
            case DECLARED_ORIGINAL -> reason.startsWith(SAME_ORIGINAL) ? 9.5 : 20;
            case TEXT -> (verbatim() ? 25 : 10) + text + (title == null ? 0 : title.containment() / 10);
            case TITLE -> 5 + (title == null ? 0 : title.overlap()) + text / 10;
            case NONE -> text + (title == null ? 0 : title.containment() / 10);
        };
    }

    /**
     * A copy word for word: the same title, texts alike throughout, by the same person. Such an entry is that piece
     * whatever it links to, so it ranks above a declared original (a newsletter's story giving as its link the PDF
     * of a report it does not reproduce).
     */
    private boolean verbatim() {
        return text >= VERBATIM_TEXT && title != null && title.containment() >= 1.0
                && authors == AuthorKey.Relation.SAME_PERSON;
    }

    private static final double VERBATIM_TEXT = 0.95;

    /** The evidence in words: what matched or what kept the two apart, and the figures. */
    public String describe() {
        StringBuilder s = new StringBuilder();
        if (rule == Rule.CANONICAL_URL || rule == Rule.DECLARED_ORIGINAL) {
            return reason.replace("%s", url); // its one placeholder; String.format costs more than the rest
        }
        if (textPair != null) {
            s.append(textPair).append(' ').append(twoDecimals(text)).append(" alike (").append(words).append(" and ")
                    .append(otherWords).append(" words)");
        } else {
            s.append("no texts to compare");
        }
        if (title != null) {
            s.append(", title ").append(title.describe());
        }
        s.append(", authors ").append(switch (authors) {
            case SAME_PERSON -> "the same person";
            case DIFFERENT_PEOPLE -> "different people";
            case UNKNOWN -> "not both named";
        });
        if (apart != null) {
            s.append(", published ").append(Durations.toTwoUnits(apart)).append(" apart");
        }
        if (!same || reason != null) {
            s.append(": ").append(reason);
        }
        return s.toString();
    }

    /**
     * A share as "0.67", as {@code %.2f} writes it, without a formatter (evidence is written often). The formatter
     * rounds the shortest decimal form half up, so 23/40 (0.57499999...) is "0.58": the nudge does the same for the
     * shares comparisons give (n of at most a few hundred), which are never that close to a boundary otherwise.
     */
    static String twoDecimals(double share) {
        long hundredths = Math.round(share * 100 + (share < 0 ? -1e-9 : 1e-9));
        String digits = String.valueOf(Math.abs(hundredths) % 100);
        return (hundredths < 0 ? "-" : "") + Math.abs(hundredths) / 100 + (digits.length() == 1 ? ".0" : ".") + digits;
    }
}

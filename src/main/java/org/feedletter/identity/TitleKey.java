package org.feedletter.identity;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A title as identity compares it: its folded words, without the affixes its feed adds to every title, with plural
 * "s" endings dropped. Quotes, dashes and punctuation are gone with the folding ("Hungary’s gamble – what next?" =
 * "Hungary's gamble: what next"), and function words ("in the Senate" = "in Senate") do not count.
 */
public final class TitleKey {

    public static final TitleKey EMPTY = new TitleKey("");

    /**
     * Words that open a notice about another piece rather than a piece: it must never join what it corrects. Written
     * as a title's words are compared: folded (Cyrillic in Latin letters, no accents) and without a final "s".
     */
    private static final Set<String> NOTICE_WORDS = Set.of("correction", "corrigendum", "erratum", "errata",
            "clarification", "retraction", "rattelse", "berichtigung", "korrektur", "sprostowanie", "rectificatif",
            "correctif", "rectification", "vipravlennja", "ispravlenie", "poprawka", "oprava", "helyesbites",
            "correccion", "rectificacion", "aclaracion", "correcao", "retificacao", "correzione", "rettifica",
            "correccio", "correctie", "rectificatie", "rettelse", "korjaus", "oikaisu", "parandus", "duzeltme",
            "ralat", "corectura", "rectificare", "ispravak", "ispravka", "popravek", "korekcija",
            "pataisyma", "patikslinima", "labojum", "διορθωση", "leiðretting", "pembetulan", "korrigjim", "تصحيح");

    static final int INFLECTED_STEM = 6;
    static final int INFLECTED_ENDING = 2;

    private final String folded;
    /**
     * Worked out on first use: most stored titles sit in the candidate index and are never compared, and a list of
     * words per entry was much of the index's memory. Racing threads work out the same list.
     */
    private volatile List<String> contentWords;

    private TitleKey(String folded) {
        this.folded = folded;
    }

    /** The key of a title after its feed's affixes are stripped. */
    public static TitleKey of(String title, TitleAffixes affixes) {
        return new TitleKey(String.join(" ", Words.of(affixes.strip(title), 64)));
    }

    /** Rebuilds a key from {@link #folded()}. */
    public static TitleKey stored(String folded) {
        return folded == null || folded.isBlank() ? EMPTY : new TitleKey(folded.strip());
    }

    /** The folded words, space-separated: the stored form, and what people see as "the title after folding". */
    public String folded() {
        return folded;
    }

    List<String> contentWords() {
        List<String> words = contentWords;
        if (words == null) {
            List<String> content = new ArrayList<>();
            Set<String> seen = new LinkedHashSet<>();
            for (String word : folded.isEmpty() ? new String[0] : folded.split(" ")) {
                if (Words.isContentWord(word) && seen.add(stem(word))) {
                    content.add(stem(word));
                }
            }
            words = List.copyOf(content);
            contentWords = words;
        }
        return words;
    }

    /** Whether the title announces a correction or similar notice. */
    boolean isNotice() {
        List<String> words = contentWords();
        for (int i = 0; i < Math.min(2, words.size()); i++) {
            if (NOTICE_WORDS.contains(words.get(i))) {
                return true;
            }
        }
        return false;
    }

    /** How two titles relate, by their content words. */
    TitleComparison compare(TitleKey other) {
        Set<String> mine = new LinkedHashSet<>(contentWords());
        Set<String> theirs = new LinkedHashSet<>(other.contentWords());
        List<String> onlyMine = new ArrayList<>();
        int common = 0;
        for (String word : mine) {
            if (theirs.contains(word)) {
                common++;
            } else {
                onlyMine.add(word);
            }
        }
        List<String> onlyTheirs = new ArrayList<>();
        for (String word : theirs) {
            if (!mine.contains(word)) {
                onlyTheirs.add(word);
            }
        }
        for (var it = onlyMine.iterator(); it.hasNext(); ) {
            String word = it.next();
            for (int i = 0; i < onlyTheirs.size(); i++) {
                if (sameWordInflected(word, onlyTheirs.get(i))) {
                    it.remove();
                    onlyTheirs.remove(i);
                    common++;
                    break;
                }
            }
        }
        int smaller = Math.min(mine.size(), theirs.size());
        int union = mine.size() + theirs.size() - common;
        return new TitleComparison(smaller == 0 ? 0 : (double) common / smaller, union == 0 ? 0 : (double) common / union,
                smaller, onlyMine, onlyTheirs, pairsInCommon(other));
    }

    /** The share of the shorter title's pairs of neighbouring words that the other has too, in the same order. */
    private double pairsInCommon(TitleKey other) {
        Set<String> mine = pairs();
        Set<String> theirs = other.pairs();
        if (mine.isEmpty() || theirs.isEmpty()) {
            return 0;
        }
        long common = mine.stream().filter(theirs::contains).count();
        return (double) common / Math.min(mine.size(), theirs.size());
    }

    private Set<String> pairs() {
        List<String> words = contentWords();
        Set<String> pairs = new LinkedHashSet<>();
        for (int i = 0; i + 1 < words.size(); i++) {
            pairs.add(words.get(i) + " " + words.get(i + 1));
        }
        return pairs;
    }

    /**
     * @param containment the share of the shorter title's words found in the other
     * @param overlap common words over all words of both (Jaccard)
     * @param shorterWords content words of the shorter title
     * @param onlyInFirst words only the first title has, and {@code onlyInSecond} only the second
     * @param pairs the share of the shorter title's pairs of neighbouring words the other has in the same order:
     *     "feed 1 take 2" and "feed 2 take 1" have the same words and no pair in common
     */
    record TitleComparison(double containment, double overlap, int shorterWords, List<String> onlyInFirst,
            List<String> onlyInSecond, double pairs) {

        /** Each title says something the other does not: two pieces, unless their texts say otherwise. */
        boolean eachHasItsOwnWords() {
            return !onlyInFirst.isEmpty() && !onlyInSecond.isEmpty();
        }

        /** Different numbers on both sides: a column's instalments, two dates, two counts. */
        boolean numbersDiffer() {
            return onlyInFirst.stream().anyMatch(Words::isNumber) && onlyInSecond.stream().anyMatch(Words::isNumber);
        }

        /** How many content words the two titles share. */
        int wordsInCommon() {
            return (int) Math.round(containment * shorterWords);
        }

        /** Numbers on both sides, and nothing else differing. */
        boolean onlyNumbersDiffer() {
            return numbersDiffer() && onlyInFirst.stream().allMatch(Words::isNumber)
                    && onlyInSecond.stream().allMatch(Words::isNumber);
        }

        String describe() {
            return PairVerdict.twoDecimals(containment)
                    + (eachHasItsOwnWords() ? " (differing: " + String.join(" ", onlyInFirst) + " / "
                            + String.join(" ", onlyInSecond) + ")" : "");
        }
    }

    /**
     * Two forms of one word in a language that inflects it (Hungarian "százalékos" / "százalékon", Polish "wyborcze"
     * / "wyborczy"): the same first {@link #INFLECTED_STEM} letters, and at most {@link #INFLECTED_ENDING} more after
     * them on either side. Shorter stems are left alone: "Niger" and "Nigeria" are two countries.
     */
    static boolean sameWordInflected(String a, String b) {
        if (Words.isNumber(a) || Words.isNumber(b)) {
            return false;
        }
        int common = 0;
        while (common < a.length() && common < b.length() && a.charAt(common) == b.charAt(common)) {
            common++;
        }
        return common >= INFLECTED_STEM && a.length() - common <= INFLECTED_ENDING
                && b.length() - common <= INFLECTED_ENDING;
    }

    /** "rates" and "rate" compare equal; short words and "-ss" endings keep their s. */
    private static String stem(String word) {
        if (word.length() > 4 && word.endsWith("s") && !word.endsWith("ss") && !Words.isNumber(word)) {
            return word.substring(0, word.length() - 1);
        }
        return word;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TitleKey other && folded.equals(other.folded);
    }

    @Override
    public int hashCode() {
        return folded.hashCode();
    }

    @Override
    public String toString() {
        return folded;
    }
}

package org.feedletter.identity;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The prefix or suffix a feed puts on most of its titles (" | Observatory", "EPO: ", " (EPO)"), learned from the
 * titles of one fetch of that feed, so that a copy's title compares by what it says about the piece. Learned per
 * feed from its own document, never from a fixed list: a word that is a feed's label in one feed ("Analysis: ") is
 * part of the title in another.
 *
 * <p>An aggregator labels each title with its source instead ("[Danube Policy Lab] ...", "... — Sava Institute"):
 * the label varies, its place does not. Where most titles carry a label in the same place, in brackets or after the
 * same dash or bar, that place is learned as a slot and its label stripped whatever it says. A leading "Topic: " is
 * never a slot: too many real titles start that way.
 */
public final class TitleAffixes {

    public static final TitleAffixes NONE = new TitleAffixes(null, null);

    /** Titles needed before anything is learned: two alike titles say nothing about a feed's habits. */
    static final int MIN_TITLES = 3;
    /** An affix of at most this many words; longer ones are parts of the titles, not labels. */
    private static final int MAX_AFFIX_WORDS = 4;
    private static final String SEPARATOR = "\\s+(?:\\||-|–|—|::|·|•|/|»|«)\\s+|:\\s+";
    private static final Pattern LEADING = Pattern.compile("^(.{1,60}?)(?:" + SEPARATOR + ")");
    private static final Pattern TRAILING = Pattern.compile("^(.*\\S)(?:" + SEPARATOR + ")(.{1,60})$");
    private static final Pattern BRACKETED = Pattern.compile("\\s*[(\\[]([^()\\[\\]]{1,40})[)\\]]\\s*$");
    /** A source's name in brackets before the title. */
    private static final Pattern LEADING_BRACKETED = Pattern.compile("^\\s*[(\\[]([^()\\[\\]]{1,60})[)\\]]\\s+(?=\\S)");
    /** A label after the last dash, bar or similar: the separator itself, then the label. */
    private static final Pattern TRAILING_LABEL = Pattern.compile("^.*\\S\\s+(\\||-|–|—|·|•|»)\\s+(.{1,60})$");
    /** A source's name in a slot: longer than a feed's own label can be, as names of institutions are. */
    private static final int MAX_LABEL_WORDS = 6;
    /**
     * Labels of different sources needed before a place counts as a slot: a publisher's feed may put its own name
     * at the end of most titles and another word at the end of a few, which does not make it an aggregator.
     */
    private static final int MIN_LABELS = 3;
    private static final String BRACKETS = "()";
    /** The characters that separate or enclose affixes and labels in the patterns above. */
    private static final String MARKS = ":|-–—·•/»«()[]";

    /** Folded words of the learned prefix and suffix, or null. */
    private final String prefix;
    private final String suffix;
    /** Whether a bracketed label before the title is a slot. */
    private final boolean prefixSlot;
    /** The separator before a trailing label slot, {@link #BRACKETS} for a bracketed one, or null. */
    private final String suffixSlot;

    private TitleAffixes(String prefix, String suffix) {
        this(prefix, suffix, false, null);
    }

    private TitleAffixes(String prefix, String suffix, boolean prefixSlot, String suffixSlot) {
        this.prefix = prefix;
        this.suffix = suffix;
        this.prefixSlot = prefixSlot;
        this.suffixSlot = suffixSlot;
    }

    /** The affixes more than half of these titles share; none from fewer than {@link #MIN_TITLES} titles. */
    public static TitleAffixes learn(List<String> given) {
        if (given.size() < MIN_TITLES) {
            return NONE;
        }
        List<String> titles = given.stream().map(Words::breakable).toList();
        Map<String, Integer> prefixes = new HashMap<>();
        Map<String, Integer> suffixes = new HashMap<>();
        for (String title : titles) {
            Affixed parts = split(title);
            if (parts.prefix() != null) {
                prefixes.merge(parts.prefix(), 1, Integer::sum);
            }
            if (parts.suffix() != null) {
                suffixes.merge(parts.suffix(), 1, Integer::sum);
            }
        }
        boolean prefixSlot = prefixSlot(titles);
        String suffixSlot = suffixSlot(titles);
        // a slot takes whatever label stands in it, the most common one too
        return new TitleAffixes(prefixSlot ? null : mostShared(prefixes, titles.size()),
                suffixSlot != null ? null : mostShared(suffixes, titles.size()), prefixSlot, suffixSlot);
    }

    /** Whether most titles start with a bracketed label, and the labels differ. */
    private static boolean prefixSlot(List<String> titles) {
        Set<String> labels = new HashSet<>();
        int labelled = 0;
        for (String title : titles) {
            String label = leadingLabel(title);
            if (label != null) {
                labelled++;
                labels.add(label);
            }
        }
        return labelled * 2 > titles.size() && labels.size() >= MIN_LABELS;
    }

    /** The place most titles end with a label in, where the labels differ: a separator or brackets; else null. */
    private static String suffixSlot(List<String> titles) {
        Map<String, Set<String>> labelsByPlace = new HashMap<>();
        Map<String, Integer> counts = new HashMap<>();
        for (String title : titles) {
            TrailingLabel label = trailingLabel(title);
            if (label != null) {
                counts.merge(label.place(), 1, Integer::sum);
                labelsByPlace.computeIfAbsent(label.place(), k -> new HashSet<>()).add(label.label());
            }
        }
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            if (e.getValue() * 2 > titles.size() && labelsByPlace.get(e.getKey()).size() >= MIN_LABELS) {
                return e.getKey();
            }
        }
        return null;
    }

    /**
     * Whether a title has a character any affix or label is marked by: most titles have none, and the patterns,
     * tried at every position, were a tenth of an ingest's time in the profile that found them (docs/BENCHMARKS.md,
     * "Item identity").
     */
    private static boolean mayHaveAffix(String title) {
        for (int i = 0; i < title.length(); i++) {
            if (MARKS.indexOf(title.charAt(i)) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** The folded label in brackets before a title, or null. */
    private static String leadingLabel(String title) {
        if (!mayHaveAffix(title)) {
            return null;
        }
        Matcher m = LEADING_BRACKETED.matcher(title);
        return m.find() ? label(m.group(1)) : null;
    }

    /**
     * A label at the end of a title, where it starts, and its place: {@link #BRACKETS} or the separator before it.
     */
    private record TrailingLabel(String place, String label, int start) {}

    private static TrailingLabel trailingLabel(String title) {
        if (!mayHaveAffix(title)) {
            return null;
        }
        Matcher bracketed = BRACKETED.matcher(title);
        if (bracketed.find() && bracketed.start() > 0) {
            String label = label(bracketed.group(1));
            return label == null ? null : new TrailingLabel(BRACKETS, label, bracketed.start());
        }
        Matcher trailing = TRAILING_LABEL.matcher(title);
        if (trailing.matches()) {
            String label = label(trailing.group(2));
            return label == null ? null : new TrailingLabel(trailing.group(1), label, trailing.start(1));
        }
        return null;
    }

    /**
     * The folded words of a label, or null when it is too long to be a name or has a number ("Episode 16" tells
     * one title from the next; it is no source's name).
     */
    private static String label(String text) {
        List<String> words = Words.of(text, MAX_LABEL_WORDS + 1);
        return words.isEmpty() || words.size() > MAX_LABEL_WORDS || words.stream().anyMatch(Words::isNumber) ? null
                : String.join(" ", words);
    }

    /**
     * Whether the feed labels its titles with their sources' names (a slot, not one fixed affix): an aggregator's
     * habit, so its entries are others' pieces, even where it links to them through its own site.
     */
    public boolean labelsSources() {
        return prefixSlot || suffixSlot != null;
    }

    public boolean isEmpty() {
        return prefix == null && suffix == null && !prefixSlot && suffixSlot == null;
    }

    /** The title without the learned affixes; the title itself where nothing would be left. */
    public String strip(String title) {
        if (title == null || isEmpty()) {
            return title;
        }
        String core = Words.breakable(title).strip();
        Affixed parts = split(core);
        if (suffix != null && suffix.equals(parts.suffix())) {
            core = core.substring(0, parts.suffixStart()).strip();
            parts = split(core);
        }
        if (prefix != null && prefix.equals(parts.prefix())) {
            core = core.substring(parts.prefixEnd()).strip();
        }
        if (suffixSlot != null) {
            TrailingLabel label = trailingLabel(core);
            if (label != null && label.place().equals(suffixSlot)) {
                core = core.substring(0, label.start()).strip();
            }
        }
        if (prefixSlot) {
            Matcher leading = LEADING_BRACKETED.matcher(core);
            if (leading.find() && label(leading.group(1)) != null) {
                core = core.substring(leading.end()).strip();
            }
        }
        return Words.of(core, 64).isEmpty() ? title : core;
    }

    /**
     * The title without a label that is one of the entry's own categories, set before or after it ("Quick Comment:
     * inflation in October", "Inflation in October (Quick Comment)"): the type a piece is filed under, which its
     * copies elsewhere drop. The title itself where nothing would be left.
     */
    public static String withoutOwnLabel(String title, List<String> categories) {
        if (title == null || categories.isEmpty()) {
            return title;
        }
        String core = Words.breakable(title).strip();
        Affixed parts = split(core);
        if (parts.prefix() == null && parts.suffix() == null) {
            return title;
        }
        for (String category : categories) {
            String label = folded(category);
            if (label == null) {
                continue;
            }
            if (label.equals(parts.prefix())) {
                core = core.substring(parts.prefixEnd()).strip();
                break;
            }
            if (label.equals(parts.suffix())) {
                core = core.substring(0, parts.suffixStart()).strip();
                break;
            }
        }
        return Words.of(core, 64).isEmpty() ? title : core;
    }

    /** What is stripped, for people: "prefix \"epo\"", "suffix \"observatory\"". */
    public String describe() {
        if (isEmpty()) {
            return "none";
        }
        List<String> parts = new ArrayList<>();
        if (prefix != null) {
            parts.add("prefix \"" + prefix + "\"");
        }
        if (prefixSlot) {
            parts.add("a source label in brackets before the title");
        }
        if (suffix != null) {
            parts.add("suffix \"" + suffix + "\"");
        }
        if (suffixSlot != null) {
            parts.add(suffixSlot.equals(BRACKETS) ? "a source label in brackets after the title"
                    : "a source label after \"" + suffixSlot + "\"");
        }
        return String.join(", ", parts);
    }

    private static String mostShared(Map<String, Integer> counts, int titles) {
        String best = null;
        int most = 0;
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            if (e.getValue() > most || e.getValue() == most && best != null && e.getKey().compareTo(best) < 0) {
                best = e.getKey();
                most = e.getValue();
            }
        }
        return most * 2 > titles ? best : null;
    }

    /** A title's candidate affixes, folded, and where they end and start. */
    private record Affixed(String prefix, int prefixEnd, String suffix, int suffixStart) {}

    private static Affixed split(String title) {
        if (!mayHaveAffix(title)) {
            return new Affixed(null, 0, null, title.length());
        }
        String prefix = null;
        int prefixEnd = 0;
        Matcher leading = LEADING.matcher(title);
        if (leading.find() && leading.end() < title.length()) {
            prefix = folded(leading.group(1));
            prefixEnd = leading.end();
        }
        String suffix = null;
        int suffixStart = title.length();
        Matcher bracketed = BRACKETED.matcher(title);
        Matcher trailing = TRAILING.matcher(title);
        if (bracketed.find() && bracketed.start() > 0) {
            suffix = folded(bracketed.group(1));
            suffixStart = bracketed.start();
        } else if (trailing.matches()) { // with one separator, what follows is the suffix and what precedes the prefix
            suffix = folded(trailing.group(2));
            suffixStart = trailing.end(1);
        }
        return new Affixed(prefix, prefixEnd, suffix, suffixStart);
    }

    /** The folded words of an affix candidate, or null when it is too long to be a label. */
    private static String folded(String affix) {
        List<String> words = Words.of(affix, MAX_AFFIX_WORDS + 1);
        return words.isEmpty() || words.size() > MAX_AFFIX_WORDS ? null : String.join(" ", words);
    }
}

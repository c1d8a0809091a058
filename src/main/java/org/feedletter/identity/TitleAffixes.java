package org.feedletter.identity;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The prefix or suffix a feed puts on most of its titles (" | Observatory", "EPO: ", " (EPO)"), learned from the
 * titles of one fetch of that feed, so that a copy's title compares by what it says about the piece. Learned per
 * feed from its own document, never from a fixed list: a word that is a feed's label in one feed ("Analysis: ") is
 * part of the title in another.
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

    /** Folded words of the learned prefix and suffix, or null. */
    private final String prefix;
    private final String suffix;

    private TitleAffixes(String prefix, String suffix) {
        this.prefix = prefix;
        this.suffix = suffix;
    }

    /** The affixes more than half of these titles share; none from fewer than {@link #MIN_TITLES} titles. */
    public static TitleAffixes learn(List<String> titles) {
        if (titles.size() < MIN_TITLES) {
            return NONE;
        }
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
        return new TitleAffixes(mostShared(prefixes, titles.size()), mostShared(suffixes, titles.size()));
    }

    /** Rebuilds learned affixes from {@link #encoded()}. */
    public static TitleAffixes decode(String encoded) {
        if (encoded == null || encoded.isEmpty()) {
            return NONE;
        }
        String[] parts = encoded.split("\n", -1);
        return new TitleAffixes(parts[0].isEmpty() ? null : parts[0], parts.length < 2 || parts[1].isEmpty() ? null : parts[1]);
    }

    public String encoded() {
        return (prefix == null ? "" : prefix) + "\n" + (suffix == null ? "" : suffix);
    }

    public boolean isEmpty() {
        return prefix == null && suffix == null;
    }

    /** The title without the learned affixes; the title itself where nothing would be left. */
    public String strip(String title) {
        if (title == null || isEmpty()) {
            return title;
        }
        String core = title.strip();
        Affixed parts = split(core);
        if (suffix != null && suffix.equals(parts.suffix())) {
            core = core.substring(0, parts.suffixStart()).strip();
            parts = split(core);
        }
        if (prefix != null && prefix.equals(parts.prefix())) {
            core = core.substring(parts.prefixEnd()).strip();
        }
        return Words.of(core, 64).isEmpty() ? title : core;
    }

    /** What is stripped, for people: "prefix \"epo\"", "suffix \"observatory\"". */
    public String describe() {
        if (isEmpty()) {
            return "none";
        }
        return (prefix == null ? "" : "prefix \"" + prefix + "\"") + (prefix != null && suffix != null ? ", " : "")
                + (suffix == null ? "" : "suffix \"" + suffix + "\"");
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

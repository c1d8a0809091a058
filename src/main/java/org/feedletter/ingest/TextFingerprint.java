package org.feedletter.ingest;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What near-duplicate detection knows of a piece: the words of its title and the word shingles of the opening of
 * its text. Partners retitle ("… | Partner", other quotes and dashes, a subtitle) and aggregators cut the text
 * short, but the opening sentences of a copy are the original's; so the opening, not the whole text, is compared.
 *
 * <p>Shingles are kept whole (as 32-bit hashes) so a candidate is verified exactly; MinHash over them only makes
 * the {@link #bandKeys() band keys} by which candidates are found in an index, never by scanning items.
 *
 * <p>A class, not a record, so the band keys (48 MinHash functions over the shingles), asked for several times
 * per new entry, are worked out once, and only when asked for: a stored candidate is only compared.
 */
public final class TextFingerprint {

    /** Words of the text's opening that are compared: a few sentences, what an aggregator's excerpt keeps. */
    static final int OPENING_WORDS = 60;
    static final int SHINGLE_WORDS = 3;
    /**
     * 24 bands of 2 MinHash rows: a pair sharing half its shingles is a candidate with probability 0.999, at the
     * threshold (about 0.43) 0.99. Each band is an entry of the in-memory index per item (16 bytes), so fewer bands
     * cost less memory and miss more borderline copies. The keys are worked out from the stored shingles whenever
     * a process builds its index, so they can change without a migration.
     */
    static final int BANDS = 24;
    static final int ROWS = 2;

    private static final Set<String> COMMON = Set.of("a", "an", "the", "of", "in", "on", "to", "and", "or", "for",
            "is", "at", "by", "with", "s", "de", "la", "le", "der", "die", "das", "und");

    /** The title's words, space-separated: compared as a string, so a kept fingerprint needs no list of words. */
    private final String title;
    private final int titleWordCount;
    private final int[] shingles;
    private final int words;
    /** Worked out on first use; volatile, so a thread that sees the array sees its values. */
    private volatile long[] bandKeys;

    /**
     * @param titleWords the normalized title's words, without the most common short words, in order, unique
     * @param shingles hashes of the opening's 3-word shingles, sorted, unique; empty when the text is too short
     * @param words how many words the opening had
     */
    TextFingerprint(List<String> titleWords, int[] shingles, int words) {
        this(String.join(" ", titleWords), titleWords.size(), shingles, words);
    }

    private TextFingerprint(String title, int titleWordCount, int[] shingles, int words) {
        this.title = title;
        this.titleWordCount = titleWordCount;
        this.shingles = shingles;
        this.words = words;
    }

    public List<String> titleWords() {
        return title.isEmpty() ? List.of() : List.of(title.split(" "));
    }

    public int words() {
        return words;
    }

    public static TextFingerprint of(String title, String text) {
        List<String> opening = words(text, OPENING_WORDS);
        int[] shingles = opening.size() < SHINGLE_WORDS ? new int[0] : shingles(opening);
        return new TextFingerprint(titleWords(title), shingles, opening.size());
    }

    /** Rebuilds a stored fingerprint. */
    public static TextFingerprint stored(String titleWords, String shingles, int words) {
        return kept(titleWords, decode(shingles), words);
    }

    /** Rebuilds a fingerprint from the parts {@link NearDuplicateIndex} keeps; the array is shared, not copied. */
    static TextFingerprint kept(String titleWords, int[] shingles, int words) {
        String title = titleWords == null ? "" : titleWords;
        int count = title.isEmpty() ? 0 : 1;
        for (int i = 0; i < title.length(); i++) {
            if (title.charAt(i) == ' ') {
                count++;
            }
        }
        return new TextFingerprint(title, count, shingles, words);
    }

    /** The shingle hashes without a copy, for this package, which only reads them. */
    int[] sharedShingles() {
        return shingles;
    }

    /** @param minWords an opening shorter than this is not compared: "Listen now." tells no two pieces apart */
    public boolean comparable(int minWords) {
        return shingles.length > 0 && words >= minWords;
    }

    /**
     * The share of the smaller opening's shingles found in the other: 1.0 when an aggregator's excerpt is the
     * original's first paragraph, whatever the original's length.
     */
    public double textContainment(TextFingerprint other) {
        if (shingles.length == 0 || other.shingles.length == 0) {
            return 0;
        }
        int common = 0;
        for (int i = 0, j = 0; i < shingles.length && j < other.shingles.length; ) {
            if (shingles[i] == other.shingles[j]) {
                common++;
                i++;
                j++;
            } else if (shingles[i] < other.shingles[j]) {
                i++;
            } else {
                j++;
            }
        }
        return (double) common / Math.min(shingles.length, other.shingles.length);
    }

    /** The share of the shorter title's words found in the other: a suffix or subtitle added costs nothing. */
    public double titleContainment(TextFingerprint other) {
        if (titleWordCount == 0 || other.titleWordCount == 0) {
            return 0;
        }
        int common = 0;
        for (int start = 0; start < title.length(); ) {
            int end = title.indexOf(' ', start);
            end = end < 0 ? title.length() : end;
            if (other.hasTitleWord(title, start, end)) {
                common++;
            }
            start = end + 1;
        }
        return (double) common / Math.min(titleWordCount, other.titleWordCount);
    }

    /** Whether {@code source[start, end)} is one of this title's words (words hold no spaces). */
    private boolean hasTitleWord(String source, int start, int end) {
        int length = end - start;
        for (int at = 0; at + length <= title.length(); ) {
            int next = title.indexOf(' ', at);
            next = next < 0 ? title.length() : next;
            if (next - at == length && title.regionMatches(at, source, start, length)) {
                return true;
            }
            at = next + 1;
        }
        return false;
    }

    /** One key per MinHash band; two fingerprints that share a key are candidates. Empty without shingles. */
    public long[] bandKeys() {
        return sharedBandKeys().clone();
    }

    /** The band keys without a copy, for the hot paths of this package, which only read them. */
    long[] sharedBandKeys() {
        long[] keys = bandKeys;
        if (keys == null) {
            keys = computeBandKeys(); // two threads may both work them out: the same values either way
            bandKeys = keys;
        }
        return keys;
    }

    private long[] computeBandKeys() {
        if (shingles.length == 0) {
            return new long[0];
        }
        long[] keys = new long[BANDS];
        for (int band = 0; band < BANDS; band++) {
            long key = band;
            for (int row = 0; row < ROWS; row++) {
                key = mix(key * 31 + minHash(band * ROWS + row));
            }
            keys[band] = key;
        }
        return keys;
    }

    public String encodedTitle() {
        return title;
    }

    /** Shingles as hex, 8 characters each: the stored form. */
    public String encodedShingles() {
        StringBuilder hex = new StringBuilder(shingles.length * 8);
        HexFormat digits = HexFormat.of();
        for (int shingle : shingles) {
            hex.append(digits.toHexDigits(shingle));
        }
        return hex.toString();
    }

    private long minHash(int function) {
        long seed = mix(0x9E3779B97F4A7C15L * (function + 1));
        long min = Long.MAX_VALUE;
        for (int shingle : shingles) {
            long h = mix(shingle ^ seed);
            if (h < min) {
                min = h;
            }
        }
        return min;
    }

    /**
     * The first {@code limit} words, folded. A scan that stops at the limit, not a regex over the whole text: an
     * entry's text can be long, and this runs for every new entry.
     */
    static List<String> words(String text, int limit) {
        List<String> words = new ArrayList<>(Math.min(limit, 64));
        if (text == null) {
            return words;
        }
        int i = 0;
        while (i < text.length() && words.size() < limit) {
            if (!isWordPart(text.codePointAt(i))) {
                i += Character.charCount(text.codePointAt(i));
                continue;
            }
            int start = i;
            while (i < text.length() && isWordPart(text.codePointAt(i))) {
                i += Character.charCount(text.codePointAt(i));
            }
            String word = fold(text.substring(start, i));
            if (!word.isEmpty()) {
                words.add(word);
            }
        }
        return words;
    }

    private static boolean isWordPart(int codePoint) {
        return Character.isLetterOrDigit(codePoint) || isMark(codePoint);
    }

    private static boolean isMark(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
                || type == Character.COMBINING_SPACING_MARK;
    }

    private static List<String> titleWords(String title) {
        Set<String> kept = new LinkedHashSet<>();
        for (String word : words(title, 64)) {
            if (!COMMON.contains(word)) {
                kept.add(word);
            }
        }
        return List.copyOf(kept);
    }

    /** Lower case without accents, so "Café" and "cafe" compare equal. */
    private static String fold(String word) {
        if (isAscii(word)) {
            return word.toLowerCase(Locale.ROOT); // most words: nothing to decompose
        }
        String decomposed = Normalizer.normalize(word, Normalizer.Form.NFKD);
        StringBuilder folded = new StringBuilder(decomposed.length());
        decomposed.codePoints().filter(c -> !isMark(c)).forEach(folded::appendCodePoint);
        return folded.toString().toLowerCase(Locale.ROOT);
    }

    private static boolean isAscii(String word) {
        for (int i = 0; i < word.length(); i++) {
            if (word.charAt(i) >= 128) {
                return false;
            }
        }
        return true;
    }

    /**
     * Each shingle's hash is that of its words joined by spaces ({@code String.hashCode}, as stored fingerprints
     * were made), worked out from the words' own hashes without building the joined string.
     */
    private static int[] shingles(List<String> words) {
        int[] hashes = new int[words.size() - SHINGLE_WORDS + 1];
        for (int i = 0; i < hashes.length; i++) {
            int hash = words.get(i).hashCode();
            for (int w = i + 1; w < i + SHINGLE_WORDS; w++) {
                String word = words.get(w);
                hash = (hash * 31 + ' ') * powerOf31(word.length()) + word.hashCode();
            }
            hashes[i] = hash * 0x9E3779B1;
        }
        Arrays.sort(hashes);
        int distinct = 0;
        for (int i = 0; i < hashes.length; i++) {
            if (i == 0 || hashes[i] != hashes[i - 1]) {
                hashes[distinct++] = hashes[i];
            }
        }
        return distinct == hashes.length ? hashes : Arrays.copyOf(hashes, distinct);
    }

    /** 31 to the power of {@code n}, overflowing as String.hashCode does. */
    private static int powerOf31(int n) {
        int power = 1;
        for (int i = 0; i < n; i++) {
            power *= 31;
        }
        return power;
    }

    private static int[] decode(String hex) {
        if (hex == null) {
            return new int[0];
        }
        int[] values = new int[hex.length() / 8];
        for (int i = 0; i < values.length; i++) {
            values[i] = Integer.parseUnsignedInt(hex, i * 8, i * 8 + 8, 16);
        }
        return values;
    }

    /** SplitMix64's finalizer: spreads every input bit over the whole word. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}

package org.feedletter.identity;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * The opening of one text an entry carries (its summary or its full content), as hashes of its three-word shingles.
 * Partners and aggregators cut a piece short and keep its first sentences, so openings are compared, not whole
 * texts; and since a partner may carry only the summary while the publisher's feed carries the full text, each text
 * an entry has gets an opening of its own.
 */
public final class TextOpening {

    /**
     * Which of an entry's texts: its summary, its content, or what its content says after the opening
     * ({@link #continuationOf}), which is never compared as an opening.
     */
    public enum Kind { SUMMARY, CONTENT, CONTINUATION }

    /** Words of a text's opening that are compared: a few sentences, what an aggregator's excerpt keeps. */
    public static final int OPENING_WORDS = 60;
    static final int SHINGLE_WORDS = 3;
    private static final int[] NONE = new int[0];

    private final Kind kind;
    private final int[] shingles;
    private final int words;

    private TextOpening(Kind kind, int[] shingles, int words) {
        this.kind = kind;
        this.shingles = shingles;
        this.words = words;
    }

    /** The opening of a plain text. */
    public static TextOpening of(Kind kind, String text) {
        List<String> opening = Words.of(text, OPENING_WORDS);
        return new TextOpening(kind, opening.size() < SHINGLE_WORDS ? NONE : shingles(opening), opening.size());
    }

    /** A continuation of fewer words says too little of a text's body to tell it from another's. */
    public static final int CONTINUATION_MIN_WORDS = 30;

    /**
     * What a full text says after its opening, as many words again: a series' standing introduction or a daily
     * briefing's masthead paragraph fills the openings of all its instalments alike, and only what follows tells
     * them apart. Null when the text goes on for fewer than {@link #CONTINUATION_MIN_WORDS} words after its opening
     * (a summary, an excerpt, a copy cut after its first paragraph).
     *
     * @param opening the opening {@link #of} made of the same text: the words it took are not scanned for again
     */
    public static TextOpening continuationOf(String text, TextOpening opening) {
        List<String> words = Words.of(text, 2 * OPENING_WORDS);
        List<String> after = words.subList(Math.min(opening.words, words.size()), words.size());
        if (after.size() < CONTINUATION_MIN_WORDS) { // units: in a script without spaces, characters
            return null;
        }
        return new TextOpening(Kind.CONTINUATION, shingles(after), after.size());
    }

    /** An opening as stored: the shingle hashes as {@link #encodedShingles()} wrote them. */
    public static TextOpening stored(Kind kind, byte[] encoded, int words) {
        if (encoded == null || encoded.length < 4) {
            return new TextOpening(kind, NONE, words);
        }
        int[] shingles = new int[encoded.length / 4];
        ByteBuffer.wrap(encoded).asIntBuffer().get(shingles);
        return new TextOpening(kind, shingles, words);
    }

    public Kind kind() {
        return kind;
    }

    /** How many words the opening has (at most {@link #OPENING_WORDS}). */
    public int words() {
        return words;
    }

    int[] shingles() {
        return shingles;
    }

    /** The same kind of text with the same opening. */
    public boolean sameAs(TextOpening other) {
        return kind == other.kind && words == other.words && Arrays.equals(shingles, other.shingles);
    }

    public boolean isEmpty() {
        return shingles.length == 0;
    }

    /** Four bytes per shingle hash, in ascending order: the stored form. */
    public byte[] encodedShingles() {
        ByteBuffer bytes = ByteBuffer.allocate(shingles.length * 4);
        bytes.asIntBuffer().put(shingles);
        return bytes.array();
    }

    /**
     * The share of the smaller opening's shingles found in the other: 1.0 when an aggregator's excerpt is the
     * original's first paragraph, whatever the original's length.
     */
    public double containment(TextOpening other) {
        if (shingles.length == 0 || other.shingles.length == 0) {
            return 0;
        }
        return (double) common(shingles, other.shingles, Integer.MAX_VALUE)
                / Math.min(shingles.length, other.shingles.length);
    }

    /** How many values two ascending arrays of distinct values share, counting no further than {@code enough}. */
    static int common(int[] a, int[] b, int enough) {
        int common = 0;
        for (int i = 0, j = 0; i < a.length && j < b.length && common < enough; ) {
            if (a[i] == b[j]) {
                common++;
                i++;
                j++;
            } else if (a[i] < b[j]) {
                i++;
            } else {
                j++;
            }
        }
        return common;
    }

    /** The share of the larger opening's shingles found in the other: 1.0 only when both say the same. */
    public double overlap(TextOpening other) {
        if (shingles.length == 0 || other.shingles.length == 0) {
            return 0;
        }
        double containment = containment(other);
        return containment * Math.min(shingles.length, other.shingles.length)
                / Math.max(shingles.length, other.shingles.length);
    }

    /**
     * Each shingle's hash is that of its words joined by spaces ({@code String.hashCode}), worked out from the
     * words' own hashes without building the joined string, then spread.
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

    @Override
    public String toString() {
        return kind.name().toLowerCase() + " (" + words + " words)";
    }
}

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

    /** Words at the end of an opening kept apart as its {@link #ending()}. */
    static final int ENDING_WORDS = 15;
    /** The first byte of the stored form that keeps an ending (the older form is four bytes per shingle, no more). */
    private static final byte WITH_ENDING = 2;

    private final Kind kind;
    private final int[] shingles;
    private final int words;
    private final int[] ending;

    private TextOpening(Kind kind, int[] shingles, int words, int[] ending) {
        this.kind = kind;
        this.shingles = shingles;
        this.words = words;
        this.ending = ending;
    }

    /** The opening of a plain text. */
    public static TextOpening of(Kind kind, String text) {
        List<String> opening = Words.of(text, OPENING_WORDS);
        if (opening.size() < SHINGLE_WORDS) {
            return new TextOpening(kind, NONE, opening.size(), NONE);
        }
        int[] inOrder = hashesInOrder(opening);
        int[] ending = opening.size() < 2 * ENDING_WORDS ? NONE // the last shingles: of the last words, hashed once
                : distinctAscending(Arrays.copyOfRange(inOrder, inOrder.length - (ENDING_WORDS - SHINGLE_WORDS + 1),
                        inOrder.length));
        return new TextOpening(kind, distinctAscending(inOrder), opening.size(), ending);
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
        return new TextOpening(Kind.CONTINUATION, shingles(after), after.size(), NONE);
    }

    /**
     * An opening as stored: the shingle hashes as {@link #encodedShingles()} wrote them. One stored before its
     * ending was kept (four bytes per shingle and nothing else) has none.
     */
    public static TextOpening stored(Kind kind, byte[] encoded, int words) {
        if (encoded == null || encoded.length < 4) {
            return new TextOpening(kind, NONE, words, NONE);
        }
        if (encoded.length % 4 != 2 || encoded[0] != WITH_ENDING) {
            int[] shingles = new int[encoded.length / 4];
            ByteBuffer.wrap(encoded).asIntBuffer().get(shingles);
            return new TextOpening(kind, shingles, words, NONE);
        }
        int endingLength = encoded[1] & 0xff;
        int[] shingles = new int[Math.max(0, (encoded.length - 2) / 4 - (endingLength + 3) / 4)];
        ByteBuffer.wrap(encoded, 2, shingles.length * 4).asIntBuffer().get(shingles);
        int[] ending = new int[endingLength];
        for (int i = 0; i < endingLength; i++) {
            int place = encoded[2 + shingles.length * 4 + i] & 0xff;
            if (place >= shingles.length) { // not what encodedShingles writes: an ending nobody can trust
                return new TextOpening(kind, shingles, words, NONE);
            }
            ending[i] = shingles[place];
        }
        return new TextOpening(kind, shingles, words, ending);
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

    /**
     * The shingles of its last {@link #ENDING_WORDS} words, ascending; none for an opening of fewer than twice as
     * many words, or one stored before endings were kept.
     */
    int[] ending() {
        return ending;
    }

    /**
     * The stored form: a byte saying the form, one giving the ending's length, four bytes per shingle hash in
     * ascending order, then the ending as each of its shingles' place among them, a byte each, padded to four. The
     * length is never a multiple of four, as the older form's (the hashes only) always was; and it stays within
     * the 256 bytes H2 keeps in the row, not apart as a large object (58 hashes and 13 places at most).
     */
    public byte[] encodedShingles() {
        int places = (ending.length + 3) / 4 * 4;
        ByteBuffer bytes = ByteBuffer.allocate(2 + shingles.length * 4 + places);
        bytes.put(WITH_ENDING).put((byte) ending.length);
        for (int hash : shingles) {
            bytes.putInt(hash);
        }
        for (int hash : ending) {
            bytes.put((byte) Arrays.binarySearch(shingles, hash));
        }
        return bytes.array();
    }

    /**
     * Whether this opening and {@code other} part within their openings: neither's ending is found in the other
     * (at most one of its shingles, for a word changed), though they share what came before. Two pieces that begin
     * alike and go on apart do (a statement both quote first, a series' standing introduction over texts cut
     * short); a copy does not, since the opening of the two that covers less of the text ends inside the other.
     * False when either has no ending.
     */
    public boolean partsWith(TextOpening other) {
        return ending.length > 0 && other.ending.length > 0 && common(ending, other.shingles, 2) < 2
                && common(other.ending, shingles, 2) < 2;
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
        return distinctAscending(hashesInOrder(words));
    }

    /** Each shingle's hash, in the order of the words. */
    private static int[] hashesInOrder(List<String> words) {
        int[] hashes = new int[words.size() - SHINGLE_WORDS + 1];
        for (int i = 0; i < hashes.length; i++) {
            int hash = words.get(i).hashCode();
            for (int w = i + 1; w < i + SHINGLE_WORDS; w++) {
                String word = words.get(w);
                hash = (hash * 31 + ' ') * powerOf31(word.length()) + word.hashCode();
            }
            hashes[i] = hash * 0x9E3779B1;
        }
        return hashes;
    }

    /** The hashes sorted, each once (sorted in place). */
    private static int[] distinctAscending(int[] hashes) {
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

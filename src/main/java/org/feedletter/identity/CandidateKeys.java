package org.feedletter.identity;

import java.util.Arrays;
import java.util.List;

/**
 * The keys under which an entry is found as a candidate, so that copies are compared without scanning every item.
 * Two kinds, told apart by the lowest bit:
 * <ul>
 *   <li>Shingle keys: an entry is indexed under, and looks up, the shingles of its openings whose hash falls in one
 *   third of the hash space. The sample is the same in every text, so two openings that share n
 *   shingles share about n/3 sampled ones whichever was stored first; an excerpt sharing 18 shingles with its
 *   original is missed with a chance under 1 in 1,000 (two sampled keys needed). MinHash bands, used before, estimate
 *   the overlap of the union and miss short excerpts of long texts one time in ten.
 *   <li>Title keys: pairs of neighbouring title words, for texts too short to compare.
 * </ul>
 * Both are symmetric: whether A is a candidate for B does not depend on which came first.
 */
public final class CandidateKeys {

    /** Shingle keys two entries must share to be compared; one title key is enough. */
    public static final int SHINGLE_HITS = 3;

    private CandidateKeys() {}

    /**
     * The keys an entry is stored under, and looks up: the same sample on both sides, since a shingle outside it is
     * never stored and so never found.
     */
    public static int[] of(EntryEvidence e) {
        return keys(e, true);
    }

    /** Whether two ascending arrays of keys (or of shingle hashes) have one in common. */
    public static boolean shareOne(int[] a, int[] b) {
        for (int i = 0, j = 0; i < a.length && j < b.length; ) {
            if (a[i] == b[j]) {
                return true;
            } else if (a[i] < b[j]) {
                i++;
            } else {
                j++;
            }
        }
        return false;
    }

    public static boolean isTitleKey(int key) {
        return (key & 1) == 1;
    }

    /** Whether a shingle key is in the sampled third: the only ones stored entries are found under. */
    public static boolean isSampled(int key) {
        return !isTitleKey(key) && Integer.remainderUnsigned(key, 3) == 0;
    }

    private static int[] keys(EntryEvidence e, boolean sampled) {
        int size = 0;
        for (TextOpening t : e.texts()) {
            size += t.shingles().length;
        }
        List<String> words = e.title().contentWords();
        int[] keys = new int[size + Math.max(0, words.size() - 1)];
        int n = 0;
        for (TextOpening t : e.texts()) {
            for (int shingle : t.shingles()) {
                int key = shingle & ~1;
                if (!sampled || isSampled(key)) {
                    keys[n++] = key;
                }
            }
        }
        for (int i = 0; i + 1 < words.size(); i++) {
            String a = words.get(i);
            String b = words.get(i + 1);
            int pair = a.compareTo(b) < 0 ? a.hashCode() * 31 + b.hashCode() : b.hashCode() * 31 + a.hashCode();
            keys[n++] = (pair * 0x9E3779B1) | 1;
        }
        int[] distinct = Arrays.copyOf(keys, n);
        Arrays.sort(distinct);
        int d = 0;
        for (int i = 0; i < distinct.length; i++) {
            if (i == 0 || distinct[i] != distinct[i - 1]) {
                distinct[d++] = distinct[i];
            }
        }
        return Arrays.copyOf(distinct, d);
    }
}

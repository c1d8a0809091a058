package org.feedletter.identity;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a set of entries offers {@link PieceMatcher#compare} at once: all their openings' shingles, distinct, in one
 * ascending array, the fewest shingles an opening of theirs has, their URLs and the originals they name, and whether
 * one says too little to compare by text. Two entries with long texts are one piece by what they say only when a
 * pair of their openings shares the configured share of the smaller one's shingles; two sketches sharing fewer than
 * that of the smallest opening (and no URL, no short text, and no catalogue's title, {@link PieceMatcher#catalogued})
 * have no pair of entries that may be one piece. One
 * pass over two arrays instead of every pair's openings and a comparison, for the many pieces of one poll that nothing
 * relates (a feed's twenty pieces, each joining its own item, a boilerplate line in front of each).
 */
final class PieceSketch {

    private final int[] shingles;
    private final int fewest;
    private final Set<String> urls = new HashSet<>();
    private final Set<String> named = new HashSet<>();
    private final boolean anyShort;
    /** Its entries, for a catalogue's title ({@link PieceMatcher#catalogued}), which needs no text alike. */
    private final List<EntryEvidence> entries;

    PieceSketch(List<EntryEvidence> entries, int minWords) {
        this.entries = entries;
        boolean someShort = false;
        int least = Integer.MAX_VALUE;
        int[] all = new int[0];
        for (EntryEvidence e : entries) {
            someShort |= e.words() < minWords;
            if (e.canonicalUrl() != null) {
                urls.add(e.canonicalUrl());
            }
            named.addAll(e.declaredOriginals());
            for (TextOpening t : e.texts()) {
                if (!t.isEmpty()) {
                    least = Math.min(least, t.shingles().length);
                    all = union(all, t.shingles());
                }
            }
        }
        this.shingles = all;
        this.fewest = least;
        this.anyShort = someShort;
    }

    /** Two ascending arrays of distinct values as one (an opening's shingles are so): a merge, not a sort. */
    private static int[] union(int[] a, int[] b) {
        if (a.length == 0 || Arrays.equals(a, b)) {
            return a.length == 0 ? b : a; // copies of one text: the same opening again
        }
        int[] out = new int[a.length + b.length];
        int n = 0;
        int i = 0;
        int j = 0;
        while (i < a.length && j < b.length) {
            if (a[i] == b[j]) {
                out[n++] = a[i++];
                j++;
            } else if (a[i] < b[j]) {
                out[n++] = a[i++];
            } else {
                out[n++] = b[j++];
            }
        }
        while (i < a.length) {
            out[n++] = a[i++];
        }
        while (j < b.length) {
            out[n++] = b[j++];
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    /**
     * False only when no entry of the one may be the same piece as an entry of the other: no URL shared or named (by
     * one, or by both), no text too short to compare, and fewer shingles in common than {@code similarity} (the
     * least share of an opening two texts must agree on) of the smallest opening of either.
     */
    boolean mayMatch(PieceSketch other, double similarity) {
        if (anyShort || other.anyShort || intersect(urls, other.urls) || intersect(named, other.urls)
                || intersect(urls, other.named) || intersect(named, other.named) || catalogued(other)) {
            return true;
        }
        int smallest = Math.min(fewest, other.fewest);
        if (smallest == Integer.MAX_VALUE) {
            return false; // no text on one side, and none short: nothing to compare (see PieceMatcher#mayMatch)
        }
        int needed = Math.max(1, (int) Math.ceil(similarity * smallest - 1e-9));
        return TextOpening.common(shingles, other.shingles, needed) >= needed;
    }

    private boolean catalogued(PieceSketch other) {
        for (EntryEvidence mine : entries) {
            for (EntryEvidence theirs : other.entries) {
                if (PieceMatcher.catalogued(mine, theirs) || PieceMatcher.catalogued(theirs, mine)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean intersect(Set<String> a, Set<String> b) {
        Set<String> fewer = a.size() <= b.size() ? a : b;
        Set<String> more = fewer == a ? b : a;
        for (String s : fewer) {
            if (more.contains(s)) {
                return true;
            }
        }
        return false;
    }
}

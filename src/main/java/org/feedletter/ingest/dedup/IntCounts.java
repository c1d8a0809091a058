package org.feedletter.ingest.dedup;

/**
 * An int -> int map by open addressing; counts that drop to 0 stay as 0. It remembers which of its slots are in
 * use, so clearing it and going through it cost what it holds, not its capacity: one is cleared for every
 * arriving entry. {@link EntryKeyIndex} counts its keys' entries in one, {@link CandidateIndex} an entry's hits.
 * Not thread-safe.
 */
final class IntCounts {

    private int[] keys = new int[1024];
    private int[] counts = new int[1024];
    private boolean[] used = new boolean[1024];
    private int[] usedSlots = new int[512];
    private int size;

    void add(int key, int delta) {
        if (size * 2 >= keys.length) {
            grow();
        }
        int i = find(key);
        if (!used[i]) {
            used[i] = true;
            keys[i] = key;
            counts[i] = 0;
            usedSlots[size++] = i;
        }
        counts[i] += delta;
    }

    int get(int key) {
        int i = find(key);
        return used[i] ? counts[i] : 0;
    }

    void clear() {
        for (int n = 0; n < size; n++) {
            used[usedSlots[n]] = false;
        }
        size = 0;
    }

    /** Takes a key and its count, unboxed: an entry's hits are gone through for every arriving entry. */
    interface KeyCount {
        void accept(int key, int count);
    }

    /** Calls {@code action} with each key and its count. */
    void forEach(KeyCount action) {
        for (int n = 0; n < size; n++) {
            int i = usedSlots[n];
            action.accept(keys[i], counts[i]);
        }
    }

    private int find(int key) {
        int mask = keys.length - 1;
        int i = (key * 0x9E3779B1) >>> 1 & mask;
        while (used[i] && keys[i] != key) {
            i = (i + 1) & mask;
        }
        return i;
    }

    private void grow() {
        int[] oldKeys = keys;
        int[] oldCounts = counts;
        int[] oldSlots = usedSlots;
        int oldSize = size;
        keys = new int[oldKeys.length * 2];
        counts = new int[oldKeys.length * 2];
        used = new boolean[oldKeys.length * 2];
        usedSlots = new int[oldKeys.length];
        size = 0;
        for (int n = 0; n < oldSize; n++) {
            int old = oldSlots[n];
            int j = find(oldKeys[old]);
            used[j] = true;
            keys[j] = oldKeys[old];
            counts[j] = oldCounts[old];
            usedSlots[size++] = j;
        }
    }
}

package org.feedletter.ingest;

import java.util.Arrays;
import java.util.Set;

/**
 * A multimap from 32-bit band keys to item ids in a few primitive arrays: about 20 bytes per (key, item), 480 per
 * fingerprinted item, where boxed maps would take several times that. Keys are the 64-bit band keys folded to 32
 * bits; a collision only adds a candidate, which is then compared in full. Not thread-safe.
 */
final class BandKeyIndex {

    private int[] heads = new int[1024]; // entry index + 1 of each chain's first entry; 0 ends a chain
    private int[] keys = new int[1024];
    private long[] items = new long[1024];
    private int[] next = new int[1024];
    private int size;

    void add(long bandKey, long itemId) {
        int key = fold(bandKey);
        int slot = slot(key, heads.length);
        for (int e = heads[slot]; e != 0; e = next[e - 1]) {
            if (keys[e - 1] == key && items[e - 1] == itemId) {
                return;
            }
        }
        if (size == keys.length) {
            grow();
            slot = slot(key, heads.length);
        }
        keys[size] = key;
        items[size] = itemId;
        next[size] = heads[slot];
        heads[slot] = ++size;
    }

    /** Adds the items under this key to {@code into}. */
    void collect(long bandKey, Set<Long> into) {
        int key = fold(bandKey);
        for (int e = heads[slot(key, heads.length)]; e != 0; e = next[e - 1]) {
            if (keys[e - 1] == key) {
                into.add(items[e - 1]);
            }
        }
    }

    int size() {
        return size;
    }

    private void grow() {
        int capacity = keys.length * 2;
        keys = Arrays.copyOf(keys, capacity);
        items = Arrays.copyOf(items, capacity);
        next = Arrays.copyOf(next, capacity);
        heads = new int[capacity];
        for (int e = 0; e < size; e++) {
            int slot = slot(keys[e], capacity);
            next[e] = heads[slot];
            heads[slot] = e + 1;
        }
    }

    private static int fold(long bandKey) {
        return (int) (bandKey ^ (bandKey >>> 32));
    }

    /** The keys are hashes already: their low bits pick the chain. */
    private static int slot(int key, int tableSize) {
        return key & (tableSize - 1);
    }
}

package org.feedletter.ingest;

import java.util.Arrays;
import java.util.List;

/**
 * A multimap from 32-bit band keys to items in a few primitive arrays: about 16 bytes per (key, item) and 16 per
 * item, 400 bytes per fingerprinted item with 24 bands, where boxed maps would take several times that. Keys are
 * the 64-bit band keys folded to 32 bits; a collision only adds a candidate, which is then compared in full. Each
 * item carries its publication and indexing minute, so old items can be {@link #retainOnly dropped}. Not
 * thread-safe.
 */
final class BandKeyIndex {

    // Items: id, minute published and minute indexed (minutes since the epoch fit an int for 4,000 years).
    private long[] itemIds = new long[256];
    private int[] published = new int[256];
    private int[] indexed = new int[256];
    private int items;

    // Entries: a key and the item it leads to, chained per slot of heads (entry index + 1; 0 ends a chain).
    private int[] heads = new int[1024];
    private int[] keys = new int[1024];
    private int[] itemOf = new int[1024];
    private int[] next = new int[1024];
    private int entries;
    /** Counts the prunings: a {@link #mark} made before one no longer tells which entries came after it. */
    private int prunings;

    /** Indexes an item under its band keys; an item added again (a new fingerprint) is kept under both. */
    void add(long itemId, long[] bandKeys, long publishedMinute, long indexedMinute) {
        if (items == itemIds.length) {
            int capacity = items * 2;
            itemIds = Arrays.copyOf(itemIds, capacity);
            published = Arrays.copyOf(published, capacity);
            indexed = Arrays.copyOf(indexed, capacity);
        }
        int item = items++;
        itemIds[item] = itemId;
        published[item] = (int) publishedMinute;
        indexed[item] = (int) indexedMinute;
        for (long bandKey : bandKeys) {
            addEntry(fold(bandKey), item);
        }
    }

    /** Adds the ids of the items under this key to {@code into} (an id may come more than once). */
    void collect(long bandKey, Ids into) {
        int key = fold(bandKey);
        for (int e = heads[key & (heads.length - 1)]; e != 0; e = next[e - 1]) {
            if (keys[e - 1] == key) {
                into.add(itemIds[itemOf[e - 1]]);
            }
        }
    }

    /** Where the index stands now; {@link #collectAddedSince} finds what is indexed after it. */
    long mark() {
        return ((long) prunings << 32) | entries;
    }

    /**
     * For each key set, adds to its {@code Ids} the items indexed after {@code mark} under one of its keys; false
     * when the index was pruned since (the mark then says nothing, and nothing is added). One pass over the entries
     * added since, in the order they were written, instead of a lookup per key in chains spread over the whole index.
     */
    boolean collectAddedSince(long mark, List<long[]> keySets, List<Ids> into) {
        if ((int) (mark >>> 32) != prunings) {
            return false;
        }
        int from = (int) mark;
        if (from == entries) {
            return true;
        }
        long[] wanted = new long[keySets.stream().mapToInt(k -> k.length).sum()]; // folded key, then key set
        int w = 0;
        for (int set = 0; set < keySets.size(); set++) {
            for (long key : keySets.get(set)) {
                wanted[w++] = ((long) fold(key) << 32) | set;
            }
        }
        Arrays.sort(wanted);
        for (int e = from; e < entries; e++) {
            long key = keys[e];
            int at = Arrays.binarySearch(wanted, key << 32);
            for (int i = at >= 0 ? at : -at - 1; i < wanted.length && (wanted[i] >> 32) == key; i++) {
                into.get((int) wanted[i]).add(itemIds[itemOf[e]]);
            }
        }
        return true;
    }

    /** Item ids gathered without boxing, then read sorted and each once. */
    static final class Ids {
        private long[] values = new long[32];
        private int size;

        void add(long id) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = id;
        }

        /** The ids gathered, ascending, each once; and empties the gathering for the next use. */
        long[] sortedDistinct() {
            Arrays.sort(values, 0, size);
            int distinct = 0;
            for (int i = 0; i < size; i++) {
                if (distinct == 0 || values[i] != values[distinct - 1]) {
                    values[distinct++] = values[i];
                }
            }
            size = 0;
            return Arrays.copyOf(values, distinct);
        }
    }

    /** Drops the items published before {@code publishedFrom} and indexed before {@code indexedFrom}. */
    void retainOnly(long publishedFrom, long indexedFrom) {
        int[] newIndex = new int[items];
        int kept = 0;
        for (int item = 0; item < items; item++) {
            if (published[item] >= publishedFrom || indexed[item] >= indexedFrom) {
                newIndex[item] = kept;
                itemIds[kept] = itemIds[item];
                published[kept] = published[item];
                indexed[kept] = indexed[item];
                kept++;
            } else {
                newIndex[item] = -1;
            }
        }
        int keptEntries = 0;
        for (int e = 0; e < entries; e++) {
            int item = newIndex[itemOf[e]];
            if (item >= 0) {
                keys[keptEntries] = keys[e];
                itemOf[keptEntries] = item;
                keptEntries++;
            }
        }
        items = kept;
        entries = keptEntries;
        prunings++;
        if (items < itemIds.length / 4 && itemIds.length > 256) { // give memory back after a large drop
            int capacity = Math.max(256, items * 2);
            itemIds = Arrays.copyOf(itemIds, capacity);
            published = Arrays.copyOf(published, capacity);
            indexed = Arrays.copyOf(indexed, capacity);
        }
        if (entries < keys.length / 4 && keys.length > 1024) {
            int capacity = Math.max(1024, Integer.highestOneBit(entries) * 2);
            keys = Arrays.copyOf(keys, capacity);
            itemOf = Arrays.copyOf(itemOf, capacity);
            next = new int[capacity];
        }
        rehash(keys.length);
    }

    int items() {
        return items;
    }

    int entries() {
        return entries;
    }

    private void addEntry(int key, int item) {
        if (entries == keys.length) {
            int capacity = entries * 2;
            keys = Arrays.copyOf(keys, capacity);
            itemOf = Arrays.copyOf(itemOf, capacity);
            next = Arrays.copyOf(next, capacity);
            rehash(capacity);
        }
        int slot = key & (heads.length - 1);
        keys[entries] = key;
        itemOf[entries] = item;
        next[entries] = heads[slot];
        heads[slot] = ++entries;
    }

    /** Rebuilds the chains over {@code size} slots (a power of two); the keys are hashes, their low bits pick one. */
    private void rehash(int size) {
        heads = new int[size];
        if (next.length < keys.length) {
            next = new int[keys.length];
        }
        for (int e = 0; e < entries; e++) {
            int slot = keys[e] & (size - 1);
            next[e] = heads[slot];
            heads[slot] = e + 1;
        }
    }

    private static int fold(long bandKey) {
        return (int) (bandKey ^ (bandKey >>> 32));
    }
}

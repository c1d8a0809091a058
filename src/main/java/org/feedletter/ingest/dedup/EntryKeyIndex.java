package org.feedletter.ingest.dedup;

import java.util.function.IntConsumer;

/**
 * A multimap from 32-bit candidate keys to entry slots in a few primitive arrays (about 12 bytes per key and
 * entry), with the number of live entries under each key, so that a key many entries share (a title's "quick
 * comment", a house phrase every text opens with) can be passed over. Slots are numbered by the caller; a slot
 * marked dead is skipped until the next {@link #rebuild}. Not thread-safe.
 *
 * <p>Each entry's key, slot and link to the next entry of its chain sit side by side, and the entries are laid out
 * again by chain from time to time (when the table grows, is rebuilt, or has had a quarter more entries added since
 * the last layout), so that a look-up reads a chain's older entries one after another in memory. Chained in the
 * order they came, a popular key's entries lay megabytes apart and a look-up waited for memory at every one: that
 * walk was a tenth of ingest's CPU (docs/BENCHMARKS.md, "fifteenth session"). A chain holds its entries newest first
 * either way.
 */
final class EntryKeyIndex {

    /** Ints per entry: its key, its slot, and the number of the next entry in its chain (0 ends it). */
    private static final int STRIDE = 3;
    private static final int MIN_CAPACITY = 1024;

    private int[] heads = new int[MIN_CAPACITY];
    /** Entry e (numbered from 1) is at {@code (e - 1) * STRIDE}. */
    private int[] entries = new int[MIN_CAPACITY * STRIDE];
    private int size;
    /** Entries below this number were laid out by chain; those after it were added since. */
    private int laidOut;
    private final IntCounts counts = new IntCounts();

    void add(int slot, int[] slotKeys) {
        for (int key : slotKeys) {
            addEntry(key, slot);
            counts.add(key, 1);
        }
        if (size - laidOut > Math.max(MIN_CAPACITY, laidOut / 4)) {
            layOut(entries, size, capacity());
        }
    }

    /** Takes a slot out of the counts; its entries stay until {@link #rebuild}, skipped as dead by the caller. */
    void forget(int[] slotKeys) {
        for (int key : slotKeys) {
            counts.add(key, -1);
        }
    }

    /** How many live slots have this key. */
    int count(int key) {
        return counts.get(key);
    }

    /** Calls {@code action} with each slot under {@code key}, newest first (a slot may come more than once). */
    void forEach(int key, IntConsumer action) {
        int[] table = entries;
        for (int e = heads[bucket(key, heads.length)]; e != 0; ) {
            int at = (e - 1) * STRIDE;
            if (table[at] == key) {
                action.accept(table[at + 1]);
            }
            e = table[at + 2];
        }
    }

    /** Keeps only the entries whose slot {@code newSlot} maps to a slot (not -1), renumbered. */
    void rebuild(int[] newSlot) {
        int kept = 0;
        counts.clear();
        for (int e = 0; e < size; e++) {
            int slot = newSlot[entries[e * STRIDE + 1]];
            if (slot >= 0) {
                int key = entries[e * STRIDE];
                entries[kept * STRIDE] = key;
                entries[kept * STRIDE + 1] = slot;
                kept++;
                counts.add(key, 1);
            }
        }
        int capacity = kept < capacity() / 4 ? Math.max(MIN_CAPACITY, Integer.highestOneBit(Math.max(1, kept)) * 2)
                : capacity();
        layOut(entries, kept, capacity);
    }

    int entries() {
        return size;
    }

    private int capacity() {
        return entries.length / STRIDE;
    }

    private void addEntry(int key, int slot) {
        if (size == capacity()) {
            layOut(entries, size, size * 2);
        }
        int bucket = bucket(key, heads.length);
        int at = size * STRIDE;
        entries[at] = key;
        entries[at + 1] = slot;
        entries[at + 2] = heads[bucket];
        heads[bucket] = ++size;
    }

    /**
     * Lays the first {@code count} entries of {@code from} out in a new table of {@code capacity} entries (a power
     * of two, as many buckets), each chain's entries side by side in the order they came, and chains them newest
     * first.
     */
    private void layOut(int[] from, int count, int capacity) {
        int[] start = new int[capacity + 1];
        for (int e = 0; e < count; e++) {
            start[bucket(from[e * STRIDE], capacity) + 1]++;
        }
        for (int b = 0; b < capacity; b++) {
            start[b + 1] += start[b];
        }
        int[] table = new int[capacity * STRIDE];
        int[] newHeads = new int[capacity];
        for (int e = 0; e < count; e++) {
            int key = from[e * STRIDE];
            int bucket = bucket(key, capacity);
            int to = start[bucket]++;
            table[to * STRIDE] = key;
            table[to * STRIDE + 1] = from[e * STRIDE + 1];
            table[to * STRIDE + 2] = newHeads[bucket];
            newHeads[bucket] = to + 1;
        }
        entries = table;
        heads = newHeads;
        size = count;
        laidOut = count;
    }

    /** Keys are hashes: their low bits (above the one that tells the kind) pick one of {@code buckets}. */
    private static int bucket(int key, int buckets) {
        return (key >>> 1) & (buckets - 1);
    }
}

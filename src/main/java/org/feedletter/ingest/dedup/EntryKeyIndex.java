package org.feedletter.ingest.dedup;

import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * A multimap from 32-bit candidate keys to entry slots in a few primitive arrays (about 12 bytes per key and
 * entry), with the number of live entries under each key, so that a key many entries share (a title's "quick
 * comment", a house phrase every text opens with) can be passed over. Slots are numbered by the caller; a slot
 * marked dead is skipped until the next {@link #rebuild}. Not thread-safe.
 *
 * <p>Each entry's key, slot and link to the next entry of its chain sit side by side in one array: a look-up walks
 * a chain of entries added at different times, far apart in memory, and so reads one cache line per entry, not three
 * (the walk was a tenth of ingest's CPU with three arrays; docs/BENCHMARKS.md, "fifteenth session").
 */
final class EntryKeyIndex {

    /** Ints per entry: its key, its slot, and the number of the next entry in its chain (0 ends it). */
    private static final int STRIDE = 3;

    private int[] heads = new int[1024];
    /** Entry e (numbered from 1) is at {@code (e - 1) * STRIDE}. */
    private int[] entries = new int[1024 * STRIDE];
    private int size;
    private final IntCounts counts = new IntCounts();

    void add(int slot, int[] slotKeys) {
        for (int key : slotKeys) {
            addEntry(key, slot);
            counts.add(key, 1);
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

    /** Calls {@code action} with each slot under {@code key} (a slot may come more than once). */
    void forEach(int key, IntConsumer action) {
        int[] table = entries;
        for (int e = heads[(key >>> 1) & (heads.length - 1)]; e != 0; ) {
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
        size = kept;
        if (size < capacity() / 4 && capacity() > 1024) {
            entries = Arrays.copyOf(entries, Math.max(1024, Integer.highestOneBit(size) * 2) * STRIDE);
        }
        rehash(capacity());
    }

    int entries() {
        return size;
    }

    private int capacity() {
        return entries.length / STRIDE;
    }

    private void addEntry(int key, int slot) {
        if (size == capacity()) {
            entries = Arrays.copyOf(entries, size * 2 * STRIDE);
            rehash(capacity());
        }
        int bucket = (key >>> 1) & (heads.length - 1);
        int at = size * STRIDE;
        entries[at] = key;
        entries[at + 1] = slot;
        entries[at + 2] = heads[bucket];
        heads[bucket] = ++size;
    }

    /** Rebuilds the chains over {@code buckets} slots (a power of two); keys are hashes, their low bits pick one. */
    private void rehash(int buckets) {
        heads = new int[buckets];
        for (int e = 0; e < size; e++) {
            int bucket = (entries[e * STRIDE] >>> 1) & (buckets - 1);
            entries[e * STRIDE + 2] = heads[bucket];
            heads[bucket] = e + 1;
        }
    }
}

package org.feedletter.ingest.dedup;

import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * A multimap from 32-bit candidate keys to entry slots in a few primitive arrays (about 12 bytes per key and
 * entry), with the number of live entries under each key, so that a key many entries share (a title's "quick
 * comment", a house phrase every text opens with) can be passed over. Slots are numbered by the caller; a slot
 * marked dead is skipped until the next {@link #rebuild}. Not thread-safe.
 */
final class EntryKeyIndex {

    private int[] heads = new int[1024];
    private int[] keys = new int[1024];
    private int[] slotOf = new int[1024];
    private int[] next = new int[1024];
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
        for (int e = heads[(key >>> 1) & (heads.length - 1)]; e != 0; e = next[e - 1]) {
            if (keys[e - 1] == key) {
                action.accept(slotOf[e - 1]);
            }
        }
    }

    /** Keeps only the entries whose slot {@code newSlot} maps to a slot (not -1), renumbered. */
    void rebuild(int[] newSlot) {
        int kept = 0;
        counts.clear();
        for (int e = 0; e < size; e++) {
            int slot = newSlot[slotOf[e]];
            if (slot >= 0) {
                keys[kept] = keys[e];
                slotOf[kept] = slot;
                kept++;
                counts.add(keys[e], 1);
            }
        }
        size = kept;
        if (size < keys.length / 4 && keys.length > 1024) {
            int capacity = Math.max(1024, Integer.highestOneBit(size) * 2);
            keys = Arrays.copyOf(keys, capacity);
            slotOf = Arrays.copyOf(slotOf, capacity);
            next = new int[capacity];
        }
        rehash(keys.length);
    }

    int entries() {
        return size;
    }

    private void addEntry(int key, int slot) {
        if (size == keys.length) {
            int capacity = size * 2;
            keys = Arrays.copyOf(keys, capacity);
            slotOf = Arrays.copyOf(slotOf, capacity);
            next = Arrays.copyOf(next, capacity);
            rehash(capacity);
        }
        int bucket = (key >>> 1) & (heads.length - 1);
        keys[size] = key;
        slotOf[size] = slot;
        next[size] = heads[bucket];
        heads[bucket] = ++size;
    }

    /** Rebuilds the chains over {@code buckets} slots (a power of two); keys are hashes, their low bits pick one. */
    private void rehash(int buckets) {
        heads = new int[buckets];
        if (next.length < keys.length) {
            next = new int[keys.length];
        }
        for (int e = 0; e < size; e++) {
            int bucket = (keys[e] >>> 1) & (buckets - 1);
            next[e] = heads[bucket];
            heads[bucket] = e + 1;
        }
    }
}

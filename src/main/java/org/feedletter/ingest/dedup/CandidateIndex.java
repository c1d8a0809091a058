package org.feedletter.ingest.dedup;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.feedletter.identity.CandidateKeys;
import org.feedletter.identity.EntryEvidence;
import org.feedletter.store.IngestTransaction;

/**
 * The stored entries an arriving entry may be a copy of, found by {@link CandidateKeys} in this process's memory.
 * The table {@code item_sources} stays the truth: entries are written under the identity lock, each transaction's
 * numbered one higher, and the index reads the rows numbered after the last it has read (other threads' and other
 * nodes' writes) before it answers; an entry moved to another item (a merge) or rewritten (an update) is read again
 * and replaces its old slot.
 *
 * <p>It holds the entries published within twice the dedup window, and any indexed within the last window: an entry
 * published within the window (every fresh one) thus finds every entry it may be compared with (they are published
 * at most a window apart). Older entries are dropped each time the index has doubled, so memory follows the window,
 * not the store. Each slot keeps the entry's evidence, so candidates are compared without reading them back; the
 * items of those found alike are read from the table before anything is decided.
 */
final class CandidateIndex {

    /**
     * A key more entries share than this is passed over: a title's "quick comment" or a house phrase every text
     * opens with tells no piece from another, and a copy shares rarer ones with its original.
     */
    static final int MAX_KEY_ENTRIES = 24;
    private static final long CATCH_UP_EVERY_NANOS = 100_000_000;

    private final Duration window;
    private final EntryKeyIndex keys = new EntryKeyIndex();
    private final Map<String, Integer> slotByEntry = new HashMap<>();
    private long[] itemOf = new long[256];
    private int[] publishedMinute = new int[256];
    private int[] indexedMinute = new int[256];
    private EntryEvidence[] evidence = new EntryEvidence[256];
    private int[][] slotKeys = new int[256][];
    /** How many of each slot's keys are shingle keys. */
    private int[] shingleKeys = new int[256];
    /** Each slot's feed, kept beside it: most candidates are looked at by feed and counts alone. */
    private long[] feedOf = new long[256];
    private boolean[] live = new boolean[256];
    private int slots;
    private int liveSlots;
    private int pruneAt = 4096;
    /** Counts the prunings: a {@link #mark} made before one no longer tells which slots came after it. */
    private int prunings;
    /** Every entry numbered up to this has been read; -1 before the first read. */
    private long readUpTo = -1;
    private long caughtUpAt;
    private final IntCounts hits = new IntCounts();

    CandidateIndex(Duration window) {
        this.window = window;
    }

    /** A stored entry the index found, with the item it belongs to. */
    record Candidate(long itemId, EntryEvidence evidence) {}

    /** An entry written (or moved) by a transaction, for {@link #committed}. */
    record Written(long itemId, EntryEvidence evidence) {}

    /**
     * Reads what was committed since the last read, without the lock: the costly first read of a large store, or
     * another node's many new entries, happens here while other ingests go on; what comes after is read under the
     * lock ({@link #readUpTo}), a few rows. At most every {@link #CATCH_UP_EVERY_NANOS}: this process's own ingests
     * add theirs as they commit.
     */
    synchronized void catchUp(IngestTransaction tx, Instant now) {
        long started = System.nanoTime();
        if (readUpTo >= 0 && started - caughtUpAt < CATCH_UP_EVERY_NANOS) {
            return;
        }
        readUpTo(tx, tx.committedEntries().lastSeq(), now);
        caughtUpAt = started;
    }

    /** Reads the entries numbered up to {@code upTo} that it has not read; call under the lock with its number - 1. */
    synchronized void readUpTo(IngestTransaction tx, long upTo, Instant now) {
        if (upTo <= readUpTo) {
            return;
        }
        tx.committedEntries().forEach(readUpTo, upTo, now.minus(window.multipliedBy(2)), now.minus(window),
                stored -> add(stored.itemId(), Evidence.ofStored(stored), now));
        readUpTo = upTo;
        pruneWhenDoubled(now);
    }

    /**
     * The stored entries that share enough keys with {@code entry}, of those few entries have: a title key, or three
     * shingle keys and at least a quarter of the sampled shingles of the smaller text (two unrelated long texts share
     * a few common phrases; a copy shares most of its sample). An entry of the same feed listing the same site is only
     * a candidate when it shares three quarters: such entries are one piece only as verbatim copies. Each entry once;
     * the entry itself (an earlier version of it) is left out.
     */
    synchronized List<Candidate> candidates(EntryEvidence entry) {
        hits.clear();
        int looked = 0; // the entry's shingle keys that were looked up
        int[] entryKeys = CandidateKeys.of(entry);
        for (int key : entryKeys) {
            if (keys.count(key) <= MAX_KEY_ENTRIES) {
                looked += lookUp(key);
            }
        }
        if (looked < CandidateKeys.SHINGLE_HITS) {
            looked += lookUpRarest(entryKeys, CandidateKeys.SHINGLE_HITS - looked);
        }
        List<Candidate> found = new ArrayList<>();
        int lookedUp = looked;
        hits.forEach((slot, count) -> {
            int shingles = count % TITLE_HIT;
            int sample = Math.min(lookedUp, shingleKeys[slot]);
            boolean candidate = feedOf[slot] == entry.feedId() && evidence[slot].sameListing(entry)
                    ? shingles >= CandidateKeys.SHINGLE_HITS && shingles * 4 >= sample * 3 // only a verbatim copy
                    : count >= TITLE_HIT || shingles >= CandidateKeys.SHINGLE_HITS && shingles * 4 >= sample;
            if (candidate && !evidence[slot].sameEntry(entry)) {
                found.add(new Candidate(itemOf[slot], evidence[slot]));
            }
        });
        return found;
    }

    /** Counts a key's slots as hits; returns 1 for a shingle key looked up, 0 for a title key. */
    private int lookUp(int key) {
        boolean title = CandidateKeys.isTitleKey(key);
        int weight = title ? TITLE_HIT : 1;
        keys.forEach(key, slot -> {
            if (live[slot]) {
                hits.add(slot, weight);
            }
        });
        return title ? 0 : 1;
    }

    /**
     * A text of common words has few keys under {@link #MAX_KEY_ENTRIES}: its rarest shingle keys are looked up as
     * well, up to {@code wanted} of them, of those not shared by four times as many entries.
     */
    private int lookUpRarest(int[] entryKeys, int wanted) {
        List<int[]> popular = new ArrayList<>(); // key, count
        for (int key : entryKeys) {
            int count = keys.count(key);
            if (!CandidateKeys.isTitleKey(key) && count > MAX_KEY_ENTRIES && count <= 4 * MAX_KEY_ENTRIES) {
                popular.add(new int[] {key, count});
            }
        }
        popular.sort((a, b) -> a[1] != b[1] ? Integer.compare(a[1], b[1]) : Integer.compare(a[0], b[0]));
        int looked = 0;
        for (int i = 0; i < Math.min(wanted, popular.size()); i++) {
            looked += lookUp(popular.get(i)[0]);
        }
        return looked;
    }

    /** A title key's hit, counted apart from the shingle hits (an entry has far fewer than this many shingles). */
    private static final int TITLE_HIT = 1 << 16;

    /**
     * Adds a transaction's entries once it committed, if the index had read all before it; otherwise the next read
     * finds them in the table.
     */
    synchronized void committed(long seq, List<Written> written, Instant now) {
        if (readUpTo != seq - 1) {
            return;
        }
        written.forEach(w -> add(w.itemId(), w.evidence(), now));
        readUpTo = seq;
        pruneWhenDoubled(now);
    }

    synchronized int entries() {
        return liveSlots;
    }

    /** Where the index stands now; {@link #addedSince} tells what it read or was given after. */
    synchronized long mark() {
        return ((long) prunings << 32) | slots;
    }

    /**
     * The entries the index took in after {@code mark} (other transactions' commits, read under the lock), each with
     * its item; null when the index was pruned since, and the mark tells nothing.
     */
    synchronized List<Written> addedSince(long mark) {
        if ((int) (mark >>> 32) != prunings) {
            return null;
        }
        List<Written> added = new ArrayList<>();
        for (int slot = (int) mark; slot < slots; slot++) {
            added.add(new Written(itemOf[slot], evidence[slot]));
        }
        return added;
    }

    private void add(long itemId, EntryEvidence entry, Instant now) {
        long published = minute(entry.published());
        long indexed = minute(now);
        if (published < minute(now.minus(window.multipliedBy(2))) && indexed < minute(now.minus(window))) {
            return;
        }
        String key = entry.feedId() + " " + entry.sourceKey();
        Integer old = slotByEntry.get(key);
        if (old != null) {
            live[old] = false;
            liveSlots--;
            keys.forget(slotKeys[old]);
        }
        if (slots == itemOf.length) {
            grow(slots * 2);
        }
        int slot = slots++;
        itemOf[slot] = itemId;
        publishedMinute[slot] = (int) published;
        indexedMinute[slot] = (int) indexed;
        evidence[slot] = entry;
        slotKeys[slot] = CandidateKeys.of(entry);
        int shingles = 0;
        for (int k : slotKeys[slot]) {
            shingles += CandidateKeys.isTitleKey(k) ? 0 : 1;
        }
        shingleKeys[slot] = shingles;
        feedOf[slot] = entry.feedId();
        live[slot] = true;
        liveSlots++;
        slotByEntry.put(key, slot);
        keys.add(slot, slotKeys[slot]);
    }

    private void pruneWhenDoubled(Instant now) {
        if (slots < pruneAt) {
            return;
        }
        int publishedFrom = (int) minute(now.minus(window.multipliedBy(2)));
        int indexedFrom = (int) minute(now.minus(window));
        int[] newSlot = new int[slots];
        int kept = 0;
        slotByEntry.clear();
        for (int slot = 0; slot < slots; slot++) {
            if (live[slot] && (publishedMinute[slot] >= publishedFrom || indexedMinute[slot] >= indexedFrom)) {
                newSlot[slot] = kept;
                itemOf[kept] = itemOf[slot];
                publishedMinute[kept] = publishedMinute[slot];
                indexedMinute[kept] = indexedMinute[slot];
                evidence[kept] = evidence[slot];
                slotKeys[kept] = slotKeys[slot];
                shingleKeys[kept] = shingleKeys[slot];
                feedOf[kept] = feedOf[slot];
                live[kept] = true;
                slotByEntry.put(evidence[kept].feedId() + " " + evidence[kept].sourceKey(), kept);
                kept++;
            } else {
                newSlot[slot] = -1;
            }
        }
        Arrays.fill(evidence, kept, slots, null);
        Arrays.fill(slotKeys, kept, slots, null);
        slots = kept;
        liveSlots = kept;
        keys.rebuild(newSlot);
        if (slots < itemOf.length / 4 && itemOf.length > 256) {
            grow(Math.max(256, slots * 2));
        }
        pruneAt = Math.max(4096, slots * 2);
        prunings++;
    }

    private void grow(int capacity) {
        itemOf = Arrays.copyOf(itemOf, capacity);
        publishedMinute = Arrays.copyOf(publishedMinute, capacity);
        indexedMinute = Arrays.copyOf(indexedMinute, capacity);
        evidence = Arrays.copyOf(evidence, capacity);
        slotKeys = Arrays.copyOf(slotKeys, capacity);
        shingleKeys = Arrays.copyOf(shingleKeys, capacity);
        feedOf = Arrays.copyOf(feedOf, capacity);
        live = Arrays.copyOf(live, capacity);
    }

    private static long minute(Instant instant) {
        return Math.floorDiv(instant.getEpochSecond(), 60);
    }
}

package org.feedletter.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.feedletter.store.ItemStore.IngestTransaction;
import org.feedletter.store.StoredFingerprint;

/**
 * The band keys of the stored fingerprints, in this process's memory, to find the items an entry may be a
 * near-duplicate of. The table {@code item_fingerprints} stays the truth: fingerprints are written under the
 * near-duplicate lock, each transaction's numbered one higher, and the index reads the rows numbered after the last
 * it has read (other threads' and other nodes' writes) before it answers. A replaced fingerprint's old keys stay
 * until the next pruning and merely add a candidate, which is compared against the stored fingerprint and rejected.
 *
 * <p>It holds the items published within twice the dedup window, and any indexed within the last window: an entry
 * published within the window (every fresh one) thus finds every item it may be merged with (they are published at
 * most a window apart), and so do two old copies arriving within a window of each other, as when two feeds with old
 * entries are added together. Older items are dropped each time the index has doubled, so memory follows the
 * window, not the store: about 800 bytes per item.
 *
 * <p>It also keeps each item's latest fingerprint, so candidates are compared without reading them back: with
 * openings that share phrases, an entry has a dozen candidates, and reading them took a fifth of a first poll's
 * time. What it keeps is what the table held when it was read or written; a fingerprint deleted since (an update
 * left the text too short) is the one thing it can miss, so a candidate it calls the same piece is read again from
 * the table before anything is merged ({@link ItemIngestor}).
 *
 * <p>Written as rows, the 24 band keys per item and their lookups took most of a first poll's time.
 */
final class NearDuplicateIndex {

    private final BandKeyIndex keys = new BandKeyIndex();
    private final Map<Long, KeptFingerprint> latest = new HashMap<>();
    private final Duration window;
    /** Every fingerprint numbered up to this has been read; -1 before the first read. */
    private long readUpTo = -1;
    private int pruneAt = 4096;
    private static final long CATCH_UP_EVERY_NANOS = 100_000_000;
    private long caughtUpAt;

    NearDuplicateIndex(Duration window) {
        this.window = window;
    }

    /**
     * Reads what was committed since the last read, without the lock: the costly first read of a large store, or
     * another node's many new items, happens here, while other ingests go on. At most every
     * {@link #CATCH_UP_EVERY_NANOS}: this process's own ingests add theirs as they commit, so most catch-ups found
     * nothing, after a query each (one per feed); what other nodes write meanwhile is read under the lock, a few
     * rows.
     */
    synchronized void catchUp(IngestTransaction tx, Instant now) {
        long started = System.nanoTime();
        if (readUpTo >= 0 && started - caughtUpAt < CATCH_UP_EVERY_NANOS) {
            return;
        }
        readUpTo(tx, tx.committedFingerprintSeq(), now);
        caughtUpAt = started;
    }

    /**
     * For each fingerprint, the items sharing a band key with it, in id order (so ties between candidates are
     * decided the same way each time). Call holding the lock, with its sequence number: every fingerprint numbered
     * lower is committed, and is read first if it is not in the index yet.
     */
    synchronized List<long[]> itemsSharingBands(IngestTransaction tx, long lockSeq, List<TextFingerprint> fingerprints,
            Instant now) {
        readUpTo(tx, lockSeq - 1, now);
        return itemsSharingBands(fingerprints).ids();
    }

    /** As above, from what the index holds now, without reading anything; each array ascending. */
    synchronized Sharing itemsSharingBands(List<TextFingerprint> fingerprints) {
        List<long[]> found = new ArrayList<>(fingerprints.size());
        BandKeyIndex.Ids ids = new BandKeyIndex.Ids();
        for (TextFingerprint fingerprint : fingerprints) {
            for (long key : fingerprint.sharedBandKeys()) {
                keys.collect(key, ids);
            }
            found.add(ids.sortedDistinct());
        }
        return new Sharing(found, keys.mark());
    }

    /** For each fingerprint the items sharing a band key with it, each array ascending; and where the index stood. */
    record Sharing(List<long[]> ids, long mark) {}

    /**
     * As {@link #itemsSharingBands(IngestTransaction, long, List, Instant)}, but only the items indexed after an
     * earlier answer's {@code mark}: the look under the lock after one without it needs no more, and scanning what
     * came since is cheaper than looking every key up again. If the index was pruned since, all of them.
     */
    synchronized List<long[]> itemsSharingBandsSince(IngestTransaction tx, long lockSeq,
            List<TextFingerprint> fingerprints, long mark, Instant now) {
        readUpTo(tx, lockSeq - 1, now);
        List<long[]> keySets = new ArrayList<>(fingerprints.size());
        List<BandKeyIndex.Ids> found = new ArrayList<>(fingerprints.size());
        for (TextFingerprint fingerprint : fingerprints) {
            keySets.add(fingerprint.sharedBandKeys());
            found.add(new BandKeyIndex.Ids());
        }
        if (!keys.collectAddedSince(mark, keySets, found)) {
            return itemsSharingBands(fingerprints).ids();
        }
        return found.stream().map(BandKeyIndex.Ids::sortedDistinct).toList();
    }

    /**
     * Adds a transaction's fingerprints once it committed, if the index had read all before it; otherwise the next
     * read finds them in the table.
     */
    synchronized void committed(long seq, List<IndexedFingerprint> written, Instant now) {
        if (readUpTo != seq - 1) {
            return;
        }
        written.forEach(f -> add(f.itemId(), f.fingerprint(), f.published(), now));
        readUpTo = seq;
        pruneWhenDoubled(now);
    }

    /** The latest fingerprints the index holds of these items, by item id; items it does not hold are left out. */
    synchronized Map<Long, KeptFingerprint> latest(long[] itemIds) {
        Map<Long, KeptFingerprint> found = new HashMap<>();
        for (long id : itemIds) {
            KeptFingerprint kept = latest.get(id);
            if (kept != null) {
                found.put(id, kept);
            }
        }
        return found;
    }

    synchronized int items() {
        return keys.items();
    }

    /** A fingerprint written for an item. */
    record IndexedFingerprint(long itemId, TextFingerprint fingerprint, Instant published) {}

    /** A fingerprint as the index keeps it: made once, without the band keys (those live in {@link BandKeyIndex}). */
    record KeptFingerprint(TextFingerprint fingerprint, Instant published, long indexedMinute) {}

    private void readUpTo(IngestTransaction tx, long upTo, Instant now) {
        if (upTo <= readUpTo) {
            return;
        }
        Instant publishedFrom = now.minus(window.multipliedBy(2));
        Instant indexedFrom = now.minus(window);
        tx.forEachFingerprint(readUpTo, upTo, publishedFrom, indexedFrom, (StoredFingerprint f) ->
                add(f.itemId(), TextFingerprint.stored(f.titleWords(), f.shingles(), f.words()), f.published(), now));
        readUpTo = upTo;
        pruneWhenDoubled(now);
    }

    private void add(long itemId, TextFingerprint fingerprint, Instant published, Instant now) {
        long indexed = minute(now);
        keys.add(itemId, fingerprint.sharedBandKeys(), minute(published), indexed);
        latest.put(itemId, new KeptFingerprint(TextFingerprint.kept(fingerprint.encodedTitle(),
                fingerprint.sharedShingles(), fingerprint.words()), published, indexed));
    }

    private void pruneWhenDoubled(Instant now) {
        if (keys.items() < pruneAt) {
            return;
        }
        long publishedFrom = minute(now.minus(window.multipliedBy(2)));
        long indexedFrom = minute(now.minus(window));
        keys.retainOnly(publishedFrom, indexedFrom);
        latest.values().removeIf(f -> minute(f.published()) < publishedFrom && f.indexedMinute() < indexedFrom);
        pruneAt = Math.max(4096, keys.items() * 2);
    }

    private static long minute(Instant instant) {
        return Math.floorDiv(instant.getEpochSecond(), 60);
    }
}

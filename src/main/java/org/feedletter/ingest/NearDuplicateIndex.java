package org.feedletter.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.feedletter.store.ItemStore.IngestTransaction;
import org.feedletter.store.StoredFingerprint;

/**
 * The band keys of every stored fingerprint, in this process's memory, to find the items an entry may be a
 * near-duplicate of. The table {@code item_fingerprints} stays the truth: fingerprints are written under the
 * near-duplicate lock, each transaction's numbered one higher, and the index reads the rows numbered after the last
 * it has read (other threads' and other nodes' writes) before it answers. It only grows: a replaced fingerprint's
 * old keys stay and merely add a candidate, which is compared against the stored fingerprint and rejected.
 *
 * <p>Written as rows, the 24 band keys per item and their lookups took most of a first poll's time.
 */
final class NearDuplicateIndex {

    private final BandKeyIndex keys = new BandKeyIndex();
    /** Every fingerprint numbered up to this is in the index; -1 before the first read. */
    private long readUpTo = -1;

    /**
     * Reads what was committed since the last read, without the lock: the costly first read of a large store, or
     * another node's many new items, happens here, while other ingests go on.
     */
    synchronized void catchUp(IngestTransaction tx) {
        readUpTo(tx, tx.committedFingerprintSeq());
    }

    /**
     * For each fingerprint, the items sharing a band key with it, in id order (so ties between candidates are
     * decided the same way each time). Call holding the lock, with its sequence number: every fingerprint numbered
     * lower is committed, and is read first if it is not in the index yet.
     */
    synchronized List<Set<Long>> itemsSharingBands(IngestTransaction tx, long lockSeq, List<TextFingerprint> fingerprints) {
        readUpTo(tx, lockSeq - 1);
        return itemsSharingBands(fingerprints);
    }

    /** As above, from what the index holds now, without reading anything. */
    synchronized List<Set<Long>> itemsSharingBands(List<TextFingerprint> fingerprints) {
        List<Set<Long>> found = new ArrayList<>(fingerprints.size());
        for (TextFingerprint fingerprint : fingerprints) {
            Set<Long> ids = new TreeSet<>();
            for (long key : fingerprint.sharedBandKeys()) {
                keys.collect(key, ids);
            }
            found.add(ids);
        }
        return found;
    }

    /**
     * Adds a transaction's fingerprints once it committed, if the index had read all before it; otherwise the next
     * read finds them in the table.
     */
    synchronized void committed(long seq, List<IndexedFingerprint> written) {
        if (readUpTo != seq - 1) {
            return;
        }
        written.forEach(f -> add(f.itemId(), f.fingerprint()));
        readUpTo = seq;
    }

    synchronized int entries() {
        return keys.size();
    }

    /** A fingerprint written for an item. */
    record IndexedFingerprint(long itemId, TextFingerprint fingerprint) {}

    private void readUpTo(IngestTransaction tx, long upTo) {
        if (upTo <= readUpTo) {
            return;
        }
        tx.forEachFingerprint(readUpTo, upTo, (StoredFingerprint f) ->
                add(f.itemId(), TextFingerprint.stored(f.titleWords(), f.shingles(), f.words())));
        readUpTo = upTo;
    }

    private void add(long itemId, TextFingerprint fingerprint) {
        for (long key : fingerprint.sharedBandKeys()) {
            keys.add(key, itemId);
        }
    }
}

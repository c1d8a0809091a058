package org.feedletter.store;

import org.jdbi.v3.core.Handle;

/**
 * What ingest may do inside one transaction ({@link ItemStore#inTransaction}): take the identity lock and learn its
 * sequence number here; read and write through the parts, one per concern, all on this transaction's connection.
 */
public final class IngestTransaction {

    private final Handle h;
    private final Dialect dialect;
    /** Set by {@link #changed()}. */
    boolean changed;
    /** Items inserted in this transaction ({@link ItemWrites#insert}), for the analyses of growing tables. */
    int insertedItems;
    private long fingerprintSeq = -1;

    private final EntryReads entryReads;
    private final CommittedEntries committedEntries;
    private final ItemReads itemReads;
    private final ItemWrites itemWrites;
    private final EntryWrites entryWrites;
    private final AliasRows aliases;
    private final ItemMerger itemMerger;

    IngestTransaction(Handle h, Dialect dialect) {
        this.h = h;
        this.dialect = dialect;
        this.entryReads = new EntryReads(h, dialect);
        this.committedEntries = new CommittedEntries(h);
        this.itemReads = new ItemReads(h);
        this.itemWrites = new ItemWrites(this, h, dialect);
        this.entryWrites = new EntryWrites(this, h);
        this.aliases = new AliasRows(h);
        this.itemMerger = new ItemMerger(this, h);
    }

    /** For tests that look at the transaction's settings. */
    Handle handle() {
        return h;
    }

    /** The stored entries: a feed's by guid, the candidate items', the HTML their rows keep. */
    public EntryReads entryReads() {
        return entryReads;
    }

    /** What other transactions committed, by sequence number, for the candidate index. */
    public CommittedEntries committedEntries() {
        return committedEntries;
    }

    /** The stored items: by public id, as they are now, their HTML and texts. */
    public ItemReads itemReads() {
        return itemReads;
    }

    /** New items, what items show, their revisions. */
    public ItemWrites itemWrites() {
        return itemWrites;
    }

    /** New and changed entries, under this transaction's sequence number. */
    public EntryWrites entryWrites() {
        return entryWrites;
    }

    /** The public ids items stand under besides their own. */
    public AliasRows aliases() {
        return aliases;
    }

    /** Folding an item into another. */
    public ItemMerger itemMerger() {
        return itemMerger;
    }

    /**
     * Takes the identity lock until commit and returns this transaction's sequence number (the same on each
     * call). Every write of entries happens under it and is numbered with it, so whoever holds it sees every
     * entry written before (all numbered lower and committed) and nobody writes meanwhile.
     */
    public long lockNearDuplicates() {
        if (fingerprintSeq < 0) {
            fingerprintSeq = h.createQuery(dialect.takeNearDuplicateLock()).mapTo(Long.class).one();
        }
        return fingerprintSeq;
    }

    /** The sequence number this transaction writes entries under, or -1 while it has not taken the lock. */
    public long fingerprintSeq() {
        return fingerprintSeq;
    }

    /** Tells watchers (the merged feed's cache, on every node) that items changed, once this commits. */
    public void changed() {
        changed = true;
    }
}

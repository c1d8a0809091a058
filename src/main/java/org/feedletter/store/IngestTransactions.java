package org.feedletter.store;

import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Jdbi;

/**
 * Runs ingest work in transactions for {@link ItemStore#inTransaction}: again when it lost a race, committed without
 * waiting for the disk on PostgreSQL; after it commits, tells watchers of changed items and analyzes the ingest
 * tables as they grow.
 */
final class IngestTransactions {

    static final int MAX_ATTEMPTS = 5;
    /** Items inserted by this process before the first ANALYZE of the ingest tables (PostgreSQL). */
    private static final long FIRST_ANALYZE = 500;
    /** How much the inserted items grow between analyses. */
    private static final long ANALYZE_STEP = 8;
    private static final String ANALYZE_KEY_COLUMNS = "ANALYZE items (id, public_id, published_at, first_seen_at, "
            + "changed_at), item_sources (feed_id, guid, item_id, first_seen_at, seq, published_at), "
            + "item_aliases (public_id, item_id)";

    private final Jdbi jdbi;
    private final Dialect dialect;
    private final boolean analyzes;
    /**
     * On PostgreSQL an ingest commits without waiting for its WAL to reach the disk: the near-duplicate lock is held
     * to commit, so the wait held up every other feed's write (together with item rows stored uncompressed, migration
     * V12, ingest on PostgreSQL came out about a sixth faster when measured; docs/BENCHMARKS.md, "Ingest at
     * scale"). Nothing can be lost by it: a database crash loses at most the last fraction of a second of such
     * commits, never one without those before it, and every statement that acts on items (a feed's new ETag, an
     * edition, a send) commits synchronously later, flushing them first. A crash thus
     * rolls a feed back to before the poll, and its next poll stores those entries again.
     */
    private final boolean commitsAsynchronously;
    private final AtomicLong inserted = new AtomicLong();
    private final AtomicLong analyzeAt = new AtomicLong(FIRST_ANALYZE);
    private final AtomicLong insertedAliases = new AtomicLong();
    private final AtomicLong analyzeAliasesAt = new AtomicLong(FIRST_ANALYZE);

    IngestTransactions(Jdbi jdbi, Dialect dialect) {
        this.jdbi = jdbi;
        this.dialect = dialect;
        this.analyzes = dialect == Dialect.POSTGRESQL;
        this.commitsAsynchronously = dialect == Dialect.POSTGRESQL;
    }

    /** See {@link ItemStore#inTransaction(ItemStore.AttemptedWork)}. */
    <T> T run(ItemStore.AttemptedWork<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                IngestTransaction[] tx = new IngestTransaction[1];
                int number = attempt;
                T result = jdbi.inTransaction(h -> {
                    if (commitsAsynchronously) {
                        h.execute("SET LOCAL synchronous_commit = off");
                    }
                    return work.apply(tx[0] = new IngestTransaction(h, dialect), number);
                });
                if (tx[0].changed && tx[0].fingerprintSeq() < 0) {
                    bumpVersion(); // with the lock taken, its new sequence number already told watchers
                }
                analyzeWhenGrown(tx[0]);
                return result;
            } catch (RuntimeException e) {
                boolean again = e instanceof ItemStore.Retry || SqlErrors.isUniqueViolation(e)
                        || SqlErrors.isDeadlock(e) || SqlErrors.isLockTimeout(e);
                if (attempt >= MAX_ATTEMPTS || !again) {
                    throw e;
                }
            }
        }
    }

    /**
     * For an ingest that changed items without taking the near-duplicate lock (one that only merged entries into
     * stored items): bumped after it commits, in a statement of its own, since inside every such ingest would hold
     * the counter row's lock until commit and feeds could only be stored one at a time.
     */
    private void bumpVersion() {
        jdbi.useHandle(h -> h.createUpdate("UPDATE change_counters SET version = version + 1 WHERE name = 'items'").execute());
    }

    /**
     * On PostgreSQL, ANALYZE the ingest tables each time this process has inserted eight times as many items as at
     * the last (from 500 on). PostgreSQL keeps a statement's generic plan until its tables are analyzed, and plans
     * made while they were nearly empty scan them: a first poll of many feeds grows them long before autovacuum gets
     * there (when measured, the 1,000-feed ingest benchmark took 20-24 s, with these analyses about 18 s;
     * docs/BENCHMARKS.md, "Ingest at scale"). Once the plans use
     * the indexes, later analyses change little and each costs up to a second of the database's time at a few
     * ten thousand rows: eightfold, not twofold, steps keep the first and skip most of those. Only the columns that
     * statements find rows by are analyzed: the statistics of the text and HTML columns cost half of each analysis
     * and choose no plan (autovacuum analyzes every column in its own time). H2 analyzes by itself.
     *
     * <p>Item aliases are counted apart: they grow without new items where copies join stored ones (a partner's
     * copies under their own URLs), and planned as nearly empty their look-up scanned the table (half of a
     * near-duplicate's time on PostgreSQL in the dedup benchmark; docs/BENCHMARKS.md, "Item identity").
     */
    private void analyzeWhenGrown(IngestTransaction tx) {
        if (!analyzes) {
            return;
        }
        if (grown(inserted, analyzeAt, tx.insertedItems)) {
            jdbi.useHandle(h -> h.execute(ANALYZE_KEY_COLUMNS));
        }
        if (grown(insertedAliases, analyzeAliasesAt, tx.aliases().inserted)) {
            jdbi.useHandle(h -> h.execute("ANALYZE item_aliases (public_id, item_id)"));
        }
    }

    /** Adds {@code added} rows to {@code total}; true, once, when that reaches {@code due}, which grows eightfold. */
    private static boolean grown(AtomicLong total, AtomicLong due, int added) {
        if (added == 0) {
            return false;
        }
        long now = total.addAndGet(added);
        long at = due.get();
        return now >= at && due.compareAndSet(at, now * ANALYZE_STEP);
    }
}

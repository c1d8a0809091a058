package org.feedletter.store;

import java.util.Locale;

/**
 * What differs between the two databases we run on. Both take FOR UPDATE SKIP LOCKED, so claims are the same SQL.
 */
public enum Dialect {
    H2 {
        @Override
        String tuneUrl(String url) {
            String upper = url.toUpperCase();
            // We close the database ourselves on shutdown; H2's own hook would close it under running jobs.
            String tuned = upper.contains("DB_CLOSE_ON_EXIT") ? url : url + ";DB_CLOSE_ON_EXIT=FALSE";
            // Ingests wait for each other's near-duplicate lock, held to commit; H2's default of one second failed
            // feeds of a large first poll. Ten seconds covers those waits and still ends a stuck one.
            tuned = upper.contains("LOCK_TIMEOUT") ? tuned : tuned + ";LOCK_TIMEOUT=" + LOCK_TIMEOUT_MILLIS;
            // H2 keeps the plans of 8 statements per connection; an ingest alone runs about 15, so each was parsed
            // and planned again every time (ingest 17 % faster with 64 when measured; docs/BENCHMARKS.md, "Ingest
            // at scale").
            return upper.contains("QUERY_CACHE_SIZE") ? tuned : tuned + ";QUERY_CACHE_SIZE=" + QUERY_CACHE_SIZE;
        }

        @Override
        String binaryType() {
            return "BLOB";
        }

        @Override
        String durabilityBarrier() {
            return "CHECKPOINT";
        }

        @Override
        String takeNearDuplicateLock() {
            return "SELECT seq FROM FINAL TABLE (UPDATE dedup_locks SET seq = seq + 1 WHERE slot = 0)";
        }

    },
    POSTGRESQL {
        @Override
        String tuneUrl(String url) {
            // The driver sends a batch of inserts as a statement per row unless told to rewrite it into multi-row
            // statements; per row, the server then starts an executor and checks the protocol anew. Ingest inserts
            // item sources, aliases and fingerprints in batches (items: ItemWrites). An operator's own setting stays.
            if (url.toLowerCase(Locale.ROOT).contains("rewritebatchedinserts=")) {
                return url;
            }
            return url + (url.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true";
        }

        @Override
        String binaryType() {
            return "BYTEA";
        }

        @Override
        String durabilityBarrier() {
            return null;
        }

        @Override
        String takeNearDuplicateLock() {
            return "UPDATE dedup_locks SET seq = seq + 1 WHERE slot = 0 RETURNING seq";
        }

    };

    /** How long an H2 statement waits for another transaction's row lock before it fails (H2's default: 1 s). */
    static final int LOCK_TIMEOUT_MILLIS = 10_000;
    /** How many statements' plans an H2 connection keeps (H2's default: 8). */
    static final int QUERY_CACHE_SIZE = 64;

    abstract String tuneUrl(String url);

    abstract String binaryType();

    /**
     * A statement that makes what was committed survive a killed process, or null when every commit already does.
     * H2 writes commits out a moment later (fast ingest, one write for many commits); where a record must not be
     * lost, such as a failed message, it is flushed at once (messages marked sent, far more frequent, go through
     * {@link SentJournal} instead). PostgreSQL's commits are durable.
     */
    abstract String durabilityBarrier();

    /**
     * Locks the near-duplicate row until commit and returns its new sequence number, in one round trip: the lock is
     * held by one ingest at a time, so a round trip under it delays every other feed's write.
     */
    abstract String takeNearDuplicateLock();
}

package org.feedletter.store;

import java.sql.SQLException;

import java.util.function.Supplier;

/** Reading SQL failures the same way on H2 and PostgreSQL. */
final class SqlErrors {

    private static final int ATTEMPTS = 3;

    private SqlErrors() {}

    /**
     * Runs an insert-if-missing transaction again when another node inserted the same key first: the second run
     * finds the row. Nodes starting together all sync the config's feeds, newsletters and subscribers.
     */
    static <T> T retryingUniqueViolations(Supplier<T> transaction) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction.get();
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS || !isUniqueViolation(e)) {
                    throw e;
                }
            }
        }
    }

    /**
     * SQLSTATE 40P01 (PostgreSQL) or 40001 (H2, and serialization failures): the database chose this transaction
     * to break a deadlock; run again, it succeeds.
     */
    static boolean isDeadlock(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && ("40P01".equals(sql.getSQLState()) || "40001".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    /**
     * A wait for another transaction's lock that ran out (H2: HYT00; PostgreSQL: 55P03): a transaction waiting for
     * the identity lock while another, holding it, waits for a row the first inserted, on a database that does not
     * see such a cycle. Run again, with the lock taken first, it succeeds.
     */
    static boolean isLockTimeout(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && ("HYT00".equals(sql.getSQLState()) || "55P03".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    /** SQLSTATE 23505: another transaction wrote the same unique key first. */
    static boolean isUniqueViolation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}

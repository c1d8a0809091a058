package org.feedletter.store;

import java.time.Instant;
import org.jdbi.v3.core.Jdbi;

/**
 * Admin sessions ended by a logout, by the nonce their cookie carries, until they would have expired. In the
 * database so that a logout holds on every node and after a restart; a row is deleted once its session has
 * expired, so the table holds at most the sessions of one session length.
 */
public final class AdminLogoutStore {

    private final Database database;
    private final Jdbi jdbi;

    public AdminLogoutStore(Database database) {
        this.database = database;
        this.jdbi = database.jdbi();
    }

    /** Ends the session everywhere, durably before the answer that says so; forgets sessions expired by now. */
    public void loggedOut(String nonce, Instant expires, Instant now) {
        jdbi.useHandle(h -> {
            h.createUpdate("DELETE FROM admin_logouts WHERE expires_at <= :now").bind("now", now).execute();
            try {
                h.createUpdate("INSERT INTO admin_logouts (session_nonce, expires_at) VALUES (:nonce, :expires)")
                        .bind("nonce", nonce).bind("expires", expires).execute();
            } catch (RuntimeException e) {
                if (!SqlErrors.isUniqueViolation(e)) {
                    throw e; // else: logged out twice (two tabs, two nodes): once is enough
                }
            }
        });
        database.flushCommits();
    }

    public boolean isLoggedOut(String nonce) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM admin_logouts WHERE session_nonce = :nonce")
                .bind("nonce", nonce).mapTo(Integer.class).one()) > 0;
    }

    /** How many ended sessions are kept (expired ones go at the next logout). */
    public int count() {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM admin_logouts").mapTo(Integer.class).one());
    }
}

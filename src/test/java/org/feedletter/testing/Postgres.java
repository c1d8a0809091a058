package org.feedletter.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;
import org.feedletter.config.DatabaseConfig;
import org.junit.jupiter.api.Assumptions;

/**
 * The PostgreSQL at 127.0.0.1:5432 (database {@code test}, user {@code postgres}), one fresh schema per test so
 * runs never collide. Where none is reachable a test is skipped with the reason printed, unless
 * {@code -Dfeedletter.requirePostgres=true} (CI) makes that a failure.
 */
public final class Postgres {

    public static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";
    public static final String USER = "postgres";

    private Postgres() {}

    /** A new, empty schema; {@link #drop} removes it. */
    public static DatabaseConfig freshSchema() {
        requireReachable();
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        execute("CREATE SCHEMA " + schema);
        return new DatabaseConfig(URL + "?currentSchema=" + schema, USER, "", 8);
    }

    /**
     * Drops the schema. A node a test killed may leave a session running its last statement for a moment; a drop
     * that meets it in a deadlock (PostgreSQL picks the drop to abort) is tried again once that has ended.
     */
    public static void drop(DatabaseConfig config) {
        String url = config.url();
        String schema = url.substring(url.indexOf("currentSchema=") + "currentSchema=".length());
        String sql = "DROP SCHEMA IF EXISTS " + schema + " CASCADE";
        for (int attempt = 1; ; attempt++) {
            try (Connection c = DriverManager.getConnection(URL, USER, "")) {
                c.createStatement().execute(sql);
                return;
            } catch (SQLException e) {
                if (!DEADLOCK.equals(e.getSQLState()) || attempt == 20) {
                    throw new IllegalStateException(sql + ": " + e.getMessage(), e);
                }
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(sql + ": interrupted", e);
            }
        }
    }

    /** PostgreSQL's SQLSTATE for a deadlock detected. */
    private static final String DEADLOCK = "40P01";

    public static void requireReachable() {
        String problem = problem();
        if (problem != null) {
            String reason = "no PostgreSQL at " + URL + " (" + problem + ")";
            if (Boolean.getBoolean("feedletter.requirePostgres")) {
                throw new AssertionError(reason + "; CI requires it");
            }
            System.out.println("SKIPPED: " + reason);
            Assumptions.assumeTrue(false, reason);
        }
    }

    private static String problem() {
        try (Connection c = DriverManager.getConnection(URL, USER, "")) {
            return c.isValid(5) ? null : "the connection is not valid";
        } catch (SQLException e) {
            return e.getMessage();
        }
    }

    private static void execute(String sql) {
        try (Connection c = DriverManager.getConnection(URL, USER, "")) {
            c.createStatement().execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}

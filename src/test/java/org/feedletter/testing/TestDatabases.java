package org.feedletter.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.feedletter.config.DatabaseConfig;
import org.feedletter.store.Database;

/**
 * Fresh, migrated databases for tests: each call gets its own, so tests never see each other's rows. Tests tagged
 * {@code database} run twice in {@code mvn verify}: on H2, and again with {@code -Dfeedletter.testStore=postgresql}
 * on a fresh PostgreSQL schema per database (dropped when the test JVM ends).
 */
public final class TestDatabases {

    private static final List<DatabaseConfig> POSTGRES_SCHEMAS = new ArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            synchronized (POSTGRES_SCHEMAS) {
                POSTGRES_SCHEMAS.forEach(Postgres::drop);
            }
        }));
    }

    private TestDatabases() {}

    /** True when this run's database tests use PostgreSQL. */
    public static boolean onPostgres() {
        return "postgresql".equalsIgnoreCase(System.getProperty("feedletter.testStore", "h2"));
    }

    /** A fresh database of this run's kind (H2 by default). */
    public static DatabaseConfig freshConfig() {
        if (!onPostgres()) {
            return h2Config();
        }
        DatabaseConfig config = Postgres.freshSchema();
        synchronized (POSTGRES_SCHEMAS) {
            POSTGRES_SCHEMAS.add(config);
        }
        return config;
    }

    public static Database fresh() {
        return Database.open(freshConfig());
    }

    public static DatabaseConfig h2Config() {
        return new DatabaseConfig("jdbc:h2:mem:test-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "", "", 8);
    }

    public static Database h2() {
        return Database.open(h2Config());
    }
}

package org.feedletter.testing;

import org.feedletter.config.DatabaseConfig;

/** The two databases feedletter runs on; tests that must pass on both are parameterized with this. */
public enum Stores {
    H2, POSTGRESQL;

    /** A fresh database of this kind; close the returned handle to drop it. */
    public Fresh fresh() {
        return this == H2 ? new Fresh(TestDatabases.h2Config(), false) : new Fresh(Postgres.freshSchema(), true);
    }

    /** A fresh database's config; closing drops a PostgreSQL schema (H2 in-memory databases vanish on their own). */
    public record Fresh(DatabaseConfig config, boolean postgres) implements AutoCloseable {
        @Override
        public void close() {
            if (postgres) {
                Postgres.drop(config);
            }
        }
    }
}

package org.feedletter.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.feedletter.config.DatabaseConfig;
import org.feedletter.testing.TestDatabases;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Opening a database that is up to date skips Flyway; one that is behind, new or broken still goes through it. */
@Tag("database")
class SchemaVersionTest {

    private static final Pattern MIGRATION = Pattern.compile("V(\\d+)__.*\\.(sql|class)");

    @Test
    void theVersionNamedInCodeIsTheNewestMigrationFile() throws Exception {
        URL folder = Database.class.getClassLoader().getResource("db/migration");
        int newest;
        try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
            newest = files.map(f -> MIGRATION.matcher(f.getFileName().toString())).filter(Matcher::matches)
                    .mapToInt(m -> Integer.parseInt(m.group(1))).max().orElseThrow();
        }
        assertThat(Database.SCHEMA_VERSION).isEqualTo(newest);
    }

    @Test
    void aNewDatabaseIsMigratedAndThenOpensAtTheNewestVersion() {
        DatabaseConfig config = TestDatabases.freshConfig();
        try (Database first = Database.open(config)) {
            assertThat(Database.appliedVersion(first.dataSource())).contains(Database.SCHEMA_VERSION);
        }
        try (Database again = Database.open(config)) {
            assertThat(Database.appliedVersion(again.dataSource())).contains(Database.SCHEMA_VERSION);
            long items = again.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM items").mapTo(Long.class).one());
            assertThat(items).isZero();
        }
    }

    @Test
    void aDatabaseBehindIsBroughtUpToDate() {
        DatabaseConfig config = TestDatabases.freshConfig();
        String binary = config.isPostgres() ? Dialect.POSTGRESQL.binaryType() : Dialect.H2.binaryType();
        Flyway.configure().dataSource(config.url(), config.isPostgres() ? config.username() : "sa", config.password())
                .locations("classpath:db/migration").placeholders(Map.of("binary", binary)).target("13").load()
                .migrate();

        try (Database database = Database.open(config)) {
            assertThat(Database.appliedVersion(database.dataSource())).contains(Database.SCHEMA_VERSION);
            long holders = database.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM claim_holders")
                    .mapTo(Long.class).one()); // V16's table
            assertThat(holders).isZero();
        }
    }

    @Test
    void aFailedMigrationOnRecordIsLeftToFlyway() throws Exception {
        DatabaseConfig config = TestDatabases.freshConfig();
        try (Database database = Database.open(config)) {
            try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.execute("UPDATE \"flyway_schema_history\" SET \"success\" = FALSE WHERE \"version\" = '"
                        + Database.SCHEMA_VERSION + "'");
            }
            assertThat(Database.appliedVersion(database.dataSource())).isEqualTo(Optional.empty());
        }
    }
}

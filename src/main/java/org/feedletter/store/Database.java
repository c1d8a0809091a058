package org.feedletter.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.feedletter.config.DatabaseConfig;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.mapper.ColumnMapper;

/**
 * The database: a connection pool, the schema brought up to date by Flyway (our tables and Quartz's), and JDBI
 * on top. H2 and PostgreSQL run the same migrations; the few differences live in {@link Dialect}.
 */
public final class Database implements AutoCloseable {

    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final Dialect dialect;
    private final SentJournal sentJournal;

    private Database(HikariDataSource dataSource, Dialect dialect, Optional<Path> embeddedFile) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.sentJournal = embeddedFile.map(SentJournal::besides).orElse(null);
        this.jdbi = Jdbi.create(dataSource);
        jdbi.registerArgument(new InstantArgumentFactory());
        jdbi.registerColumnMapper(Instant.class, instantMapper());
    }

    /** Opens the pool and migrates the schema. */
    public static Database open(DatabaseConfig config) {
        Dialect dialect = config.isPostgres() ? Dialect.POSTGRESQL : Dialect.H2;
        if (dialect == Dialect.H2) {
            // H2 hashes every string it reads or binds to share equal ones, 3 KB item bodies included: about 5 %
            // of ingest. Read once, when H2 first loads; an operator's own -Dh2.objectCache wins.
            System.getProperties().putIfAbsent("h2.objectCache", "false");
        }
        HikariDataSource dataSource = new HikariDataSource(hikariConfig(config, dialect));
        try {
            migrate(dataSource, dialect);
            return new Database(dataSource, dialect, dialect == Dialect.H2 ? h2File(config.url()) : Optional.empty());
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
    }

    private static HikariConfig hikariConfig(DatabaseConfig config, Dialect dialect) {
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(dialect.tuneUrl(config.url()));
        if (!config.username().isEmpty()) {
            hikari.setUsername(config.username());
        } else if (dialect == Dialect.H2) {
            hikari.setUsername("sa");
        }
        hikari.setPassword(config.password());
        hikari.setMaximumPoolSize(config.poolSize());
        hikari.setPoolName("feedletter-db");
        hikari.setAutoCommit(true);
        // A missing server should fail start-up with its own message, not after Hikari's default 30 s.
        hikari.setInitializationFailTimeout(10_000);
        hikari.setConnectionTimeout(15_000);
        return hikari;
    }

    /**
     * The version of the newest migration under {@code db/migration}; a test holds it to the files. A database at
     * exactly this version is not handed to Flyway, whose scan and validation of every migration took a CLI command
     * a fifth of a second before it could start.
     */
    static final int SCHEMA_VERSION = 16;

    private static void migrate(DataSource dataSource, Dialect dialect) {
        if (appliedVersion(dataSource).equals(Optional.of(SCHEMA_VERSION))) {
            return;
        }
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .placeholders(Map.of("binary", dialect.binaryType()))
                .load()
                .migrate();
    }

    /**
     * The newest migration applied, when every one applied succeeded; empty for a new database, a failed migration or
     * a history Flyway must read itself.
     */
    static Optional<Integer> appliedVersion(DataSource dataSource) {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
                ResultSet rows = st.executeQuery("SELECT \"version\", \"success\" FROM \"flyway_schema_history\"")) {
            int newest = -1;
            while (rows.next()) {
                String version = rows.getString(1);
                if (!rows.getBoolean(2)) {
                    return Optional.empty();
                }
                if (version != null && version.chars().allMatch(Character::isDigit)) {
                    newest = Math.max(newest, Integer.parseInt(version));
                }
            }
            return newest < 0 ? Optional.empty() : Optional.of(newest);
        } catch (SQLException | NumberFormatException e) {
            return Optional.empty(); // no history yet: Flyway creates it
        }
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public Dialect dialect() {
        return dialect;
    }

    /** Where sent marks are kept between flushes: for an H2 database in a file of this process, else null. */
    SentJournal sentJournal() {
        return sentJournal;
    }

    /** For an H2 database in a file of this process (not in memory, not a server): its path without ".mv.db". */
    static Optional<Path> h2File(String url) {
        String rest = url.substring("jdbc:h2:".length()).split(";", 2)[0];
        if (rest.startsWith("file:")) {
            rest = rest.substring("file:".length());
        } else if (rest.matches("^[a-zA-Z]{2,}:.*")) { // mem:, tcp:, ssl:, zip:, nio...: not a plain local file
            return Optional.empty();
        }
        if (rest.startsWith("~")) {
            rest = System.getProperty("user.home") + rest.substring(1);
        }
        return rest.isEmpty() ? Optional.empty() : Optional.of(Path.of(rest).toAbsolutePath().normalize());
    }

    /**
     * Makes every commit so far survive a killed process. H2 writes commits out a moment later (one write for many
     * commits keeps ingest fast); records that must not be lost (an edition queued, a subscriber's choice, a
     * message marked sent) are flushed at once. PostgreSQL's commits are durable, so this does nothing there.
     */
    public void flushCommits() {
        String barrier = dialect.durabilityBarrier();
        if (barrier != null) {
            jdbi.useHandle(h -> h.execute(barrier));
        }
    }

    /** True when the database answers a trivial query. */
    public boolean isReachable() {
        try {
            return jdbi.withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one()) == 1;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        dataSource.close();
        if (sentJournal != null) {
            sentJournal.close();
        }
    }

    private static ColumnMapper<Instant> instantMapper() {
        return (rs, column, ctx) -> {
            OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
            return value == null ? null : value.toInstant();
        };
    }

    /** Instants go in as UTC OffsetDateTime: both drivers store that in TIMESTAMP WITH TIME ZONE without a shift. */
    private static final class InstantArgumentFactory extends AbstractArgumentFactory<Instant> {
        InstantArgumentFactory() {
            super(Types.TIMESTAMP_WITH_TIMEZONE);
        }

        @Override
        protected Argument build(Instant value, ConfigRegistry config) {
            return (position, statement, ctx) -> statement.setObject(position, value.atOffset(ZoneOffset.UTC));
        }
    }
}

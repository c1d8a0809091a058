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
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
    private final EmbeddedServer server;
    private final boolean throughService;

    /**
     * How a process shares an embedded H2 database file, which only one process can open, with other feedletter
     * processes (see {@link EmbeddedServer}). PostgreSQL and in-memory databases ignore it.
     */
    public enum Sharing {
        /** The service: opens the file itself (waiting while a command holds it) and lets other commands in. */
        SERVE,
        /** A command that works a while (poll, digest, run --once): joins the process that has the file, else opens
         * it and lets others in. */
        JOIN_OR_SERVE,
        /** A short command: joins the process that has the file, else opens it for the moment it needs. */
        JOIN_OR_OPEN
    }

    /** How long opening an embedded file waits for a process that holds it without letting others in. */
    private static final long WAIT_FOR_FILE_MILLIS = 10_000;
    /** H2's error when another process has the file open. */
    private static final int H2_FILE_IN_USE = 90020;

    private Database(HikariDataSource dataSource, Dialect dialect, Optional<Path> embeddedFile,
            EmbeddedServer server, boolean throughService) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.server = server;
        this.throughService = throughService;
        this.sentJournal = embeddedFile.map(SentJournal::besides).orElse(null);
        this.jdbi = Jdbi.create(dataSource);
        jdbi.registerArgument(new InstantArgumentFactory());
        jdbi.registerColumnMapper(Instant.class, instantMapper());
    }

    /** Opens the pool and migrates the schema; an embedded file through the process that has it, if one does. */
    public static Database open(DatabaseConfig config) {
        return open(config, Sharing.JOIN_OR_OPEN);
    }

    /** Opens the pool and migrates the schema, sharing an embedded file as {@code sharing} says. */
    public static Database open(DatabaseConfig config, Sharing sharing) {
        Dialect dialect = config.isPostgres() ? Dialect.POSTGRESQL : Dialect.H2;
        if (dialect == Dialect.H2) {
            // H2 hashes every string it reads or binds to share equal ones, 3 KB item bodies included (about 5 % of
            // ingest when this was written; docs/BENCHMARKS.md, "Ingest at scale"). Read once, when H2 first loads;
            // an operator's own -Dh2.objectCache wins.
            System.getProperties().putIfAbsent("h2.objectCache", "false");
            // The server that lets other commands into an embedded file listens on the loopback only (H2 would
            // refuse other hosts anyway, but after they reached it).
            System.getProperties().putIfAbsent("h2.bindAddress", "127.0.0.1");
        }
        Optional<Path> file = dialect == Dialect.H2 ? h2File(config.url()) : Optional.empty();
        if (file.isEmpty()) {
            return opened(new HikariDataSource(hikariConfig(config, dialect, dialect.tuneUrl(config.url()), 10_000)),
                    dialect, Optional.empty(), false, false);
        }
        return openFile(config, file.get(), sharing);
    }

    /**
     * An embedded file: through the process that serves it, else opened here; while another process holds it without
     * serving it (a short command, an older feedletter), tried again for a few seconds.
     */
    private static Database openFile(DatabaseConfig config, Path base, Sharing sharing) {
        String url = Dialect.H2.tuneUrl(config.url());
        long deadline = System.currentTimeMillis() + WAIT_FOR_FILE_MILLIS;
        while (true) {
            Optional<EmbeddedServer.Serving> serving = sharing == Sharing.SERVE ? Optional.empty()
                    : EmbeddedServer.find(base, remoteSettings(url));
            if (serving.isPresent()) {
                try {
                    return opened(new HikariDataSource(hikariConfig(config, Dialect.H2, serving.get().url(), 1)),
                            Dialect.H2, Optional.empty(), false, true);
                } catch (RuntimeException e) {
                    if (System.currentTimeMillis() > deadline) {
                        throw new IllegalStateException("the embedded database " + base + ".mv.db is served by "
                                + describe(serving.get().pid()) + ", which did not let this process in: "
                                + rootMessage(e), e);
                    }
                    pause(); // it may have just stopped serving
                    continue;
                }
            }
            try {
                String local = sharing == Sharing.JOIN_OR_OPEN ? withoutCompactionOnClose(url) : url;
                return opened(new HikariDataSource(hikariConfig(config, Dialect.H2, local, 1)), Dialect.H2,
                        Optional.of(base), sharing != Sharing.JOIN_OR_OPEN, false);
            } catch (RuntimeException e) {
                if (!inUse(e)) {
                    throw e;
                }
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("the embedded database " + base + ".mv.db is locked by another "
                            + "process that does not let others in (waited " + WAIT_FOR_FILE_MILLIS / 1000 + " s)"
                            + (sharing == Sharing.SERVE ? "; " + serverNow(base) : ""), e);
                }
                pause();
            }
        }
    }

    /** For the service that could not open the file: what serves it now, if anything. */
    private static String serverNow(Path base) {
        return EmbeddedServer.find(base, "").map(s -> "it is " + describe(s.pid()) + "; start the service when "
                + "that ends").orElse("a feedletter command that ends by itself, or another program");
    }

    private static Database opened(HikariDataSource dataSource, Dialect dialect, Optional<Path> file, boolean serve,
            boolean throughService) {
        EmbeddedServer server = null;
        try {
            migrate(dataSource, dialect);
            if (serve) {
                server = EmbeddedServer.start(file.orElseThrow());
            }
            return new Database(dataSource, dialect, file, server, throughService);
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
    }

    /** The settings of a tuned H2 URL that a connection through a server takes: the per-session ones. */
    static String remoteSettings(String url) {
        StringBuilder settings = new StringBuilder();
        String[] parts = url.split(";");
        for (int i = 1; i < parts.length; i++) {
            String name = parts[i].split("=", 2)[0].trim().toUpperCase(Locale.ROOT);
            if (!name.isEmpty() && !FILE_SETTINGS.contains(name)) {
                settings.append(';').append(parts[i]);
            }
        }
        return settings.toString();
    }

    /** Settings of the database file, the process that opened it has them; a connection through it may not. */
    private static final Set<String> FILE_SETTINGS = Set.of("DB_CLOSE_ON_EXIT", "DB_CLOSE_DELAY",
            "FILE_LOCK", "AUTO_SERVER", "AUTO_SERVER_PORT", "AUTO_RECONNECT", "ACCESS_MODE_DATA", "CACHE_SIZE",
            "IFEXISTS", "INIT", "RECOVER", "CIPHER", "MAX_COMPACT_TIME");

    /**
     * A short command (status, feeds list) writes little, and H2 compacts the file as the last connection closes,
     * whatever the command wrote ({@code MAX_COMPACT_TIME}, 200 ms by default, which a step of it may overrun:
     * {@code status} on a store of 100,000 items took 1.13 s so and 0.62 s without; docs/BENCHMARKS.md, "Start-up,
     * eighth session"). The service and the commands that poll compact as before; an operator's own setting stays.
     */
    private static String withoutCompactionOnClose(String url) {
        return url.toUpperCase(Locale.ROOT).contains("MAX_COMPACT_TIME") ? url : url + ";MAX_COMPACT_TIME=0";
    }

    private static boolean inUse(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getErrorCode() == H2_FILE_IN_USE) {
                return true;
            }
        }
        return false;
    }

    private static String describe(long pid) {
        String command = ProcessHandle.of(pid).flatMap(p -> p.info().arguments())
                .map(args -> {
                    int main = Arrays.asList(args).indexOf("org.feedletter.Main");
                    int jar = Arrays.asList(args).indexOf("-jar");
                    int from = main >= 0 ? main + 1 : jar >= 0 ? jar + 2 : args.length;
                    return from < args.length ? " (feedletter " + String.join(" ",
                            Arrays.copyOfRange(args, from, args.length)) + ")" : "";
                })
                .orElse("");
        return "process " + pid + command;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the embedded database", e);
        }
    }

    private static HikariConfig hikariConfig(DatabaseConfig config, Dialect dialect, String url,
            long initializationFailMillis) {
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(url);
        if (!config.username().isEmpty()) {
            hikari.setUsername(config.username());
        } else if (dialect == Dialect.H2) {
            hikari.setUsername("sa");
        }
        hikari.setPassword(config.password());
        hikari.setMaximumPoolSize(config.poolSize());
        hikari.setPoolName("feedletter-db");
        hikari.setAutoCommit(true);
        // A missing server should fail start-up with its own message, not after Hikari's default 30 s; an embedded
        // file held by another process is retried by openFile, which may find that process serving it meanwhile.
        hikari.setInitializationFailTimeout(initializationFailMillis);
        hikari.setConnectionTimeout(15_000);
        return hikari;
    }

    /**
     * The version of the newest migration under {@code db/migration}; a test holds it to the files. A database at
     * exactly this version is not handed to Flyway, whose scan and validation of every migration held up each CLI
     * command's start (0.15-0.25 s when measured; docs/BENCHMARKS.md, "Start-up").
     */
    static final int SCHEMA_VERSION = 22;

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

    /** True when this process reached an embedded file through the process that serves it (the running service). */
    public boolean throughService() {
        return throughService;
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
        if (server != null) {
            server.close(); // first: the pool's last connection closes the database under connections it serves
        }
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

package org.feedletter.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.feedletter.config.DatabaseConfig;

/** The database a benchmark runs on: a fresh H2 file (the embedded default), or a fresh PostgreSQL schema. */
final class BenchDatabases {

    static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/test";

    private BenchDatabases() {}

    static DatabaseConfig forArgs(String[] args, int poolSize) throws Exception {
        for (String arg : args) {
            if (arg.equals("--postgres")) {
                return postgres(poolSize);
            }
        }
        if (Boolean.getBoolean("bench.mem")) {
            return new DatabaseConfig("jdbc:h2:mem:bench" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "", "", poolSize);
        }
        Path dir = Files.createTempDirectory("feedletter-bench");
        atExit(() -> {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        });
        // -Dbench.h2Settings=";CACHE_SIZE=65536" adds settings to the H2 URL (to see what a setting is worth).
        return new DatabaseConfig("jdbc:h2:file:" + dir.resolve("bench") + System.getProperty("bench.h2Settings", ""),
                "", "", poolSize);
    }

    /** A benchmark's database is removed when its JVM ends: runs leave neither files nor schemas behind. */
    private static void atExit(Cleanup cleanup) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                cleanup.run();
            } catch (Exception e) {
                System.err.println("could not remove the benchmark's database: " + e);
            }
        }));
    }

    private interface Cleanup {
        void run() throws Exception;
    }

    static String describe(DatabaseConfig config) {
        return config.isPostgres() ? "PostgreSQL (127.0.0.1)" : "H2 file";
    }

    private static DatabaseConfig postgres(int poolSize) throws SQLException {
        String schema = "bench_" + System.currentTimeMillis();
        try (Connection c = DriverManager.getConnection(POSTGRES, "postgres", "")) {
            c.createStatement().execute("CREATE SCHEMA " + schema);
        }
        atExit(() -> {
            try (Connection c = DriverManager.getConnection(POSTGRES, "postgres", "")) {
                c.createStatement().execute("DROP SCHEMA " + schema + " CASCADE");
            }
        });
        return new DatabaseConfig(POSTGRES + "?currentSchema=" + schema, "postgres", "", poolSize);
    }
}

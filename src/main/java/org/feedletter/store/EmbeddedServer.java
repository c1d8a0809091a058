package org.feedletter.store;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Properties;
import org.h2.tools.Server;

/**
 * Lets other feedletter processes into an embedded H2 database this process has open. H2 allows one process per
 * file; the process that opens it (the service, a long poll) serves it over H2's TCP protocol on a loopback port
 * and writes where next to the file ({@code feedletter.serving}); a command started meanwhile finds that and
 * connects through it instead of waiting for the file. H2's own AUTO_SERVER does the same but cannot be combined
 * with closing the database ourselves on shutdown (DB_CLOSE_ON_EXIT=FALSE, see {@link Dialect}).
 *
 * <p>Only local connections are accepted (H2 refuses others without -tcpAllowOthers), and only under a random key
 * kept in that file, readable by its owner alone: the same reach as the database file itself.
 */
final class EmbeddedServer implements AutoCloseable {

    private static final int CONNECT_MILLIS = 500;

    private final Server server;
    private final Path file;
    private final String key;

    private EmbeddedServer(Server server, Path file, String key) {
        this.server = server;
        this.file = file;
        this.key = key;
    }

    /** Where another process serves the database: a JDBC URL to it, and that process. */
    record Serving(String url, long pid) {}

    /** The file next to an H2 database at {@code base} (its path without ".mv.db") that says where it is served. */
    static Path fileOf(Path base) {
        return base.resolveSibling(base.getFileName() + ".serving");
    }

    /** Serves the database at {@code base}, which this process has open, and says so next to it. */
    static EmbeddedServer start(Path base) {
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random); // not generateSeed, which may wait for the system's entropy
        String key = HexFormat.of().formatHex(random);
        Server server;
        try {
            server = Server.createTcpServer("-tcpPort", "0", "-tcpDaemon", "-ifExists", "-key", key,
                    base.toString()).start();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot serve the embedded database to other commands: " + e.getMessage(),
                    e);
        }
        Path file = fileOf(base);
        Properties p = new Properties();
        p.setProperty("port", String.valueOf(server.getPort()));
        p.setProperty("key", key);
        p.setProperty("pid", String.valueOf(ProcessHandle.current().pid()));
        try {
            Path written = Files.createTempFile(file.toAbsolutePath().getParent(), ".serving", ".tmp");
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(written, PosixFilePermissions.fromString("rw-------"));
            }
            try (Writer out = Files.newBufferedWriter(written)) {
                p.store(out, "feedletter: this process serves the database to other feedletter commands");
            }
            Files.move(written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            server.stop();
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return new EmbeddedServer(server, file, key);
    }

    /**
     * Where a live process serves the database at {@code base}, or empty: no such file, or nothing answers on its
     * port any more (a process killed before it could remove the file).
     *
     * @param settings H2 settings for the connection (";NAME=value..."), or ""
     */
    static Optional<Serving> find(Path base, String settings) {
        Path file = fileOf(base);
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            p.load(in);
        } catch (IOException e) {
            return Optional.empty();
        }
        int port;
        long pid;
        try {
            port = Integer.parseInt(p.getProperty("port", ""));
            pid = Long.parseLong(p.getProperty("pid", "-1"));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        String key = p.getProperty("key", "");
        if (key.isEmpty() || pid == ProcessHandle.current().pid() || !answers(port)) {
            return Optional.empty();
        }
        return Optional.of(new Serving("jdbc:h2:tcp://127.0.0.1:" + port + "/" + key + settings, pid));
    }

    private static boolean answers(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), CONNECT_MILLIS);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Stops serving (other processes' connections end) and removes the file, if it is still this process's. */
    @Override
    public void close() {
        server.stop();
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            p.load(in);
            if (key.equals(p.getProperty("key"))) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // already gone, or replaced by another process's: nothing of ours to remove
        }
    }
}

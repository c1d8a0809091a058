package org.feedletter.cli;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.feedletter.Feedletter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * The service's side of {@link RelayClient}: a loopback port, announced with a random key in a file beside the config
 * that only the service's user can read, where commands started beside the service are run in the service's own
 * process, on its open feedletter, with what they print sent back. A command beside the service then answers in
 * about the JVM's start-up instead of opening the store again (docs/BENCHMARKS.md, "Start-up, sixth session").
 *
 * <p>Whoever can read the file could run the command anyway: it holds nothing the config file and the database do
 * not already give. The key keeps out other local users and anything else that finds the port.
 */
final class CommandRelay implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CommandRelay.class);

    private final ServerSocket server;
    private final Path rendezvous;
    private final Path realConfig;
    private final byte[] key;
    private final Feedletter feedletter;
    private final ExecutorService commands;
    private final AtomicInteger relayed = new AtomicInteger();
    private final Thread acceptor;

    private CommandRelay(ServerSocket server, Path rendezvous, Path realConfig, byte[] key, Feedletter feedletter) {
        this.server = server;
        this.rendezvous = rendezvous;
        this.realConfig = realConfig;
        this.key = key;
        this.feedletter = feedletter;
        this.commands = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "command-relay");
            thread.setDaemon(true);
            return thread;
        });
        this.acceptor = new Thread(this::accept, "command-relay-accept");
        acceptor.setDaemon(true);
    }

    /**
     * Starts taking commands for this config, or empty (with the reason logged) where it cannot: commands beside the
     * service then open the store themselves, as before.
     */
    static Optional<CommandRelay> start(Path config, Feedletter feedletter) {
        try {
            Path realConfig = config.toRealPath();
            Path rendezvous = RelayClient.rendezvous(realConfig);
            byte[] key = new byte[24];
            new SecureRandom().nextBytes(key);
            ServerSocket server = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
            try {
                announce(rendezvous, server.getLocalPort(), HexFormat.of().formatHex(key));
            } catch (IOException | RuntimeException e) {
                server.close();
                throw e;
            }
            CommandRelay relay = new CommandRelay(server, rendezvous, realConfig, key, feedletter);
            relay.acceptor.start();
            return Optional.of(relay);
        } catch (IOException | RuntimeException e) {
            log.info("commands beside the service open the store themselves: cannot offer them the service's "
                    + "({})", e.toString());
            return Optional.empty();
        }
    }

    /** The port and key, readable by this user alone, written whole before anyone can read them. */
    private static void announce(Path rendezvous, int port, String key) throws IOException {
        Path temporary = rendezvous.resolveSibling(rendezvous.getFileName() + "." + ProcessHandle.current().pid());
        Files.deleteIfExists(temporary);
        try {
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(temporary);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("cannot create " + temporary, e);
        }
        Files.writeString(temporary, "port=" + port + "\nkey=" + key + "\npid=" + ProcessHandle.current().pid() + "\n");
        Files.move(temporary, rendezvous, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** How many commands this relay has run. */
    int relayed() {
        return relayed.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                commands.execute(() -> serve(socket));
            } catch (IOException e) {
                if (!server.isClosed()) {
                    log.warn("command relay: {}", e.toString());
                }
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(5000); // for the request; a client that sends none is let go
            DataInputStream request = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
            DataOutputStream answer = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()));
            if (!RelayClient.MAGIC.equals(request.readUTF())) {
                return;
            }
            String givenKey = request.readUTF();
            String givenConfig = request.readUTF();
            boolean interactive = request.readBoolean();
            boolean colour = request.readBoolean();
            int count = request.readInt();
            if (count < 0 || count > 1000) {
                return;
            }
            String[] args = new String[count];
            for (int i = 0; i < count; i++) {
                args[i] = request.readUTF();
            }
            boolean keyMatches = MessageDigest.isEqual(key, givenKey.getBytes(StandardCharsets.US_ASCII).length
                    == key.length * 2 ? HexFormat.of().parseHex(givenKey) : new byte[0]);
            if (!keyMatches || !realConfig.toString().equals(givenConfig) || !RelayClient.relayable(args)) {
                answer.writeByte(RelayClient.REFUSED);
                answer.flush();
                return;
            }
            answer.writeByte(RelayClient.ACCEPTED);
            answer.flush();
            socket.setSoTimeout(0);
            int code = run(args, new Terminal(interactive, colour), answer);
            answer.writeByte(RelayClient.EXIT);
            answer.writeInt(code);
            answer.flush();
            relayed.incrementAndGet();
            log.info("ran `feedletter {}` for a command started beside the service (exit {})", named(args), code);
        } catch (IOException | IllegalArgumentException e) {
            log.debug("command relay: a client left: {}", e.toString());
        }
    }

    /** The command and subcommand, without their arguments (addresses, URLs) for the log. */
    private static String named(String[] args) {
        return args.length > 1 && !args[1].startsWith("-") ? args[0] + " " + args[1] : args[0];
    }

    /** Runs the command as Main would, on the service's feedletter, its output framed to the client. */
    private int run(String[] args, Terminal terminal, DataOutputStream answer) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(new Frames(answer, RelayClient.OUT),
                StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(new Frames(answer, RelayClient.ERR),
                StandardCharsets.UTF_8), true);
        CommandLine commandLine = FeedletterCommand.commandLine(args);
        commandLine.setOut(out);
        commandLine.setErr(err);
        // The service's logging stays as it is: a command's --log-format is for a process of its own.
        commandLine.setExecutionStrategy(new CommandLine.RunLast());
        int code;
        try {
            code = Relayed.within(feedletter, terminal, () -> commandLine.execute(args));
        } catch (RuntimeException e) {
            err.println("feedletter: the command failed in the service: " + e);
            code = ExitCode.FAILURES;
        }
        out.flush();
        err.flush();
        return code;
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            log.debug("command relay: {}", e.toString());
        }
        commands.shutdown();
        try {
            // Another service on this config since (a second node on one machine) announced itself: leave its file.
            if (Files.readString(rendezvous).contains("\npid=" + ProcessHandle.current().pid() + "\n")) {
                Files.deleteIfExists(rendezvous);
            }
        } catch (java.nio.file.NoSuchFileException e) {
            // gone already
        } catch (IOException e) {
            log.warn("could not remove {}: {}", rendezvous, e.toString());
        }
    }

    /** Bytes written to one of the command's streams, sent as frames of their kind. */
    private static final class Frames extends OutputStream {

        private final DataOutputStream answer;
        private final byte kind;

        Frames(DataOutputStream answer, byte kind) {
            this.answer = answer;
            this.kind = kind;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            if (length == 0) {
                return;
            }
            synchronized (answer) {
                answer.writeByte(kind);
                answer.writeInt(length);
                answer.write(bytes, offset, length);
            }
        }

        @Override
        public void flush() throws IOException {
            synchronized (answer) {
                answer.flush();
            }
        }
    }
}

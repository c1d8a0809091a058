package org.feedletter.cli;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;

/**
 * A command handed to the service that runs on the same config, which runs it in its warm process and sends back
 * what it printed: a command beside the service then pays only the JVM's start, not picocli, the config, the pool
 * and the classes of the store (see {@link CommandRelay}). Only JDK classes here: this runs before anything else.
 *
 * <p>Only commands that read or write no file and no standard input of their own are handed over (relative paths
 * would be the service's: the exports and {@code digest preview} only when they print, without {@code --out});
 * anything else, a service that does not answer, or {@code FEEDLETTER_RELAY=off} runs the command
 * here as before.
 */
public final class RelayClient {

    /** Commands, with the subcommands of theirs, that run the same in the service as in a process of their own. */
    private static final List<List<String>> RELAYED = List.of(
            List.of("status"),
            List.of("feeds", "list"), List.of("feeds", "add"), List.of("feeds", "test"), List.of("feeds", "remove"),
            List.of("feeds", "pause"), List.of("feeds", "resume"), List.of("feeds", "rename"),
            List.of("feeds", "interval"),
            List.of("subscribers", "list"), List.of("subscribers", "add"), List.of("subscribers", "remove"),
            List.of("subscribers", "export"), List.of("subscribers", "show"), List.of("subscribers", "suppress"),
            List.of("subscribers", "unsuppress"),
            List.of("items", "why"),
            List.of("digest", "preview"), List.of("digest", "send"),
            List.of("feeds", "export"),
            List.of("mail", "retry"), List.of("mail", "test"));

    static final String DEFAULT_CONFIG = "config/feedletter.yaml";
    static final String MAGIC = "feedletter-relay-1";
    static final byte OUT = 1;
    static final byte ERR = 2;
    static final byte EXIT = 3;
    static final byte REFUSED = 4;
    static final byte ACCEPTED = 5;

    private RelayClient() {}

    /**
     * Runs the command in the service when one runs on its config and takes it; the exit code, or empty when the
     * caller should run it here.
     */
    public static OptionalInt tryRelay(String[] args) {
        if ("off".equalsIgnoreCase(System.getenv("FEEDLETTER_RELAY")) || !relayable(args)) {
            return OptionalInt.empty();
        }
        Path cwd = Path.of("").toAbsolutePath();
        Optional<Path> config = configFile(args, cwd);
        if (config.isEmpty()) {
            return OptionalInt.empty();
        }
        boolean interactive = System.console() != null;
        boolean colour = System.getenv("NO_COLOR") == null && !"dumb".equals(System.getenv("TERM"));
        return relay(config.get(), args, interactive, colour, System.out, System.err);
    }

    /** Whether the command line names a relayed command and nothing that reads a file or standard input. */
    static boolean relayable(String[] args) {
        if (args.length == 0) {
            return false;
        }
        for (String arg : args) {
            // Standard input, or a file to write (a relative path would be the service's): run here.
            if (arg.equals("-") || arg.equals("-h") || arg.equals("--help") || arg.equals("-V")
                    || arg.equals("--version") || (arg.startsWith("-o") && !arg.startsWith("--")) || arg.startsWith("--out")) {
                return false;
            }
        }
        String first = args[0];
        String second = args.length > 1 && !args[1].startsWith("-") ? args[1] : null;
        return RELAYED.stream().anyMatch(command -> command.get(0).equals(first)
                && (command.size() == 1 || command.get(1).equals(second)));
    }

    /** The config file the command names (or the default), as a real path; empty when it does not exist. */
    static Optional<Path> configFile(String[] args, Path cwd) {
        String given = DEFAULT_CONFIG;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if ((arg.equals("-c") || arg.equals("--config")) && i + 1 < args.length) {
                given = args[++i];
            } else if (arg.startsWith("--config=")) {
                given = arg.substring("--config=".length());
            } else if (arg.startsWith("-c") && arg.length() > 2 && !arg.startsWith("--")) {
                given = arg.substring(2);
            }
        }
        try {
            return Optional.of(cwd.resolve(given).toRealPath());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Where the service on this config says how to reach it: a hidden file beside the config file. */
    static Path rendezvous(Path realConfig) {
        return realConfig.resolveSibling("." + realConfig.getFileName() + ".relay");
    }

    static OptionalInt relay(Path realConfig, String[] args, boolean interactive, boolean colour, OutputStream out,
            OutputStream err) {
        Path rendezvous = rendezvous(realConfig);
        if (!Files.isRegularFile(rendezvous)) {
            return OptionalInt.empty();
        }
        Properties where = new Properties();
        int port;
        try (InputStream in = Files.newInputStream(rendezvous)) {
            where.load(in);
            port = Integer.parseInt(where.getProperty("port", ""));
        } catch (IOException | NumberFormatException e) {
            return OptionalInt.empty();
        }
        String key = where.getProperty("key", "");
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            socket.setTcpNoDelay(true);
            // Until the service says it takes the command; a port reused by something else never does.
            socket.setSoTimeout(5000);
            DataOutputStream request = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()));
            request.writeUTF(MAGIC);
            request.writeUTF(key);
            request.writeUTF(realConfig.toString());
            request.writeBoolean(interactive);
            request.writeBoolean(colour);
            request.writeInt(args.length);
            for (String arg : args) {
                request.writeUTF(arg);
            }
            request.flush();
            DataInputStream answer = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
            if (answer.readByte() != ACCEPTED) {
                return OptionalInt.empty();
            }
            socket.setSoTimeout(0); // a command may take as long as it takes (a feed fetched, a mail sent)
            return OptionalInt.of(copy(answer, out, err));
        } catch (IOException e) {
            return OptionalInt.empty(); // the service did not take the command: nothing ran there
        }
    }

    /** The command's output as the service sends it, up to its exit code. */
    private static int copy(DataInputStream answer, OutputStream out, OutputStream err) {
        try {
            while (true) {
                byte kind = answer.readByte();
                if (kind == EXIT) {
                    out.flush();
                    err.flush();
                    return answer.readInt();
                }
                byte[] bytes = new byte[answer.readInt()];
                answer.readFully(bytes);
                OutputStream to = kind == ERR ? err : out;
                to.write(bytes);
                to.flush();
            }
        } catch (IOException e) {
            // Taken, so not run again here: it may have done its work before the service went away.
            try {
                err.write(("feedletter: the service stopped while it ran the command (" + e.getMessage()
                        + "); see `feedletter status`\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
                err.flush();
            } catch (IOException ignored) {
                // nowhere left to say it
            }
            return ExitCode.FAILURES;
        }
    }
}

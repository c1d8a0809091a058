package org.feedletter;

import java.util.OptionalInt;
import org.feedletter.cli.FeedletterCommand;
import org.feedletter.cli.RelayClient;

/** The command-line entry point: {@code java -jar target/feedletter.jar ...}. */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        // Before the JDK's HTTP client loads: the fetcher sends a checked redirect to its address with the name as
        // Host (see EgressRules), which the client allows only when this says so at its start.
        if (System.getProperty("jdk.httpclient.allowRestrictedHeaders") == null) {
            System.setProperty("jdk.httpclient.allowRestrictedHeaders", "host");
        }
        // A service on the same config runs the command in its warm process: only the JVM's start is paid here.
        OptionalInt relayed = RelayClient.tryRelay(args);
        if (relayed.isPresent()) {
            System.exit(relayed.getAsInt());
        }
        if (args.length > 0 && opensTheStore(args[0])) {
            WarmUp.begin(fetchesFeeds(args[0]));
        }
        int exitCode = FeedletterCommand.commandLine(args).execute(args);
        endHttpClientSelectors();
        System.exit(exitCode);
    }

    /**
     * Ends the JDK HTTP clients' selector threads, which wait in native code: Java 17 waits 0.3 s at exit for any
     * thread in native code to stop, and these never would. Interrupted, one closes its client and ends. Java 21 has
     * {@code HttpClient.close()} for this.
     */
    static void endHttpClientSelectors() {
        Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("HttpClient-") && t.getName().endsWith("-SelectorManager"))
                .forEach(Thread::interrupt);
    }

    /** The commands that poll every due feed, whose HTTP client wants the JDK's TLS set up. */
    private static boolean fetchesFeeds(String command) {
        return command.equals("run") || command.equals("poll");
    }

    /** A command, not an option (--version, --help), help or config, which read no database. */
    private static boolean opensTheStore(String command) {
        return !command.startsWith("-") && !command.equals("help") && !command.equals("config");
    }
}

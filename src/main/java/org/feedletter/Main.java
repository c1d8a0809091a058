package org.feedletter;

import org.feedletter.cli.FeedletterCommand;

/** The command-line entry point: {@code java -jar target/feedletter.jar ...}. */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        // Before the JDK's HTTP client loads: the fetcher sends a checked redirect to its address with the name as
        // Host (see EgressRules), which the client allows only when this says so at its start.
        if (System.getProperty("jdk.httpclient.allowRestrictedHeaders") == null) {
            System.setProperty("jdk.httpclient.allowRestrictedHeaders", "host");
        }
        System.exit(FeedletterCommand.commandLine(args).execute(args));
    }
}

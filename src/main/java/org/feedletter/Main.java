package org.feedletter;

import org.feedletter.cli.FeedletterCommand;

/** The command-line entry point: {@code java -jar target/feedletter.jar ...}. */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        System.exit(FeedletterCommand.commandLine().execute(args));
    }
}

package org.feedletter.cli;

/** feedletter's exit codes, the same for every command. */
public final class ExitCode {

    /** Done, nothing failed. */
    public static final int OK = 0;
    /** Done, but failures were recorded (a feed, a message): see the output and the database. */
    public static final int FAILURES = 1;
    /** Bad config or usage: nothing was done. */
    public static final int BAD_CONFIG_OR_USAGE = 2;

    private ExitCode() {}
}

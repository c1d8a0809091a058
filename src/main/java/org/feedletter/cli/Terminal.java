package org.feedletter.cli;

import java.util.Optional;

/**
 * Whether output goes to a person at a terminal. Only then are there colours and redrawn progress bars; piped into
 * a file or a log, every line is plain. {@code NO_COLOR} (no-color.org) and {@code TERM=dumb} turn colour off.
 */
final class Terminal {

    private static final String RESET = "\u001b[0m";

    private final boolean interactive;
    private final boolean colour;

    Terminal(boolean interactive, boolean colour) {
        this.interactive = interactive;
        this.colour = interactive && colour;
    }

    /**
     * The terminal this process runs in: interactive when it has a console (Java 17: none when redirected); for a
     * command the service runs for another process, that process's.
     */
    static Terminal detect() {
        Optional<Relayed> relayed = Relayed.current();
        if (relayed.isPresent()) {
            return relayed.get().terminal(); // the command's, run by the service for a process at a terminal
        }
        boolean console = System.console() != null;
        boolean colour = System.getenv("NO_COLOR") == null && !"dumb".equals(System.getenv("TERM"));
        return new Terminal(console, colour);
    }

    static Terminal plain() {
        return new Terminal(false, false);
    }

    boolean interactive() {
        return interactive;
    }

    String red(String text) {
        return paint("\u001b[31m", text);
    }

    String green(String text) {
        return paint("\u001b[32m", text);
    }

    String yellow(String text) {
        return paint("\u001b[33m", text);
    }

    String bold(String text) {
        return paint("\u001b[1m", text);
    }

    String dim(String text) {
        return paint("\u001b[2m", text);
    }

    private String paint(String code, String text) {
        return colour && !text.isEmpty() ? code + text + RESET : text;
    }
}

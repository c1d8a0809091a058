package org.feedletter.cli;

import java.io.PrintWriter;
import java.util.function.Consumer;
import org.feedletter.ingest.RefreshOutcome;

/**
 * How a poll goes, feed by feed: at a terminal one line redrawn in place (feeds done of total, new items,
 * errors); elsewhere one plain line per feed, which reads well in a log. Called from the polling threads.
 */
final class ProgressBar implements Consumer<RefreshOutcome> {

    private static final int WIDTH = 24;

    private final PrintWriter out;
    private final Terminal terminal;
    private final int total;
    private int done;
    private int newItems;
    private int errors;

    ProgressBar(PrintWriter out, Terminal terminal, int total) {
        this.out = out;
        this.terminal = terminal;
        this.total = total;
    }

    @Override
    public synchronized void accept(RefreshOutcome outcome) {
        done++;
        newItems += outcome.report().newItems();
        errors += outcome.failed() ? 1 : 0;
        if (terminal.interactive()) {
            out.print("\r" + bar());
        } else {
            out.println("[" + done + "/" + Math.max(done, total) + "] feed " + outcome.feed().id() + " "
                    + outcome.feed().label() + ": " + PollCommand.result(outcome)
                    + (outcome.failed() ? ": " + outcome.message() : ", " + outcome.report().newItems() + " new"));
        }
        out.flush();
    }

    /** Ends the redrawn line, so what follows starts on its own. */
    synchronized void finish() {
        if (terminal.interactive() && done > 0) {
            out.println();
            out.flush();
        }
    }

    private String bar() {
        int of = Math.max(done, total);
        int filled = of == 0 ? WIDTH : done * WIDTH / of;
        String errorText = errors + (errors == 1 ? " error" : " errors");
        return "[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + done + "/" + of + " feeds  "
                + newItems + " new items  " + (errors == 0 ? errorText : terminal.red(errorText));
    }
}

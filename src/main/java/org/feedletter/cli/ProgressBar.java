package org.feedletter.cli;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.function.Consumer;
import org.feedletter.ingest.poll.RefreshOutcome;

/**
 * How a poll goes, feed by feed: at a terminal one line redrawn in place (feeds done of total, new items,
 * errors), with whatever is logged meanwhile written above it rather than through it; elsewhere one plain line per
 * feed, which reads well in a log. Called from the polling threads.
 */
final class ProgressBar implements Consumer<RefreshOutcome> {

    private static final int WIDTH = 24;

    private final PrintWriter out;
    private final Terminal terminal;
    private final int total;
    private int done;
    private int newItems;
    private int errors;
    /** The standard error as it was, while log lines are put above the bar; else null. */
    private PrintStream stderr;

    ProgressBar(PrintWriter out, Terminal terminal, int total) {
        this.out = out;
        this.terminal = terminal;
        this.total = total;
        if (terminal.interactive()) {
            stderr = System.err;
            System.setErr(new PrintStream(new AboveTheBar(stderr), true));
        }
    }

    /**
     * The standard error while the bar is drawn: each whole line (a log line) clears the bar, is written, and the
     * bar is drawn again under it. Logback's console appender writes to whatever System.err is at the time.
     */
    private final class AboveTheBar extends OutputStream {
        private final PrintStream target;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        AboveTheBar(PrintStream target) {
            this.target = target;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            synchronized (ProgressBar.this) {
                for (int i = offset; i < offset + length; i++) {
                    line.write(bytes[i]);
                    if (bytes[i] == '\n') {
                        writeLine();
                    }
                }
            }
        }

        private void writeLine() {
            if (done > 0) {
                out.print("\r\033[K");
                out.flush();
            }
            target.write(line.toByteArray(), 0, line.size());
            target.flush();
            line.reset();
            if (done > 0) {
                out.print(bar());
                out.flush();
            }
        }
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

    /** Ends the redrawn line, so what follows starts on its own, and gives log lines the standard error back. */
    synchronized void finish() {
        if (terminal.interactive() && done > 0) {
            out.println();
            out.flush();
        }
        if (stderr != null) {
            System.err.flush();
            System.setErr(stderr);
            stderr = null;
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

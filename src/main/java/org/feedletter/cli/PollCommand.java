package org.feedletter.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.feedletter.ingest.dedup.IngestReport;
import org.feedletter.ingest.poll.PollSummary;
import org.feedletter.ingest.poll.RefreshOutcome;
import org.feedletter.logging.LogSetup;
import org.feedletter.store.StoredFeed;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "poll", description = {"Polls every feed now, due or not, and stores what is new; builds and sends "
        + "nothing. With --feed, polls that one feed.",
        "At a terminal a progress bar shows feeds done, new items and errors; elsewhere one line per feed."},
        footer = {"", "Examples:", "  feedletter poll", "  feedletter poll --feed 3",
                "", "Exit codes: 0 every feed answered; 1 a feed failed (see the table); 2 bad config or usage."})
final class PollCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Option(names = "--feed", paramLabel = "ID", description = "Poll only this feed (its id in 'feedletter feeds list').")
    Long feedId;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        return config.withFeedletter(err, feedletter -> {
            Terminal terminal = Terminal.detect();
            PollSummary summary;
            if (feedId != null) {
                Optional<RefreshOutcome> outcome = feedletter.feeds().pollOne(feedId);
                if (outcome.isEmpty()) {
                    err.println("There is no feed " + feedId + "; 'feedletter feeds list' shows them.");
                    return ExitCode.BAD_CONFIG_OR_USAGE;
                }
                summary = new PollSummary(List.of(outcome.get()));
            } else {
                int active = (int) feedletter.feeds().listCurrent().stream()
                        .filter(f -> f.state() == StoredFeed.FeedState.ACTIVE).count();
                try (LogSetup.Restore quiet = terminal.interactive() ? LogSetup.warningsOnly() : () -> { }) {
                    ProgressBar progress = new ProgressBar(out, terminal, active);
                    try {
                        summary = feedletter.feeds().pollAll(progress);
                    } finally {
                        progress.finish();
                    }
                }
            }
            print(summary, out, terminal);
            return summary.failures().isEmpty() ? ExitCode.OK : ExitCode.FAILURES;
        });
    }

    static void print(PollSummary summary, PrintWriter out, Terminal terminal) {
        TextTable table = new TextTable(List.of("ID", "FEED", "RESULT", "NEW", "UPDATED", "DUPLICATES", "TIME", "MESSAGE"),
                0, 40, 0, 0, 0, 0, 0, 90);
        for (RefreshOutcome outcome : summary.outcomes()) {
            IngestReport report = outcome.report();
            table.row(List.of(String.valueOf(outcome.feed().id()), outcome.feed().label(), result(outcome),
                    String.valueOf(report.newItems()), String.valueOf(report.updated()),
                    String.valueOf(report.duplicates()), outcome.fetchTime().toMillis() + " ms",
                    outcome.message() == null ? "" : outcome.message()),
                    outcome.failed() ? terminal::red : s -> s);
        }
        if (!table.isEmpty()) {
            table.print(out, "", terminal);
            out.println();
        }
        IngestReport totals = summary.totals();
        int failed = summary.failures().size();
        out.printf("Feeds:      %d polled, %d not modified, %s%n", summary.polled(), summary.notModified(),
                failed == 0 ? "0 failed" : terminal.red(failed + " failed"));
        out.printf("Items:      %d new, %s, %d updated in place%n", totals.newItems(),
                RunReportPrinter.duplicates(totals), totals.updated());
        out.flush();
    }

    /** One word or two for how a feed's poll ended. */
    static String result(RefreshOutcome outcome) {
        return switch (outcome.kind()) {
            case FETCHED -> "fetched";
            case NOT_MODIFIED -> "not modified";
            case RATE_LIMITED -> "rate limited";
            case GONE -> "gone";
            case FAILED -> "failed";
        };
    }
}

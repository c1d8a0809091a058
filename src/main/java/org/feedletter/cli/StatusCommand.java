package org.feedletter.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.feedletter.Feedletter;
import org.feedletter.store.OperatorViews.EditionDelivery;
import org.feedletter.store.NodeStore.NodeActivity;
import org.feedletter.store.OutboxStore.OutboxError;
import org.feedletter.store.StoredFeed;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "status", description = "Shows how things stand: feeds ok and failing, the last editions and where "
        + "their messages are, the outbox (queued, sending, sent, failed, with the last errors), subscribers.",
        footer = {"", "Examples:", "  feedletter status", "  feedletter status --errors 20",
                "", "Exit codes: 0 all feeds answer; 1 a feed is failing; 2 bad config or usage."})
final class StatusCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Option(names = "--errors", paramLabel = "N", description = "How many of the last delivery errors to show "
            + "(default: ${DEFAULT-VALUE}).", defaultValue = "5")
    int errors;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        return config.withStore(spec.commandLine().getErr(), feedletter -> {
            Terminal terminal = Terminal.detect();
            Instant now = Clock.systemUTC().instant();
            long failing = feeds(feedletter, out, terminal, now);
            editions(feedletter, out);
            outbox(feedletter, out, terminal);
            nodes(feedletter, out, now);
            subscribers(feedletter, out);
            out.flush();
            return failing == 0 ? ExitCode.OK : ExitCode.FAILURES;
        });
    }

    private long feeds(Feedletter feedletter, PrintWriter out, Terminal terminal, Instant now) {
        List<StoredFeed> feeds = feedletter.feeds().listCurrent();
        List<StoredFeed> failing = feeds.stream().filter(f -> f.state() != StoredFeed.FeedState.PAUSED
                && (f.failures() > 0 || f.state() == StoredFeed.FeedState.GONE)).toList();
        long paused = feeds.stream().filter(f -> f.state() == StoredFeed.FeedState.PAUSED).count();
        out.printf("Feeds:       %d, %d ok, %s%s%n", feeds.size(), feeds.size() - failing.size() - paused,
                failing.isEmpty() ? "0 failing" : terminal.red(failing.size() + " failing"),
                paused == 0 ? "" : ", " + paused + " paused");
        for (StoredFeed feed : failing) {
            out.println("             " + terminal.red("! " + feed.id() + " " + feed.label()) + ": " + feed.lastError()
                    + " (" + feed.failures() + " failure" + (feed.failures() == 1 ? "" : "s") + " in a row, last success "
                    + Times.relative(feed.lastSuccessAt(), now) + ")");
        }
        return failing.size();
    }

    private void editions(Feedletter feedletter, PrintWriter out) {
        List<EditionDelivery> recent = feedletter.editions().recent(5);
        out.println("Editions:    " + (recent.isEmpty() ? "none yet" : "the last " + recent.size() + ", newest first"));
        for (EditionDelivery e : recent) {
            out.printf("             %s edition %d, %s, %d item%s%s: %d sent, %d queued, %d failed%n",
                    e.edition().newsletterId(), e.edition().id(), Times.utc(e.edition().builtAt()),
                    e.edition().itemCount(), e.edition().itemCount() == 1 ? "" : "s",
                    e.edition().moreCount() > 0 ? " (+" + e.edition().moreCount() + " counted)" : "",
                    e.sent(), e.waiting(), e.failed());
        }
    }

    private void outbox(Feedletter feedletter, PrintWriter out, Terminal terminal) {
        Map<String, Long> counts = feedletter.outbox().countByState();
        out.println("Outbox:      " + counts.entrySet().stream()
                .map(e -> e.getKey().equals("failed") && e.getValue() > 0 ? terminal.red(e.getValue() + " failed")
                        : e.getValue() + " " + e.getKey())
                .collect(Collectors.joining(", ")));
        List<OutboxError> lastErrors = feedletter.outbox().lastErrors(errors);
        if (!lastErrors.isEmpty()) {
            out.println("             last errors, newest first:");
        }
        for (OutboxError e : lastErrors) {
            out.println("             ! message " + e.id() + " to " + e.email() + " (" + e.state() + ", " + e.attempts()
                    + " attempt" + (e.attempts() == 1 ? "" : "s") + "): " + e.error());
        }
    }

    /** Stopped runs listed one by one; the rest are counted (cron's `run --once` leaves one per tick). */
    static final int STOPPED_LISTED = 3;

    /**
     * Every node sharing the database: when it was last seen and what it did since it started. Running nodes (and
     * killed ones, which never said they stopped) each get a line; of those that stopped cleanly, the latest few.
     */
    private static void nodes(Feedletter feedletter, PrintWriter out, Instant now) {
        List<NodeActivity> nodes = feedletter.nodes().list();
        List<NodeActivity> running = nodes.stream().filter(n -> n.stoppedAt() == null).toList();
        List<NodeActivity> stopped = nodes.stream().filter(n -> n.stoppedAt() != null).toList();
        out.println("Nodes:       " + (nodes.isEmpty() ? "none has run yet"
                : nodes.size() == 1 ? "1 node uses this database"
                : nodes.size() + " nodes share this database" + (stopped.isEmpty() || running.isEmpty() ? ""
                        : " (" + running.size() + " not stopped, " + stopped.size() + " stopped)")));
        running.forEach(node -> line(out, node, "last seen " + Times.relative(node.lastSeenAt(), now)));
        stopped.stream().limit(STOPPED_LISTED)
                .forEach(node -> line(out, node, "stopped " + Times.relative(node.stoppedAt(), now)));
        if (stopped.size() > STOPPED_LISTED) {
            List<NodeActivity> rest = stopped.subList(STOPPED_LISTED, stopped.size());
            out.printf("             and %d more stopped, since %s: %s polled, %s, %s built, %s sent%n", rest.size(),
                    Times.utc(rest.stream().map(NodeActivity::startedAt).min(Instant::compareTo).orElseThrow()),
                    Counted.of(rest.stream().mapToLong(NodeActivity::feedsPolled).sum(), "feed"),
                    Counted.of(rest.stream().mapToLong(NodeActivity::itemsNew).sum(), "new item"),
                    Counted.of(rest.stream().mapToLong(NodeActivity::editionsBuilt).sum(), "edition"),
                    Counted.of(rest.stream().mapToLong(NodeActivity::messagesSent).sum(), "message"));
        }
    }

    private static void line(PrintWriter out, NodeActivity node, String seen) {
        out.printf("             %s: %s; since %s: %s polled, %s, %s built, %s sent%n", node.id(), seen,
                Times.utc(node.startedAt()),
                Counted.of(node.feedsPolled(), "feed"), Counted.of(node.itemsNew(), "new item"),
                Counted.of(node.editionsBuilt(), "edition"), Counted.of(node.messagesSent(), "message"));
    }

    private void subscribers(Feedletter feedletter, PrintWriter out) {
        var counts = feedletter.subscribers().countByState();
        out.println("Subscribers: " + (counts.isEmpty() ? "none" : counts.entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey().name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "))));
        int suppressed = feedletter.bounces().suppressions(1000).size();
        if (suppressed > 0) {
            out.println("Suppressed:  " + suppressed + (suppressed == 1 ? " address" : " addresses")
                    + " ('feedletter subscribers show EMAIL' says why)");
        }
        for (var health : feedletter.bounces().editionHealth(10)) {
            if (!health.warnings().isEmpty()) {
                out.println("Warning:     edition " + health.rates().editionId() + " of " + health.rates().newsletterId()
                        + ": " + String.join("; ", health.warnings()));
            }
        }
    }
}

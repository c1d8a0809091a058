package org.feedletter.cli;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.feedletter.Feedletter;
import org.feedletter.manage.RunReport;
import org.feedletter.StartupException;
import org.feedletter.logging.LogSetup;
import org.feedletter.store.StoredFeed;
import org.quartz.SchedulerException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "run", description = {
        "Runs the service: polls feeds, builds editions on their schedules and delivers them, until stopped (Ctrl-C).",
        "With --once: polls every feed, builds the editions that are due, delivers, prints a summary and exits."},
        footer = {"", "Examples:", "  feedletter run --once", "  feedletter run --config /etc/feedletter.yaml",
                "  feedletter run --once --no-send     # record the current backlog as seen, mail nothing"})
final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Option(names = "--once", description = "Do one round and exit.")
    boolean once;

    @Option(names = "--no-send", description = "With --once: record everything as seen without mailing (skip the backlog).")
    boolean noSend;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (noSend && !once) {
            throw new ParameterException(spec.commandLine(), "--no-send only works with --once");
        }
        Optional<Feedletter> opened = once ? config.open(err) : config.openService(err);
        if (opened.isEmpty()) {
            return ExitCode.BAD_CONFIG_OR_USAGE;
        }
        int code;
        try (Feedletter feedletter = opened.get()) {
            if (once) {
                return runOnce(feedletter, out);
            }
            code = serve(feedletter, out);
        } catch (StartupException e) {
            err.println("feedletter cannot start: " + e.getMessage());
            return ExitCode.BAD_CONFIG_OR_USAGE;
        } catch (SchedulerException e) {
            err.println("feedletter cannot start its scheduler: " + e.getMessage());
            return ExitCode.FAILURES;
        }
        out.println("feedletter stopped.");
        out.flush();
        return code;
    }

    private int runOnce(Feedletter feedletter, PrintWriter out) {
        // At a terminal a long first poll shows how it goes; from cron the summary alone is what gets mailed.
        Terminal terminal = Terminal.detect();
        RunReport report;
        if (terminal.interactive()) {
            int active = (int) feedletter.feeds().listCurrent().stream()
                    .filter(f -> f.state() == StoredFeed.FeedState.ACTIVE).count();
            // The summary says what INFO lines would; warnings go above the bar, not through it.
            try (LogSetup.Restore quiet = LogSetup.warningsOnly()) {
                ProgressBar progress = new ProgressBar(out, terminal, active);
                try {
                    report = feedletter.cycle().runOnce(!noSend, progress);
                } finally {
                    progress.finish();
                }
            }
        } else {
            report = feedletter.cycle().runOnce(!noSend);
        }
        RunReportPrinter.print(report, out);
        return report.hasFailures() ? ExitCode.FAILURES : ExitCode.OK;
    }

    private int serve(Feedletter feedletter, PrintWriter out) throws SchedulerException, StartupException {
        StopSignals stop = new StopSignals();
        feedletter.service().start();
        Optional<CommandRelay> relay = CommandRelay.start(config.file, feedletter);
        out.println("feedletter is running (" + Counted.of(feedletter.feeds().listCurrent().size(), "feed") + ", "
                + Counted.of(feedletter.config().newsletters().size(), "newsletter") + "). Press Ctrl-C to stop.");
        out.flush();
        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        relay.ifPresent(CommandRelay::close);
        out.println("Stopping: finishing what is in flight...");
        out.flush();
        return ExitCode.OK; // the caller's try-with-resources closes feedletter: stops claiming, waits for running jobs
    }
}

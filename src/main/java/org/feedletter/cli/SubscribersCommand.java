package org.feedletter.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.feedletter.store.StoredSubscriber;
import org.feedletter.store.StoredSubscriber.State;
import org.feedletter.store.SubscriberChangeStore.Listed;
import org.feedletter.subscribe.SubscriberRoster;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "subscribers", description = "Lists, adds, removes, imports and exports subscribers.",
        subcommands = {SubscribersCommand.List.class, SubscribersCommand.Add.class, SubscribersCommand.Remove.class,
                SubscribersCommand.Import.class, SubscribersCommand.Export.class},
        footer = {"", "Examples:", "  feedletter subscribers list --state active",
                "  feedletter subscribers add alice@example.org --newsletter quick-comment --frequency weekly",
                "  feedletter subscribers remove alice@example.org",
                "  feedletter subscribers import people.csv      # columns: email,newsletters,frequency,time_zone",
                "  feedletter subscribers export > subscribers.csv"})
final class SubscribersCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Opens feedletter on the config, runs the work, maps a failed start to exit code 2. */
    abstract static class Sub implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ConfigOption config;

        @Override
        public Integer call() throws Exception {
            PrintWriter err = spec.commandLine().getErr();
            return config.withStore(err, feedletter -> {
                int code = run(feedletter.subscribers().roster(), spec.commandLine().getOut(), err);
                spec.commandLine().getOut().flush();
                err.flush();
                return code;
            });
        }

        abstract int run(SubscriberRoster roster, PrintWriter out, PrintWriter err) throws IOException;
    }

    @Command(name = "list", description = "Lists subscribers: address, state, frequency, time zone, newsletters.")
    static final class List extends Sub {
        @Option(names = "--state", paramLabel = "STATE", description = "Only these: pending, active, unsubscribed, bounced.")
        String state;

        @Override
        int run(SubscriberRoster roster, PrintWriter out, PrintWriter err) {
            Optional<State> only = Optional.empty();
            if (state != null) {
                try {
                    only = Optional.of(State.valueOf(state.strip().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    err.println("--state must be one of pending, active, unsubscribed, bounced; got '" + state + "'");
                    return ExitCode.BAD_CONFIG_OR_USAGE;
                }
            }
            java.util.List<Listed> all = roster.list(only);
            for (Listed listed : all) {
                StoredSubscriber s = listed.subscriber();
                out.printf("%-40s %-12s %-8s %-20s %s%n", s.email(), lower(s.state()), lower(s.frequency()),
                        s.timeZone().getId(), String.join(" ", listed.newsletters()));
            }
            out.printf("%d subscriber%s%n", all.size(), all.size() == 1 ? "" : "s");
            return ExitCode.OK;
        }
    }

    @Command(name = "add", description = "Adds an address, active at once (you vouch for its consent).")
    static final class Add extends Sub {
        @Parameters(paramLabel = "EMAIL")
        String email;

        @Option(names = "--newsletter", paramLabel = "ID", description = "A newsletter to send (repeatable; default: all).")
        java.util.List<String> newsletters = new java.util.ArrayList<>();

        @Option(names = "--frequency", paramLabel = "F", description = "edition (default), daily or weekly.")
        String frequency;

        @Option(names = "--time-zone", paramLabel = "ZONE", description = "e.g. Europe/Stockholm (default: the configured one).")
        String zone;

        @Option(names = "--resubscribe", description = "Bring back an address that unsubscribed (only with its consent).")
        boolean resubscribe;

        @Override
        int run(SubscriberRoster roster, PrintWriter out, PrintWriter err) {
            SubscriberRoster.Added added = roster.add(email, newsletters, frequency, zone, resubscribe);
            if (!added.taken()) {
                err.println(email + ": not added: " + added.problem());
                return ExitCode.FAILURES;
            }
            out.println(added.email() + ": " + lower(added.outcome()));
            return ExitCode.OK;
        }
    }

    @Command(name = "remove", description = "Unsubscribes an address and revokes the links in its mails; "
            + "--erase forgets it entirely.")
    static final class Remove extends Sub {
        @Parameters(paramLabel = "EMAIL")
        String email;

        @Option(names = "--erase", description = "Delete the subscriber and everything sent to them.")
        boolean erase;

        @Override
        int run(SubscriberRoster roster, PrintWriter out, PrintWriter err) {
            if (!roster.remove(email, erase)) {
                err.println(email + ": no such subscriber");
                return ExitCode.FAILURES;
            }
            out.println(email + (erase ? ": erased" : ": unsubscribed"));
            return ExitCode.OK;
        }
    }

    @Command(name = "import", description = "Adds the subscribers of a CSV file with a header row: email "
            + "(required), newsletters (ids, space-separated; empty for all), frequency, time_zone.")
    static final class Import extends Sub {
        @Parameters(paramLabel = "FILE.csv")
        Path file;

        @Override
        int run(SubscriberRoster roster, PrintWriter out, PrintWriter err) throws IOException {
            if (!Files.isRegularFile(file)) {
                err.println(file + ": no such file");
                return ExitCode.BAD_CONFIG_OR_USAGE;
            }
            SubscriberRoster.ImportReport report;
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                report = roster.importCsv(in);
            }
            out.printf("Taken:    %d (%d new, %d already there, given the listed newsletters)%n",
                    report.added() + report.updated(), report.added(), report.updated());
            out.printf("Refused:  %d%n", report.refused().size());
            for (SubscriberRoster.Refused r : report.refused()) {
                out.printf("  %s:%d: %s: %s%n", file, r.line(), r.email(), r.reason());
            }
            return report.refused().isEmpty() ? ExitCode.OK : ExitCode.FAILURES;
        }
    }

    @Command(name = "export", description = "Writes every subscriber as CSV (to standard output or --output).")
    static final class Export extends Sub {
        @Option(names = {"-o", "--out", "--output"}, paramLabel = "FILE")
        Path output;

        @Override
        int run(SubscriberRoster roster, PrintWriter out, PrintWriter err) throws IOException {
            if (output == null) {
                roster.exportCsv(out);
                return ExitCode.OK;
            }
            try (Writer file = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
                int count = roster.exportCsv(file);
                err.println(count + " subscribers written to " + output);
            }
            return ExitCode.OK;
        }
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}

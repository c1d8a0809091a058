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
import org.feedletter.manage.BounceOperations;
import org.feedletter.manage.SubscriberOperations;
import org.feedletter.store.BounceStore.StoredReport;
import org.feedletter.store.BounceStore.Suppression;
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
                SubscribersCommand.Import.class, SubscribersCommand.Export.class, SubscribersCommand.Show.class,
                SubscribersCommand.Suppress.class, SubscribersCommand.Unsuppress.class},
        footer = {"", "Examples:", "  feedletter subscribers list --state active",
                "  feedletter subscribers add alice@example.org --newsletter quick-comment --frequency weekly",
                "  feedletter subscribers remove alice@example.org",
                "  feedletter subscribers import people.csv      # columns: email,newsletters,frequency,time_zone",
                "  feedletter subscribers export > subscribers.csv",
                "  feedletter subscribers show alice@example.org     # state, newsletters, bounces and their evidence",
                "  feedletter subscribers suppress alice@example.org --note \"asked by phone\"",
                "  feedletter subscribers unsuppress alice@example.org"})
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

    /** Opens feedletter's store and hands the command the subscriber and bounce operations. */
    abstract static class WithBounces implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ConfigOption config;

        @Parameters(paramLabel = "EMAIL")
        String email;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Optional<String> normalized = BounceOperations.normalized(email);
            if (normalized.isEmpty()) {
                err.println(email + ": " + BounceOperations.problemWith(email));
                return ExitCode.BAD_CONFIG_OR_USAGE;
            }
            return config.withStore(err, feedletter -> {
                int code = run(feedletter.subscribers(), feedletter.bounces(), normalized.get(), out, err);
                out.flush();
                err.flush();
                return code;
            });
        }

        abstract int run(SubscriberOperations subscribers, BounceOperations bounces, String email, PrintWriter out,
                PrintWriter err);
    }

    @Command(name = "show", description = "Shows one address: its state and newsletters, whether it is suppressed "
            + "and why, and every bounce and complaint reported for it with the decision taken.")
    static final class Show extends WithBounces {
        @Option(names = "--reports", paramLabel = "N", defaultValue = "20",
                description = "Show at most N reports, newest first (default: ${DEFAULT-VALUE}).")
        int reports;

        @Override
        int run(SubscriberOperations subscribers, BounceOperations bounces, String email, PrintWriter out,
                PrintWriter err) {
            Optional<StoredSubscriber> subscriber = subscribers.findByEmail(email);
            BounceOperations.AddressRecord record = bounces.about(email, reports);
            if (subscriber.isEmpty() && record.history().isEmpty() && record.reports().isEmpty()) {
                err.println(email + ": no such subscriber, and nothing reported about it");
                return ExitCode.FAILURES;
            }
            out.println(email);
            if (subscriber.isPresent()) {
                StoredSubscriber s = subscriber.get();
                out.printf("  state:        %s%n", lower(s.state()));
                out.printf("  newsletters:  %s%n", String.join(" ", subscribers.newslettersOf(s.id())));
                out.printf("  frequency:    %s, %s%n", lower(s.frequency()), s.timeZone().getId());
                out.printf("  since:        %s (%s)%s%n", s.createdAt(), s.origin(),
                        s.confirmedAt() == null ? "" : ", confirmed " + s.confirmedAt());
            } else {
                out.println("  not a subscriber");
            }
            if (record.inForce().isPresent()) {
                Suppression x = record.inForce().get();
                out.printf("  suppressed:   yes, %s since %s (by %s): never mailed until lifted%n", x.reason(),
                        x.createdAt(), x.createdBy());
                out.printf("  evidence:     %s%n", x.evidence());
            } else {
                out.println("  suppressed:   no");
            }
            for (Suppression x : record.history()) {
                if (!x.inForce()) {
                    out.printf("  earlier:      %s suppression %s (by %s), lifted %s by %s: %s%n", x.reason(),
                            x.createdAt(), x.createdBy(), x.liftedAt(), x.liftedBy(), x.evidence());
                }
            }
            out.printf("Reports (%d, newest first):%n", record.reports().size());
            for (StoredReport r : record.reports()) {
                out.printf("  %s  %-9s %-8s %-6s %s%n", r.receivedAt(), r.kind(), r.source(),
                        r.status() == null ? "" : r.status(), r.decision());
                if (r.editionId() != null) {
                    out.printf("      edition %d of %s, matched by %s%n", r.editionId(), r.newsletterId(),
                            r.matchedBy());
                }
                if (r.diagnostic() != null && !r.diagnostic().isBlank()) {
                    out.printf("      %s%n", r.diagnostic());
                }
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "suppress", description = "Suppresses an address: nothing is mailed to it, and neither an "
            + "import nor a sign-up brings it back, until it is unsuppressed.")
    static final class Suppress extends WithBounces {
        @Option(names = "--note", paramLabel = "TEXT", description = "Why, kept as the evidence.")
        String note;

        @Override
        int run(SubscriberOperations subscribers, BounceOperations bounces, String email, PrintWriter out,
                PrintWriter err) {
            if (!bounces.suppress(email, note, "cli")) {
                out.println(email + ": suppressed already (see 'feedletter subscribers show " + email + "')");
                return ExitCode.OK;
            }
            out.println(email + ": suppressed");
            return ExitCode.OK;
        }
    }

    @Command(name = "unsuppress", description = "Lifts the suppression of an address (a bounce, a complaint or an "
            + "operator's): it may be mailed again, and a subscriber it had bounced is active again.")
    static final class Unsuppress extends WithBounces {
        @Override
        int run(SubscriberOperations subscribers, BounceOperations bounces, String email, PrintWriter out,
                PrintWriter err) {
            Optional<Suppression> lifted = bounces.unsuppress(email, "cli");
            if (lifted.isEmpty()) {
                err.println(email + ": not suppressed");
                return ExitCode.FAILURES;
            }
            out.println(email + ": " + lifted.get().reason() + " suppression of " + lifted.get().createdAt()
                    + " lifted" + subscribers.findByEmail(email).map(s -> "; the subscriber is " + lower(s.state()))
                    .orElse(""));
            return ExitCode.OK;
        }
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}

package org.feedletter.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.feedletter.Feedletter;
import org.feedletter.config.NewsletterConfig;
import org.feedletter.config.Suggestions;
import org.feedletter.digest.DigestRenderer.TemplateProblem;
import org.feedletter.digest.EditionOutcome;
import org.feedletter.digest.EditionPreview;
import org.feedletter.mail.DeliverySummary;
import org.feedletter.store.ListedUpdate;
import org.feedletter.store.StoredSubscriber;
import org.feedletter.subscribe.EmailAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "digest", description = "Previews and sends a newsletter's next edition.",
        subcommands = {DigestCommand.Preview.class, DigestCommand.Send.class},
        footer = {"", "Examples:",
                "  feedletter digest preview quick-comment --out next.html",
                "  feedletter digest preview quick-comment --subscriber alice@example.org --text",
                "  feedletter digest send quick-comment --dry-run",
                "  feedletter digest send quick-comment"})
final class DigestCommand implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(DigestCommand.class);
    private static final String SAMPLE_READER = "reader@example.org";

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "preview", description = {"Shows what the newsletter's next edition would hold if it were built "
            + "now, and why each new item is in or out; renders it without sending or recording anything."},
            footer = {"", "Exit codes: 0 shown; 2 no such newsletter or subscriber, bad config or usage."})
    static final class Preview implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ConfigOption config;
        @Parameters(paramLabel = "NEWSLETTER", description = "The newsletter's id, as in the config file.")
        String newsletterId;
        @Option(names = "--subscriber", paramLabel = "EMAIL", description = "Render it as this subscriber gets it "
                + "(their time zone and links); default: a sample reader in the newsletter's time zone.")
        String subscriber;
        @Option(names = {"-o", "--out", "--output"}, paramLabel = "FILE.html",
                description = "Write the HTML digest to this file.")
        Path outFile;
        @Option(names = "--text", description = "Print the plain-text digest.")
        boolean text;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            return config.withFeedletter(err, feedletter -> {
                Optional<NewsletterConfig> newsletter = newsletter(feedletter, newsletterId, err);
                if (newsletter.isEmpty()) {
                    return ExitCode.BAD_CONFIG_OR_USAGE;
                }
                Optional<StoredSubscriber> reader = Optional.empty();
                if (subscriber != null) {
                    reader = EmailAddress.parse(subscriber).address()
                            .flatMap(a -> feedletter.subscribers().findByEmail(a.normalized()));
                    if (reader.isEmpty()) {
                        err.println("There is no subscriber " + subscriber + ".");
                        return ExitCode.BAD_CONFIG_OR_USAGE;
                    }
                    warnIfNotARecipient(feedletter, reader.get(), newsletter.get(), err);
                }
                EditionPreview.Preview preview = reader.isPresent()
                        ? feedletter.editions().preview(newsletter.get(), reader.get().id(), reader.get().displayEmail(),
                                reader.get().timeZone())
                        : feedletter.editions().preview(newsletter.get(), 0, SAMPLE_READER,
                                newsletter.get().timeZone());
                printCandidates(preview, out, Terminal.detect());
                return printDigest(preview, reader.map(StoredSubscriber::displayEmail).orElse(SAMPLE_READER), out, err);
            });
        }

        private int printDigest(EditionPreview.Preview preview, String readerEmail, PrintWriter out, PrintWriter err) {
            if (preview.digest().isEmpty()) {
                out.println("Nothing would go out: no new item matches.");
                return ExitCode.OK;
            }
            out.println("Subject: " + preview.digest().get().subject().strip());
            if (text) {
                out.println();
                out.println(preview.digest().get().text());
            }
            if (outFile != null) {
                try {
                    Files.writeString(outFile, preview.digest().get().html());
                } catch (IOException e) {
                    err.println("Cannot write " + outFile + ": " + e.getMessage());
                    return ExitCode.BAD_CONFIG_OR_USAGE;
                }
                out.println("The HTML digest, as " + readerEmail + " would get it, is in " + outFile + ".");
            } else if (!text) {
                out.println("Add --out FILE.html to see it, or --text to print its plain-text part.");
            }
            out.flush();
            return ExitCode.OK;
        }

        private static void warnIfNotARecipient(Feedletter feedletter, StoredSubscriber reader,
                NewsletterConfig newsletter, PrintWriter err) {
            if (!feedletter.subscribers().newslettersOf(reader.id()).contains(newsletter.id())) {
                err.println("Note: " + reader.displayEmail() + " does not take " + newsletter.id() + ".");
            } else if (reader.state() != StoredSubscriber.State.ACTIVE) {
                err.println("Note: " + reader.displayEmail() + " is " + reader.state().name().toLowerCase(Locale.ROOT)
                        + " and gets nothing.");
            }
        }
    }

    @Command(name = "send", description = {"Builds the newsletter's edition now, whatever its schedule, queues it for "
            + "its subscribers and delivers. The next scheduled edition then takes what arrives after it.",
            "With --dry-run: shows what would go out and to how many, and records nothing."},
            footer = {"", "Exit codes: 0 done (also when nothing was new); 1 a message failed or delivery paused; "
                    + "2 no such newsletter, bad config or usage."})
    static final class Send implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ConfigOption config;
        @Parameters(paramLabel = "NEWSLETTER", description = "The newsletter's id, as in the config file.")
        String newsletterId;
        @Option(names = "--dry-run", description = "Show what would be sent; send and record nothing.")
        boolean dryRun;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            return config.withFeedletter(err, feedletter -> {
                Optional<NewsletterConfig> newsletter = newsletter(feedletter, newsletterId, err);
                if (newsletter.isEmpty()) {
                    return ExitCode.BAD_CONFIG_OR_USAGE;
                }
                return dryRun ? dryRun(feedletter, newsletter.get(), out) : send(feedletter, newsletter.get(), out);
            });
        }

        private static int dryRun(Feedletter feedletter, NewsletterConfig newsletter, PrintWriter out)
                throws TemplateProblem {
            EditionPreview.Preview preview = feedletter.editions().preview(newsletter, 0, SAMPLE_READER,
                    newsletter.timeZone());
            printCandidates(preview, out, Terminal.detect());
            int recipients = feedletter.editions().recipients(newsletter.id());
            out.println(preview.digest().isEmpty() ? "Nothing would go out: no new item matches."
                    : "Would send \"" + preview.digest().get().subject().strip() + "\" to " + recipients + " subscriber"
                    + (recipients == 1 ? "" : "s") + ". Dry run: nothing was sent or recorded.");
            out.flush();
            return ExitCode.OK;
        }

        private static int send(Feedletter feedletter, NewsletterConfig newsletter, PrintWriter out) {
            EditionOutcome edition = feedletter.editions().buildNow(newsletter);
            if (!edition.built()) {
                out.println(newsletter.id() + ": nothing new, so no edition. Nothing was sent.");
                return ExitCode.OK;
            }
            log.info("newsletter {}: edition {} built from the command line", newsletter.id(), edition.editionId());
            out.println(newsletter.id() + ": edition " + edition.editionId() + " with " + edition.items() + " item"
                    + (edition.items() == 1 ? "" : "s")
                    + (edition.updates() == 0 ? "" : " and " + edition.updates() + " updated")
                    + ", " + edition.queued() + " message"
                    + (edition.queued() == 1 ? "" : "s") + " queued");
            DeliverySummary delivery = feedletter.outbox().deliver();
            out.println("Messages: " + delivery.sent() + " sent to " + feedletter.outbox().deliveredTo() + ", "
                    + delivery.retried() + " to retry, " + delivery.failed() + " failed");
            if (delivery.paused()) {
                out.println("Delivery paused: " + delivery.pausedBecause());
            }
            out.flush();
            return delivery.failed() > 0 || delivery.paused() ? ExitCode.FAILURES : ExitCode.OK;
        }
    }

    private static Optional<NewsletterConfig> newsletter(Feedletter feedletter, String id, PrintWriter err) {
        Optional<NewsletterConfig> newsletter = feedletter.config().newsletter(id);
        if (newsletter.isEmpty()) {
            List<String> ids = feedletter.config().newsletters().stream().map(NewsletterConfig::id).toList();
            err.println("There is no newsletter '" + id + "'" + (ids.isEmpty() ? "; none is configured."
                    : Suggestions.closest(id, ids).map(s -> "; did you mean '" + s + "'?")
                    .orElse("; the config file defines: " + String.join(", ", ids) + ".")));
        }
        return newsletter;
    }

    private static void printCandidates(EditionPreview.Preview preview, PrintWriter out, Terminal terminal) {
        NewsletterConfig newsletter = preview.newsletter();
        out.println("Next edition of " + newsletter.id() + " (" + newsletter.title() + "), if built now: "
                + preview.taken() + " of " + preview.candidates().size() + " new item"
                + (preview.candidates().size() == 1 ? "" : "s") + " would go out; nothing is sent or recorded.");
        TextTable table = new TextTable(List.of("", "ITEM", "PUBLISHED", "WHY"), 0, 60, 0, 0);
        for (EditionPreview.Candidate candidate : preview.candidates()) {
            String mark = candidate.listed() ? "in" : candidate.decision().included() ? "counted" : "out";
            table.row(List.of(mark, candidate.item().title(), Times.utc(candidate.item().published()),
                    candidate.decision().reason()), candidate.decision().included() ? terminal::green : terminal::dim);
        }
        if (!table.isEmpty()) {
            table.print(out, "  ", terminal);
        }
        if (!preview.updates().isEmpty()) {
            out.println(preview.updates().size() + " item" + (preview.updates().size() == 1 ? "" : "s")
                    + " sent before would be listed as updated:");
            TextTable updates = new TextTable(List.of("", "ITEM", "WHAT CHANGED"), 0, 60, 0);
            for (ListedUpdate update : preview.updates()) {
                updates.row(List.of("updated", update.item().title(), whatChanged(update)), terminal::green);
            }
            updates.print(out, "  ", terminal);
        }
    }

    private static String whatChanged(ListedUpdate update) {
        String title = update.titleChanged() ? "title changed; was: " + update.oldTitle() : "";
        String text = update.textRevised() ? "text revised" : "";
        return title.isEmpty() || text.isEmpty() ? title + text : title + "; " + text;
    }
}

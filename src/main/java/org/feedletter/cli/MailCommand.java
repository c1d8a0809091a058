package org.feedletter.cli;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.feedletter.config.FeedletterConfig;
import org.feedletter.digest.RenderedDigest;
import org.feedletter.mail.MailSender;
import org.feedletter.mail.MailTransport;
import org.feedletter.mail.MailTransports;
import org.feedletter.mail.MessageComposer;
import org.feedletter.mail.SendResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "mail", description = "Checks the mail set-up, and sends again what it gave up on.",
        subcommands = {MailCommand.Test.class, MailCommand.Retry.class, MailCommand.ReadBounces.class},
        footer = {"", "Examples:", "  feedletter mail test you@example.org", "  feedletter mail retry",
                "  feedletter mail read-bounces"})
final class MailCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "retry", description = {"Queues every failed message again (the mail server refused it for good, "
            + "or it ran out of attempts): once the cause is fixed, subscribers get what they missed.",
            "Messages the server accepted are never sent again. The service sends them at its next delivery tick; "
            + "'feedletter run --once' sends them now."},
            footer = {"", "Exit codes: 0 done (also when none had failed); 2 bad config or usage."})
    static final class Retry implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ConfigOption config;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            return config.withStore(spec.commandLine().getErr(), feedletter -> {
                int queued = feedletter.outbox().retryFailed();
                out.println(queued == 0 ? "No message had failed." : "Queued " + Counted.of(queued, "failed message")
                        + " again; the service sends them at its next delivery tick ('feedletter run --once' sends "
                        + "them now).");
                out.flush();
                return ExitCode.OK;
            });
        }
    }

    @Command(name = "read-bounces", description = {"Reads the bounce mailbox (bounces.mailbox) once now, as the "
            + "service does on its tick: each bounce or complaint is recorded once and acted on, then moved or "
            + "deleted; then says what it found.", "A message read before (a crash, or the service got there first) "
            + "is recognised and changes nothing."},
            footer = {"", "Exit codes: 0 read; 1 the mailbox could not be read, or a message could not be recorded; "
                    + "2 bad config or usage, or no bounce mailbox configured."})
    static final class ReadBounces implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ConfigOption config;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            return config.withStore(err, feedletter -> {
                var summary = feedletter.bounces().readMailbox();
                if (summary.isEmpty()) {
                    err.println("no bounce mailbox is configured (bounces.mailbox)");
                    err.flush();
                    return ExitCode.BAD_CONFIG_OR_USAGE;
                }
                feedletter.bounces().warnAboutEditions();
                if (summary.get().problem() != null) {
                    err.println(summary.get().problem());
                    err.flush();
                    return ExitCode.FAILURES;
                }
                out.println(summary.get());
                out.flush();
                return summary.get().failed() > 0 ? ExitCode.FAILURES : ExitCode.OK;
            });
        }
    }

    @Command(name = "test", description = {"Sends one short message to ADDRESS through the configured transport "
            + "(SMTP, or a file in the outbox folder) and prints what the server answered.",
            "Touches neither the database nor any subscriber."},
            footer = {"", "Exit codes: 0 the server took it; 1 it did not (its answer is printed); 2 bad config, "
                    + "address or usage."})
    static final class Test implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ConfigOption config;
        @Parameters(paramLabel = "ADDRESS", description = "Where the test message goes.")
        String address;

        @Override
        public Integer call() throws MessagingException {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            InternetAddress to;
            try {
                to = new InternetAddress(address, true);
            } catch (AddressException e) {
                err.println("'" + address + "' is not an email address: " + e.getMessage());
                return ExitCode.BAD_CONFIG_OR_USAGE;
            }
            Optional<FeedletterConfig> loaded = config.load(err);
            if (loaded.isEmpty()) {
                return ExitCode.BAD_CONFIG_OR_USAGE;
            }
            InternetAddress from;
            try {
                from = new InternetAddress(loaded.get().mail().from(), true);
            } catch (AddressException e) {
                err.println("mail.from is not an address: " + loaded.get().mail().from());
                return ExitCode.BAD_CONFIG_OR_USAGE;
            }
            MailTransport transport = MailTransports.of(loaded.get().mail());
            String host = hostName();
            RenderedDigest message = new RenderedDigest("feedletter test message",
                    "<p>This is a test message from feedletter on " + host + ".</p><p>Mail reaches you through "
                            + transport.describe() + ".</p>",
                    "This is a test message from feedletter on " + host + ".\n\nMail reaches you through "
                            + transport.describe() + ".\n");
            String domain = from.getAddress().substring(from.getAddress().indexOf('@') + 1);
            MimeMessage mime = new MessageComposer(from).compose(message, to, "<test-" + UUID.randomUUID() + "@"
                    + domain + ">", Map.of(), new Date());
            out.println("Sending a test message to " + to.getAddress() + " through " + transport.describe() + "...");
            out.flush();
            SendResult result;
            try (MailSender sender = transport.open()) {
                result = sender.send(mime, to);
            }
            if (result instanceof SendResult.Sent sent) {
                out.println("Sent. The server answered: " + sent.serverReply());
                return ExitCode.OK;
            }
            String why;
            if (result instanceof SendResult.RetryLater later) {
                why = "refused for now (it may take it later): " + later.reason();
            } else if (result instanceof SendResult.Rejected rejected) {
                why = "refused: " + rejected.reason();
            } else {
                why = "could not be handed over: " + ((SendResult.ConnectionProblem) result).reason();
            }
            err.println("Not sent; " + why);
            return ExitCode.FAILURES;
        }

        private static String hostName() {
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                return "this machine";
            }
        }
    }
}

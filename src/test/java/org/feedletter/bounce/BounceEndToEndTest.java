package org.feedletter.bounce;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.feedletter.config.BounceConfig;
import org.feedletter.config.MailConfig;
import org.feedletter.mail.DeliverySummary;
import org.feedletter.mail.OutboxDeliverer;
import org.feedletter.mail.SmtpTransport;
import org.feedletter.testing.ScriptedSmtpServer;
import org.feedletter.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * From a digest to a suppression and back: an edition goes out over SMTP with a signed VERP envelope sender per
 * message, a delivery status notification for one copy arrives in the bounce mailbox (IMAP), is read and acted on,
 * and the next edition is not mailed to that address; the same with Message-ID matching, and with the SMTP server's
 * own refusal at send time.
 */
class BounceEndToEndTest {

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(new ServerSetup[] {
            ServerSetupTest.SMTP.dynamicPort(), ServerSetupTest.IMAP.dynamicPort()});

    private SmtpTransport smtp() {
        return new SmtpTransport(new MailConfig(MailConfig.Transport.SMTP, "127.0.0.1", greenMail.getSmtp().getPort(),
                MailConfig.Security.NONE, "", "", "Quick Comments <digest@example.org>", Path.of("unused")));
    }

    private BounceMailbox mailbox(BounceFixture fixture) {
        return new BounceMailbox(new BounceConfig.Mailbox(BounceConfig.Protocol.IMAP, "127.0.0.1",
                greenMail.getImap().getPort(), MailConfig.Security.NONE, "bounces", "pw", "INBOX", "processed",
                BounceConfig.Mailbox.DEFAULT_EVERY), fixture.parser, fixture.recorder);
    }

    private static void deliverToBounceMailbox(byte[] raw) throws Exception {
        greenMail.setUser(BounceFixture.BOUNCES, "bounces", "pw")
                .deliver(new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw)));
    }

    private static List<MimeMessage> receivedBy(String address) throws Exception {
        return Arrays.stream(greenMail.getReceivedMessages()).filter(m -> {
            try {
                return m.getHeader("To", ",").contains(address);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    @Test
    void aBounceForAVerpAddressSuppressesTheSubscriberAndTheNextEditionSkipsThem() throws Exception {
        try (BounceFixture fixture = new BounceFixture(TestDatabases.fresh(), "alice", "bob");
                OutboxDeliverer deliverer = fixture.deliverer(smtp())) {
            long first = fixture.newEdition();
            assertThat(deliverer.deliverDue().sent()).isEqualTo(2);

            // The envelope sender each copy went out with, as the receiving server recorded it.
            MimeMessage toAlice = receivedBy("alice@example.net").get(0);
            String envelope = toAlice.getHeader("Return-Path", ",").replaceAll("[<>\\s]", "");
            assertThat(envelope).isEqualTo(fixture.verp.addressFor(fixture.outboxId("alice", first)))
                    .startsWith("bounces+");
            assertThat(receivedBy("bob@example.net").get(0).getHeader("Return-Path", ","))
                    .doesNotContain(envelope).contains("bounces+");
            assertThat(toAlice.getHeader("From", ",")).contains("digest@example.org");

            // alice's server refuses it later and writes back to the envelope sender.
            deliverToBounceMailbox(BounceFixture.dsn("later-1", envelope, "alice@example.net",
                    toAlice.getMessageID(), "5.1.1", "550 5.1.1 <alice@example.net>: mailbox unavailable"));
            BounceMailbox.Summary read = mailbox(fixture).read();
            assertThat(read.suppressed()).isEqualTo(1);
            assertThat(fixture.state("alice")).isEqualTo("bounced");

            greenMail.purgeEmailFromAllMailboxes();
            long second = fixture.newEdition();
            DeliverySummary next = deliverer.deliverDue();
            assertThat(next.sent()).isEqualTo(1);
            assertThat(receivedBy("alice@example.net")).isEmpty();
            assertThat(receivedBy("bob@example.net")).hasSize(1);
            assertThat(fixture.bounces.reportsAbout("alice@example.net", 5)).singleElement().satisfies(r -> {
                assertThat(r.editionId()).isEqualTo(first);
                assertThat(r.matchedBy()).isEqualTo("verp");
                assertThat(r.newsletterId()).isEqualTo("quick-comment");
            });
            assertThat(second).isGreaterThan(first);
        }
    }

    @Test
    void aRowQueuedBeforeTheSuppressionIsCancelledNotSent() throws Exception {
        try (BounceFixture fixture = new BounceFixture(TestDatabases.fresh(), "alice", "bob");
                OutboxDeliverer deliverer = fixture.deliverer(smtp())) {
            fixture.newEdition();
            fixture.bounces.suppress("alice@example.net", "manual", "asked by the list owner", "cli",
                    fixture.clock.instant());

            DeliverySummary summary = deliverer.deliverDue();

            assertThat(summary.sent()).isEqualTo(1);
            assertThat(receivedBy("alice@example.net")).isEmpty();
            String alices = fixture.database.jdbi().withHandle(h -> h.createQuery("SELECT o.state || ':' || "
                    + "o.last_error FROM outbox o JOIN subscribers s ON s.id = o.subscriber_id "
                    + "WHERE s.email = 'alice@example.net'").mapTo(String.class).one());
            assertThat(alices).isEqualTo("cancelled:not sent: the address is suppressed");
        }
    }

    @Test
    void inMessageIdModeTheQuotedMessageIdTiesTheReport() throws Exception {
        try (BounceFixture fixture = new BounceFixture(TestDatabases.fresh(), false, "alice", "bob")) {
            long edition = fixture.newEdition();
            deliverToBounceMailbox(BounceFixture.dsn("mid-1", "digest@example.org", "bob@example.net",
                    fixture.messageId("bob", edition), "5.1.1", "550 5.1.1 no such user"));
            // One quoting a Message-ID that is not ours is recorded and not acted on.
            deliverToBounceMailbox(BounceFixture.dsn("mid-2", "digest@example.org", "alice@example.net",
                    "<something-else@example.org>", "5.1.1", "550 5.1.1 no such user"));

            BounceMailbox.Summary read = mailbox(fixture).read();

            assertThat(read.recorded()).isEqualTo(2);
            assertThat(fixture.state("bob")).isEqualTo("bounced");
            assertThat(fixture.state("alice")).isEqualTo("active");
            assertThat(fixture.bounces.reportsAbout("bob@example.net", 5)).singleElement()
                    .satisfies(r -> assertThat(r.matchedBy()).isEqualTo("message-id"));
        }
    }

    @Test
    void aRefusalAtSendTimeIsAHardBounceThroughTheSamePolicy() throws Exception {
        try (BounceFixture fixture = new BounceFixture(TestDatabases.fresh(), "alice", "bob");
                ScriptedSmtpServer server = ScriptedSmtpServer.onFreePort()
                        .answerRecipient("alice@example.net", "550 5.1.1 <alice@example.net>: User unknown").start();
                OutboxDeliverer deliverer = fixture.deliverer(new SmtpTransport(new MailConfig(
                        MailConfig.Transport.SMTP, "127.0.0.1", server.port(), MailConfig.Security.NONE, "", "",
                        "digest@example.org", Path.of("unused"))))) {
            fixture.newEdition();

            deliverer.deliverDue();

            assertThat(server.received()).singleElement().satisfies(r -> {
                assertThat(r.recipients()).containsExactly("bob@example.net");
                assertThat(r.mailFrom()).startsWith("bounces+").endsWith("@example.org");
            });
            assertThat(fixture.state("alice")).isEqualTo("bounced");
            assertThat(fixture.bounces.suppression("alice@example.net")).hasValueSatisfying(s -> {
                assertThat(s.reason()).isEqualTo("hard");
                assertThat(s.createdBy()).isEqualTo("smtp");
                assertThat(s.evidence()).contains("5.1.1").contains("User unknown");
            });
            assertThat(fixture.state("bob")).isEqualTo("active");
        }
    }
}

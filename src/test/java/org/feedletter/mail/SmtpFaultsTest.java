package org.feedletter.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.feedletter.mail.DeliveryFixture.address;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import org.feedletter.config.MailConfig;
import org.feedletter.mail.DeliveryFixture.Row;
import org.feedletter.testing.ScriptedSmtpServer;
import org.feedletter.testing.ScriptedSmtpServer.Received;
import org.feedletter.testing.SelfSignedTls;
import org.feedletter.testing.Waiting;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Delivery against a server that pushes back: temporary and permanent refusals, connections dropped during or
 * after DATA, a refused sender, a server that is down, STARTTLS with login. Nothing is lost, and every row ends
 * sent or failed with its reason.
 */
@Tag("database")
class SmtpFaultsTest {

    private static final String BUSY = "451 4.2.1 Mailbox busy, try again later";
    private static final String UNKNOWN = "550 5.1.1 Recipient address rejected: User unknown";

    private static SSLContext tls;

    private final ScriptedSmtpServer server = ScriptedSmtpServer.onFreePort();
    private DeliveryFixture fixture;

    @BeforeAll
    static void makeCertificate(@TempDir Path dir) throws Exception {
        tls = SelfSignedTls.serverContext(dir);
    }

    @AfterEach
    void tearDown() {
        server.close();
        if (fixture != null) {
            fixture.close();
        }
    }

    private Map<String, List<Received>> receivedByRecipient() {
        return server.received().stream().collect(Collectors.groupingBy(r -> r.recipients().get(0)));
    }

    /** Every row is sent (with the server's reply) or failed (with the reason). */
    private void assertEveryRowEndedWithItsReason() {
        assertThat(fixture.rows()).allSatisfy(row -> {
            assertThat(row.state()).isIn("sent", "failed");
            if (row.state().equals("sent")) {
                assertThat(row.serverReply()).startsWith("250");
            } else {
                assertThat(row.lastError()).isNotBlank();
            }
        });
    }

    @Test
    void a451IsRetriedLaterAndA550FailsThatRowWithTheServersReason() {
        fixture = new DeliveryFixture("alice", "bob", "carol");
        long edition = fixture.newEdition();
        server.answerRecipient(address("bob"), BUSY, "250 2.1.5 Ok").answerRecipient(address("carol"), UNKNOWN).start();

        try (OutboxDeliverer deliverer = fixture.deliverer(DeliveryFixture.smtp(server.port()))) {
            DeliverySummary first = deliverer.deliverDue();

            assertThat(first.sent()).isEqualTo(1);
            assertThat(first.retried()).isEqualTo(1);
            assertThat(first.failed()).isEqualTo(1);
            Map<String, Row> rows = fixture.rowsOf(edition);
            assertThat(rows.get(address("bob")).state()).isEqualTo("queued");
            assertThat(rows.get(address("bob")).attempts()).isEqualTo(1);
            assertThat(rows.get(address("bob")).lastError()).contains(BUSY);
            assertThat(rows.get(address("bob")).nextAttemptAt()).isAfter(fixture.clock.instant());
            assertThat(rows.get(address("carol")).state()).isEqualTo("failed");
            assertThat(rows.get(address("carol")).lastError())
                    .isEqualTo("recipient carol@example.org refused: " + UNKNOWN);
            assertThat(fixture.subscribers.findByEmail(address("carol")).orElseThrow().consecutiveBounces()).isEqualTo(1);
            assertThat(deliverer.deliverDue().sent()).as("bob is not due again yet").isZero();

            fixture.clock.advance(Duration.ofMinutes(2));
            DeliverySummary retry = deliverer.deliverDue();

            assertThat(retry.sent()).isEqualTo(1);
        }
        assertThat(receivedByRecipient()).containsOnlyKeys(address("alice"), address("bob"));
        assertThat(receivedByRecipient().values()).allMatch(messages -> messages.size() == 1);
        assertThat(fixture.rowsOf(edition).get(address("bob")).attempts()).isEqualTo(2);
        assertEveryRowEndedWithItsReason();
    }

    @Test
    void aSubscriberRefusedThreeTimesInARowIsBouncedAndGetsNoFurtherMail() {
        fixture = new DeliveryFixture("alice", "carol");
        server.answerRecipient(address("carol"), UNKNOWN).start();
        try (OutboxDeliverer deliverer = fixture.deliverer(DeliveryFixture.smtp(server.port()))) {
            for (int i = 0; i < 3; i++) {
                fixture.newEdition();
                assertThat(fixture.subscriberState("carol")).isEqualTo("active");
                deliverer.deliverDue();
            }
            assertThat(fixture.subscriberState("carol")).isEqualTo("bounced");

            long fourth = fixture.newEdition();
            deliverer.deliverDue();

            assertThat(fixture.rowsOf(fourth)).containsOnlyKeys(address("alice"));
        }
        assertThat(receivedByRecipient().get(address("alice"))).hasSize(4);
        assertThat(receivedByRecipient()).doesNotContainKey(address("carol"));
        assertThat(fixture.rows()).filteredOn(r -> r.email().equals(address("carol")))
                .hasSize(3).allMatch(r -> r.state().equals("failed") && r.lastError().contains("550 5.1.1"));
        assertEveryRowEndedWithItsReason();
    }

    @Test
    void aMessageThatGetsThroughBetweenRefusalsStartsTheBounceCountAgain() {
        fixture = new DeliveryFixture("carol");
        server.answerRecipient(address("carol"), UNKNOWN, UNKNOWN, "250 2.1.5 Ok", UNKNOWN, UNKNOWN).start();
        try (OutboxDeliverer deliverer = fixture.deliverer(DeliveryFixture.smtp(server.port()))) {
            for (int i = 0; i < 5; i++) {
                fixture.newEdition();
                deliverer.deliverDue();
            }
        }
        assertThat(fixture.subscriberState("carol")).isEqualTo("active");
        assertThat(fixture.subscribers.findByEmail(address("carol")).orElseThrow().consecutiveBounces()).isEqualTo(2);
    }

    @Test
    void aConnectionDroppedInTheMiddleOfDataIsRetriedOnANewConnectionAndNothingIsLost() {
        fixture = new DeliveryFixture("alice", "bob", "carol", "dave", "erin");
        long edition = fixture.newEdition();
        server.dropDuringData(1).start();
        try (OutboxDeliverer deliverer = fixture.deliverer(DeliveryFixture.smtp(server.port()),
                DeliveryFixture.settings(1, 8, Duration.ofDays(2), 0, 0), "node-a")) {
            DeliverySummary first = deliverer.deliverDue();

            assertThat(first.sent()).isEqualTo(4);
            assertThat(first.retried()).isEqualTo(1);
            Row dropped = fixture.rows().stream().filter(r -> r.state().equals("queued")).findFirst().orElseThrow();
            assertThat(dropped.lastError()).startsWith("connection to SMTP 127.0.0.1:" + server.port() + " (without TLS) failed");

            fixture.clock.advance(Duration.ofMinutes(2));
            assertThat(deliverer.deliverDue().sent()).isEqualTo(1);
        }
        assertThat(server.connections()).as("a new one after the drop, another for the retry round").isEqualTo(3);
        assertThat(receivedByRecipient()).hasSize(5).allSatisfy((to, messages) -> assertThat(messages).hasSize(1));
        assertThat(server.received()).allSatisfy(r ->
                assertThat(r.messageId()).isEqualTo(fixture.rowsOf(edition).get(r.recipients().get(0)).messageId()));
        assertEveryRowEndedWithItsReason();
    }

    @Test
    void aConnectionDroppedAfterTheServerTookTheMessageRepeatsItWithTheSameMessageId() {
        fixture = new DeliveryFixture("alice");
        long edition = fixture.newEdition();
        server.dropAfterData(1).start();
        try (OutboxDeliverer deliverer = fixture.deliverer(DeliveryFixture.smtp(server.port()))) {
            assertThat(deliverer.deliverDue().retried()).isEqualTo(1);
            fixture.clock.advance(Duration.ofMinutes(2));
            assertThat(deliverer.deliverDue().sent()).isEqualTo(1);
        }
        List<Received> received = server.received();
        assertThat(received).hasSize(2);
        assertThat(received.get(0).messageId()).isEqualTo(received.get(1).messageId())
                .isEqualTo(fixture.rowsOf(edition).get(address("alice")).messageId());
        assertEveryRowEndedWithItsReason();
    }

    @Test
    void aSenderRefusedWith5xxPausesDeliveryWithoutUsingAttemptsAndSaysWhy() {
        fixture = new DeliveryFixture("a", "b", "c", "d", "e", "f", "g", "h", "i", "j");
        fixture.newEdition();
        server.answerMailFrom("553 5.7.1 <digest@example.org>: Sender address rejected: not owned by user").start();
        try (OutboxDeliverer deliverer = fixture.deliverer(DeliveryFixture.smtp(server.port()),
                DeliveryFixture.settings(2, 8, Duration.ofDays(2), 0, 0), "node-a")) {
            DeliverySummary refused = deliverer.deliverDue();

            assertThat(refused.paused()).isTrue();
            assertThat(refused.pausedBecause()).contains("sender", "553 5.7.1", "not owned by user");
            assertThat(refused.sent() + refused.retried() + refused.failed()).isZero();
            assertThat(server.mailFromCommands()).as("tried once per connection, not once per row").isLessThanOrEqualTo(2);
            assertThat(fixture.rows()).allMatch(r -> r.state().equals("queued") && r.attempts() == 0);
            assertThat(fixture.outbox.lastErrors(10)).anySatisfy(e -> assertThat(e.error()).contains("553 5.7.1"));

            DeliverySummary stillPaused = deliverer.deliverDue();
            assertThat(stillPaused.pausedBecause()).startsWith("paused until");
            assertThat(server.mailFromCommands()).isLessThanOrEqualTo(2);

            server.answerMailFrom("250 2.1.0 Ok");
            fixture.clock.advance(Duration.ofMinutes(1));
            DeliverySummary resumed = deliverer.deliverDue();

            assertThat(resumed.sent()).isEqualTo(10);
            assertThat(resumed.paused()).isFalse();
        }
        assertThat(receivedByRecipient()).hasSize(10);
        assertEveryRowEndedWithItsReason();
    }

    @Test
    void whenTheServerIsDownRowsWaitAndGoOutOnceItIsBack() {
        fixture = new DeliveryFixture("alice", "bob", "carol");
        fixture.newEdition();
        try (OutboxDeliverer deliverer = fixture.deliverer(DeliveryFixture.smtp(server.port()))) {
            DeliverySummary down = deliverer.deliverDue();

            assertThat(down.pausedBecause()).contains("cannot connect to SMTP 127.0.0.1:" + server.port());
            assertThat(fixture.rows()).allMatch(r -> r.state().equals("queued") && r.attempts() == 0);

            server.start();
            fixture.clock.advance(Duration.ofMinutes(1));
            assertThat(deliverer.deliverDue().sent()).isEqualTo(3);
        }
        assertThat(receivedByRecipient()).hasSize(3);
        assertEveryRowEndedWithItsReason();
    }

    @Test
    void aServerThatGoesDownWhileAMessageWaitsForItsReplyLosesNothingAndRepeatsOnlyThatOne() throws Exception {
        fixture = new DeliveryFixture("a", "b", "c", "d", "e", "f");
        fixture.newEdition();
        server.holdMessages().start();
        try (OutboxDeliverer deliverer = fixture.deliverer(DeliveryFixture.smtp(server.port()),
                DeliveryFixture.settings(1, 8, Duration.ofDays(2), 0, 0), "node-a")) {
            Thread round = new Thread(deliverer::deliverDue);
            round.start();
            Waiting.until(Duration.ofSeconds(30), () -> server.heldCount() == 1);
            server.stop(); // the held message's connection drops before its reply
            server.releaseHeld();
            round.join(30_000);

            server.start();
            fixture.clock.advance(Duration.ofMinutes(2));
            deliverer.deliverDue();
        }
        assertThat(receivedByRecipient()).hasSize(6);
        assertThat(server.received()).as("the message taken before the drop went again").hasSize(7);
        List<Received> repeated = receivedByRecipient().values().stream().filter(m -> m.size() == 2).findFirst().orElseThrow();
        assertThat(repeated.get(0).messageId()).isEqualTo(repeated.get(1).messageId());
        assertEveryRowEndedWithItsReason();
    }

    private static Properties trustTestCertificate() {
        Properties p = new Properties();
        p.put("mail.smtp.ssl.trust", "127.0.0.1");
        return p;
    }

    @Test
    void startTlsWithLoginSendsEveryMessageOverTheEncryptedConnection() {
        fixture = new DeliveryFixture("alice", "bob");
        fixture.newEdition();
        server.withStartTls(tls, "digest@example.org", "s3cret").start();
        MailConfig config = DeliveryFixture.mailConfig(server.port(), MailConfig.Security.STARTTLS,
                "digest@example.org", "s3cret");
        try (OutboxDeliverer deliverer = fixture.deliverer(DeliveryFixture.smtp(config, trustTestCertificate()))) {
            assertThat(deliverer.deliverDue().sent()).isEqualTo(2);
        }
        assertThat(server.received()).hasSize(2)
                .allMatch(r -> r.overTls() && "digest@example.org".equals(r.login()));
        assertEveryRowEndedWithItsReason();
    }

    @Test
    void aRefusedLoginAfterStartTlsPausesDeliveryNamingTheUserButNotThePassword() {
        fixture = new DeliveryFixture("alice");
        fixture.newEdition();
        server.withStartTls(tls, "digest@example.org", "s3cret").start();
        MailConfig config = DeliveryFixture.mailConfig(server.port(), MailConfig.Security.STARTTLS,
                "digest@example.org", "wrong-password");
        try (OutboxDeliverer deliverer = fixture.deliverer(DeliveryFixture.smtp(config, trustTestCertificate()))) {
            DeliverySummary summary = deliverer.deliverDue();

            assertThat(summary.pausedBecause()).contains("SMTP login as digest@example.org refused", "535")
                    .doesNotContain("wrong-password");
        }
        assertThat(fixture.rows()).allMatch(r -> r.state().equals("queued") && r.attempts() == 0);
        assertThat(server.received()).isEmpty();
    }

    @Test
    void aServerThatDoesNotOfferStartTlsIsNotSentAnythingInTheClear() {
        fixture = new DeliveryFixture("alice");
        fixture.newEdition();
        server.start();
        MailConfig config = DeliveryFixture.mailConfig(server.port(), MailConfig.Security.STARTTLS,
                "digest@example.org", "s3cret");
        try (OutboxDeliverer deliverer = fixture.deliverer(DeliveryFixture.smtp(config, trustTestCertificate()))) {
            DeliverySummary summary = deliverer.deliverDue();

            assertThat(summary.pausedBecause()).contains("STARTTLS");
        }
        assertThat(server.mailFromCommands()).isZero();
        assertThat(fixture.rows()).allMatch(r -> r.state().equals("queued") && r.attempts() == 0);
    }

    @Test
    void startTlsIsRequiredSoAServerOfferingLoginWithoutItNeverGetsTheCredentials() {
        fixture = new DeliveryFixture("alice");
        fixture.newEdition();
        server.withLoginInTheClear("digest@example.org", "s3cret").start();
        MailConfig config = DeliveryFixture.mailConfig(server.port(), MailConfig.Security.STARTTLS,
                "digest@example.org", "s3cret");
        try (OutboxDeliverer deliverer = fixture.deliverer(DeliveryFixture.smtp(config, trustTestCertificate()))) {
            DeliverySummary summary = deliverer.deliverDue();

            assertThat(summary.pausedBecause()).contains("STARTTLS is required");
        }
        assertThat(server.connections()).isPositive();
        assertThat(server.authCommands()).as("AUTH commands, which would carry the password").isZero();
        assertThat(server.mailFromCommands()).isZero();
        assertThat(fixture.rows()).allMatch(r -> r.state().equals("queued") && r.attempts() == 0);
    }
}

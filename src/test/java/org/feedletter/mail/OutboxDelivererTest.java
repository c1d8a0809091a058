package org.feedletter.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.feedletter.mail.DeliveryFixture.address;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.feedletter.config.DeliverySettings;
import org.feedletter.mail.DeliveryFixture.Row;
import org.feedletter.store.OutboxRow;
import org.feedletter.testing.ScriptedSmtpServer;
import org.feedletter.testing.ScriptedSmtpServer.Received;
import org.feedletter.testing.Waiting;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("database")
class OutboxDelivererTest {

    private static final String BUSY = "451 4.2.1 Mailbox busy, try again later";

    private DeliveryFixture fixture;
    private GreenMail greenMail;
    private final ScriptedSmtpServer server = ScriptedSmtpServer.onFreePort();

    @AfterEach
    void tearDown() {
        if (greenMail != null) {
            greenMail.stop();
        }
        server.close();
        fixture.close();
    }

    private GreenMail startGreenMail() {
        greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        return greenMail;
    }

    private static List<String> recipients(GreenMail greenMail) {
        return Arrays.stream(greenMail.getReceivedMessages())
                .map(m -> {
                    try {
                        return m.getAllRecipients()[0].toString();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                })
                .sorted()
                .toList();
    }

    private Map<String, List<Received>> receivedByRecipient() {
        return server.received().stream().collect(Collectors.groupingBy(r -> r.recipients().get(0)));
    }

    private static String[] names(int count) {
        return java.util.stream.IntStream.rangeClosed(1, count).mapToObj(i -> "reader" + i).toArray(String[]::new);
    }

    @Test
    void everyQueuedMessageIsSentOnceAndMarkedSentWithTheServersReply() throws Exception {
        fixture = new DeliveryFixture("alice", "bob", "carol");
        fixture.newEdition();
        startGreenMail();
        try (OutboxDeliverer deliverer = fixture.deliverer(DeliveryFixture.smtp(greenMail.getSmtp().getPort()))) {
            DeliverySummary first = deliverer.deliverDue();
            DeliverySummary second = deliverer.deliverDue();

            assertThat(first.sent()).isEqualTo(3);
            assertThat(second.sent()).isZero();
        }
        assertThat(recipients(greenMail)).containsExactly("alice@example.org", "bob@example.org", "carol@example.org");
        assertThat(fixture.outbox.countByState()).containsEntry("sent", 3L).containsEntry("queued", 0L);
        assertThat(fixture.rows()).allMatch(r -> r.serverReply().startsWith("250"));
        MimeMessage received = greenMail.getReceivedMessages()[0];
        assertThat(received.getMessageID()).matches("<edition-\\d+\\.subscriber-\\d+@example\\.org>");
    }

    @Test
    void aSubscriberWhoLeftBeforeSendingIsNotSentTo() {
        fixture = new DeliveryFixture("alice", "bob", "carol");
        long edition = fixture.newEdition();
        long bob = fixture.subscribers.findByEmail("bob@example.org").orElseThrow().id();
        fixture.database.jdbi().useHandle(h -> h.execute("UPDATE subscribers SET state = 'unsubscribed' WHERE id = ?", bob));
        startGreenMail();
        try (OutboxDeliverer deliverer = fixture.deliverer(DeliveryFixture.smtp(greenMail.getSmtp().getPort()))) {
            DeliverySummary summary = deliverer.deliverDue();

            assertThat(summary.sent()).isEqualTo(2);
            assertThat(summary.cancelled()).isEqualTo(1);
        }
        assertThat(recipients(greenMail)).containsExactly("alice@example.org", "carol@example.org");
        assertThat(fixture.rowsOf(edition).get(address("bob")).lastError()).isEqualTo("not sent: the subscriber is unsubscribed");
    }

    @Test
    void theFileTransportWritesOneEmlFilePerMessageNamedByMessageId(@TempDir Path dir) throws Exception {
        fixture = new DeliveryFixture("alice", "bob", "carol");
        fixture.newEdition();
        FileTransport files = new FileTransport(dir.resolve("outbox"));
        try (OutboxDeliverer deliverer = fixture.deliverer(files)) {
            assertThat(deliverer.deliverDue().sent()).isEqualTo(3);
        }
        try (var listing = Files.list(dir.resolve("outbox"))) {
            List<Path> written = listing.sorted().toList();
            assertThat(written).hasSize(3).allMatch(p -> p.getFileName().toString().matches("edition-\\d+\\.subscriber-\\d+@example\\.org\\.eml"));
            assertThat(Files.readString(written.get(0))).contains("Subject: Quick Comment digest: Quick Comment: Piece 1",
                    "Content-Type: multipart/alternative");
        }
    }

    @Test
    void rowsClaimedByANodeThatDiedGoOutFromAnotherOnceTheClaimTimesOut() {
        fixture = new DeliveryFixture("alice", "bob", "carol");
        fixture.newEdition();
        server.start();
        List<OutboxRow> held = fixture.outbox.claim("dead-node", fixture.clock.instant(),
                DeliverySettings.defaults().claimTimeout(), 100);
        assertThat(held).hasSize(3);
        try (OutboxDeliverer deliverer = fixture.deliverer(DeliveryFixture.smtp(server.port()),
                DeliverySettings.defaults(), "node-b")) {
            fixture.clock.advance(DeliverySettings.defaults().claimTimeout().minusSeconds(1));
            assertThat(deliverer.deliverDue().sent()).as("the claim still holds").isZero();

            fixture.clock.advance(Duration.ofSeconds(2));
            assertThat(deliverer.deliverDue().sent()).isEqualTo(3);
        }
        assertThat(fixture.outbox.markSent(held.get(0).id(), "dead-node", "250 late", fixture.clock.instant()))
                .as("the dead node's late word changes nothing").isFalse();
        assertThat(receivedByRecipient()).hasSize(3).allSatisfy((to, messages) -> assertThat(messages).hasSize(1));
        assertThat(fixture.rows()).allMatch(r -> r.state().equals("sent") && r.attempts() == 1);
    }

    @Test
    void stoppingFinishesWhatIsInFlightAndHandsTheRestBackForTheNextRun() throws Exception {
        fixture = new DeliveryFixture(names(10));
        fixture.newEdition();
        server.holdMessages().start();
        DeliverySettings twoConnections = DeliveryFixture.settings(2, 8, Duration.ofDays(2), 0, 0);
        OutboxDeliverer deliverer = fixture.deliverer(DeliveryFixture.smtp(server.port()), twoConnections, "node-a");
        List<DeliverySummary> summaries = Collections.synchronizedList(new ArrayList<>());
        Thread round = new Thread(() -> summaries.add(deliverer.deliverDue()));
        round.start();
        Waiting.until(Duration.ofSeconds(30), () -> server.heldCount() == 2);

        deliverer.stop();
        server.releaseHeld();
        deliverer.close(); // waits for the round in progress
        round.join(30_000);

        assertThat(summaries).singleElement().satisfies(s -> assertThat(s.sent()).isEqualTo(2));
        assertThat(server.received()).hasSize(2);
        List<Row> rows = fixture.rows();
        assertThat(rows).filteredOn(r -> r.state().equals("sent")).hasSize(2);
        assertThat(rows).filteredOn(r -> r.state().equals("queued")).hasSize(8).allMatch(r -> r.attempts() == 0);

        try (OutboxDeliverer restarted = fixture.deliverer(DeliveryFixture.smtp(server.port()), twoConnections, "node-b")) {
            assertThat(restarted.deliverDue().sent()).isEqualTo(8);
        }
        assertThat(receivedByRecipient()).hasSize(10).allSatisfy((to, messages) -> assertThat(messages).hasSize(1));
    }

    @Test
    void aMessageRefusedForNowIsGivenUpAfterMaxAttemptsWithTheLastReason() {
        fixture = new DeliveryFixture("alice");
        fixture.newEdition();
        server.answerRecipient(address("alice"), BUSY).start();
        try (OutboxDeliverer deliverer = fixture.deliverer(DeliveryFixture.smtp(server.port()),
                DeliveryFixture.settings(4, 3, Duration.ofDays(2), 0, 0), "node-a")) {
            assertThat(deliverer.deliverDue().retried()).isEqualTo(1);
            fixture.clock.advance(Duration.ofMinutes(5));
            assertThat(deliverer.deliverDue().retried()).isEqualTo(1);
            fixture.clock.advance(Duration.ofMinutes(5));
            assertThat(deliverer.deliverDue().failed()).isEqualTo(1);
        }
        Row row = fixture.rows().get(0);
        assertThat(row.state()).isEqualTo("failed");
        assertThat(row.attempts()).isEqualTo(3);
        assertThat(row.lastError()).isEqualTo("gave up after 3 attempts: recipient alice@example.org refused: " + BUSY);
    }

    @Test
    void aMessageRefusedForNowIsGivenUpOnceItIsOlderThanMaxAge() {
        fixture = new DeliveryFixture("alice");
        fixture.newEdition();
        server.answerRecipient(address("alice"), BUSY).start();
        try (OutboxDeliverer deliverer = fixture.deliverer(DeliveryFixture.smtp(server.port()),
                DeliveryFixture.settings(4, 8, Duration.ofHours(6), 0, 0), "node-a")) {
            assertThat(deliverer.deliverDue().retried()).isEqualTo(1);
            fixture.clock.advance(Duration.ofHours(7));
            assertThat(deliverer.deliverDue().failed()).isEqualTo(1);
        }
        assertThat(fixture.rows().get(0).lastError())
                .isEqualTo("gave up after 2 attempts over 7 h: recipient alice@example.org refused: " + BUSY);
    }

    @Test
    void retriesBackOffExponentiallyWithJitterUpToTheCap() {
        fixture = new DeliveryFixture("alice");
        DeliverySettings settings = DeliverySettings.defaults(); // 1 min doubling, capped at 2 h
        try (OutboxDeliverer deliverer = fixture.deliverer(new FileTransport(Path.of("unused")), settings, "node-a")) {
            for (int i = 0; i < 50; i++) {
                assertThat(deliverer.backoff(1)).isBetween(Duration.ofSeconds(48), Duration.ofSeconds(72));
                assertThat(deliverer.backoff(3)).isBetween(Duration.ofSeconds(192), Duration.ofSeconds(288));
                assertThat(deliverer.backoff(30)).isBetween(Duration.ofMinutes(96), Duration.ofMinutes(144));
            }
        }
    }

    /** A sleeper that moves the test clock to the instant asked for, instead of waiting. */
    private OutboxDeliverer.Sleeper movingTheClock(List<Instant> slots) {
        return when -> {
            synchronized (slots) {
                slots.add(when);
                if (when.isAfter(fixture.clock.instant())) {
                    fixture.clock.set(when);
                }
            }
        };
    }

    @Test
    void thePerSecondLimitSpacesSendsEvenlyAcrossAllConnections() {
        fixture = new DeliveryFixture(names(10));
        fixture.newEdition();
        server.start();
        Instant start = fixture.clock.instant();
        List<Instant> slots = new ArrayList<>();
        try (OutboxDeliverer deliverer = new OutboxDeliverer(fixture.outbox, fixture.subscribers, fixture.messages(),
                DeliveryFixture.smtp(server.port()), DeliveryFixture.settings(3, 8, Duration.ofDays(2), 5, 0), "node-a",
                fixture.clock, movingTheClock(slots))) {
            assertThat(deliverer.deliverDue().sent()).isEqualTo(10);
        }
        assertThat(server.received()).hasSize(10);
        List<Instant> sorted = slots.stream().sorted().toList();
        assertThat(sorted).hasSize(10);
        for (int i = 0; i < sorted.size(); i++) {
            assertThat(sorted.get(i)).isEqualTo(start.plusMillis(200L * i));
        }
    }

    @Test
    void thePerHourLimitSendsThatManyAndTheRestWaitInTheQueueForTheNextHour() {
        fixture = new DeliveryFixture(names(5));
        fixture.newEdition();
        server.start();
        Instant start = fixture.clock.instant();
        try (OutboxDeliverer deliverer = new OutboxDeliverer(fixture.outbox, fixture.subscribers, fixture.messages(),
                DeliveryFixture.smtp(server.port()), DeliveryFixture.settings(2, 8, Duration.ofDays(2), 0, 2), "node-a",
                fixture.clock, movingTheClock(new ArrayList<>()))) {
            DeliverySummary first = deliverer.deliverDue();

            assertThat(first.sent()).isEqualTo(2);
            assertThat(first.rateLimitedUntil()).isEqualTo(start.plus(Duration.ofHours(1)));
            assertThat(fixture.rows()).filteredOn(r -> r.state().equals("queued")).hasSize(3)
                    .allMatch(r -> r.attempts() == 0 && r.nextAttemptAt().equals(start.plus(Duration.ofHours(1))));

            fixture.clock.advance(Duration.ofMinutes(30));
            assertThat(deliverer.deliverDue().sent()).isZero();
            fixture.clock.advance(Duration.ofMinutes(30));
            assertThat(deliverer.deliverDue().sent()).isEqualTo(2);
            fixture.clock.advance(Duration.ofHours(1));
            assertThat(deliverer.deliverDue().sent()).isEqualTo(1);
        }
        assertThat(receivedByRecipient()).hasSize(5).allSatisfy((to, messages) -> assertThat(messages).hasSize(1));
    }
}

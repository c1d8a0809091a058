package org.feedletter.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.feedletter.config.SubscriptionSettings;
import org.feedletter.store.BounceStore.Decision;
import org.feedletter.store.BounceStore.NewReport;
import org.feedletter.store.BounceStore.Recorded;
import org.feedletter.store.StoredSubscriber.Frequency;
import org.feedletter.store.SubscriberChangeStore.AddOutcome;
import org.feedletter.store.SubscriberChangeStore.SignUp;
import org.feedletter.store.SubscriberChangeStore.SignUpOutcome;
import org.feedletter.subscribe.SubscriberRoster;
import org.feedletter.testing.Stores;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Reports and suppressions on both databases: a report recorded once per key with its decision, a suppression that
 * no sign-up, import, operator's add or config seed gets past, and lifting it.
 */
class BounceStoreTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private static final ZoneId UTC = ZoneId.of("UTC");
    /** Suppresses on hard; counts soft, suppressing at the second. */
    private static final BounceStore.Policy POLICY = (r, soft, suppressed) -> suppressed ? Decision.none("already")
            : r.kind().equals("hard") ? new Decision("hard", "evidence of " + r.key(), "suppressed: hard bounce")
            : r.kind().equals("soft") && soft >= 2 ? new Decision("soft", soft + " soft", "suppressed: soft")
            : Decision.none("soft " + soft);

    private static NewReport report(String key, String kind, String email, Instant at) {
        return new NewReport(key, "mailbox", kind, email, null, null, null, null, "verp", "5.1.1", "550 5.1.1 no",
                at);
    }

    @ParameterizedTest
    @EnumSource(Stores.class)
    void aReportIsRecordedOnceAndAHardBounceSuppressesAndCancelsQueuedMail(Stores kind) {
        try (Stores.Fresh fresh = kind.fresh(); Database database = Database.open(fresh.config())) {
            BounceStore bounces = new BounceStore(database);
            SubscriberStore subscribers = new SubscriberStore(database);
            subscribers.seed("alice@example.net", "Alice@example.net", UTC, List.of("news"), NOW);
            SubscriberChangeStore changes = new SubscriberChangeStore(database);
            long alice = subscribers.findByEmail("alice@example.net").orElseThrow().id();
            changes.resendConfirmation(alice, NOW, "example.org"); // not pending: nothing
            database.jdbi().useHandle(h -> h.execute("INSERT INTO outbox (kind, subscriber_id, message_id, state, "
                    + "attempts, next_attempt_at, created_at) VALUES ('confirm', ?, '<q-1@example.org>', 'queued', 0, "
                    + "?, ?)", alice, NOW.atOffset(java.time.ZoneOffset.UTC), NOW.atOffset(java.time.ZoneOffset.UTC)));

            List<Recorded> first = bounces.record(List.of(report("mailbox:<r1>", "hard", "alice@example.net", NOW)),
                    Duration.ofDays(14), POLICY);
            List<Recorded> again = bounces.record(List.of(report("mailbox:<r1>", "hard", "alice@example.net", NOW)),
                    Duration.ofDays(14), POLICY);

            assertThat(first).singleElement().satisfies(r -> {
                assertThat(r.fresh()).isTrue();
                assertThat(r.suppressedNow()).isTrue();
            });
            assertThat(again).singleElement().satisfies(r -> {
                assertThat(r.fresh()).isFalse();
                assertThat(r.decision()).isEqualTo("suppressed: hard bounce");
            });
            assertThat(bounces.reportsAbout("alice@example.net", 10)).hasSize(1);
            assertThat(subscribers.findByEmail("alice@example.net").orElseThrow().state())
                    .isEqualTo(StoredSubscriber.State.BOUNCED);
            String state = database.jdbi().withHandle(h -> h.createQuery("SELECT state FROM outbox")
                    .mapTo(String.class).one());
            assertThat(state).isEqualTo("cancelled");
            assertThat(bounces.countsByNewsletterAndKind()).singleElement()
                    .satisfies(c -> assertThat(c.count()).isEqualTo(1));
            assertThat(bounces.suppressedByReason()).singleElement()
                    .satisfies(c -> assertThat(c.kind()).isEqualTo("hard"));
        }
    }

    @ParameterizedTest
    @EnumSource(Stores.class)
    void softBouncesCountWithinTheWindowOnly(Stores kind) {
        try (Stores.Fresh fresh = kind.fresh(); Database database = Database.open(fresh.config())) {
            BounceStore bounces = new BounceStore(database);
            Duration window = Duration.ofDays(7);
            bounces.record(List.of(report("k1", "soft", "bob@example.net", NOW)), window, POLICY);
            Recorded late = bounces.record(List.of(report("k2", "soft", "bob@example.net",
                    NOW.plus(Duration.ofDays(8)))), window, POLICY).get(0);
            assertThat(late.decision()).isEqualTo("soft 1");
            Recorded third = bounces.record(List.of(report("k3", "soft", "bob@example.net",
                    NOW.plus(Duration.ofDays(9)))), window, POLICY).get(0);
            assertThat(third.suppressedNow()).isTrue();
            assertThat(bounces.suppression("bob@example.net")).hasValueSatisfying(s ->
                    assertThat(s.reason()).isEqualTo("soft"));
        }
    }

    @ParameterizedTest
    @EnumSource(Stores.class)
    void aSuppressedAddressIsRefusedBySignUpImportAddAndSeedUntilLifted(Stores kind) throws Exception {
        try (Stores.Fresh fresh = kind.fresh(); Database database = Database.open(fresh.config())) {
            BounceStore bounces = new BounceStore(database);
            SubscriberStore subscribers = new SubscriberStore(database);
            SubscriberChangeStore changes = new SubscriberChangeStore(database);
            assertThat(bounces.suppress("carol@example.net", "complaint", "Feedback-Type: abuse", "ses", NOW)).isTrue();
            assertThat(bounces.suppress("carol@example.net", "manual", "again", "cli", NOW)).isFalse();

            SignUp carol = new SignUp("carol@example.net", "carol@example.net", UTC, Frequency.EDITION,
                    List.of("news"));
            assertThat(changes.signUp(carol, NOW, Duration.ofHours(1), "example.org")).isEqualTo(SignUpOutcome.SUPPRESSED);
            assertThat(changes.add(carol, "cli", true, NOW)).isEqualTo(AddOutcome.REFUSED_SUPPRESSED);
            assertThat(subscribers.seedOutcome("carol@example.net", "carol@example.net", UTC, List.of("news"), NOW))
                    .isEqualTo(SubscriberStore.Seeded.SUPPRESSED);
            SubscriberRoster.ImportReport imported = new SubscriberRoster(changes, List.of(
                    new org.feedletter.config.NewsletterConfig("news", "News", "",
                            org.feedletter.config.Include.EVERYTHING, "0 0 8 * * ?", UTC, 10)),
                    SubscriptionSettings.defaults(), () -> NOW)
                    .importCsv(new StringReader("email,newsletters\ndave@example.net,news\ncarol@example.net,news\n"));
            assertThat(imported.added()).isEqualTo(1);
            assertThat(imported.refused()).singleElement().satisfies(r -> {
                assertThat(r.line()).isEqualTo(3);
                assertThat(r.reason()).contains("suppressed");
            });
            assertThat(subscribers.findByEmail("carol@example.net")).isEmpty();
            int queued = database.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM outbox")
                    .mapTo(Integer.class).one());
            assertThat(queued).isZero();

            assertThat(bounces.lift("carol@example.net", "cli", NOW)).hasValueSatisfying(s ->
                    assertThat(s.reason()).isEqualTo("complaint"));
            assertThat(bounces.lift("carol@example.net", "cli", NOW)).isEmpty();
            assertThat(changes.signUp(carol, NOW, Duration.ofHours(1), "example.org")).isEqualTo(SignUpOutcome.CREATED);
            assertThat(bounces.suppressionHistory("carol@example.net")).singleElement().satisfies(s -> {
                assertThat(s.inForce()).isFalse();
                assertThat(s.liftedBy()).isEqualTo("cli");
            });
            // Suppressed again, and lifted: a bounced subscriber who had confirmed is active again.
            changes.confirm(subscribers.findByEmail("carol@example.net").orElseThrow().id(), NOW);
            bounces.suppress("carol@example.net", "hard", "550", "smtp", NOW);
            assertThat(subscribers.findByEmail("carol@example.net").orElseThrow().state())
                    .isEqualTo(StoredSubscriber.State.BOUNCED);
            bounces.lift("carol@example.net", "admin", NOW);
            assertThat(subscribers.findByEmail("carol@example.net").orElseThrow().state())
                    .isEqualTo(StoredSubscriber.State.ACTIVE);
        }
    }
}

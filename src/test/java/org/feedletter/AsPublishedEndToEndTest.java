package org.feedletter;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.feedletter.config.ConfigLoader;
import org.feedletter.config.DatabaseConfig;
import org.feedletter.config.FeedletterConfig;
import org.feedletter.digest.EditionOutcome;
import org.feedletter.manage.RunReport;
import org.feedletter.store.OperatorViews.EditionDelivery;
import org.feedletter.testing.FeedServer;
import org.feedletter.testing.Mails;
import org.feedletter.testing.Mails.Received;
import org.feedletter.testing.MutableClock;
import org.feedletter.testing.Stores;
import org.feedletter.testing.TestDatabases;
import org.feedletter.testing.Waiting;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * As-published newsletters on real components: a feed from a real HTTP server, the config file read by the real
 * loader, H2 (and PostgreSQL), digests over SMTP into GreenMail. Alice and Bob take each edition of "breaking", Dave
 * takes it daily, Carol reads "daily", a cron newsletter of the same items beside it.
 */
class AsPublishedEndToEndTest {

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.at("2026-11-26T10:00:00Z"); // 11:00 in Stockholm
    private FeedServer server;

    @BeforeEach
    void startServer() {
        server = FeedServer.start();
        feed();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @ParameterizedTest
    @EnumSource(Stores.class)
    void piecesArrivingWithinTheQuietPeriodGoOutInOneEditionOnceToEachSubscriberAndTheCronNewsletterKeepsItsSlot(
            Stores store) throws Exception {
        try (Stores.Fresh database = store.fresh();
                Feedletter feedletter = Feedletter.open(config(database.config(), ""), clock, "test-node")) {
            assertThat(feedletter.subscribers().roster().add("dave@example.org", List.of("breaking"), "daily",
                    "Europe/Stockholm", false).taken()).isTrue();
            feed(item("ceasefire", "Breaking: Ceasefire announced", "Breaking"),
                    item("energy", "Annual energy report", "Report"));

            RunReport arrived = feedletter.cycle().runOnce(true);

            EditionOutcome breaking = outcome(arrived, "breaking");
            assertThat(breaking.built()).as("the quiet period has not passed").isFalse();
            assertThat(breaking.waitingUntil()).isEqualTo(Instant.parse("2026-11-26T10:00:30Z"));
            assertThat(outcome(arrived, "daily").built()).as("a cron newsletter never sent is due at once").isTrue();
            assertThat(countByRecipient()).isEqualTo(Map.of("carol@example.org", 1L));

            clock.set(Instant.parse("2026-11-26T10:00:20Z"));
            feed(item("ceasefire", "Breaking: Ceasefire announced", "Breaking"),
                    item("energy", "Annual energy report", "Report"),
                    item("reactions", "Breaking: Reactions to the ceasefire", "Breaking"));
            RunReport another = feedletter.cycle().runOnce(true);

            assertThat(another.poll().totals().newItems()).isEqualTo(1);
            assertThat(outcome(another, "breaking").waitingUntil()).as("30 s after the latest piece")
                    .isEqualTo(Instant.parse("2026-11-26T10:00:50Z"));
            assertThat(countByRecipient()).isEqualTo(Map.of("carol@example.org", 1L));

            clock.set(Instant.parse("2026-11-26T10:00:50Z"));
            RunReport due = feedletter.cycle().runOnce(true);

            assertThat(outcome(due, "breaking").built()).isTrue();
            assertThat(outcome(due, "breaking").items()).isEqualTo(2);
            assertThat(due.delivery().sent()).isEqualTo(2);
            for (String reader : List.of("alice@example.org", "bob@example.org")) {
                Received mail = latest(reader);
                for (String body : List.of(mail.text(), mail.html())) {
                    assertThat(Mails.occurrences(body, "Breaking: Ceasefire announced")).isEqualTo(1);
                    assertThat(Mails.occurrences(body, "Breaking: Reactions to the ceasefire")).isEqualTo(1);
                    assertThat(body).doesNotContain("Annual energy report");
                }
            }

            clock.set(Instant.parse("2026-11-26T10:30:00Z"));
            assertThat(feedletter.cycle().runOnce(true).delivery().sent()).as("nothing new").isZero();

            clock.set(Instant.parse("2026-11-27T07:00:30Z")); // 08:00:30 in Stockholm
            feedletter.cycle().runOnce(true);

            assertThat(countByRecipient()).as("once each; Dave's daily digest; Carol's next cron edition").isEqualTo(
                    Map.of("alice@example.org", 1L, "bob@example.org", 1L, "carol@example.org", 2L,
                            "dave@example.org", 1L));
            assertThat(latest("dave@example.org").text()).contains("Breaking: Ceasefire announced",
                    "Breaking: Reactions to the ceasefire");
            assertThat(latest("carol@example.org").text()).contains("Breaking: Reactions to the ceasefire")
                    .doesNotContain("Breaking: Ceasefire announced");
        }
    }

    @Test
    void withoutADelayTheRunThatPollsAnItemMailsIt() throws Exception {
        try (Feedletter feedletter = Feedletter.open(config(TestDatabases.h2Config(), "publish-delay: 0"), clock,
                "test-node")) {
            feed(item("ceasefire", "Breaking: Ceasefire announced", "Breaking"));
            RunReport first = feedletter.cycle().runOnce(true);

            assertThat(outcome(first, "breaking").built()).isTrue();
            assertThat(countOf("alice@example.org")).isEqualTo(1);

            clock.advance(Duration.ofSeconds(20));
            feed(item("ceasefire", "Breaking: Ceasefire announced", "Breaking"),
                    item("reactions", "Breaking: Reactions to the ceasefire", "Breaking"));
            RunReport second = feedletter.cycle().runOnce(true);

            assertThat(outcome(second, "breaking").items()).isEqualTo(1);
            assertThat(second.delivery().sent()).as("alice and bob").isEqualTo(2);
            assertThat(latest("alice@example.org").text()).contains("Breaking: Reactions to the ceasefire")
                    .doesNotContain("Breaking: Ceasefire announced");
        }
    }

    @Test
    void inTheServiceAPollThatStoresAnItemBuildsAndDeliversWithoutWaitingForATick() throws Exception {
        try (Feedletter feedletter = Feedletter.open(config(TestDatabases.h2Config(), "publish-delay: 0"),
                Clock.systemUTC(), "test-node")) {
            feedletter.cycle().started();
            feedletter.cycle().startPromptEditions(); // what service().start() starts, without the scheduler's ticks
            feed(item("ceasefire", "Breaking: Ceasefire announced", "Breaking"));

            feedletter.cycle().pollTick();

            Waiting.until(Duration.ofSeconds(30), () -> greenMail.getReceivedMessages().length == 2);
            assertThat(countByRecipient()).isEqualTo(Map.of("alice@example.org", 1L, "bob@example.org", 1L));
        }
    }

    @Test
    void inTheServiceItemsWaitingForTheirDelayAreBuiltWhenItEndsWithoutATick() throws Exception {
        try (Feedletter feedletter = Feedletter.open(config(TestDatabases.h2Config(), "publish-delay: 2s"),
                Clock.systemUTC(), "test-node")) {
            feedletter.cycle().started();
            feedletter.cycle().startPromptEditions();
            feed(item("ceasefire", "Breaking: Ceasefire announced", "Breaking"));
            Instant beforePoll = Instant.now();

            feedletter.cycle().pollTick();

            Waiting.until(Duration.ofSeconds(30), () -> greenMail.getReceivedMessages().length == 2);
            List<EditionDelivery> editions = feedletter.editions().of("breaking", 10);
            assertThat(editions).hasSize(1);
            assertThat(editions.get(0).edition().builtAt()).as("not before the delay")
                    .isAfterOrEqualTo(beforePoll.plusSeconds(2));
        }
    }

    @Test
    void closingStopsTheCheckSetForLater() throws Exception {
        try (Feedletter feedletter = Feedletter.open(config(TestDatabases.h2Config(), "publish-delay: 1h\n    quiet-period: 1h"),
                Clock.systemUTC(), "test-node")) {
            feedletter.cycle().startPromptEditions();
            feed(item("ceasefire", "Breaking: Ceasefire announced", "Breaking"));
            feedletter.cycle().pollTick();
            Waiting.until(Duration.ofSeconds(30), () -> promptThreadAlive());
        }

        Waiting.until(Duration.ofSeconds(30), () -> !promptThreadAlive());
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    private static boolean promptThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("as-published") && t.isAlive());
    }

    /** @param asPublished a line of more keys for "breaking", such as {@code publish-delay: 0} */
    private FeedletterConfig config(DatabaseConfig database, String asPublished) throws Exception {
        Path file = dir.resolve("feedletter.yaml");
        Files.writeString(file, """
                database: { url: "%s", username: "%s" }
                mail: { transport: smtp, host: 127.0.0.1, port: %d, security: none, from: "News <news@example.org>" }
                feeds:
                  - { url: "%s", name: Institute }
                newsletters:
                  - id: breaking
                    title: Breaking
                    include: { categories: [Breaking] }
                    schedule: as-published
                    time-zone: Europe/Stockholm
                    %s
                  - id: daily
                    title: Daily
                    include: { categories: [Breaking] }
                    schedule: "0 0 8 * * ?"
                    time-zone: Europe/Stockholm
                subscribers:
                  - { email: alice@example.org, newsletters: [breaking] }
                  - { email: bob@example.org, newsletters: [breaking] }
                  - { email: carol@example.org, newsletters: [daily] }
                """.formatted(database.url(), database.username(), greenMail.getSmtp().getPort(),
                server.url("/feed.rss"), asPublished));
        return new ConfigLoader(Map.of()).load(file);
    }

    private void feed(String... items) {
        server.serve("/feed.rss", "application/rss+xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0"><channel><title>Institute</title><link>https://institute.example/</link>
                <description>News</description>
                """ + String.join("\n", items) + "\n</channel></rss>\n");
    }

    private static String item(String slug, String title, String category) {
        return "<item><guid isPermaLink=\"false\">" + slug + "</guid><link>https://institute.example/" + slug
                + "</link><title>" + title + "</title><category>" + category + "</category><description>"
                + "<![CDATA[<p>What happened in " + slug + ", and what it means.</p>]]></description>"
                + "<pubDate>Thu, 26 Nov 2026 09:00:00 GMT</pubDate></item>";
    }

    private static EditionOutcome outcome(RunReport report, String newsletterId) {
        return report.editions().stream().filter(e -> e.newsletterId().equals(newsletterId)).findFirst()
                .orElseThrow();
    }

    private static Map<String, Long> countByRecipient() {
        return Mails.readAll(greenMail.getReceivedMessages()).stream()
                .collect(Collectors.groupingBy(Received::to, Collectors.counting()));
    }

    private static long countOf(String recipient) {
        return countByRecipient().getOrDefault(recipient, 0L);
    }

    private static Received latest(String recipient) {
        List<Received> mails = Mails.readAll(greenMail.getReceivedMessages()).stream()
                .filter(r -> r.to().equals(recipient)).toList();
        assertThat(mails).as(recipient).isNotEmpty();
        return mails.get(mails.size() - 1);
    }
}

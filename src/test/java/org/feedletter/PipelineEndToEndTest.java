package org.feedletter;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.feedletter.config.ConfigLoader;
import org.feedletter.config.DatabaseConfig;
import org.feedletter.config.FeedletterConfig;
import org.feedletter.manage.RunReport;
import org.feedletter.testing.FeedServer;
import org.feedletter.testing.Mails;
import org.feedletter.testing.Mails.Received;
import org.feedletter.testing.MutableClock;
import org.feedletter.testing.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline on real components: four overlapping feeds (RSS 2.0, Atom 1.0, RSS 1.0, JSON Feed) from a
 * real HTTP server, the config file read by the real loader, H2 and PostgreSQL, and digests over SMTP into GreenMail.
 */
class PipelineEndToEndTest {

    private static final List<String> QUICK_COMMENTS = List.of("Quick Comment: Central bank pauses",
            "Quick Comment: Arctic shipping lanes", "Quick Comment: Fisheries talks collapse",
            "Quick Comment: Coalition climate chapter");
    private static final List<String> OTHER_KINDS = List.of("Annual energy report", "Event: Defence roundtable",
            "Lindqvist on Nordic security", "Baltic ports brace for winter");
    private static final String[] FEEDS = {"/site-wide.rss", "/quick-comment.atom", "/author-lindqvist.rdf", "/partner.json"};

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.at("2026-11-26T10:00:00Z");
    private FeedServer server;

    @BeforeEach
    void serveFeeds() {
        server = FeedServer.start()
                .serveResource("/site-wide.rss", "application/rss+xml", "/pipeline/site-wide.rss")
                .serveResource("/quick-comment.atom", "application/atom+xml", "/pipeline/quick-comment.atom")
                .serveResource("/author-lindqvist.rdf", "application/rdf+xml", "/pipeline/author-lindqvist.rdf")
                .serveResource("/partner.json", "application/feed+json", "/pipeline/partner.json");
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private FeedletterConfig config(DatabaseConfig database) throws Exception {
        Path file = dir.resolve("feedletter.yaml");
        Files.writeString(file, """
                database: { url: "%s", username: "%s" }
                mail:
                  transport: smtp
                  host: 127.0.0.1
                  port: %d
                  security: none
                  from: "Quick Comments <digest@example.org>"
                feeds:
                  - { url: "%s", name: Site-wide }
                  - { url: "%s", name: Quick Comment }
                  - { url: "%s", name: Sara Lindqvist }
                  - { url: "%s", name: Partner }
                newsletters:
                  - id: quick-comment
                    title: Quick Comment digest
                    include: { categories: ["Quick Comment"] }
                    schedule: "0 0 8 * * ?"
                    time-zone: Europe/Stockholm
                subscribers:
                  - { email: alice@example.org, newsletters: [quick-comment] }
                  - { email: Bob@Example.org, newsletters: [quick-comment] }
                """.formatted(database.url(), database.username(), greenMail.getSmtp().getPort(), server.url(FEEDS[0]),
                server.url(FEEDS[1]), server.url(FEEDS[2]), server.url(FEEDS[3])));
        return new ConfigLoader(Map.of()).load(file);
    }

    @ParameterizedTest
    @EnumSource(Stores.class)
    void eachSubscriberGetsOneDigestOfTheUniqueQuickCommentsThenNothingThenOnlyTheNewOnes(Stores store) throws Exception {
        try (Stores.Fresh database = store.fresh();
                Feedletter feedletter = Feedletter.open(config(database.config()), clock, "test-node")) {
            RunReport first = feedletter.cycle().runOnce(true);

            assertThat(first.poll().failures()).isEmpty();
            assertThat(first.poll().totals().newItems()).isEqualTo(8);
            assertThat(first.poll().totals().duplicates()).isEqualTo(6);
            Map<String, List<Received>> byRecipient = Mails.byRecipient(greenMail.getReceivedMessages());
            assertThat(byRecipient.keySet()).containsExactly("alice@example.org", "bob@example.org");
            for (List<Received> digests : byRecipient.values()) {
                assertThat(digests).hasSize(1);
                Received digest = digests.get(0);
                assertThat(digest.subject())
                        .isEqualTo("Quick Comment digest: Quick Comment: Central bank pauses and 3 more");
                for (String body : List.of(digest.text(), digest.html())) {
                    for (String title : QUICK_COMMENTS) {
                        assertThat(Mails.occurrences(body, title)).as(title).isEqualTo(1);
                    }
                    assertThat(body).doesNotContain(OTHER_KINDS);
                }
            }

            clock.advance(Duration.ofHours(1));
            RunReport second = feedletter.cycle().runOnce(true);

            assertThat(second.poll().notModified()).isEqualTo(4);
            assertThat(second.delivery().sent()).isZero();
            assertThat(greenMail.getReceivedMessages()).hasSize(2);
            for (String feed : FEEDS) {
                assertThat(server.answered(feed, 304)).as(feed + " answered 304").isEqualTo(1);
            }

            server.serveResource("/site-wide.rss", "application/rss+xml", "/pipeline/site-wide-2.rss")
                    .serveResource("/quick-comment.atom", "application/atom+xml", "/pipeline/quick-comment-2.atom");
            clock.set(Instant.parse("2026-11-27T07:00:30Z")); // 08:00:30 in Stockholm: the next edition is due
            RunReport third = feedletter.cycle().runOnce(true);

            assertThat(third.poll().totals().newItems()).isEqualTo(2);
            assertThat(third.delivery().sent()).isEqualTo(2);
            List<Received> all = Mails.readAll(greenMail.getReceivedMessages());
            assertThat(all).hasSize(4);
            List<Received> next = all.stream().filter(d -> d.text().contains("Budget deal")).toList();
            assertThat(next).extracting(Received::to).containsExactlyInAnyOrder("alice@example.org", "bob@example.org");
            for (Received digest : next) {
                assertThat(digest.subject()).isEqualTo("Quick Comment digest: Quick Comment: Budget deal reached");
                assertThat(digest.text()).contains("Quick Comment: Budget deal reached")
                        .doesNotContain(QUICK_COMMENTS).doesNotContain("Policy brief: Housing allowance");
                assertThat(digest.html()).contains("Quick Comment: Budget deal reached").doesNotContain(QUICK_COMMENTS);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Stores.class)
    void aRestartNeverResendsAnEdition(Stores store) throws Exception {
        try (Stores.Fresh database = store.fresh()) {
            FeedletterConfig config = config(database.config());
            try (Feedletter feedletter = Feedletter.open(config, clock, "test-node")) {
                feedletter.cycle().runOnce(true);
            }
            clock.advance(Duration.ofMinutes(5));
            try (Feedletter restarted = Feedletter.open(config, clock, "test-node")) {
                RunReport again = restarted.cycle().runOnce(true);

                assertThat(again.delivery().sent()).isZero();
            }
            assertThat(greenMail.getReceivedMessages()).hasSize(2);
        }
    }

    @ParameterizedTest
    @EnumSource(Stores.class)
    void noSendRecordsTheBacklogAsSeenAndMailsOnlyWhatComesAfter(Stores store) throws Exception {
        try (Stores.Fresh database = store.fresh();
                Feedletter feedletter = Feedletter.open(config(database.config()), clock, "test-node")) {
            RunReport skipped = feedletter.cycle().runOnce(false);

            assertThat(skipped.editions()).allMatch(e -> e.queued() == 0);
            assertThat(greenMail.getReceivedMessages()).isEmpty();

            server.serveResource("/site-wide.rss", "application/rss+xml", "/pipeline/site-wide-2.rss");
            clock.set(Instant.parse("2026-11-27T07:00:30Z"));
            feedletter.cycle().runOnce(true);

            assertThat(Mails.readAll(greenMail.getReceivedMessages())).hasSize(2)
                    .allMatch(d -> d.subject().equals("Quick Comment digest: Quick Comment: Budget deal reached"));
        }
    }
}

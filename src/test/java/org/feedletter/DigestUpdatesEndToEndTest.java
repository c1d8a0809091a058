package org.feedletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.feedletter.config.ConfigLoader;
import org.feedletter.config.DatabaseConfig;
import org.feedletter.config.FeedletterConfig;
import org.feedletter.testing.FeedServer;
import org.feedletter.testing.Mails;
import org.feedletter.testing.Mails.Received;
import org.feedletter.testing.MutableClock;
import org.feedletter.testing.Stores;
import org.feedletter.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The "Updated" section of digests (issue 7) on real components: a feed from a real HTTP server changes between
 * polls, the config file is read by the real loader, and digests go over SMTP into GreenMail. Alice reads a
 * newsletter that lists updates, Bob the same items in one that does not.
 */
class DigestUpdatesEndToEndTest {

    private static final String RATES = "The central bank of Hungary raised interest rates by half a point on Tuesday, "
            + "its third increase this year, and signalled that more could follow if the forint keeps falling against "
            + "the euro. Economists had expected a pause after inflation eased in October.";
    private static final String ARCTIC = "Shipping through the Northern Sea Route reached a record this autumn as the "
            + "ice retreated earlier than ever, and insurers have recieved twice as many requests for cover as last "
            + "year. Ports in Norway and Iceland are preparing for more traffic next season.";
    private static final String ARCTIC_TYPO_FIXED = ARCTIC.replace("recieved", "received").replace(". ", ".\n\n   ");
    private static final String ARCTIC_REWRITTEN = "Shipping through the Northern Sea Route reached a record this "
            + "autumn, but a sudden freeze in November trapped eleven vessels near the New Siberian Islands, and two "
            + "icebreakers were sent to free them. Insurers now expect premiums to rise sharply before spring.";
    private static final String FISHERIES = "Talks on next year's fishing quotas in the North Sea collapsed late on "
            + "Wednesday after the delegations failed to agree on mackerel, leaving fleets without a settled catch "
            + "limit for January and raising the prospect of unilateral quotas again.";
    private static final String BUDGET = "The coalition parties reached a budget deal in the small hours of Friday, "
            + "trading a lower fuel tax for more money for regional hospitals, and the finance minister said the "
            + "agreement would pass parliament before the Christmas recess.";

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.at("2026-11-26T10:00:00Z");
    private FeedServer server;

    @BeforeEach
    void startServer() {
        server = FeedServer.start();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @ParameterizedTest
    @EnumSource(Stores.class)
    void substantiveUpdatesOfSentItemsAreListedOnceAndOnlyWhereAsked(Stores store) throws Exception {
        try (Stores.Fresh database = store.fresh();
                Feedletter feedletter = Feedletter.open(config(database.config(), ""), clock, "test-node")) {
            feed(item("rates", "Quick Comment: Rates up", RATES, "Wed, 25 Nov 2026 10:00:00 GMT"),
                    item("arctic", "Quick Comment: Arctic lanes busy", ARCTIC, "Wed, 25 Nov 2026 11:00:00 GMT"));
            feedletter.cycle().runOnce(true);
            assertThat(countByRecipient()).isEqualTo(Map.of("alice@example.org", 1L, "bob@example.org", 1L));

            // Between editions: a new item arrives and is retitled before it was ever sent.
            clock.set(Instant.parse("2026-11-26T12:00:00Z"));
            feed(item("rates", "Quick Comment: Rates up", RATES, "Wed, 25 Nov 2026 10:00:00 GMT"),
                    item("arctic", "Quick Comment: Arctic lanes busy", ARCTIC, "Wed, 25 Nov 2026 11:00:00 GMT"),
                    item("fish", "Quick Comment: Fisheries talks", FISHERIES, "Thu, 26 Nov 2026 11:00:00 GMT"));
            feedletter.cycle().runOnce(true);
            clock.set(Instant.parse("2026-11-26T14:00:00Z"));
            // The next day's edition: the sent rates piece is retitled, the arctic piece gets a typo fixed and
            // its paragraphs reflowed.
            feed(item("rates", "Quick Comment: Rates up again (corrected)", RATES, "Wed, 25 Nov 2026 10:00:00 GMT"),
                    item("arctic", "Quick Comment: Arctic lanes busy", ARCTIC_TYPO_FIXED,
                            "Wed, 25 Nov 2026 11:00:00 GMT"),
                    item("fish", "Quick Comment: Fisheries talks collapse", FISHERIES,
                            "Thu, 26 Nov 2026 11:00:00 GMT"));
            feedletter.cycle().runOnce(true);
            assertThat(received()).as("no edition is due yet").hasSize(2);

            clock.set(Instant.parse("2026-11-27T07:00:30Z")); // 08:00:30 in Stockholm
            feedletter.cycle().runOnce(true);

            Map<String, Received> second = latestByRecipient();
            Received alice = second.get("alice@example.org");
            assertThat(alice.subject()).isEqualTo("Listing updates: Quick Comment: Fisheries talks collapse");
            assertThat(lines(alice.text())).contains("""

                    Updated

                    Quick Comment: Rates up again (corrected)
                    Title changed; was: Quick Comment: Rates up
                    https://institute.example/qc/rates
                    """);
            assertThat(alice.html()).contains(">Updated</h2>")
                    .contains(">Quick Comment: Rates up again (corrected)</a></h3>")
                    .contains("Title changed; was: Quick Comment: Rates up<");
            for (String body : List.of(alice.text(), alice.html())) {
                assertThat(Mails.occurrences(body, "Quick Comment: Rates up again (corrected)"))
                        .as("listed as updated, not as new").isEqualTo(1);
                assertThat(body).as("a fixed typo is not an update").doesNotContain("Arctic lanes busy")
                        .as("never sent before, so new rather than updated").contains("Fisheries talks collapse")
                        .doesNotContain("Fisheries talks<").doesNotContain("was: Quick Comment: Fisheries talks");
            }
            Received bob = second.get("bob@example.org");
            assertThat(bob.subject()).isEqualTo("Not listing: Quick Comment: Fisheries talks collapse");
            assertThat(bob.text()).doesNotContain("Updated").doesNotContain("Rates up");
            assertThat(bob.html()).doesNotContain("Updated").doesNotContain("Rates up");

            // The arctic piece is rewritten: an edition with nothing new but that update goes to Alice only.
            feed(item("rates", "Quick Comment: Rates up again (corrected)", RATES, "Wed, 25 Nov 2026 10:00:00 GMT"),
                    item("arctic", "Quick Comment: Arctic lanes busy", ARCTIC_REWRITTEN,
                            "Wed, 25 Nov 2026 11:00:00 GMT"),
                    item("fish", "Quick Comment: Fisheries talks collapse", FISHERIES,
                            "Thu, 26 Nov 2026 11:00:00 GMT"));
            clock.set(Instant.parse("2026-11-28T07:00:30Z"));
            feedletter.cycle().runOnce(true);

            assertThat(countByRecipient()).as("Bob's newsletter has nothing to send")
                    .isEqualTo(Map.of("alice@example.org", 3L, "bob@example.org", 2L));
            Received third = latestByRecipient().get("alice@example.org");
            assertThat(third.subject()).isEqualTo("Listing updates: updated: Quick Comment: Arctic lanes busy");
            assertThat(lines(third.text())).contains("""
                    Updated

                    Quick Comment: Arctic lanes busy
                    Text revised
                    """).doesNotContain("Rates up").doesNotContain("Fisheries");
            assertThat(third.html()).contains("Text revised").doesNotContain("Rates up");

            // Something new: the updates already listed are not listed again.
            feed(item("rates", "Quick Comment: Rates up again (corrected)", RATES, "Wed, 25 Nov 2026 10:00:00 GMT"),
                    item("arctic", "Quick Comment: Arctic lanes busy", ARCTIC_REWRITTEN,
                            "Wed, 25 Nov 2026 11:00:00 GMT"),
                    item("fish", "Quick Comment: Fisheries talks collapse", FISHERIES,
                            "Thu, 26 Nov 2026 11:00:00 GMT"),
                    item("budget", "Quick Comment: Budget deal", BUDGET, "Sat, 28 Nov 2026 20:00:00 GMT"));
            clock.set(Instant.parse("2026-11-29T07:00:30Z"));
            feedletter.cycle().runOnce(true);

            assertThat(countByRecipient()).isEqualTo(Map.of("alice@example.org", 4L, "bob@example.org", 3L));
            Received fourth = latestByRecipient().get("alice@example.org");
            assertThat(fourth.subject()).isEqualTo("Listing updates: Quick Comment: Budget deal");
            assertThat(fourth.text()).doesNotContain("Updated").doesNotContain("Arctic").doesNotContain("Rates");
            assertThat(fourth.html()).doesNotContain("Updated").doesNotContain("Arctic").doesNotContain("Rates");
        }
    }

    @Test
    void aSubjectTemplateThatNeedsAnItemStopsStartUpWhenANewsletterListsUpdates() throws Exception {
        Path templates = Files.createDirectories(dir.resolve("my-templates"));
        Files.writeString(templates.resolve("digest-subject.ftl"), "${newsletter.title}: ${items[0].title}");
        FeedletterConfig config = config(TestDatabases.h2Config(),
                "templates: { dir: \"" + templates.toString().replace("\\", "/") + "\" }\n");

        assertThatThrownBy(() -> Feedletter.open(config, clock, "test-node").close())
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("template digest-subject.ftl")
                .hasMessageContaining("an edition with only updates, which newsletter 'listing'");
    }

    private FeedletterConfig config(DatabaseConfig database, String more) throws Exception {
        server.serve("/feed.rss", "application/rss+xml", rss());
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
                  - { url: "%s", name: Institute, interval: 30m }
                newsletters:
                  - id: listing
                    title: Listing updates
                    schedule: "0 0 8 * * ?"
                    time-zone: Europe/Stockholm
                    updates: { enabled: true, text-change: 0.3 }
                  - id: plain
                    title: Not listing
                    schedule: "0 0 8 * * ?"
                    time-zone: Europe/Stockholm
                subscribers:
                  - { email: alice@example.org, newsletters: [listing] }
                  - { email: bob@example.org, newsletters: [plain] }
                """.formatted(database.url(), database.username(), greenMail.getSmtp().getPort(),
                server.url("/feed.rss")) + more);
        return new ConfigLoader(Map.of()).load(file);
    }

    private void feed(String... items) {
        server.serve("/feed.rss", "application/rss+xml", rss(items));
    }

    private static String rss(String... items) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0"><channel><title>Institute</title><link>https://institute.example/</link>
                <description>Quick comments</description>
                """ + String.join("\n", items) + "\n</channel></rss>\n";
    }

    private static String item(String slug, String title, String text, String date) {
        return "<item><guid isPermaLink=\"false\">qc-" + slug + "</guid><link>https://institute.example/qc/" + slug
                + "</link><title>" + title + "</title><description><![CDATA[<p>" + text.replace("\n\n", "</p><p>")
                + "</p>]]></description><pubDate>" + date + "</pubDate></item>";
    }

    private static List<Received> received() {
        return Mails.readAll(greenMail.getReceivedMessages());
    }

    /** Mail bodies end lines with CRLF. */
    private static String lines(String text) {
        return text.replace("\r\n", "\n");
    }

    private static Map<String, Long> countByRecipient() {
        return received().stream().collect(Collectors.groupingBy(Received::to, Collectors.counting()));
    }

    /** Each recipient's last message (GreenMail lists them by mailbox, each in the order received). */
    private static Map<String, Received> latestByRecipient() {
        Map<String, Received> latest = new TreeMap<>();
        received().forEach(r -> latest.put(r.to(), r));
        return latest;
    }
}

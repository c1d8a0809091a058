package org.feedletter.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.feedletter.config.DatabaseConfig;
import org.feedletter.store.Database;
import org.feedletter.store.NodeStore;
import org.feedletter.testing.FeedServer;
import org.feedletter.testing.FeedletterProcess;
import org.feedletter.testing.Mails;
import org.feedletter.testing.Mails.Received;
import org.feedletter.testing.Postgres;
import org.feedletter.testing.Waiting;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three feedletter nodes in separate JVMs share one PostgreSQL (Quartz clustered) and one SMTP server. Two (or
 * more) editions to 500 subscribers give exactly one message per (edition, subscriber), apart from messages in
 * flight at a SIGKILL of one node during delivery (bounded by its concurrency, and with the same Message-ID); feeds
 * and delivery are shared by the nodes, and no feed is polled twice within its interval.
 */
class ClusterTest {

    private static final int SUBSCRIBERS = 500;
    private static final int FEEDS = 6;
    private static final Duration FEED_INTERVAL = Duration.ofSeconds(4);
    private static final int CONCURRENCY = 2;
    /** The nodes' output, kept for reading when the test fails. */
    private static final Path LOGS = Path.of("target", "cluster-test");

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path dir;

    private DatabaseConfig database;
    private FeedServer server;
    private final List<FeedletterProcess> nodes = new ArrayList<>();

    @BeforeEach
    void setUp() {
        database = Postgres.freshSchema();
        server = FeedServer.start();
        serveFeeds(1);
    }

    @AfterEach
    void tearDown() {
        nodes.forEach(FeedletterProcess::close);
        server.close();
        Postgres.drop(database);
    }

    /** Version 1 of each feed holds one Quick Comment and one report; version 2 adds a second Quick Comment. */
    private void serveFeeds(int version) {
        for (int f = 0; f < FEEDS; f++) {
            StringBuilder rss = new StringBuilder("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Feed " + f
                    + "</title><link>https://site" + f + ".example.org/</link>");
            for (int v = 1; v <= version; v++) {
                rss.append(item("https://site" + f + ".example.org/qc/" + v, "Quick Comment: feed " + f + " take " + v,
                        "Quick Comment"));
            }
            rss.append(item("https://site" + f + ".example.org/report", "Report " + f, "Report")).append("</channel></rss>");
            server.serve("/feed" + f + ".rss", "application/rss+xml", rss.toString());
        }
    }

    private static String item(String link, String title, String category) {
        return "<item><title>" + title + "</title><link>" + link + "</link><guid>" + link + "</guid><category>" + category
                + "</category><description>Text of " + title + "</description></item>";
    }

    private Path config() throws Exception {
        String feeds = IntStream.range(0, FEEDS)
                .mapToObj(f -> "  - { url: \"" + server.url("/feed" + f + ".rss") + "\", interval: 4s }")
                .collect(Collectors.joining("\n"));
        String subscribers = IntStream.range(0, SUBSCRIBERS)
                .mapToObj(i -> "  - { email: reader" + i + "@example.org, newsletters: [quick-comment] }")
                .collect(Collectors.joining("\n"));
        Path file = dir.resolve("feedletter.yaml");
        Files.writeString(file, """
                database: { url: "%s", username: "%s" }
                mail: { transport: smtp, host: 127.0.0.1, port: %d, security: none, from: "digest@example.org" }
                delivery: { concurrency: %d, rate-per-second: 40, claim-timeout: 20s }
                schedule: { poll-every: 1s, editions-every: 1s, deliver-every: 1s }
                feeds:
                %s
                newsletters:
                  - { id: quick-comment, include: { categories: ["Quick Comment"] }, schedule: "0/10 * * * * ?" }
                subscribers:
                %s
                """.formatted(database.url(), database.username(), greenMail.getSmtp().getPort(), CONCURRENCY, feeds,
                subscribers));
        return file;
    }

    @Test
    void threeNodesShareTheWorkAndSurviveOneBeingKilledDuringDelivery() throws Exception {
        Path config = config();
        for (int n = 1; n <= 3; n++) {
            Files.createDirectories(LOGS);
            nodes.add(FeedletterProcess.start(LOGS.resolve("node" + n + ".log"), List.of("-Xmx256m"), "run", "--config",
                    config.toString()));
        }
        String firstNode = InetAddress.getLocalHost().getHostName() + "-" + nodes.get(0).process().pid();
        long started = System.nanoTime();

        try (Database db = Database.open(database)) {
            // Kill the first node while it holds rows it is sending.
            Waiting.until(Duration.ofSeconds(90), () -> sendingClaimedBy(db, firstNode) > 0
                    && greenMail.getReceivedMessages().length > 50);
            nodes.get(0).signal("KILL");
            phase(started, "first node killed while sending");
            Waiting.until(Duration.ofSeconds(60), () -> greenMail.getReceivedMessages().length >= SUBSCRIBERS);
            phase(started, "first edition delivered");

            // The new items go out in one more edition (or two, if the first was built before every feed was polled).
            serveFeeds(2);
            Waiting.until(Duration.ofSeconds(180), () -> itemsSent(db) == 2 * FEEDS && unfinishedRows(db) == 0);
            phase(started, "every item delivered");

            long editions = editionsSent(db);
            List<Received> mails = Mails.readAll(greenMail.getReceivedMessages());
            Map<String, List<Received>> byMessageId = mails.stream().collect(Collectors.groupingBy(Received::messageId));
            assertThat(editions).isGreaterThanOrEqualTo(2);
            assertThat(byMessageId).as("one message id per (edition, subscriber)").hasSize((int) editions * SUBSCRIBERS);
            Map<String, Long> perRecipient = mails.stream().collect(Collectors.groupingBy(Received::to,
                    Collectors.mapping(Received::messageId, Collectors.collectingAndThen(Collectors.toSet(),
                            s -> (long) s.size()))));
            assertThat(perRecipient).hasSize(SUBSCRIBERS).allSatisfy((to, got) -> assertThat(got).isEqualTo(editions));
            int repeats = mails.size() - byMessageId.size();
            assertThat(repeats).as("repeats only for what was in flight at the kill").isLessThanOrEqualTo(CONCURRENCY);

            List<NodeStore.NodeActivity> activity = new NodeStore(db).list();
            assertThat(activity.stream().filter(a -> a.feedsPolled() > 0)).as("polls spread over nodes").hasSizeGreaterThan(1);
            assertThat(activity.stream().filter(a -> a.messagesSent() > 0)).as("delivery split between nodes")
                    .hasSizeGreaterThan(1);
            assertThat(activity.stream().mapToLong(NodeStore.NodeActivity::editionsBuilt).sum()).isEqualTo(editions);
        }
        for (int f = 0; f < FEEDS; f++) {
            List<Instant> polls = server.requestTimes("/feed" + f + ".rss");
            for (int i = 1; i < polls.size(); i++) {
                Duration gap = Duration.between(polls.get(i - 1), polls.get(i));
                assertThat(gap).as("feed %d polled twice within its interval", f)
                        .isGreaterThan(FEED_INTERVAL.minusMillis(500));
            }
        }
    }

    private static long sendingClaimedBy(Database db, String node) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM outbox WHERE state = 'sending' AND claimed_by = :n")
                .bind("n", node).mapTo(Long.class).one());
    }

    private static void phase(long started, String what) {
        System.out.printf("ClusterTest: %s after %d s%n", what, (System.nanoTime() - started) / 1_000_000_000);
    }

    /** Quick Comment items that went out in some edition. */
    private static long itemsSent(Database db) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM edition_items").mapTo(Long.class).one());
    }

    private static long editionsSent(Database db) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM editions WHERE state = 'sent'")
                .mapTo(Long.class).one());
    }

    private static long unfinishedRows(Database db) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM outbox WHERE state IN ('queued', 'sending')")
                .mapTo(Long.class).one());
    }
}

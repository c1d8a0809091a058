package org.feedletter.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.feedletter.Feedletter;
import org.feedletter.manage.RunReport;
import org.feedletter.config.ConfigLoader;
import org.feedletter.mail.DeliverySummary;
import org.feedletter.testing.FeedServer;
import org.feedletter.testing.MutableClock;
import org.feedletter.testing.TestDatabases;
import org.feedletter.store.Database;
import org.feedletter.store.OutboxStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The numbers /metrics shows after real polls and sends. */
class MetricsTest {

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path dir;

    @Test
    void afterAPollAndASendTheCountsAreThoseOfTheRun() throws Exception {
        MutableClock clock = MutableClock.at("2026-11-26T10:00:00Z");
        try (FeedServer server = FeedServer.start()
                .serveResource("/site-wide.rss", "application/rss+xml", "/pipeline/site-wide.rss")
                .serveResource("/quick-comment.atom", "application/atom+xml", "/pipeline/quick-comment.atom")
                .serveResource("/author-lindqvist.rdf", "application/rdf+xml", "/pipeline/author-lindqvist.rdf")
                .serveResource("/partner.json", "application/feed+json", "/pipeline/partner.json")
                .fail("/broken.xml", 500);
                Feedletter feedletter = Feedletter.open(config(server), clock, "metrics-node")) {
            RunReport first = feedletter.cycle().runOnce(true);

            String scrape = feedletter.metrics().scrape();
            assertThat(value(scrape, "feedletter_feed_fetches_total{outcome=\"fetched\"}")).isEqualTo(4);
            assertThat(value(scrape, "feedletter_feed_fetches_total{outcome=\"failed\"}")).isEqualTo(1);
            assertThat(value(scrape, "feedletter_feed_fetches_total{outcome=\"not_modified\"}")).isZero();
            assertThat(value(scrape, "feedletter_feed_fetch_duration_seconds_count{outcome=\"fetched\"}")).isEqualTo(4);
            assertThat(value(scrape, "feedletter_items_ingested_total")).isEqualTo(8);
            first.poll().totals().duplicatesByRule().forEach((rule, count) -> assertThat(
                    value(scrape, "feedletter_duplicates_dropped_total{rule=\"" + rule + "\"}")).as(rule)
                    .isEqualTo(count.doubleValue()));
            assertThat(first.poll().totals().duplicates()).isEqualTo(6);
            assertThat(value(scrape, "feedletter_editions_built_total{newsletter=\"quick-comment\"}")).isEqualTo(1);
            assertThat(value(scrape, "feedletter_messages_total{outcome=\"sent\"}")).isEqualTo(2);
            assertThat(value(scrape, "feedletter_messages_total{outcome=\"failed\"}")).isZero();
            assertThat(value(scrape, "feedletter_outbox_messages{state=\"sent\"}")).isEqualTo(2);
            assertThat(value(scrape, "feedletter_outbox_depth")).isZero();
            assertThat(scrape).contains("jvm_memory_used_bytes{", "jvm_threads_live_threads", "process_uptime_seconds");

            clock.advance(Duration.ofHours(1));
            feedletter.cycle().runOnce(true);

            String second = feedletter.metrics().scrape();
            assertThat(value(second, "feedletter_feed_fetches_total{outcome=\"fetched\"}")).isEqualTo(4);
            assertThat(value(second, "feedletter_feed_fetches_total{outcome=\"not_modified\"}")).isEqualTo(4);
            assertThat(value(second, "feedletter_items_ingested_total")).isEqualTo(8);
            assertThat(value(second, "feedletter_messages_total{outcome=\"sent\"}")).isEqualTo(2);
        }
    }

    @Test
    void deliveryOutcomesAndTheOutboxDepthAreCountedAsReported() {
        try (Database database = TestDatabases.h2();
                FeedletterMetrics metrics = new FeedletterMetrics(new OutboxStore(database), List.of("weekly"))) {
            metrics.recordDelivery(new DeliverySummary(5, 2, 1, 1, null, null));
            metrics.recordDelivery(new DeliverySummary(0, 1, 0, 0, "535 authentication failed", null));

            String scrape = metrics.scrape();

            assertThat(value(scrape, "feedletter_messages_total{outcome=\"sent\"}")).isEqualTo(5);
            assertThat(value(scrape, "feedletter_messages_total{outcome=\"retried\"}")).isEqualTo(3);
            assertThat(value(scrape, "feedletter_messages_total{outcome=\"failed\"}")).isEqualTo(1);
            assertThat(value(scrape, "feedletter_messages_total{outcome=\"cancelled\"}")).isEqualTo(1);
            assertThat(value(scrape, "feedletter_delivery_pauses_total")).isEqualTo(1);
            assertThat(value(scrape, "feedletter_editions_built_total{newsletter=\"weekly\"}")).isZero();
            assertThat(value(scrape, "feedletter_outbox_depth")).isZero();
        }
    }

    @Test
    void webSubPingsShowOnlyWithAHubEachOutcomeFromZeroAndTheUnfinishedAsTheyAreNow() {
        try (Database database = TestDatabases.h2();
                FeedletterMetrics metrics = new FeedletterMetrics(new OutboxStore(database), List.of())) {
            assertThat(metrics.scrape()).doesNotContain("feedletter_websub");

            AtomicInteger unfinished = new AtomicInteger(3);
            metrics.watchHubPings(unfinished::get);
            metrics.recordHubPing("sent");
            metrics.recordHubPing("sent");
            metrics.recordHubPing("retried");
            System.gc(); // the gauge keeps its supplier, a lambda nothing else holds

            String scrape = metrics.scrape();
            assertThat(value(scrape, "feedletter_websub_pings_total{outcome=\"sent\"}")).isEqualTo(2);
            assertThat(value(scrape, "feedletter_websub_pings_total{outcome=\"retried\"}")).isEqualTo(1);
            assertThat(scrape).contains("feedletter_websub_pings_total{outcome=\"failed\"} 0.0");
            assertThat(value(scrape, "feedletter_websub_pings_unfinished")).isEqualTo(3);
            unfinished.set(0);
            assertThat(value(metrics.scrape(), "feedletter_websub_pings_unfinished")).isZero();
        }
    }

    private org.feedletter.config.FeedletterConfig config(FeedServer server) throws Exception {
        Path file = Files.writeString(dir.resolve("feedletter.yaml"), """
                database: { url: "jdbc:h2:mem:metrics-%s;DB_CLOSE_DELAY=-1" }
                mail: { transport: smtp, host: 127.0.0.1, port: %d, security: none, from: "digest@example.org" }
                feeds:
                  - url: "%s"
                  - url: "%s"
                  - url: "%s"
                  - url: "%s"
                  - url: "%s"
                newsletters:
                  - { id: quick-comment, include: { categories: ["Quick Comment"] }, schedule: "0 0 8 * * ?" }
                subscribers:
                  - { email: alice@example.org, newsletters: [quick-comment] }
                  - { email: bob@example.org, newsletters: [quick-comment] }
                """.formatted(UUID.randomUUID(), greenMail.getSmtp().getPort(), server.url("/site-wide.rss"),
                server.url("/quick-comment.atom"), server.url("/author-lindqvist.rdf"), server.url("/partner.json"),
                server.url("/broken.xml")));
        return new ConfigLoader(Map.of()).load(file);
    }

    /** The value of one sample line of the Prometheus text format; 0 when the series is absent. */
    static double value(String scrape, String series) {
        Matcher line = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(scrape);
        return line.find() ? Double.parseDouble(line.group(1)) : 0;
    }
}

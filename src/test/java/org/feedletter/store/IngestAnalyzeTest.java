package org.feedletter.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.feedletter.config.DatabaseConfig;
import org.feedletter.feed.parse.Entry;
import org.feedletter.ingest.dedup.ItemIngestor;
import org.feedletter.ingest.normalize.CandidateItem;
import org.feedletter.ingest.normalize.EntryNormalizer;
import org.feedletter.ingest.normalize.HtmlSanitizer;
import org.feedletter.testing.Postgres;
import org.junit.jupiter.api.Test;

/**
 * On PostgreSQL the ingest tables are analyzed once a process has inserted enough items, so a first large poll
 * does not run on plans made for empty tables; fewer items leave them to autovacuum.
 */
class IngestAnalyzeTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

    @Test
    void theIngestTablesAreAnalyzedAfterTheFirst500NewItemsOnPostgres() {
        // PostgreSQL only (H2 analyzes by itself): skipped with the reason where none is reachable, required in CI.
        DatabaseConfig config = Postgres.freshSchema();
        try (Database database = Database.open(config)) {
            ItemStore items = new ItemStore(database);
            long feed = new FeedStore(database).add(URI.create("https://example.org/feed/"), "Site",
                    Duration.ofMinutes(30), NOW).id();
            ItemIngestor ingestor = new ItemIngestor(items);
            EntryNormalizer normalizer = new EntryNormalizer(new HtmlSanitizer());
            for (int batch = 0; batch < 6; batch++) {
                List<CandidateItem> entries = new ArrayList<>();
                for (int i = 0; i < 90; i++) {
                    int n = batch * 100 + i;
                    entries.add(normalizer.normalize(new Entry("g-" + n, URI.create("https://example.org/p/" + n),
                            "Piece " + n, null, NOW, null, "<p>Text " + n + ".</p>", null, List.of(), null, List.of()),
                            feed, NOW));
                }
                ingestor.ingest(feed, entries, NOW);
                assertThat(analyzed(database)).as("after %d items", (batch + 1) * 90).isEqualTo((batch + 1) * 90 >= 500);
            }
            // Statistics for the columns statements find rows by; the HTML's would cost half the analysis.
            assertThat(columnsWithStatistics(database, "items")).contains("id", "public_id", "published_at",
                    "first_seen_at").doesNotContain("content_html", "title", "excerpt");
            assertThat(columnsWithStatistics(database, "item_sources")).contains("feed_id", "guid", "item_id")
                    .doesNotContain("evidence");
        } finally {
            Postgres.drop(config);
        }
    }

    private static List<String> columnsWithStatistics(Database database, String table) {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT attname FROM pg_stats "
                + "WHERE schemaname = current_schema() AND tablename = :table").bind("table", table)
                .mapTo(String.class).list());
    }

    private static boolean analyzed(Database database) {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT last_analyze IS NOT NULL FROM pg_stat_user_tables "
                + "WHERE relname = 'items' AND schemaname = current_schema()").mapTo(Boolean.class).one());
    }
}

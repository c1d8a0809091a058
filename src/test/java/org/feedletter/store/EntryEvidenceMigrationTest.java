package org.feedletter.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.feedletter.config.DatabaseConfig;
import org.feedletter.feed.parse.Entry;
import org.feedletter.ingest.dedup.IngestReport;
import org.feedletter.ingest.dedup.ItemIngestor;
import org.feedletter.ingest.normalize.EntryNormalizer;
import org.feedletter.ingest.normalize.HtmlSanitizer;
import org.feedletter.testing.TestDatabases;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A store written before entries kept their facts and evidence (schema version 12), brought up to date: each
 * entry stands for its item as stored, an item's HTML is kept in its entries' rows once it has more than one,
 * the per-item fingerprints are gone, and the stored items are found again by URL and by text.
 */
@Tag("database")
class EntryEvidenceMigrationTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private static final String TEXT = "The central bank of Hungary raised interest rates by half a point on Tuesday, "
            + "its third increase this year, and signalled that more could follow if the forint keeps falling against "
            + "the euro. Economists had expected a pause after inflation eased in October.";

    @Test
    void entriesStoredBeforeTheirEvidenceWasKeptStandForTheirItem() throws Exception {
        DatabaseConfig config = TestDatabases.freshConfig();
        String binary = config.isPostgres() ? Dialect.POSTGRESQL.binaryType() : Dialect.H2.binaryType();
        Flyway.configure().dataSource(config.url(), config.isPostgres() ? config.username() : "sa", config.password())
                .locations("classpath:db/migration").placeholders(Map.of("binary", binary)).target("12").load()
                .migrate();
        try (Connection c = DriverManager.getConnection(config.url(), config.isPostgres() ? config.username() : "sa",
                config.password()); Statement s = c.createStatement()) {
            s.execute("INSERT INTO feeds (id, url, name, origin, interval_seconds, state, next_poll_at, created_at) VALUES "
                    + "(901, 'https://institute.example/feed/', 'Site', 'config', 1800, 'active', TIMESTAMP '2026-11-26 10:00:00', "
                    + "TIMESTAMP '2026-11-26 10:00:00'), (902, 'https://partner.example/feed', 'Partner', 'config', 1800, "
                    + "'active', TIMESTAMP '2026-11-26 10:00:00', TIMESTAMP '2026-11-26 10:00:00')");
            s.execute("INSERT INTO items (id, public_id, canonical_url, link, title, author, published_at, content_html, "
                    + "excerpt, categories, first_feed_id, first_seen_at, changed_at) VALUES "
                    + "(901, 'urn:feedletter:one', 'https://institute.example/qc/rates', 'https://institute.example/qc/rates/', "
                    + "'Hungary''s rate gamble', 'Ingrid Halvorsen', TIMESTAMP '2026-11-23 09:00:00', '<p>" + TEXT
                    + "</p>', 'The central bank of Hungary raised rates.', 'Quick Comment', 901, TIMESTAMP '2026-11-23 10:00:00', "
                    + "TIMESTAMP '2026-11-23 10:00:00'), (902, 'urn:feedletter:two', 'https://m.institute.example/qc/other', "
                    + "'https://m.institute.example/qc/other', 'Another piece', NULL, TIMESTAMP '2026-11-24 09:00:00', "
                    + "'<p>Short.</p>', 'Short.', '', 901, TIMESTAMP '2026-11-24 10:00:00', TIMESTAMP '2026-11-24 10:00:00')");
            s.execute("INSERT INTO item_sources (feed_id, guid, item_id, original_url, version_hash, rule, evidence, "
                    + "first_seen_at) VALUES (901, 'qc-1', 901, 'https://institute.example/qc/rates/', 'v', 'new', NULL, "
                    + "TIMESTAMP '2026-11-23 10:00:00'), (902, 'p-1', 901, 'https://partner.example/rates', 'v', 'fingerprint', "
                    + "'opening text 1.00 alike', TIMESTAMP '2026-11-23 11:00:00'), (901, 'qc-2', 902, "
                    + "'https://m.institute.example/qc/other', 'v', 'new', NULL, TIMESTAMP '2026-11-24 10:00:00')");
            s.execute("INSERT INTO item_fingerprints (item_id, published_at, title_words, shingles, words, seq) VALUES "
                    + "(901, TIMESTAMP '2026-11-23 09:00:00', 'hungary rate gamble', '00000001', 40, 1)");
            s.execute("INSERT INTO item_aliases (public_id, item_id, kind, url) VALUES ('urn:feedletter:p', 901, 'url', "
                    + "'https://partner.example/rates')");
        }

        try (Database database = Database.open(config)) {
            ItemStore items = new ItemStore(database);
            List<StoredEntry> first = items.entriesOf(901);
            assertThat(first).hasSize(2).allSatisfy(e -> {
                assertThat(e.facts().title()).isEqualTo("Hungary's rate gamble");
                assertThat(e.facts().published()).isEqualTo(Instant.parse("2026-11-23T09:00:00Z"));
                assertThat(e.facts().categories()).containsExactly("Quick Comment");
                assertThat(e.evidence().titleKey()).isEqualTo("hungary s rate gamble");
                assertThat(e.evidence().authorKey()).isEqualTo("halvorsen:i~ingrid:h");
                assertThat(e.evidence().contentWords()).as("the opening of the item's text").isEqualTo(43);
            });
            assertThat(first).extracting(e -> e.facts().canonicalUrl())
                    .containsExactly("https://institute.example/qc/rates", "https://partner.example/rates");
            List<Long> keptHtml = database.jdbi().withHandle(h -> h.createQuery(
                    "SELECT COUNT(content_html) FROM item_sources GROUP BY item_id ORDER BY item_id")
                    .mapTo(Long.class).list());
            assertThat(keptHtml).as("HTML in the rows of the item with two entries only").containsExactly(2L, 0L);
            long fingerprintTables = database.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM "
                    + "information_schema.tables WHERE LOWER(table_name) = 'item_fingerprints'").mapTo(Long.class).one());
            assertThat(fingerprintTables).isZero();

            EntryNormalizer normalizer = new EntryNormalizer(new HtmlSanitizer());
            ItemIngestor ingestor = new ItemIngestor(items);
            long other = new FeedStore(database).add(URI.create("https://other.example/feed"), "Other",
                    java.time.Duration.ofHours(1), NOW).id(); // the partner's feed has an entry of the piece already
            IngestReport byText = ingestor.ingest(other, List.of(normalizer.normalize(new Entry("o-1",
                    URI.create("https://other.example/copy"), "Hungary's rate gamble | Partner",
                    "I. Halvorsen", Instant.parse("2026-11-23T15:00:00Z"), null, "<p>" + TEXT + "</p>", null, List.of(),
                    null, List.of()), other, NOW)), NOW);
            IngestReport byNewUrlForm = ingestor.ingest(902, List.of(normalizer.normalize(new Entry("p-3",
                    URI.create("https://institute.example/qc/other"), "Another piece", null, null, null, "<p>Short.</p>",
                    null, List.of(), null, List.of()), 902, NOW)), NOW);

            assertThat(byText.duplicatesByRule()).isEqualTo(Map.of(ItemIngestor.RULE_FINGERPRINT, 1));
            assertThat(byNewUrlForm.duplicatesByRule()).as("the m. host folds into the page now")
                    .isEqualTo(Map.of(ItemIngestor.RULE_CANONICAL_URL, 1));
            assertThat(items.count()).isEqualTo(2);
        }
    }
}

package org.feedletter.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.feedletter.config.DatabaseConfig;
import org.feedletter.feed.parse.Entry;
import org.feedletter.identity.TextOpening;
import org.feedletter.ingest.dedup.IngestReport;
import org.feedletter.ingest.dedup.ItemIngestor;
import org.feedletter.ingest.normalize.EntryNormalizer;
import org.feedletter.ingest.normalize.HtmlSanitizer;
import org.feedletter.testing.TestDatabases;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Entries stored while Cyrillic letters folded as themselves (schema version 20) get their evidence worked out anew
 * in Latin letters, so that a copy in the other alphabet, arriving after the upgrade, still meets them; entries in
 * Latin letters are left as they were.
 */
@Tag("database")
class CyrillicEvidenceMigrationTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private static final String CYRILLIC = "Народна банка Србије је у четвртак задржала референтну каматну стопу на "
            + "нивоу од пет одсто, упркос паду инфлације у октобру. Одлука показује да централна банка и даље "
            + "више брине због курса динара него због спорог раста привреде.";
    private static final String LATIN = "Narodna banka Srbije je u četvrtak zadržala referentnu kamatnu stopu na "
            + "nivou od pet odsto, uprkos padu inflacije u oktobru. Odluka pokazuje da centralna banka i dalje "
            + "više brine zbog kursa dinara nego zbog sporog rasta privrede.";

    @Test
    void entriesStoredWithCyrillicEvidenceMeetTheirCopyInLatinLettersAfterTheUpgrade() throws Exception {
        DatabaseConfig config = TestDatabases.freshConfig();
        String binary = config.isPostgres() ? Dialect.POSTGRESQL.binaryType() : Dialect.H2.binaryType();
        String user = config.isPostgres() ? config.username() : "sa";
        Flyway.configure().dataSource(config.url(), user, config.password()).locations("classpath:db/migration")
                .placeholders(Map.of("binary", binary)).target("20").load().migrate();
        byte[] oldShingles = ByteBuffer.allocate(8).putInt(11).putInt(12).array(); // as the old folding made them
        try (Connection c = DriverManager.getConnection(config.url(), user, config.password());
                Statement s = c.createStatement()) {
            s.execute("INSERT INTO feeds (id, url, name, origin, interval_seconds, state, next_poll_at, created_at) VALUES "
                    + "(901, 'https://centar.example/feed/', 'Site', 'config', 1800, 'active', TIMESTAMP '2026-11-26 "
                    + "10:00:00', TIMESTAMP '2026-11-26 10:00:00')");
            s.execute("INSERT INTO items (id, public_id, canonical_url, link, title, author, published_at, content_html, "
                    + "excerpt, categories, first_feed_id, first_seen_at, changed_at) VALUES "
                    + "(901, 'urn:feedletter:one', 'https://centar.example/sr/nbs', 'https://centar.example/sr/nbs', "
                    + "'НБС чува курс', 'Марко Петровић', TIMESTAMP '2026-11-26 08:00:00', '<p>" + CYRILLIC + "</p>', "
                    + "'Народна банка Србије', 'Брзи коментар', 901, TIMESTAMP '2026-11-26 09:00:00', "
                    + "TIMESTAMP '2026-11-26 09:00:00'), (902, 'urn:feedletter:two', 'https://centar.example/en/rates', "
                    + "'https://centar.example/en/rates', 'Rates on hold', 'Ana Ionescu', TIMESTAMP '2026-11-26 "
                    + "08:00:00', '<p>Rates stay where they were.</p>', 'Rates', '', 901, TIMESTAMP '2026-11-26 "
                    + "09:00:00', TIMESTAMP '2026-11-26 09:00:00')");
            try (PreparedStatement entry = c.prepareStatement("INSERT INTO item_sources (feed_id, guid, item_id, "
                    + "original_url, version_hash, rule, first_seen_at, seq, published_at, canonical_url, marks, "
                    + "title_key, author_key, content_shingles, content_words) VALUES (901, ?, ?, ?, 'v', 'new', "
                    + "TIMESTAMP '2026-11-26 09:00:00', ?, TIMESTAMP '2026-11-26 08:00:00', ?, '', ?, ?, ?, ?)")) {
                Object[][] rows = {{"sr-1", 901, "https://centar.example/sr/nbs", 0, "нбс чува курс", "петровић:м"},
                    {"en-1", 902, "https://centar.example/en/rates", 0, "rates on hold", "ionescu:a"}};
                for (Object[] row : rows) {
                    entry.setString(1, (String) row[0]);
                    entry.setInt(2, (Integer) row[1]);
                    entry.setString(3, (String) row[2]);
                    entry.setInt(4, (Integer) row[3]);
                    entry.setString(5, (String) row[2]);
                    entry.setString(6, (String) row[4]);
                    entry.setString(7, (String) row[5]);
                    entry.setBytes(8, oldShingles);
                    entry.setInt(9, 40);
                    entry.executeUpdate();
                }
            }
        }

        try (Database database = Database.open(config)) {
            ItemStore items = new ItemStore(database);
            StoredEvidence serbian = items.entriesOf(901).get(0).evidence();
            assertThat(serbian.titleKey()).isEqualTo("nbs cuva kurs");
            assertThat(serbian.authorKey()).isEqualTo("petrovic:m");
            assertThat(TextOpening.stored(TextOpening.Kind.CONTENT, serbian.contentShingles(), serbian.contentWords())
                    .sameAs(TextOpening.of(TextOpening.Kind.CONTENT, LATIN))).as("the opening made again").isTrue();
            StoredEvidence english = items.entriesOf(902).get(0).evidence();
            assertThat(english.titleKey()).isEqualTo("rates on hold");
            assertThat(english.contentShingles()).as("untouched").isEqualTo(oldShingles);

            long daily = new FeedStore(database).add(URI.create("https://dnevnik.example/feed"), "Daily",
                    java.time.Duration.ofHours(1), NOW).id();
            IngestReport copy = new ItemIngestor(items).ingest(daily, List.of(new EntryNormalizer(new HtmlSanitizer())
                    .normalize(new Entry("d-1", URI.create("https://dnevnik.example/komentari/nbs-cuva-kurs"),
                            "NBS čuva kurs", "Marko Petrović", Instant.parse("2026-11-26T11:00:00Z"), null,
                            "<p>" + LATIN + "</p>", null, List.of(), null, List.of()), daily, NOW)), NOW);
            assertThat(copy.duplicatesByRule()).isEqualTo(Map.of(ItemIngestor.RULE_FINGERPRINT, 1));
        }
    }
}

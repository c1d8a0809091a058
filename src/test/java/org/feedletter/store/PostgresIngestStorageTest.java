package org.feedletter.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.feedletter.config.DatabaseConfig;
import org.feedletter.feed.parse.Entry;
import org.feedletter.ingest.dedup.ItemIngestor;
import org.feedletter.ingest.normalize.EntryNormalizer;
import org.feedletter.ingest.normalize.HtmlSanitizer;
import org.feedletter.testing.Postgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How ingest writes on PostgreSQL: item rows of a few KB stored as they are (compressing each cost 15 % of the
 * database's time), and ingest transactions committed without waiting for the disk, while everything else waits.
 * PostgreSQL only: skipped with the reason where none is reachable, required in CI.
 */
class PostgresIngestStorageTest {

    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");

    private DatabaseConfig config;
    private Database database;

    @BeforeEach
    void open() {
        config = Postgres.freshSchema();
        database = Database.open(config);
    }

    @AfterEach
    void close() {
        if (database != null) {
            database.close();
        }
        if (config != null) {
            Postgres.drop(config);
        }
    }

    @Test
    void anItemOfAFewKilobytesIsStoredUncompressedAndAVeryLongOneCompressed() {
        ingest(entry("short", 5_000), entry("long", 60_000));

        assertThat(compression("https://example.org/p/short")).isNull();
        assertThat(compression("https://example.org/p/long")).isNotNull();
        String stored = database.jdbi().withHandle(h -> h.createQuery("SELECT content_html FROM items WHERE link = :link")
                .bind("link", "https://example.org/p/short").mapTo(String.class).one());
        assertThat(stored).contains(" short500 ");
    }

    @Test
    void ingestTransactionsCommitWithoutWaitingForTheDiskAndOthersWait() {
        ItemStore items = new ItemStore(database);

        String inIngest = items.inTransaction(tx -> tx.handle().createQuery("SHOW synchronous_commit")
                .mapTo(String.class).one());
        String elsewhere = database.jdbi().withHandle(h -> h.createQuery("SHOW synchronous_commit")
                .mapTo(String.class).one());

        assertThat(inIngest).isEqualTo("off");
        assertThat(elsewhere).isEqualTo("on");
    }

    @Test
    void aCopyThatAddsNothingLeavesTheItemRowUnwrittenAndOneThatAddsRewritesIt() {
        Entry first = entry("piece", 2_000);
        ingest("https://example.org/feed/", first);
        String written = rowVersion();

        ingest("https://partner.example.net/feed/", new Entry("partner-1", first.link(), first.title(), null,
                first.published(), null, first.contentHtml(), null, List.of(), null, List.of()));
        String afterSameCopy = rowVersion();
        ingest("https://other.example.net/feed/", new Entry("other-1", first.link(), first.title(), "Ingrid Halvorsen",
                first.published(), null, first.contentHtml(), null, List.of(), null, List.of()));

        assertThat(afterSameCopy).isEqualTo(written);
        assertThat(rowVersion()).isNotEqualTo(written);
        String author = database.jdbi().withHandle(h -> h.createQuery("SELECT author FROM items")
                .mapTo(String.class).one());
        assertThat(author).isEqualTo("Ingrid Halvorsen");
    }

    /** The transaction that wrote the item row's current version (PostgreSQL's xmin). */
    private String rowVersion() {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT xmin::text FROM items").mapTo(String.class).one());
    }

    private void ingest(Entry... entries) {
        ingest("https://example.org/feed/", entries);
    }

    private void ingest(String feedUrl, Entry... entries) {
        long feed = new FeedStore(database).add(URI.create(feedUrl), "Site", Duration.ofMinutes(30), NOW).id();
        EntryNormalizer normalizer = new EntryNormalizer(new HtmlSanitizer());
        new ItemIngestor(new ItemStore(database)).ingest(feed,
                List.of(entries).stream().map(e -> normalizer.normalize(e, feed, NOW)).toList(), NOW);
    }

    /** The method PostgreSQL compressed the stored HTML with, or null when it is stored as it is. */
    private String compression(String link) {
        return database.jdbi().withHandle(h -> h.createQuery(
                        "SELECT pg_column_compression(content_html) FROM items WHERE link = :link")
                .bind("link", link).mapTo(String.class).one());
    }

    /** Words of their own, so two entries are not one piece to near-duplicate detection. */
    private static Entry entry(String slug, int htmlChars) {
        StringBuilder html = new StringBuilder("<p>");
        for (int word = 0; html.length() < htmlChars; word++) {
            html.append(slug).append(word).append(' ');
        }
        html.append("</p>");
        return new Entry("g-" + slug, URI.create("https://example.org/p/" + slug), "Piece " + slug, null, NOW, null,
                html.toString(), null, List.of(), null, List.of());
    }
}

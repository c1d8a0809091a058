package org.feedletter.digest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.feedletter.config.Include;
import org.feedletter.config.NewsletterConfig;
import org.feedletter.feed.parse.Entry;
import org.feedletter.ingest.dedup.IngestReport;
import org.feedletter.ingest.dedup.ItemIngestor;
import org.feedletter.ingest.normalize.EntryNormalizer;
import org.feedletter.ingest.normalize.HtmlSanitizer;
import org.feedletter.store.Database;
import org.feedletter.store.EditionStore;
import org.feedletter.store.FeedStore;
import org.feedletter.store.ItemStore;
import org.feedletter.store.StoredItem;
import org.feedletter.store.SubscriberStore;
import org.feedletter.testing.MutableClock;
import org.feedletter.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A piece that changes, or comes back through another feed, after it was sent is updated, never sent again. */
@Tag("database")
class UpdatedEntriesTest {

    private static final ZoneId STOCKHOLM = ZoneId.of("Europe/Stockholm");
    private static final NewsletterConfig QUICK_COMMENT = new NewsletterConfig("quick-comment", "Quick Comment digest",
            null, new Include(List.of("Quick Comment")), "0 0 8 * * ?", STOCKHOLM, 10);
    private static final String TEXT = "The central bank of Hungary raised interest rates by half a point on Tuesday, "
            + "its third increase this year, and signalled that more could follow if the forint keeps falling against "
            + "the euro. Economists had expected a pause after inflation eased in October.";

    private final MutableClock clock = MutableClock.at("2026-11-26T10:00:00Z");
    private final EntryNormalizer normalizer = new EntryNormalizer(new HtmlSanitizer());
    private Database database;
    private EditionStore editions;
    private ItemStore items;
    private ItemIngestor ingestor;
    private EditionBuilder builder;
    private long siteFeed;
    private long partnerFeed;

    @BeforeEach
    void setUp() {
        database = TestDatabases.fresh();
        editions = new EditionStore(database);
        editions.syncNewsletters(List.of(QUICK_COMMENT), clock.instant());
        items = new ItemStore(database);
        ingestor = new ItemIngestor(items);
        FeedStore feeds = new FeedStore(database);
        siteFeed = feeds.add(URI.create("https://institute.example/feed"), "Site", Duration.ofMinutes(30),
                clock.instant()).id();
        partnerFeed = feeds.add(URI.create("https://partner.example/feed"), "Partner", Duration.ofMinutes(30),
                clock.instant()).id();
        new SubscriberStore(database).seed("alice@example.org", "alice@example.org", STOCKHOLM,
                List.of("quick-comment"), clock.instant());
        builder = new EditionBuilder(editions, List.of(QUICK_COMMENT), "institute.example", clock);
    }

    @AfterEach
    void tearDown() {
        database.close();
    }

    @Test
    void anEntryChangedAfterItWasSentUpdatesTheItemAndIsNotSentAgain() {
        IngestReport first = ingest(siteFeed, "qc-1", "https://institute.example/qc/rates", "Quick Comment: Rates up",
                TEXT);
        EditionOutcome sent = builder.buildIfDue(QUICK_COMMENT, true);
        assertThat(first.newItems()).isEqualTo(1);
        assertThat(editions.listedItems(sent.editionId())).extracting(StoredItem::title)
                .containsExactly("Quick Comment: Rates up");

        clock.set(Instant.parse("2026-11-27T06:00:00Z"));
        IngestReport changed = ingest(siteFeed, "qc-1", "https://institute.example/qc/rates",
                "Quick Comment: Rates up again (corrected)", TEXT + " This piece was corrected on Friday.");
        clock.set(Instant.parse("2026-11-27T07:00:05Z"));
        EditionOutcome next = builder.buildIfDue(QUICK_COMMENT, true);

        assertThat(changed.updated()).isEqualTo(1);
        assertThat(changed.newItems()).isZero();
        assertThat(items.newest(10, 0)).extracting(StoredItem::title)
                .as("the merged feed shows the new version").containsExactly("Quick Comment: Rates up again (corrected)");
        assertThat(next.due()).isTrue();
        assertThat(next.built()).as("nothing new to send").isFalse();
    }

    @Test
    void aPartnersCopyArrivingAfterTheOriginalWasSentIsNotSentAgain() {
        ingest(siteFeed, "qc-1", "https://institute.example/qc/rates", "Quick Comment: Rates up", TEXT);
        builder.buildIfDue(QUICK_COMMENT, true);

        clock.set(Instant.parse("2026-11-27T06:00:00Z"));
        IngestReport copy = ingest(partnerFeed, "p-9", "https://partner.example/republished/rates",
                "Quick Comment \u2013 Rates up | Partner Review", "First published by the Institute. " + TEXT);
        clock.set(Instant.parse("2026-11-27T07:00:05Z"));

        assertThat(copy.duplicates()).isEqualTo(1);
        assertThat(builder.buildIfDue(QUICK_COMMENT, true).built()).isFalse();
    }

    private IngestReport ingest(long feed, String guid, String link, String title, String text) {
        Entry entry = new Entry(guid, URI.create(link), title, "Ingrid Halvorsen", Instant.parse("2026-11-25T10:00:00Z"),
                null, "<p>" + text + "</p>", null, List.of("Quick Comment"), null, List.of(), null);
        return ingestor.ingest(feed, List.of(normalizer.normalize(entry, feed, clock.instant())), clock.instant());
    }
}

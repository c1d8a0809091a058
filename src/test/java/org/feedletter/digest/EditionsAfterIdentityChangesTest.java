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

/**
 * Editions when what an item is changes after it was first stored: the publisher's own entry arriving after a
 * copy (with the category the newsletter asks for), and one entry showing two stored items to be one piece.
 */
@Tag("database")
class EditionsAfterIdentityChangesTest {

    private static final ZoneId STOCKHOLM = ZoneId.of("Europe/Stockholm");
    private static final NewsletterConfig QUICK_COMMENTS = new NewsletterConfig("qc", "Quick Comments", null,
            new Include(List.of("Quick Comment")), "0 0 8 * * ?", STOCKHOLM, 50);
    private static final Instant MONDAY = Instant.parse("2026-11-23T09:00:00Z");
    private static final String DEK = "Helsinki has extended the closure of its land border with Russia once more. "
            + "The security case is strong; the asylum law underpinning it is getting harder to defend.";
    private static final String BODY = "The Finnish government announced on Tuesday that every crossing point on its "
            + "land border with Russia will stay closed until at least the end of May. It is the ninth extension since "
            + "the first closures, and nobody in Helsinki pretends it will be the last. The security argument has not "
            + "weakened, and few Finns want the crossings reopened.";

    private final MutableClock clock = MutableClock.at("2026-11-23T12:00:00Z");
    private final EntryNormalizer normalizer = new EntryNormalizer(new HtmlSanitizer());
    private Database database;
    private EditionStore editions;
    private ItemStore items;
    private ItemIngestor ingestor;
    private EditionBuilder builder;
    private long site;
    private long partner;
    private long aggregator;

    @BeforeEach
    void setUp() {
        database = TestDatabases.fresh();
        editions = new EditionStore(database);
        items = new ItemStore(database);
        editions.syncNewsletters(List.of(QUICK_COMMENTS), clock.instant());
        ingestor = new ItemIngestor(items);
        FeedStore feeds = new FeedStore(database);
        site = feeds.add(URI.create("https://institute.example/feed/"), "Site", Duration.ofMinutes(30), clock.instant()).id();
        partner = feeds.add(URI.create("https://partner.example/feed.json"), "Partner", Duration.ofHours(1),
                clock.instant()).id();
        aggregator = feeds.add(URI.create("https://agg.example/rss"), "Aggregator", Duration.ofHours(1),
                clock.instant()).id();
        new SubscriberStore(database).seed("reader@example.org", "reader@example.org", STOCKHOLM,
                List.of(QUICK_COMMENTS.id()), clock.instant());
        builder = new EditionBuilder(editions, List.of(QUICK_COMMENTS), "example.org", clock);
    }

    @AfterEach
    void tearDown() {
        database.close();
    }

    private void ingest(long feed, Entry entry) {
        ingestor.ingest(feed, List.of(normalizer.normalize(entry, feed, clock.instant())), clock.instant());
    }

    private Entry publisher(String category) {
        return new Entry("qc-1", URI.create("https://institute.example/qc/finland"), "Finland keeps the border shut",
                "Daniel Okafor", MONDAY, null, "<p>" + BODY + "</p>", "<p>" + DEK + "</p>", List.of(category), null,
                List.of());
    }

    private Entry partnerCopy() {
        return new Entry("p-1", URI.create("https://partner.example/republished/finland"),
                "Finland keeps the border shut | Partner", "D. Okafor", MONDAY.plus(Duration.ofHours(2)), null,
                "<p>" + DEK + "</p>", null, List.of("Republished"), null, List.of());
    }

    private List<String> listed(EditionOutcome outcome) {
        return outcome.editionId() == null ? List.of()
                : editions.listedItems(outcome.editionId()).stream().map(StoredItem::link).toList();
    }

    @Test
    void aQuickCommentWhoseCopyCameFirstGoesOutOnceThePublishersEntryBringsItsCategory() {
        ingest(partner, partnerCopy());
        EditionOutcome before = builder.buildNow(QUICK_COMMENTS);
        assertThat(before.items()).as("the copy carries no Quick Comment category").isZero();

        clock.advance(Duration.ofDays(2)); // long after the copy was first seen
        ingest(site, publisher("Quick Comment"));
        EditionOutcome after = builder.buildNow(QUICK_COMMENTS);

        assertThat(listed(after)).containsExactly("https://institute.example/qc/finland");
        assertThat(items.count()).isEqualTo(1);
    }

    @Test
    void anItemSentUnderACopysFactsIsNotSentAgainWhenItsOriginalArrives() {
        Entry copyWithCategory = new Entry("p-1", URI.create("https://partner.example/republished/finland"),
                "Finland keeps the border shut | Partner", "D. Okafor", MONDAY.plus(Duration.ofHours(2)), null,
                "<p>" + DEK + "</p>", null, List.of("Quick Comment"), null, List.of());
        ingest(partner, copyWithCategory);
        assertThat(listed(builder.buildNow(QUICK_COMMENTS))).containsExactly("https://partner.example/republished/finland");

        clock.advance(Duration.ofHours(3));
        ingest(site, publisher("Quick Comment"));
        StoredItem item = items.newest(1, 0).get(0);

        assertThat(item.link()).as("the item now shows its original").isEqualTo("https://institute.example/qc/finland");
        assertThat(item.changedAt()).isEqualTo(clock.instant());
        assertThat(builder.buildNow(QUICK_COMMENTS).items()).as("not sent twice").isZero();
    }

    @Test
    void twoItemsAnEntryShowsToBeOnePieceAreNotSentAgainAfterTheyBecomeOne() {
        // The partner carries the summary, the aggregator the first paragraph: they share no text; the publisher's
        // entry, which has both, shows them to be one piece.
        ingest(partner, new Entry("p-1", URI.create("https://partner.example/republished/finland"),
                "Finland keeps the border shut | Partner", "D. Okafor", MONDAY.plus(Duration.ofHours(2)), null,
                "<p>" + DEK + "</p>", null, List.of("Quick Comment"), null, List.of()));
        ingest(aggregator, new Entry("a-1", URI.create("https://agg.example/r/1"), "Analysis: Finland keeps the border shut",
                null, MONDAY.plus(Duration.ofHours(1)), null, "<p>" + BODY.substring(0, BODY.indexOf("last.") + 5)
                        + " \u2026</p>", null, List.of("Quick Comment"), null, List.of()));
        assertThat(items.count()).isEqualTo(2);
        assertThat(builder.buildNow(QUICK_COMMENTS).items()).isEqualTo(2);

        clock.advance(Duration.ofHours(3));
        ingest(site, publisher("Quick Comment"));

        assertThat(items.count()).as("one piece").isEqualTo(1);
        assertThat(items.newest(1, 0).get(0).link()).isEqualTo("https://institute.example/qc/finland");
        assertThat(builder.buildNow(QUICK_COMMENTS).items()).as("not sent again").isZero();
    }
}

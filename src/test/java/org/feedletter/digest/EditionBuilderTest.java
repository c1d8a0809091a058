package org.feedletter.digest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.feedletter.config.FeedSelector;
import org.feedletter.config.FilterRules;
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
import org.feedletter.store.OutboxStore;
import org.feedletter.store.StoredItem;
import org.feedletter.store.SubscriberStore;
import org.feedletter.testing.MutableClock;
import org.feedletter.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("database")
class EditionBuilderTest {

    private static final ZoneId STOCKHOLM = ZoneId.of("Europe/Stockholm");
    private static final NewsletterConfig QUICK_COMMENT = new NewsletterConfig("quick-comment", "Quick Comment digest",
            null, new Include(List.of("Quick Comment")), "0 0 8 * * ?", STOCKHOLM, 3);

    private final MutableClock clock = MutableClock.at("2026-11-26T10:00:00Z");
    private Database database;
    private EditionStore editions;
    private ItemIngestor ingestor;
    private final EntryNormalizer normalizer = new EntryNormalizer(new HtmlSanitizer());
    private EditionBuilder builder;
    private long feed;
    private int guid;

    @BeforeEach
    void setUp() {
        database = TestDatabases.fresh();
        editions = new EditionStore(database);
        editions.syncNewsletters(List.of(QUICK_COMMENT), clock.instant());
        ingestor = new ItemIngestor(new ItemStore(database));
        feed = new FeedStore(database).add(URI.create("https://example.org/feed"), "Site", Duration.ofMinutes(30),
                clock.instant()).id();
        SubscriberStore subscribers = new SubscriberStore(database);
        subscribers.seed("alice@example.org", "Alice@example.org", STOCKHOLM, List.of("quick-comment"), clock.instant());
        subscribers.seed("bob@example.org", "bob@example.org", STOCKHOLM, List.of("quick-comment"), clock.instant());
        subscribers.seed("carol@example.org", "carol@example.org", STOCKHOLM, List.of(), clock.instant());
        builder = new EditionBuilder(editions, List.of(QUICK_COMMENT), "example.org", clock);
    }

    @AfterEach
    void tearDown() {
        database.close();
    }

    private void publish(String title, String category, String published) {
        guid++;
        Entry entry = new Entry("g" + guid, URI.create("https://example.org/p/" + guid), title, "Author",
                Instant.parse(published), null, "<p>text</p>", null, List.of(category), null, List.of());
        ingestor.ingest(feed, List.of(normalizer.normalize(entry, feed, clock.instant())), clock.instant());
    }

    private List<String> titles(long editionId) {
        return editions.listedItems(editionId).stream().map(StoredItem::title).toList();
    }

    @Test
    void aNewsletterThatNeverSentBuildsAtOnceWithItsMatchingItemsNewestFirst() {
        publish("Quick Comment: Older", "Quick Comment", "2026-11-24T10:00:00Z");
        publish("Annual report", "Report", "2026-11-25T10:00:00Z");
        publish("Quick Comment: Newer", "Quick Comment", "2026-11-25T12:00:00Z");

        EditionOutcome outcome = builder.buildIfDue(QUICK_COMMENT, true);

        assertThat(outcome.built()).isTrue();
        assertThat(titles(outcome.editionId())).containsExactly("Quick Comment: Newer", "Quick Comment: Older");
        assertThat(outcome.queued()).as("alice and bob subscribe; carol does not").isEqualTo(2);
        assertThat(new OutboxStore(database).countByState()).containsEntry("queued", 2L);
    }

    @Test
    void anEditionTakesWhatTheFilterTakesLookingUpEachItemsFeedsAndLeavingExcludedItemsOut() {
        long partner = new FeedStore(database).add(URI.create("https://partner.example.net/feed"), "Partner",
                Duration.ofMinutes(30), clock.instant()).id();
        publish("Quick Comment: Ours", "Quick Comment", "2026-11-25T10:00:00Z");
        publish("Quick Comment: Sponsored notes", "Quick Comment", "2026-11-25T11:00:00Z");
        Entry fromPartner = new Entry("p1", URI.create("https://partner.example.net/p/1"), "Quick Comment: Theirs",
                "Author", Instant.parse("2026-11-25T12:00:00Z"), null, "<p>text</p>", null, List.of("Quick Comment"),
                null, List.of());
        ingestor.ingest(partner, List.of(normalizer.normalize(fromPartner, partner, clock.instant())), clock.instant());
        FilterRules site = new FilterRules(List.of("Quick Comment"), List.of(),
                List.of(new FeedSelector("Site", List.of(URI.create("https://example.org/feed")))), List.of(), null,
                null, List.of());
        NewsletterConfig siteOnly = new NewsletterConfig("site-only", "Site only", null,
                new Include(Include.Match.ALL, site), "0 0 8 * * ?", STOCKHOLM, 10,
                new FilterRules(List.of(), List.of(), List.of(), List.of("sponsored"), null, null, List.of()));
        editions.syncNewsletters(List.of(QUICK_COMMENT, siteOnly), clock.instant());

        EditionOutcome outcome = new EditionBuilder(editions, List.of(siteOnly), "example.org", clock)
                .buildIfDue(siteOnly, false);

        assertThat(titles(outcome.editionId())).containsExactly("Quick Comment: Ours");
    }

    @Test
    void withNothingNewNoEditionIsBuiltButTheSlotIsUsed() {
        publish("Quick Comment: First", "Quick Comment", "2026-11-25T10:00:00Z");
        builder.buildIfDue(QUICK_COMMENT, true);
        clock.set(Instant.parse("2026-11-27T07:00:05Z"));
        publish("Annual report", "Report", "2026-11-27T06:00:00Z");

        EditionOutcome outcome = builder.buildIfDue(QUICK_COMMENT, true);

        assertThat(outcome.due()).isTrue();
        assertThat(outcome.built()).isFalse();
        assertThat(editions.lastSlot("quick-comment")).contains(Instant.parse("2026-11-27T07:00:00Z"));
        assertThat(new OutboxStore(database).countByState()).containsEntry("queued", 2L);
    }

    @Test
    void aNewsletterStaysDueAtOnceUntilItsFirstEditionGoesOut() {
        assertThat(builder.buildIfDue(QUICK_COMMENT, true).built()).as("no items yet").isFalse();
        clock.advance(Duration.ofMinutes(10));
        publish("Quick Comment: Finally", "Quick Comment", "2026-11-26T10:05:00Z");

        EditionOutcome outcome = builder.buildIfDue(QUICK_COMMENT, true);

        assertThat(outcome.built()).isTrue();
        assertThat(titles(outcome.editionId())).containsExactly("Quick Comment: Finally");
    }

    @Test
    void theNextEditionWaitsForTheNextSlotAndHoldsOnlyNewItems() {
        publish("Quick Comment: First", "Quick Comment", "2026-11-25T10:00:00Z");
        builder.buildIfDue(QUICK_COMMENT, true);
        clock.advance(Duration.ofHours(2));
        publish("Quick Comment: Second", "Quick Comment", "2026-11-26T11:30:00Z");

        assertThat(builder.buildIfDue(QUICK_COMMENT, true).due()).as("before 08:00 Stockholm tomorrow").isFalse();

        clock.set(Instant.parse("2026-11-27T07:00:05Z"));
        EditionOutcome next = builder.buildIfDue(QUICK_COMMENT, true);
        assertThat(next.slot()).isEqualTo(Instant.parse("2026-11-27T07:00:00Z"));
        assertThat(titles(next.editionId())).containsExactly("Quick Comment: Second");
    }

    @Test
    void anEditionListsAtMostMaxItemsAndCountsTheRest() {
        for (int i = 1; i <= 5; i++) {
            publish("Quick Comment: " + i, "Quick Comment", "2026-11-25T1" + i + ":00:00Z");
        }

        EditionOutcome outcome = builder.buildIfDue(QUICK_COMMENT, true);

        assertThat(outcome.items()).isEqualTo(5);
        assertThat(titles(outcome.editionId())).containsExactly("Quick Comment: 5", "Quick Comment: 4", "Quick Comment: 3");
        assertThat(editions.find(outcome.editionId()).orElseThrow().moreCount()).isEqualTo(2);
    }

    @Test
    void itemsCountedBeyondMaxItemsAreNotSentAgainNextTime() {
        for (int i = 1; i <= 5; i++) {
            publish("Quick Comment: " + i, "Quick Comment", "2026-11-25T1" + i + ":00:00Z");
        }
        builder.buildIfDue(QUICK_COMMENT, true);
        clock.set(Instant.parse("2026-11-27T07:00:05Z"));

        assertThat(builder.buildIfDue(QUICK_COMMENT, true).built()).isFalse();
    }

    @Test
    void noSendRecordsTheBacklogAsSeenWithoutQueueingMail() {
        publish("Quick Comment: Backlog", "Quick Comment", "2026-11-25T10:00:00Z");

        EditionOutcome skipped = builder.buildIfDue(QUICK_COMMENT, false);

        assertThat(skipped.built()).isTrue();
        assertThat(skipped.queued()).isZero();
        assertThat(editions.find(skipped.editionId()).orElseThrow().state()).isEqualTo("skipped");
        assertThat(new OutboxStore(database).countByState()).containsEntry("queued", 0L);
        clock.set(Instant.parse("2026-11-27T07:00:05Z"));
        assertThat(builder.buildIfDue(QUICK_COMMENT, true).built()).as("the backlog is not mailed later").isFalse();
    }

    @Test
    void buildersRacingForOneSlotBuildOneEdition() throws Exception {
        publish("Quick Comment: Contended", "Quick Comment", "2026-11-25T10:00:00Z");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<EditionOutcome>> racers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                racers.add(() -> new EditionBuilder(editions, List.of(QUICK_COMMENT), "example.org", clock)
                        .buildIfDue(QUICK_COMMENT, true));
            }
            List<EditionOutcome> outcomes = new ArrayList<>();
            for (Future<EditionOutcome> f : pool.invokeAll(racers)) {
                outcomes.add(f.get());
            }
            assertThat(outcomes).filteredOn(EditionOutcome::built).hasSize(1);
            assertThat(new OutboxStore(database).countByState()).containsEntry("queued", 2L);
        } finally {
            pool.shutdownNow();
        }
    }
}

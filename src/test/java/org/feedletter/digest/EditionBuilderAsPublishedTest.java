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
import org.feedletter.config.AsPublished;
import org.feedletter.config.FilterRules;
import org.feedletter.config.Include;
import org.feedletter.config.NewsletterConfig;
import org.feedletter.config.UpdateListing;
import org.feedletter.feed.parse.Entry;
import org.feedletter.ingest.normalize.EntryNormalizer;
import org.feedletter.ingest.normalize.HtmlSanitizer;
import org.feedletter.ingest.dedup.ItemIngestor;
import org.feedletter.store.Database;
import org.feedletter.store.EditionStore;
import org.feedletter.store.FeedStore;
import org.feedletter.store.ItemStore;
import org.feedletter.store.OutboxStore;
import org.feedletter.store.StoredEdition;
import org.feedletter.store.StoredItem;
import org.feedletter.store.SubscriberStore;
import org.feedletter.testing.MutableClock;
import org.feedletter.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * An as-published newsletter on H2: due once its first matching item has waited the delay, then taking every
 * matching item so far; at most max-per-day editions a day in its time zone; under the newsletter's lock.
 */
@Tag("database")
class EditionBuilderAsPublishedTest {

    private static final ZoneId STOCKHOLM = ZoneId.of("Europe/Stockholm");
    /** Two minutes' delay, twelve a day: the defaults. */
    private static final NewsletterConfig BREAKING = new NewsletterConfig("breaking", "Breaking", null,
            new Include(List.of("Breaking")), NewsletterConfig.AS_PUBLISHED, STOCKHOLM, 10);
    private static final NewsletterConfig DAILY = new NewsletterConfig("daily", "Daily", null,
            new Include(List.of("Breaking")), "0 0 8 * * ?", STOCKHOLM, 10);

    private final MutableClock clock = MutableClock.at("2026-11-26T10:00:00Z"); // 11:00 in Stockholm
    private Database database;
    private EditionStore editions;
    private ItemIngestor ingestor;
    private final EntryNormalizer normalizer = new EntryNormalizer(new HtmlSanitizer());
    private long feed;
    private int guid;

    @BeforeEach
    void setUp() {
        database = TestDatabases.fresh();
        editions = new EditionStore(database);
        ingestor = new ItemIngestor(new ItemStore(database));
        feed = new FeedStore(database).add(URI.create("https://example.org/feed"), "Site", Duration.ofMinutes(30),
                clock.instant()).id();
        SubscriberStore subscribers = new SubscriberStore(database);
        subscribers.seed("alice@example.org", "alice@example.org", STOCKHOLM, List.of("breaking", "daily"),
                clock.instant());
        subscribers.seed("bob@example.org", "bob@example.org", STOCKHOLM, List.of("breaking"), clock.instant());
    }

    @AfterEach
    void tearDown() {
        database.close();
    }

    private EditionBuilder builder(NewsletterConfig... newsletters) {
        editions.syncNewsletters(List.of(newsletters), clock.instant());
        return new EditionBuilder(editions, List.of(newsletters), "example.org", clock);
    }

    /** The newsletter's first edition, with the backlog: after it, what the tests publish is new. */
    private void firstEdition(EditionBuilder builder, NewsletterConfig newsletter) {
        publish("Breaking: the backlog", "Breaking");
        clock.advance(newsletter.asPublished().orElseThrow().publishDelay());
        assertThat(builder.buildIfDue(newsletter, true).built()).isTrue();
    }

    private String publish(String title, String category) {
        guid++;
        Entry entry = new Entry("g" + guid, URI.create("https://example.org/p/" + guid), title, "Author",
                clock.instant(), null, "<p>" + title + ", in a few words of text.</p>", null, List.of(category), null,
                List.of());
        ingestor.ingest(feed, List.of(normalizer.normalize(entry, feed, clock.instant())), clock.instant());
        return "g" + guid;
    }

    private List<String> titles(long editionId) {
        return editions.listedItems(editionId).stream().map(StoredItem::title).toList();
    }

    @Test
    void anEditionWaitsUntilNoMatchingItemHasComeForTheQuietPeriodAndTakesEverythingThatArrived() {
        EditionBuilder builder = builder(BREAKING); // the defaults: a quiet period of 30 s within a delay of 2 min
        firstEdition(builder, BREAKING);
        clock.advance(Duration.ofMinutes(30));
        Instant first = clock.instant();
        publish("Breaking: ceasefire announced", "Breaking");
        publish("Annual energy report", "Report");

        EditionOutcome atOnce = builder.buildIfDue(BREAKING, true);
        clock.advance(Duration.ofSeconds(20));
        publish("Breaking: reactions to the ceasefire", "Breaking");
        EditionOutcome afterTheSecond = builder.buildIfDue(BREAKING, true);
        clock.advance(Duration.ofSeconds(29));
        EditionOutcome justBefore = builder.buildIfDue(BREAKING, true);

        assertThat(atOnce.built()).isFalse();
        assertThat(atOnce.waitingUntil()).as("30 s after the only piece").isEqualTo(first.plusSeconds(30));
        for (EditionOutcome notYet : List.of(afterTheSecond, justBefore)) {
            assertThat(notYet.built()).isFalse();
            assertThat(notYet.due()).isFalse();
            assertThat(notYet.waitingUntil()).as("30 s after the latest piece").isEqualTo(first.plusSeconds(50));
        }

        clock.advance(Duration.ofSeconds(1));
        EditionOutcome due = builder.buildIfDue(BREAKING, true);

        assertThat(due.built()).isTrue();
        assertThat(titles(due.editionId())).as("both, one edition; the report is not breaking")
                .containsExactly("Breaking: reactions to the ceasefire", "Breaking: ceasefire announced");
        assertThat(due.queued()).isEqualTo(2);
        assertThat(builder.buildIfDue(BREAKING, true).built()).as("nothing new").isFalse();
        assertThat(builder.buildIfDue(BREAKING, true).waitingUntil()).isNull();
    }

    @Test
    void piecesThatKeepComingWaitNoLongerThanTheDelayAfterTheFirst() {
        EditionBuilder builder = builder(BREAKING);
        firstEdition(builder, BREAKING);
        clock.advance(Duration.ofMinutes(30));
        Instant first = clock.instant();

        List<Instant> waitingUntil = new ArrayList<>();
        for (int piece = 1; piece <= 5; piece++) { // one every 25 s: each inside the quiet period of the one before
            publish("Breaking: update " + piece, "Breaking");
            EditionOutcome outcome = builder.buildIfDue(BREAKING, true);
            assertThat(outcome.built()).as("piece %d", piece).isFalse();
            waitingUntil.add(outcome.waitingUntil());
            clock.advance(Duration.ofSeconds(25));
        }

        assertThat(waitingUntil).containsExactly(first.plusSeconds(30), first.plusSeconds(55),
                first.plusSeconds(80), first.plusSeconds(105), first.plusSeconds(120)); // the last capped by 2 min
        clock.set(first.plusSeconds(119));
        assertThat(builder.buildIfDue(BREAKING, true).built()).isFalse();
        clock.set(first.plusSeconds(120));
        EditionOutcome due = builder.buildIfDue(BREAKING, true);
        assertThat(due.built()).isTrue();
        assertThat(titles(due.editionId())).hasSize(5);
    }

    @Test
    void aQuietPeriodAsLongAsTheDelayMakesEveryEditionWaitTheWholeDelay() {
        NewsletterConfig fixed = BREAKING.withAsPublished(new AsPublished(Duration.ofMinutes(2),
                Duration.ofMinutes(2), 12));
        EditionBuilder builder = builder(fixed);
        firstEdition(builder, fixed);
        clock.advance(Duration.ofMinutes(30));
        Instant first = clock.instant();
        publish("Breaking: alone", "Breaking");

        clock.advance(Duration.ofSeconds(119));
        EditionOutcome notYet = builder.buildIfDue(fixed, true);
        clock.advance(Duration.ofSeconds(1));
        EditionOutcome due = builder.buildIfDue(fixed, true);

        assertThat(notYet.built()).isFalse();
        assertThat(notYet.waitingUntil()).isEqualTo(first.plusSeconds(120));
        assertThat(due.built()).isTrue();
    }

    @Test
    void withoutADelayAnItemGoesOutAtTheFirstCheck() {
        NewsletterConfig atOnce = BREAKING.withAsPublished(new AsPublished(Duration.ZERO, AsPublished.DEFAULT_QUIET_PERIOD, 12));
        EditionBuilder builder = builder(atOnce);
        firstEdition(builder, atOnce);

        publish("Breaking: at once", "Breaking");
        EditionOutcome outcome = builder.buildIfDue(atOnce, true);

        assertThat(outcome.built()).isTrue();
        assertThat(titles(outcome.editionId())).containsExactly("Breaking: at once");
        publish("Breaking: the same second", "Breaking");
        EditionOutcome again = builder.buildIfDue(atOnce, true);
        assertThat(again.built()).as("a second edition in the same instant gets a slot of its own").isTrue();
        assertThat(titles(again.editionId())).containsExactly("Breaking: the same second");
    }

    @Test
    void atMostMaxPerDayEditionsThenTheItemsWaitForTheNextDayInTheNewslettersZone() {
        NewsletterConfig twice = BREAKING.withAsPublished(new AsPublished(Duration.ZERO, AsPublished.DEFAULT_QUIET_PERIOD, 2));
        EditionBuilder builder = builder(twice);
        clock.set(Instant.parse("2026-11-26T20:00:00Z")); // 21:00 in Stockholm
        publish("Breaking: one", "Breaking");
        assertThat(builder.buildIfDue(twice, true).built()).isTrue();
        clock.advance(Duration.ofMinutes(10));
        publish("Breaking: two", "Breaking");
        assertThat(builder.buildIfDue(twice, true).built()).isTrue();
        clock.advance(Duration.ofMinutes(10));
        publish("Breaking: three", "Breaking");

        EditionOutcome capped = builder.buildIfDue(twice, true);
        clock.set(Instant.parse("2026-11-26T22:59:59Z"));
        publish("Breaking: four", "Breaking");
        EditionOutcome stillCapped = builder.buildIfDue(twice, true);

        Instant midnightInStockholm = Instant.parse("2026-11-26T23:00:00Z");
        assertThat(capped.built()).isFalse();
        assertThat(capped.waitingUntil()).isEqualTo(midnightInStockholm);
        assertThat(stillCapped.built()).isFalse();
        assertThat(stillCapped.waitingUntil()).isEqualTo(midnightInStockholm);

        clock.set(midnightInStockholm);
        EditionOutcome nextDay = builder.buildIfDue(twice, true);

        assertThat(nextDay.built()).isTrue();
        assertThat(titles(nextDay.editionId())).containsExactly("Breaking: four", "Breaking: three");
        clock.advance(Duration.ofMinutes(1));
        publish("Breaking: five", "Breaking");
        assertThat(builder.buildIfDue(twice, true).built()).as("the second of the new day").isTrue();
        publish("Breaking: six", "Breaking");
        assertThat(builder.buildIfDue(twice, true).built()).as("the cap again").isFalse();
    }

    @Test
    void editionsRecordedAsSeenTakeEverythingMatchingAndCountForNoCap() {
        NewsletterConfig once = BREAKING.withAsPublished(new AsPublished(Duration.ofMinutes(2), AsPublished.DEFAULT_QUIET_PERIOD, 1));
        EditionBuilder builder = builder(once);
        publish("Breaking: the backlog", "Breaking");

        EditionOutcome skipped = builder.buildIfDue(once, false);

        assertThat(skipped.built()).as("--no-send waits for no delay").isTrue();
        assertThat(skipped.queued()).isZero();
        publish("Breaking: after the backlog", "Breaking");
        clock.advance(Duration.ofMinutes(2));
        EditionOutcome sent = builder.buildIfDue(once, true);
        assertThat(sent.built()).as("a skipped edition is not one of today's").isTrue();
        assertThat(titles(sent.editionId())).containsExactly("Breaking: after the backlog");
    }

    @Test
    void aCronNewsletterBesideItKeepsItsSchedule() {
        EditionBuilder builder = builder(BREAKING, DAILY);
        publish("Breaking: first", "Breaking");
        clock.advance(Duration.ofMinutes(2));
        assertThat(builder.buildDue(true)).allMatch(EditionOutcome::built); // both never sent: due at once
        clock.advance(Duration.ofMinutes(5));
        publish("Breaking: second", "Breaking");
        clock.advance(Duration.ofMinutes(2));

        List<EditionOutcome> outcomes = builder.buildDue(true);
        List<EditionOutcome> asPublished = builder.buildAsPublishedDue();

        assertThat(outcomes).extracting(EditionOutcome::newsletterId).containsExactly("breaking", "daily");
        assertThat(outcomes.get(0).built()).isTrue();
        assertThat(outcomes.get(1).due()).as("the daily waits for 08:00").isFalse();
        assertThat(asPublished).extracting(EditionOutcome::newsletterId).containsExactly("breaking");
        clock.set(Instant.parse("2026-11-27T07:00:30Z"));
        EditionOutcome daily = builder.buildIfDue(DAILY, true);
        assertThat(titles(daily.editionId())).containsExactly("Breaking: second");
    }

    @Test
    void anUpdateWaitsAsAnItemDoes() {
        NewsletterConfig listing = new NewsletterConfig("breaking", "Breaking", null, new Include(List.of("Breaking")),
                NewsletterConfig.AS_PUBLISHED, STOCKHOLM, 10, FilterRules.NONE, UpdateListing.enabled(0.3), false);
        EditionBuilder builder = builder(listing);
        String ceasefire = publish("Breaking: ceasefire announced", "Breaking");
        clock.advance(Duration.ofMinutes(2));
        assertThat(builder.buildIfDue(listing, true).built()).isTrue();
        clock.advance(Duration.ofMinutes(10));
        Instant revised = clock.instant();
        Entry retitled = new Entry(ceasefire, URI.create("https://example.org/p/1"), "Breaking: ceasefire collapses",
                "Author", Instant.parse("2026-11-26T10:00:00Z"), null,
                "<p>Breaking: ceasefire announced, in a few words of text.</p>", null, List.of("Breaking"), null,
                List.of());
        ingestor.ingest(feed, List.of(normalizer.normalize(retitled, feed, clock.instant())), clock.instant());

        EditionOutcome waiting = builder.buildIfDue(listing, true);
        clock.advance(Duration.ofMinutes(2));
        EditionOutcome due = builder.buildIfDue(listing, true);

        assertThat(waiting.built()).isFalse();
        assertThat(waiting.waitingUntil()).as("the quiet period after the revision").isEqualTo(revised.plusSeconds(30));
        assertThat(due.built()).isTrue();
        assertThat(due.updates()).isEqualTo(1);
        assertThat(due.items()).isZero();
    }

    @Test
    void buildersRacingOnSeveralNodesBuildOneEdition() throws Exception {
        builder(BREAKING);
        publish("Breaking: contended", "Breaking");
        clock.advance(Duration.ofMinutes(2));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<EditionOutcome>> racers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                racers.add(() -> new EditionBuilder(editions, List.of(BREAKING), "example.org", clock)
                        .buildAsPublishedDue().get(0));
            }
            List<EditionOutcome> outcomes = new ArrayList<>();
            for (Future<EditionOutcome> f : pool.invokeAll(racers)) {
                outcomes.add(f.get());
            }
            assertThat(outcomes).filteredOn(EditionOutcome::built).hasSize(1);
            assertThat(editions.recent("breaking", 10)).extracting(StoredEdition::itemCount).containsExactly(1);
            assertThat(new OutboxStore(database).countByState()).containsEntry("queued", 2L);
        } finally {
            pool.shutdownNow();
        }
    }
}

package org.feedletter.ingest.poll;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.feedletter.config.FeedConfig;
import org.feedletter.config.FetchSettings;
import org.feedletter.feed.fetch.FeedFetcher;
import org.feedletter.feed.parse.Entry;
import org.feedletter.feed.parse.FeedParser;
import org.feedletter.ingest.dedup.ItemIngestor;
import org.feedletter.ingest.normalize.EntryNormalizer;
import org.feedletter.ingest.normalize.HtmlSanitizer;
import org.feedletter.store.Database;
import org.feedletter.store.FeedStore;
import org.feedletter.store.ItemStore;
import org.feedletter.store.StoredFeed;
import org.feedletter.store.StoredItem;
import org.feedletter.testing.FeedServer;
import org.feedletter.testing.MutableClock;
import org.feedletter.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A feed's document with more new entries than the cap gives the newest ones in one poll and the rest at the next
 * polls, over real HTTP into a real store, saying so in the log and on the feed.
 */
class EntryCapTest {

    private static final Duration INTERVAL = Duration.ofMinutes(30);
    private static final int CAP = 500;
    private static final Instant FIRST_PUBLISHED = Instant.parse("2026-01-01T00:00:00Z");
    private static final DateTimeFormatter RFC_822 = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private final MutableClock clock = MutableClock.at("2026-11-26T10:00:00Z");
    private final Database database = TestDatabases.h2();
    private final FeedStore feeds = new FeedStore(database);
    private final ItemStore items = new ItemStore(database);
    private final FeedServer server = FeedServer.start();
    private final FeedFetcher fetcher = new FeedFetcher(FetchSettings.defaults("feedletter-test"), clock);
    private final List<FeedPoller> pollers = new ArrayList<>();
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger refresherLog = (Logger) LoggerFactory.getLogger(FeedRefresher.class);
    private Level levelBefore;

    @BeforeEach
    void captureTheRefreshersLog() {
        levelBefore = refresherLog.getLevel();
        refresherLog.setLevel(Level.INFO);
        log.start();
        refresherLog.addAppender(log);
    }

    @AfterEach
    void tearDown() {
        refresherLog.detachAppender(log);
        refresherLog.setLevel(levelBefore);
        pollers.forEach(FeedPoller::close);
        fetcher.close();
        server.close();
        database.close();
    }

    @Test
    void twelveHundredNewEntriesComeInThreePollsNewestFirstAndTheLogSaysWhatIsLeft() {
        server.serve("/flood.rss", "application/rss+xml", rss(1200));
        StoredFeed feed = feeds.add(server.url("/flood.rss"), "flood", INTERVAL, clock.instant());
        FeedPoller poller = poller(List.of());

        poller.pollDue();
        assertThat(items.count()).isEqualTo(500);
        assertThat(publishedNumbers()).as("the newest 500, wherever the document lists them")
                .containsExactlyInAnyOrderElementsOf(range(700, 1200));
        StoredFeed afterOne = reload(feed);
        assertThat(afterOne.lastError()).isEqualTo("took the newest 500 of 1200 new or changed entries (at most 500 a"
                + " poll); 700 left for the next poll");
        assertThat(afterOne.failures()).isZero();
        assertThat(afterOne.etag()).as("no validators: the next fetch must bring the whole document").isNull();
        assertThat(afterOne.lastModified()).isNull();
        assertThat(messages()).containsExactly("feed " + feed.id() + " (flood): took the newest 500 of 1200 new or"
                + " changed entries (at most 500 a poll); 700 left for the next poll");

        clock.advance(INTERVAL);
        poller.pollDue();
        assertThat(items.count()).isEqualTo(1000);
        assertThat(reload(feed).lastError()).isEqualTo("took the newest 500 of 700 new or changed entries (at most 500"
                + " a poll); 200 left for the next poll");

        clock.advance(INTERVAL);
        poller.pollDue();
        assertThat(items.count()).isEqualTo(1200);
        assertThat(publishedNumbers()).containsExactlyInAnyOrderElementsOf(range(0, 1200));
        StoredFeed done = reload(feed);
        assertThat(done.lastError()).isNull();
        assertThat(done.etag()).isNotNull();
        assertThat(messages()).hasSize(2).last().asString().endsWith("200 left for the next poll");
        assertThat(server.answered("/flood.rss", 200)).isEqualTo(3);

        clock.advance(INTERVAL);
        poller.pollDue();
        assertThat(server.answered("/flood.rss", 304)).as("all taken: conditional again").isOne();
        assertThat(items.count()).isEqualTo(1200);
    }

    @Test
    void aFeedInTheConfigHasItsOwnCap() {
        server.serve("/capped.rss", "application/rss+xml", rss(150))
                .serve("/default.rss", "application/rss+xml", rss(150).replace("/p/", "/q/")
                        .replace("<title>Entry ", "<title>Unrelated harbour report number "));
        List<FeedConfig> configured = List.of(new FeedConfig(server.url("/capped.rss"), "capped", INTERVAL, 100),
                new FeedConfig(server.url("/default.rss"), "default", INTERVAL));
        feeds.syncConfigFeeds(configured, clock.instant());

        poller(configured).pollDue();

        assertThat(feeds.listCurrent()).extracting(StoredFeed::name, StoredFeed::lastError).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("capped", "took the newest 100 of 150 new or changed entries (at"
                        + " most 100 a poll); 50 left for the next poll"),
                org.assertj.core.groups.Tuple.tuple("default", null));
        assertThat(items.count()).isEqualTo(100 + 150);
    }

    @Test
    void entriesAlreadyStoredUnchangedDoNotCountAgainstTheCap() {
        server.serve("/feed.rss", "application/rss+xml", rss(400));
        feeds.add(server.url("/feed.rss"), "feed", INTERVAL, clock.instant());
        FeedPoller poller = poller(List.of());
        poller.pollDue();
        assertThat(items.count()).isEqualTo(400);

        server.serve("/feed.rss", "application/rss+xml", rss(800)); // the same 400 and 400 more
        clock.advance(INTERVAL);
        poller.pollDue();

        assertThat(items.count()).isEqualTo(800);
        assertThat(feeds.listCurrent().get(0).lastError()).isNull();
    }

    @Test
    void datedEntriesAreTakenNewestFirstAndUndatedOnesKeepTheirPlace() {
        List<Entry> parsed = List.of(entry("a", 1), entry("b", null), entry("c", 3), entry("d", 2), entry("e", null));

        List<Integer> order = EntryCap.newestFirst(List.of(0, 1, 2, 3, 4), parsed);

        assertThat(order).containsExactly(2, 1, 3, 0, 4); // c(3), b, d(2), a(1), e
    }

    private FeedPoller poller(List<FeedConfig> configured) {
        FeedPoller poller = new FeedPoller(feeds, new FeedRefresher(fetcher, new FeedParser(),
                new EntryNormalizer(new HtmlSanitizer()), new ItemIngestor(items), new EntryCap(items, CAP, configured),
                clock), 4, "node-a", Duration.ofMinutes(3), clock);
        pollers.add(poller);
        return poller;
    }

    /** Entry n is published n hours after the first; the document lists them in a scrambled order. */
    private static String rss(int count) {
        StringBuilder rss = new StringBuilder("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Flood</title>");
        for (int k = 0; k < count; k++) {
            int n = (int) ((k * 7L + 3) % count); // a permutation when count is not a multiple of 7
            rss.append("<item><title>Entry ").append(n).append("</title><link>https://example.org/p/").append(n)
                    .append("</link><pubDate>").append(RFC_822.format(FIRST_PUBLISHED.plus(Duration.ofHours(n))))
                    .append("</pubDate></item>");
        }
        return rss.append("</channel></rss>").toString();
    }

    private List<Integer> publishedNumbers() {
        return items.newest(10_000, 0).stream().map(StoredItem::published)
                .map(at -> (int) Duration.between(FIRST_PUBLISHED, at).toHours()).toList();
    }

    private static List<Integer> range(int from, int to) {
        return IntStream.range(from, to).boxed().toList();
    }

    private List<String> messages() {
        return log.list.stream().map(ILoggingEvent::getFormattedMessage).filter(m -> m.contains("left for")).toList();
    }

    private StoredFeed reload(StoredFeed feed) {
        return feeds.find(feed.id()).orElseThrow();
    }

    private static Entry entry(String guid, Integer hour) {
        Instant published = hour == null ? null : FIRST_PUBLISHED.plus(Duration.ofHours(hour));
        return new Entry(guid, URI.create("https://example.org/" + guid), guid, null, published, null, null, null,
                List.of(), null, List.of());
    }
}

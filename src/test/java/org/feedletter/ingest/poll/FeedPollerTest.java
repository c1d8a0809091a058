package org.feedletter.ingest.poll;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.feedletter.config.FetchSettings;
import org.feedletter.feed.fetch.FeedFetcher;
import org.feedletter.feed.parse.FeedParser;
import org.feedletter.ingest.dedup.ItemIngestor;
import org.feedletter.ingest.normalize.EntryNormalizer;
import org.feedletter.ingest.normalize.HtmlSanitizer;
import org.feedletter.store.Database;
import org.feedletter.store.FeedStore;
import org.feedletter.store.ItemStore;
import org.feedletter.store.StoredFeed.FeedState;
import org.feedletter.store.StoredFeed;
import org.feedletter.testing.FeedServer;
import org.feedletter.testing.MutableClock;
import org.feedletter.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How the feeds table records what happened to a feed, polled through the whole pipeline over real HTTP:
 * consecutive failures and the last error in words, the next poll backed off exponentially and reset on success,
 * Retry-After for the whole host, 410 Gone, permanent redirects, and an HTML page that links its feed.
 */
class FeedPollerTest {

    private static final Duration INTERVAL = Duration.ofMinutes(30);
    private static final String RSS = """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0"><channel><title>Institute</title><link>https://example.org/</link>
            <item><title>Central bank pauses</title><link>https://example.org/p/1</link>
              <pubDate>Wed, 25 Nov 2026 09:00:00 GMT</pubDate></item>
            <item><title>Arctic shipping lanes</title><link>https://example.org/p/2</link>
              <pubDate>Wed, 25 Nov 2026 10:00:00 GMT</pubDate></item>
            </channel></rss>
            """;

    private final MutableClock clock = MutableClock.at("2026-11-26T10:00:00Z");
    private final Database database = TestDatabases.h2();
    private final FeedStore feeds = new FeedStore(database);
    private final ItemStore items = new ItemStore(database);
    private final FeedServer server = FeedServer.start();
    private final FeedFetcher fetcher = new FeedFetcher(FetchSettings.defaults("feedletter-test"), clock);
    private final FeedPoller poller = new FeedPoller(feeds, new FeedRefresher(fetcher, new FeedParser(),
            new EntryNormalizer(new HtmlSanitizer()), new ItemIngestor(items),
            new EntryCap(items, FetchSettings.DEFAULT_MAX_ENTRIES_PER_POLL, List.of()), clock), 4, "node-a",
            Duration.ofMinutes(3), clock);

    @AfterEach
    void tearDown() {
        poller.close();
        fetcher.close();
        server.close();
        database.close();
    }

    private StoredFeed add(String path) {
        return feeds.add(server.url(path), path.substring(1), INTERVAL, clock.instant());
    }

    private StoredFeed reload(StoredFeed feed) {
        return feeds.find(feed.id()).orElseThrow();
    }

    private static void answer(HttpExchange exchange, int status, String body, String... headers) throws IOException {
        for (int i = 0; i < headers.length; i += 2) {
            exchange.getResponseHeaders().set(headers[i], headers[i + 1]);
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    @Test
    void aFailingFeedCountsItsFailuresSaysWhatWentWrongAndBacksOffUntilItRecovers() {
        StoredFeed feed = add("/feed.rss");
        server.fail("/feed.rss", 503);
        Instant start = clock.instant();

        poller.pollDue();
        StoredFeed once = reload(feed);
        assertThat(once.failures()).isEqualTo(1);
        assertThat(once.lastError()).matches("HTTP 503 from " + server.url("/feed.rss") + " after \\d+(\\.\\d)? m?s");
        assertThat(once.nextPollAt()).isEqualTo(start.plus(INTERVAL));

        clock.set(once.nextPollAt());
        poller.pollDue();
        StoredFeed twice = reload(feed);
        assertThat(twice.failures()).isEqualTo(2);
        assertThat(twice.nextPollAt()).isEqualTo(clock.instant().plus(INTERVAL.multipliedBy(2)));

        clock.set(twice.nextPollAt());
        poller.pollDue();
        assertThat(reload(feed).failures()).isEqualTo(3);
        assertThat(reload(feed).nextPollAt()).isEqualTo(clock.instant().plus(INTERVAL.multipliedBy(4)));

        server.serve("/feed.rss", "application/rss+xml", RSS);
        clock.set(reload(feed).nextPollAt());
        poller.pollDue();
        StoredFeed recovered = reload(feed);
        assertThat(recovered.failures()).isZero();
        assertThat(recovered.lastError()).isNull();
        assertThat(recovered.nextPollAt()).isEqualTo(clock.instant().plus(INTERVAL));
        assertThat(items.count()).isEqualTo(2);
    }

    @Test
    void theBackoffDoublesPerFailureAndStopsAtADay() {
        assertThat(Backoff.after(INTERVAL, 1)).isEqualTo(INTERVAL);
        assertThat(Backoff.after(INTERVAL, 4)).isEqualTo(Duration.ofHours(4));
        assertThat(Backoff.after(INTERVAL, 7)).isEqualTo(Duration.ofHours(24));
        assertThat(Backoff.after(INTERVAL, 1000)).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void aFeedThatIsNotDueIsNotPolled() {
        StoredFeed feed = add("/feed.rss");
        server.serve("/feed.rss", "application/rss+xml", RSS);
        poller.pollDue();
        clock.advance(INTERVAL.minusMinutes(1));

        assertThat(poller.pollDue().polled()).isZero();
        assertThat(server.answered("/feed.rss", 200)).isEqualTo(1);
        assertThat(reload(feed).nextPollAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(1)));
    }

    @Test
    void retryAfterOn429HoldsBackEveryFeedOfThatHostUntilThen() {
        StoredFeed limited = add("/limited.rss");
        StoredFeed other = add("/other.rss");
        server.handle("/limited.rss", exchange -> answer(exchange, 429, "", "Retry-After", "600"))
                .serve("/other.rss", "application/rss+xml", RSS);
        Instant until = clock.instant().plusSeconds(600);

        poller.pollOne(limited);
        poller.pollOne(other);

        assertThat(reload(limited).lastError()).contains("HTTP 429", "wait until " + until);
        assertThat(reload(limited).nextPollAt()).isEqualTo(until);
        assertThat(server.answered("/other.rss", 200)).as("not asked while the host said wait").isZero();
        assertThat(reload(other).lastError()).contains("asked us to wait until " + until);
        assertThat(reload(other).nextPollAt()).isEqualTo(until);

        clock.set(until);
        poller.pollOne(reload(other));
        assertThat(server.answered("/other.rss", 200)).isEqualTo(1);
        assertThat(reload(other).failures()).isZero();
    }

    @Test
    void retryAfterOn503IsHonouredLikeA429() {
        StoredFeed feed = add("/busy.rss");
        server.handle("/busy.rss", exchange -> answer(exchange, 503, "", "Retry-After",
                "Thu, 26 Nov 2026 12:00:00 GMT"));

        poller.pollOne(feed);

        assertThat(reload(feed).nextPollAt()).isEqualTo(Instant.parse("2026-11-26T12:00:00Z"));
        assertThat(reload(feed).lastError()).contains("HTTP 503", "2026-11-26T12:00:00Z");
        assertThat(reload(feed).lastStatus()).as("what the host answered, for the admin's feed health").isEqualTo(503);
    }

    @Test
    void goneStopsPollingThatFeedAndSaysSo() {
        StoredFeed feed = add("/removed.rss");
        server.fail("/removed.rss", 410);

        poller.pollDue();
        clock.advance(Duration.ofDays(2));
        poller.pollDue();
        poller.pollAll();

        StoredFeed gone = reload(feed);
        assertThat(gone.state()).isEqualTo(FeedState.GONE);
        assertThat(gone.lastError()).contains("HTTP 410 Gone", "polling stopped");
        assertThat(server.answered("/removed.rss", 410)).isEqualTo(1);
    }

    @Test
    void aPermanentRedirectUpdatesTheStoredUrlAndTheNextPollGoesThereDirectly() {
        StoredFeed feed = add("/old.rss");
        URI moved = server.url("/new.rss");
        server.handle("/old.rss", exchange -> answer(exchange, 301, "", "Location", moved.toString()))
                .serve("/new.rss", "application/rss+xml", RSS);

        poller.pollDue();
        StoredFeed after = reload(feed);
        assertThat(after.url()).isEqualTo(moved);
        assertThat(after.lastError()).contains("moved permanently to " + moved);
        assertThat(items.count()).isEqualTo(2);

        clock.advance(INTERVAL);
        poller.pollDue();
        assertThat(server.answered("/old.rss", 301)).isEqualTo(1);
        assertThat(server.answered("/new.rss", 304)).isEqualTo(1);
    }

    @Test
    void aTemporaryRedirectKeepsTheStoredUrl() {
        StoredFeed feed = add("/feed.rss");
        server.handle("/feed.rss", exchange -> answer(exchange, 302, "", "Location", server.url("/today.rss").toString()))
                .serve("/today.rss", "application/rss+xml", RSS);

        poller.pollDue();

        assertThat(reload(feed).url()).isEqualTo(server.url("/feed.rss"));
        assertThat(reload(feed).failures()).isZero();
    }

    @Test
    void anHtmlPageThatLinksItsFeedIsFollowedAndTheOperatorIsTold() {
        StoredFeed feed = add("/blog/");
        server.serve("/blog/", "text/html; charset=utf-8", """
                <!DOCTYPE html><html><head><title>Blog</title>
                <link rel="alternate" type="application/rss+xml" title="Posts" href="/blog/feed.rss">
                </head><body><p>Welcome</p></body></html>""")
                .serve("/blog/feed.rss", "application/rss+xml", RSS);

        RefreshOutcome outcome = poller.pollOne(feed);

        assertThat(outcome.failed()).isFalse();
        assertThat(outcome.message()).isEqualTo(server.url("/blog/") + " is a web page, not a feed; using the feed "
                + "it links to: " + server.url("/blog/feed.rss"));
        assertThat(reload(feed).url()).isEqualTo(server.url("/blog/feed.rss"));
        assertThat(reload(feed).lastError()).isEqualTo(outcome.message());
        assertThat(items.count()).isEqualTo(2);
    }

    @Test
    void anHtmlPageWithoutAFeedIsAClearError() {
        StoredFeed feed = add("/home");
        server.serve("/home", "text/html", "<!DOCTYPE html><html><head><title>Home</title></head><body></body></html>");

        poller.pollOne(feed);

        assertThat(reload(feed).lastError()).startsWith("not a feed: got a web page (text/html)")
                .contains("the page links to no feed");
        assertThat(reload(feed).failures()).isEqualTo(1);
    }

    @Test
    void malformedXmlIsReportedWithItsLine() {
        StoredFeed feed = add("/broken.rss");
        server.serve("/broken.rss", "application/rss+xml", RSS.replace("</channel>", "<item><title>Half"));

        poller.pollOne(feed);

        assertThat(reload(feed).lastError()).startsWith("XML error at line 7").contains(server.url("/broken.rss").toString());
    }
}

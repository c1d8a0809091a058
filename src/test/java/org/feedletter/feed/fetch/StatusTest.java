package org.feedletter.feed.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.feedletter.feed.fetch.TestHttpServer.respond;

import java.time.Duration;
import java.time.Instant;
import org.feedletter.feed.fetch.FetchResult.Failed;
import org.feedletter.feed.fetch.FetchResult.Fetched;
import org.feedletter.feed.fetch.FetchResult.Gone;
import org.feedletter.feed.fetch.FetchResult.RateLimited;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What each HTTP status becomes, and how Retry-After holds back a whole host. */
@Timeout(20)
class StatusTest {

    private static final Instant NOW = Instant.parse("2025-06-02T08:00:00Z");

    private final SettableClock clock = new SettableClock(NOW);
    private TestHttpServer server;
    private FeedFetcher fetcher;

    @BeforeEach
    void start() throws Exception {
        server = TestHttpServer.start();
        fetcher = new FeedFetcher(TestSettings.fast(), clock);
    }

    @AfterEach
    void stop() {
        fetcher.close();
        server.close();
    }

    @Test
    void serverErrorFailsWithTheStatusTheUrlAndTheTimeTaken() {
        server.on("/feed", exchange -> respond(exchange, 500, "boom"));

        Failed failed = (Failed) fetch("/feed");

        assertThat(failed.status()).isEqualTo(500);
        assertThat(failed.message()).matches("HTTP 500 from " + server.url("/feed") + " after \\d+(\\.\\d)? m?s");
    }

    @Test
    void notFoundFailsWithTheStatusAndTheUrl() {
        server.on("/feed", exchange -> respond(exchange, 404, "no such page"));

        Failed failed = (Failed) fetch("/feed");

        assertThat(failed.status()).isEqualTo(404);
        assertThat(failed.message()).startsWith("HTTP 404 from " + server.url("/feed") + " after ");
    }

    @Test
    void goneMeansThePublisherRemovedTheFeed() {
        server.on("/feed", exchange -> respond(exchange, 410, "gone"));

        Gone gone = (Gone) fetch("/feed");

        assertThat(gone.message()).isEqualTo("HTTP 410 Gone from " + server.url("/feed") + ": the publisher removed this feed");
    }

    @Test
    void tooManyRequestsWithRetryAfterSecondsIsRateLimitedUntilThen() {
        server.on("/feed", exchange -> respond(exchange, 429, "slow down", "Retry-After", "120"));

        RateLimited limited = (RateLimited) fetch("/feed");

        assertThat(limited.retryAfter()).isEqualTo(NOW.plusSeconds(120));
        assertThat(limited.host()).isEqualTo("127.0.0.1:" + server.port());
        assertThat(limited.message()).startsWith("HTTP 429 from " + server.url("/feed"));
    }

    @Test
    void tooManyRequestsWithRetryAfterDateIsRateLimitedUntilThatDate() {
        server.on("/feed", exchange -> respond(exchange, 429, "slow down", "Retry-After", "Mon, 02 Jun 2025 09:30:00 GMT"));

        RateLimited limited = (RateLimited) fetch("/feed");

        assertThat(limited.retryAfter()).isEqualTo(Instant.parse("2025-06-02T09:30:00Z"));
    }

    @Test
    void tooManyRequestsWithoutRetryAfterHasNoInstant() {
        server.on("/feed", exchange -> respond(exchange, 429, "slow down"));

        RateLimited limited = (RateLimited) fetch("/feed");

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.retryAfter()).isNull();
    }

    @Test
    void unavailableWithRetryAfterIsRateLimited() {
        server.on("/feed", exchange -> respond(exchange, 503, "maintenance", "Retry-After", "30"));

        RateLimited limited = (RateLimited) fetch("/feed");

        assertThat(limited.status()).as("the host's own answer, not a 429 it did not send").isEqualTo(503);
        assertThat(limited.retryAfter()).isEqualTo(NOW.plusSeconds(30));
    }

    @Test
    void unavailableWithoutRetryAfterFails() {
        server.on("/feed", exchange -> respond(exchange, 503, "down"));

        Failed failed = (Failed) fetch("/feed");

        assertThat(failed.status()).isEqualTo(503);
        assertThat(failed.message()).startsWith("HTTP 503 from " + server.url("/feed") + " after ");
    }

    @Test
    void retryAfterHoldsBackEveryFeedOnTheSameHostUntilThen() {
        server.on("/busy", exchange -> respond(exchange, 429, "slow down", "Retry-After", "60"));
        server.on("/other", exchange -> respond(exchange, 200, "<rss/>"));
        fetch("/busy");

        RateLimited held = (RateLimited) fetch("/other");

        assertThat(held.retryAfter()).isEqualTo(NOW.plusSeconds(60));
        assertThat(held.message()).contains(server.url("/other").toString());
        assertThat(server.requestsTo("/other")).isZero();

        clock.advance(Duration.ofSeconds(61));
        assertThat(fetch("/other")).isInstanceOf(Fetched.class);
        assertThat(server.requestsTo("/other")).isEqualTo(1);
    }

    @Test
    void retryAfterOnOneHostDoesNotHoldBackAnother() {
        server.on("/busy", exchange -> respond(exchange, 429, "slow down", "Retry-After", "60"));
        server.on("/other", exchange -> respond(exchange, 200, "<rss/>"));
        fetch("/busy");

        FetchResult other = fetcher.fetch(FetchRequest.unconditional(server.urlOnLocalhost("/other")));

        assertThat(other).isInstanceOf(Fetched.class);
    }

    private FetchResult fetch(String path) {
        return fetcher.fetch(FetchRequest.unconditional(server.url(path)));
    }
}

package org.feedletter.feed.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.feedletter.feed.fetch.TestHttpServer.respond;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.feedletter.feed.fetch.FetchResult.Fetched;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** At most perHostConcurrency requests in flight to one host; other hosts are not held up by it. */
@Timeout(20)
class HostLimitTest {

    private final ExecutorService callers = Executors.newFixedThreadPool(8);
    private TestHttpServer server;

    @BeforeEach
    void startServer() throws Exception {
        server = TestHttpServer.start();
    }

    @AfterEach
    void stop() {
        callers.shutdownNow();
        server.close();
    }

    @Test
    void requestsToOneHostNeverExceedThePerHostLimit() throws Exception {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger mostInFlight = new AtomicInteger();
        server.on("/feed", exchange -> {
            mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            Thread.sleep(100);
            inFlight.decrementAndGet();
            respond(exchange, 200, "<rss/>");
        });

        try (FeedFetcher fetcher = new FeedFetcher(TestSettings.withPerHost(2, Duration.ofSeconds(10)))) {
            List<Future<FetchResult>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(callers.submit(() -> fetcher.fetch(FetchRequest.unconditional(server.url("/feed")))));
            }
            for (Future<FetchResult> result : results) {
                assertThat(result.get()).isInstanceOf(Fetched.class);
            }
        }
        assertThat(server.requestsTo("/feed")).isEqualTo(8);
        assertThat(mostInFlight.get()).isEqualTo(2);
    }

    @Test
    void slowHostDoesNotHoldUpAnotherHost() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        server.on("/slow", exchange -> {
            release.await(10, TimeUnit.SECONDS);
            respond(exchange, 200, "<rss/>");
        });
        server.on("/fast", exchange -> respond(exchange, 200, "<rss/>"));

        try (FeedFetcher fetcher = new FeedFetcher(TestSettings.withPerHost(2, Duration.ofSeconds(10)))) {
            List<Future<FetchResult>> slow = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                slow.add(callers.submit(() -> fetcher.fetch(FetchRequest.unconditional(server.url("/slow")))));
            }
            awaitRequests("/slow", 2);

            // Same server, but "localhost" is another host than "127.0.0.1" to the limiter.
            FetchResult fast = fetcher.fetch(FetchRequest.unconditional(server.urlOnLocalhost("/fast")));

            assertThat(fast).isInstanceOf(Fetched.class);
            assertThat(server.requestsTo("/slow")).as("the third slow fetch waits for a slot").isEqualTo(2);
            release.countDown();
            for (Future<FetchResult> result : slow) {
                assertThat(result.get()).isInstanceOf(Fetched.class);
            }
        }
    }

    private void awaitRequests(String path, int count) throws InterruptedException {
        while (server.requestsTo(path) < count) {
            Thread.sleep(5);
        }
    }
}

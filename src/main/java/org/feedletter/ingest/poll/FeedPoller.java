package org.feedletter.ingest.poll;

import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.feedletter.feed.fetch.FetchResult;
import org.feedletter.ingest.dedup.IngestReport;
import org.feedletter.ingest.poll.RefreshOutcome.Kind;
import org.feedletter.store.FeedStore.FeedPoll;
import org.feedletter.store.FeedStore;
import org.feedletter.store.StoredFeed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls feeds concurrently. Fetching waits on the network, so many feeds are fetched at once (the configured
 * concurrency); parsing, sanitizing and storing use the CPU, so they run on as many threads as there are cores
 * (more only thrash). Feeds are claimed in the database first, so when several nodes poll one database each feed
 * is polled by one node at a time; how each poll ended is recorded in batches.
 */
public final class FeedPoller implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FeedPoller.class);
    private static final int CLAIM_BATCH = 500;
    private static final int ALL = 1_000_000;
    private static final Consumer<RefreshOutcome> NO_PROGRESS = outcome -> {};

    private final FeedStore feeds;
    private final FeedRefresher refresher;
    private final ExecutorService fetching;
    private final ExecutorService processing;
    /**
     * Feeds fetched or being fetched but not yet processed. Fetching outruns processing on a few cores; without a
     * bound, a poll of thousands of feeds would hold every body in memory at once.
     */
    private final Semaphore inFlight;
    private final String node;
    private final Duration claimFor;
    private final InstantSource clock;

    /**
     * @param fetchConcurrency feeds fetched at once
     * @param claimFor how long a claim holds: longer than any one refresh can take (the fetch deadline and more)
     */
    public FeedPoller(FeedStore feeds, FeedRefresher refresher, int fetchConcurrency, String node, Duration claimFor,
            InstantSource clock) {
        this.feeds = feeds;
        this.refresher = refresher;
        this.node = node;
        this.claimFor = claimFor;
        this.clock = clock;
        this.fetching = Executors.newFixedThreadPool(fetchConcurrency, daemonThreads("feed-fetch-"));
        int cores = Runtime.getRuntime().availableProcessors();
        this.processing = Executors.newFixedThreadPool(cores, daemonThreads("feed-process-"));
        this.inFlight = new Semaphore(fetchConcurrency + 4 * cores);
    }

    /** Polls the feeds that are due, until none is left. */
    public PollSummary pollDue() {
        List<RefreshOutcome> outcomes = new ArrayList<>();
        List<StoredFeed> claimed;
        while (!(claimed = feeds.claim(node, clock.instant(), claimFor, CLAIM_BATCH, true)).isEmpty()) {
            outcomes.addAll(refreshAll(claimed, NO_PROGRESS));
        }
        return new PollSummary(outcomes);
    }

    /** Polls every active feed once, due or not ({@code run --once}). */
    public PollSummary pollAll() {
        return pollAll(NO_PROGRESS);
    }

    /** Like {@link #pollAll()}, handing each feed's outcome to {@code progress} as it ends, on a polling thread. */
    public PollSummary pollAll(Consumer<RefreshOutcome> progress) {
        return new PollSummary(refreshAll(feeds.claim(node, clock.instant(), claimFor, ALL, false), progress));
    }

    /** Polls the given feed now, whether due or not, and records the outcome. */
    public RefreshOutcome pollOne(StoredFeed feed) {
        RefreshOutcome outcome = safely(feed, () -> refresher.refresh(feed));
        feeds.record(List.of(outcome.poll()));
        return outcome;
    }

    private List<RefreshOutcome> refreshAll(List<StoredFeed> claimed, Consumer<RefreshOutcome> progress) {
        List<CompletableFuture<RefreshOutcome>> pending = new ArrayList<>();
        for (StoredFeed feed : claimed) {
            acquire(inFlight);
            pending.add(CompletableFuture
                    .supplyAsync(() -> fetchSafely(feed), fetching)
                    .thenApplyAsync(fetched -> safely(feed, () -> refresher.process(feed, fetched)), processing)
                    .thenApply(outcome -> {
                        progress.accept(outcome);
                        return outcome;
                    })
                    .whenComplete((outcome, failure) -> inFlight.release()));
        }
        List<RefreshOutcome> outcomes = new ArrayList<>();
        List<FeedPoll> toRecord = new ArrayList<>();
        for (CompletableFuture<RefreshOutcome> outcome : pending) {
            outcomes.add(outcome.join());
            toRecord.add(outcomes.get(outcomes.size() - 1).poll());
            if (toRecord.size() == CLAIM_BATCH) {
                feeds.record(toRecord);
                toRecord.clear();
            }
        }
        feeds.record(toRecord);
        return outcomes;
    }

    private static void acquire(Semaphore semaphore) {
        try {
            semaphore.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while polling", e);
        }
    }

    private FetchResult fetchSafely(StoredFeed feed) {
        try {
            return refresher.fetch(feed);
        } catch (RuntimeException e) {
            return new FetchResult.Failed("internal error while fetching: " + e, 0, Duration.ZERO);
        }
    }

    /** A bug or a database hiccup while refreshing one feed is that feed's error, not the end of the round. */
    private RefreshOutcome safely(StoredFeed feed, Supplier<RefreshOutcome> work) {
        try {
            return work.get();
        } catch (RuntimeException e) {
            String message = "internal error while refreshing: " + e;
            log.error("feed {} ({}): {}", feed.id(), feed.label(), message, e);
            var now = clock.instant();
            return new RefreshOutcome(feed, Kind.FAILED, IngestReport.NOTHING, message, new FeedPoll(feed.id(),
                    feed.url(), now, null, null, null, null, null, message, FeedRefresher.backoff(feed, now),
                    FeedPoll.Result.FAILED), Duration.ZERO);
        }
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public void close() {
        fetching.shutdownNow();
        processing.shutdownNow();
    }
}

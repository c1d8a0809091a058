package org.feedletter.manage;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.feedletter.ingest.poll.FeedPoller;
import org.feedletter.ingest.poll.FeedProbe;
import org.feedletter.ingest.dedup.IngestReport;
import org.feedletter.ingest.poll.PollSummary;
import org.feedletter.ingest.poll.RefreshOutcome;
import org.feedletter.metrics.FeedletterMetrics;
import org.feedletter.store.FeedStore;
import org.feedletter.store.OperatorViews;
import org.feedletter.store.StoredFeed;

/**
 * Feeds as an operator sees, changes and polls them: what {@code feedletter feeds}, {@code poll}, the admin pages
 * and the poll tick all call. Every poll is counted in the metrics, whoever asked for it. The poller and the probe
 * are asked for when first used: a command that only lists feeds never builds the fetcher.
 */
public final class FeedOperations {

    private final FeedStore feeds;
    private final OperatorViews views;
    private final FeedChanges changes;
    private final Supplier<FeedPoller> poller;
    private final Supplier<FeedProbe> probe;
    private final Supplier<FeedletterMetrics> metrics;
    private final InstantSource clock;
    /** Told after a poll that stored something new or changed (the service's {@link WorkCycle} listens). */
    private volatile Runnable itemsArrived = () -> {};
    private final PushOperations push;

    public FeedOperations(FeedStore feeds, OperatorViews views, FeedChanges changes, Supplier<FeedPoller> poller,
            Supplier<FeedProbe> probe, Supplier<FeedletterMetrics> metrics, InstantSource clock) {
        this(feeds, views, changes, poller, probe, metrics, clock, PushOperations.OFF);
    }

    /** @param push WebSub subscriptions: looked after before each poll round, and told of what each round read */
    public FeedOperations(FeedStore feeds, OperatorViews views, FeedChanges changes, Supplier<FeedPoller> poller,
            Supplier<FeedProbe> probe, Supplier<FeedletterMetrics> metrics, InstantSource clock, PushOperations push) {
        this.push = push;
        this.feeds = feeds;
        this.views = views;
        this.changes = changes;
        this.poller = poller;
        this.probe = probe;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Every feed that is not removed, in id order. */
    public List<StoredFeed> listCurrent() {
        return feeds.listCurrent();
    }

    public Optional<StoredFeed> find(long id) {
        return feeds.find(id);
    }

    /** Adds a feed that was read and found readable (the CLI probes it first); it is due at once. */
    public StoredFeed add(URI url, String name, Duration interval) {
        return feeds.add(url, name, interval, clock.instant());
    }

    /** Pausing, resuming, renaming, re-timing and removing, with the operator's answers. */
    public FeedChanges changes() {
        return changes;
    }

    /** Entries each feed brought per day, for the last {@code days} days up to {@code now}. */
    public Map<Long, int[]> entriesPerDay(List<Long> feedIds, Instant now, int days) {
        return views.entriesPerDay(feedIds, now, days);
    }

    /**
     * {@code listener} runs after every poll from here on that stored new items, or changed or joined stored ones,
     * on the polling thread: it should hand its work on rather than do it there.
     */
    public void whenItemsArrive(Runnable listener) {
        this.itemsArrived = listener;
    }

    /** Polls every active feed now, due or not, telling {@code progress} of each as it ends. */
    public PollSummary pollAll(Consumer<RefreshOutcome> progress) {
        push.maintain();
        return arrived(pushed(metrics.get().recordPoll(poller.get().pollAll(progress))));
    }

    /** Polls the feeds that are due (the poll tick); push subscriptions are looked after first. */
    public PollSummary pollDue() {
        push.maintain();
        return arrived(pushed(metrics.get().recordPoll(poller.get().pollDue())));
    }

    /** Polls one feed now, due or not; empty when there is no such feed. */
    public Optional<RefreshOutcome> pollOne(long feedId) {
        Optional<RefreshOutcome> outcome = feeds.find(feedId).map(feed -> {
            RefreshOutcome one = metrics.get().recordRefresh(poller.get().pollOne(feed));
            push.afterPoll(List.of(one));
            return one;
        });
        outcome.ifPresent(o -> arrived(new PollSummary(List.of(o))));
        return outcome;
    }

    private PollSummary arrived(PollSummary poll) {
        IngestReport totals = poll.totals();
        if (totals.newItems() > 0 || totals.updated() > 0 || totals.duplicates() > 0) {
            itemsArrived.run();
        }
        return poll;
    }

    /** The push subscriptions hear what the round read (hubs to subscribe at, poll times to stretch). */
    private PollSummary pushed(PollSummary summary) {
        push.afterPoll(summary.outcomes());
        return summary;
    }

    /** Each feed's WebSub subscription, by feed id; empty when push is off. */
    public Map<Long, PushOperations.Status> pushStatuses() {
        return push.statuses();
    }

    /** Whether push (WebSub) is on: the listings then show each feed's subscription. */
    public boolean pushEnabled() {
        return push.enabled();
    }

    /** Reads a feed (or a page that names one) once, storing nothing. */
    public FeedProbe.Result probe(URI url) {
        return probe.get().probe(url);
    }
}

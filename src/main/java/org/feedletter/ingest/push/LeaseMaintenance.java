package org.feedletter.ingest.push;

import static org.feedletter.ingest.push.PushTimes.VERIFY_WITHIN;
import static org.feedletter.ingest.push.PushTimes.retryAfter;

import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import org.feedletter.config.Durations;
import org.feedletter.config.SecretUrls;
import org.feedletter.store.FeedStore;
import org.feedletter.store.PushStore;
import org.feedletter.store.PushSubscription;
import org.feedletter.store.PushSubscription.State;
import org.feedletter.store.StoredFeed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The poll tick's care of subscriptions: leases renewed before they end, failed and lapsed subscriptions retried
 * with backoff, lapsed ones noticed (their feeds polled as before), verifications that never came given up on, and
 * removed feeds unsubscribed.
 */
final class LeaseMaintenance {

    /** Logs under {@link PushSubscriber}, as before it was split in parts: operators' log settings name it. */
    private static final Logger log = LoggerFactory.getLogger(PushSubscriber.class);

    private final PushStore store;
    private final FeedStore feeds;
    private final HubRequests requests;
    private final PushTimes times;
    private final InstantSource clock;

    LeaseMaintenance(PushStore store, FeedStore feeds, HubRequests requests, PushTimes times, InstantSource clock) {
        this.store = store;
        this.feeds = feeds;
        this.requests = requests;
        this.times = times;
        this.clock = clock;
    }

    /**
     * The poll tick's part: renews leases due for renewal, retries failed and lapsed subscriptions whose time has
     * come, marks lapsed the live ones whose lease ended (their feeds are then polled as before), gives up on
     * verifications that never came, and unsubscribes feeds that were removed.
     */
    void maintain() {
        Instant now = clock.instant();
        for (PushSubscription subscription : store.due(now, now.minus(VERIFY_WITHIN))) {
            try {
                maintain(subscription, now);
            } catch (RuntimeException e) {
                log.warn("push subscription of feed {}: {}", subscription.feedId(), e.toString(), e);
            }
        }
    }

    private void maintain(PushSubscription subscription, Instant now) {
        Optional<StoredFeed> found = feeds.find(subscription.feedId());
        if (found.isEmpty()) {
            store.delete(subscription.callbackId());
            return;
        }
        StoredFeed feed = found.get();
        if (feed.state() == StoredFeed.FeedState.REMOVED && subscription.state() != State.UNSUBSCRIBING) {
            if (subscription.state() == State.LIVE || subscription.state() == State.SUBSCRIBING) {
                log.info("feed {} ({}) was removed; unsubscribing at {}", feed.id(), feed.label(),
                        SecretUrls.masked(subscription.hub().toString()));
                requests.unsubscribe(feed.url(), subscription, now);
            } else {
                store.delete(subscription.callbackId());
            }
            return;
        }
        switch (subscription.state()) {
            case LIVE -> {
                if (!subscription.leaseUntil().isAfter(now)) {
                    if (store.lapsed(subscription.callbackId(), now)) {
                        log.warn("feed {} ({}): the push subscription at {} lapsed; polled every {} again",
                                feed.id(), feed.label(), SecretUrls.masked(subscription.hub().toString()),
                                Durations.format(feed.interval()));
                        times.pollAsBefore(feed, now);
                    }
                } else if (feed.state() != StoredFeed.FeedState.ACTIVE) {
                    // Paused or gone: its pushes are ignored, so the lease is left to end (asked for anew on resuming).
                    store.claimAttempt(subscription.callbackId(), subscription.nextAttemptAt(), now,
                            subscription.leaseUntil());
                } else if (store.claimAttempt(subscription.callbackId(), subscription.nextAttemptAt(), now,
                        now.plus(VERIFY_WITHIN))) {
                    requests.renew(feed, subscription);
                }
            }
            case FAILED, LAPSED -> {
                if (feed.state() == StoredFeed.FeedState.ACTIVE && store.claimAttempt(
                        subscription.callbackId(), subscription.nextAttemptAt(), now, now.plus(VERIFY_WITHIN))) {
                    requests.subscribe(feed, subscription.hub(), subscription.topic(), now);
                }
            }
            case SUBSCRIBING -> {
                String error = "the hub " + SecretUrls.masked(subscription.hub().toString()) + " did not verify the "
                        + "subscription within " + Durations.format(VERIFY_WITHIN);
                store.failed(subscription.callbackId(), error, now, now.plus(retryAfter(subscription.failures())));
                log.warn("feed {} ({}): {}", feed.id(), feed.label(), error);
            }
            case UNSUBSCRIBING -> store.delete(subscription.callbackId()); // never verified: the lease ends anyway
        }
    }
}

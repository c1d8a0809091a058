package org.feedletter.ingest.push;

import java.time.Duration;
import java.time.Instant;
import org.feedletter.config.PushSettings;
import org.feedletter.store.PushStore;
import org.feedletter.store.StoredFeed;

/**
 * The times of push: the polls a subscription sets (stretched to the safety net while it is live, the feed's own
 * interval again when it fails or lapses), how long a hub has to verify, when a lease is renewed, and the backoff of
 * failed subscriptions.
 */
final class PushTimes {

    /** How long a hub has to verify a subscription (or an unsubscription) before it counts as failed. */
    static final Duration VERIFY_WITHIN = Duration.ofHours(1);
    /** The first retry after a failure; doubled per failure in a row, up to {@link #RETRY_CAP}. */
    static final Duration FIRST_RETRY = Duration.ofHours(1);
    static final Duration RETRY_CAP = Duration.ofDays(1);
    /** A lease is renewed when this share of it has passed. */
    static final double RENEW_AT = 0.8;

    private final PushStore store;
    private final PushSettings settings;

    PushTimes(PushStore store, PushSettings settings) {
        this.store = store;
        this.settings = settings;
    }

    /** The feed is polled at its own interval again: no later than its last poll plus that interval. */
    void pollAsBefore(StoredFeed feed, Instant now) {
        Instant due = feed.lastPolledAt() == null ? now : feed.lastPolledAt().plus(feed.interval());
        store.pollNoLaterThan(feed.id(), due.isBefore(now) ? now : due);
    }

    /** How often a feed with a live subscription is polled: the safety net, or its own interval when longer. */
    Duration safetyNet(StoredFeed feed) {
        return feed.interval().compareTo(settings.pollEvery()) > 0 ? feed.interval() : settings.pollEvery();
    }

    /** The wait before the next attempt after {@code failures} earlier failures in a row (this one not counted). */
    static Duration retryAfter(int failures) {
        Duration wait = FIRST_RETRY;
        for (int i = 0; i < failures && wait.compareTo(RETRY_CAP) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(RETRY_CAP) > 0 ? RETRY_CAP : wait;
    }
}

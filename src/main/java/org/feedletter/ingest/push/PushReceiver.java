package org.feedletter.ingest.push;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import org.feedletter.feed.fetch.FetchResult;
import org.feedletter.ingest.poll.FeedRefresher;
import org.feedletter.ingest.poll.RefreshOutcome;
import org.feedletter.store.FeedStore;
import org.feedletter.store.PushStore;
import org.feedletter.store.PushSubscription;
import org.feedletter.store.PushSubscription.State;
import org.feedletter.store.StoredFeed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Taking the hubs' pushes (WebSub 7): a body signed with the subscription's secret ({@link HubSignature}) goes in
 * through {@link FeedRefresher#process}, the very path a poll's body takes, so that dedup and provenance are a
 * poll's; anything else is ignored and counted on the subscription.
 */
final class PushReceiver {

    /** Logs under {@link PushSubscriber}, as before it was split in parts: operators' log settings name it. */
    private static final Logger log = LoggerFactory.getLogger(PushSubscriber.class);

    private final PushStore store;
    private final FeedStore feeds;
    private final FeedRefresher refresher;
    private final InstantSource clock;

    PushReceiver(PushStore store, FeedStore feeds, FeedRefresher refresher, InstantSource clock) {
        this.store = store;
        this.feeds = feeds;
        this.refresher = refresher;
        this.clock = clock;
    }

    /** Whether a push to this callback could be taken: it names a subscription we hold (not one being ended). */
    boolean knows(String callbackId) {
        return store.byCallback(callbackId).filter(s -> s.state() != State.UNSUBSCRIBING).isPresent();
    }

    /**
     * A hub's POST to a callback (WebSub 7): a body signed with the subscription's secret is handed to
     * {@link FeedRefresher#process} as if a poll had fetched it (the feed's row, validators and next poll stay as
     * they are); an unsigned or wrongly signed one is ignored and counted.
     */
    ReceivedPush receive(String callbackId, byte[] body, String contentType, String signature) {
        Optional<PushSubscription> found = store.byCallback(callbackId).filter(s -> s.state() != State.UNSUBSCRIBING);
        if (found.isEmpty()) {
            return new ReceivedPush(PushReceipt.UNKNOWN, null);
        }
        PushSubscription subscription = found.get();
        Instant now = clock.instant();
        HubSignature.Check check = HubSignature.check(signature, subscription.secret(), body);
        if (check != HubSignature.Check.VALID) {
            String error = check == HubSignature.Check.MISSING ? "a push without X-Hub-Signature was ignored"
                    : "a push whose X-Hub-Signature is not the subscription's was ignored";
            log.warn("feed {}: {}", subscription.feedId(), error);
            store.pushed(callbackId, false, error, now);
            return new ReceivedPush(check == HubSignature.Check.MISSING ? PushReceipt.UNSIGNED
                    : PushReceipt.BAD_SIGNATURE, null);
        }
        Optional<StoredFeed> feed = feeds.find(subscription.feedId());
        if (feed.isEmpty() || feed.get().state() == StoredFeed.FeedState.REMOVED) {
            return new ReceivedPush(PushReceipt.UNKNOWN, null);
        }
        if (feed.get().state() != StoredFeed.FeedState.ACTIVE) {
            return new ReceivedPush(PushReceipt.IGNORED, null);
        }
        RefreshOutcome outcome = refresher.process(feed.get(), new FetchResult.Fetched(baseOf(subscription, feed.get()),
                null, 200, contentType, body, null, null, Duration.ZERO));
        boolean read = outcome.kind() == RefreshOutcome.Kind.FETCHED;
        store.pushed(callbackId, read, read ? null : "pushed content could not be read: " + outcome.message(), now);
        if (read) {
            log.info("feed {} ({}): pushed by its hub: {} new, {} updated, {} duplicates", feed.get().id(),
                    feed.get().label(), outcome.report().newItems(), outcome.report().updated(),
                    outcome.report().duplicates());
        }
        return new ReceivedPush(read ? PushReceipt.ACCEPTED : PushReceipt.UNREADABLE, outcome);
    }

    /** The base for the pushed document's relative links: its topic, else the feed's URL. */
    private static URI baseOf(PushSubscription subscription, StoredFeed feed) {
        try {
            URI topic = URI.create(subscription.topic());
            return topic.isAbsolute() ? topic : feed.url();
        } catch (IllegalArgumentException e) {
            return feed.url();
        }
    }
}

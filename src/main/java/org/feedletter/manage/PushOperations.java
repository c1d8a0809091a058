package org.feedletter.manage;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.feedletter.config.SecretUrls;
import org.feedletter.ingest.dedup.IngestReport;
import org.feedletter.ingest.poll.RefreshOutcome;
import org.feedletter.ingest.push.PushReceipt;
import org.feedletter.ingest.push.PushSubscriber;
import org.feedletter.ingest.push.ReceivedPush;
import org.feedletter.ingest.push.VerificationAnswer;
import org.feedletter.metrics.FeedletterMetrics;
import org.feedletter.store.PushStore;
import org.feedletter.store.PushSubscription;

/**
 * WebSub subscriptions (the subscriber side) as the poll, the callback route, {@code feeds list}, the admin pages and
 * the metrics see them. Without push ({@code web.push.enabled}, which needs a web section) every method is a no-op
 * and the listings show nothing. Every push is counted in the metrics.
 */
public final class PushOperations {

    /** Push is off: nothing is subscribed, listed or answered. */
    public static final PushOperations OFF = new PushOperations(null, () -> null, () -> null);

    private final PushStore store;
    private final Supplier<PushSubscriber> subscriber;
    private final Supplier<FeedletterMetrics> metrics;
    /** Told after a push that stored something (the service's {@link WorkCycle} listens, for as-published editions). */
    private volatile Runnable itemsArrived = () -> {};

    /**
     * @param subscriber built when first asked for (commands that only look at the store never build it)
     */
    public PushOperations(PushStore store, Supplier<PushSubscriber> subscriber, Supplier<FeedletterMetrics> metrics) {
        this.store = store;
        this.subscriber = subscriber;
        this.metrics = metrics;
    }

    public boolean enabled() {
        return store != null;
    }

    /** {@code listener} runs after every push from here on that stored new items or changed or joined stored ones. */
    public void whenItemsArrive(Runnable listener) {
        this.itemsArrived = listener;
    }

    /**
     * A feed's subscription as an operator sees it (never its secret or callback).
     *
     * @param state subscribing, live, failed, lapsed or unsubscribing
     * @param hub the hub's URL, secrets in it masked
     * @param leaseUntil when the hub's lease ends; null until verified
     * @param nextAttemptAt the next renewal or retry; null while waiting for the hub
     */
    public record Status(String state, String hub, Instant leaseUntil, Instant nextAttemptAt, int failures,
            String lastError, Instant lastPushAt, long pushesAccepted, long pushesRefused) {

        /** Verified and within its lease. */
        public boolean liveAt(Instant now) {
            return state.equals("live") && leaseUntil != null && leaseUntil.isAfter(now);
        }
    }

    /** Each feed's subscription, by feed id; empty when push is off. */
    public Map<Long, Status> statuses() {
        Map<Long, Status> statuses = new HashMap<>();
        if (store != null) {
            for (PushSubscription s : store.all()) {
                statuses.put(s.feedId(), new Status(s.state().word(), SecretUrls.masked(s.hub().toString()),
                        s.leaseUntil(), s.nextAttemptAt(), s.failures(), s.lastError(), s.lastPushAt(),
                        s.pushesAccepted(), s.pushesRefused()));
            }
        }
        return statuses;
    }

    /** Subscriptions per state (every state, 0 included); empty when push is off. */
    public Map<String, Long> countByState() {
        Map<String, Long> counts = new HashMap<>();
        if (store != null) {
            Map<String, Long> stored = store.countByState();
            for (String state : states()) {
                counts.put(state, stored.getOrDefault(state, 0L));
            }
        }
        return counts;
    }

    /** Every subscription state, as the listings and metrics name them. */
    public static List<String> states() {
        return Arrays.stream(PushSubscription.State.values()).map(PushSubscription.State::word).toList();
    }

    /** Every outcome a push may have, as the metrics name them. */
    public static List<String> receipts() {
        return Arrays.stream(PushReceipt.values()).map(PushOperations::label).toList();
    }

    /** The poll tick's part, before polling: renewals, retries, lapses, removed feeds. */
    void maintain() {
        if (store != null) {
            subscriber.get().maintain();
        }
    }

    /** After polling: subscriptions for the hubs the documents named, and the safety-net poll times. */
    void afterPoll(List<RefreshOutcome> outcomes) {
        if (store != null) {
            subscriber.get().afterPoll(outcomes);
        }
    }

    /** A hub's verification of intent (GET to a callback). */
    public VerificationAnswer verify(String callbackId, Map<String, String> query) {
        return subscriber.get().verify(callbackId, query);
    }

    /** Whether a push to this callback would be looked at: it names a subscription we hold. */
    public boolean knows(String callbackId) {
        return subscriber.get().knows(callbackId);
    }

    /** A hub's push (POST to a callback), counted in the metrics by what became of it. */
    public PushReceipt receive(String callbackId, byte[] body, String contentType, String signature) {
        ReceivedPush push = subscriber.get().receive(callbackId, body, contentType, signature);
        metrics.get().recordPush(label(push.receipt()), push.outcome());
        if (push.outcome() != null) {
            IngestReport stored = push.outcome().report();
            if (stored.newItems() > 0 || stored.updated() > 0 || stored.duplicates() > 0) {
                itemsArrived.run();
            }
        }
        return push.receipt();
    }

    /** A push the route did not hand on (to a callback we do not know, or too large to read): counted too. */
    public void refused(PushReceipt receipt) {
        metrics.get().recordPush(label(receipt), null);
    }

    static String label(PushReceipt receipt) {
        return receipt.name().toLowerCase(Locale.ROOT);
    }
}

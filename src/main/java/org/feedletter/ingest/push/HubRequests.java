package org.feedletter.ingest.push;

import static org.feedletter.ingest.push.PushTimes.retryAfter;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.feedletter.config.PushSettings;
import org.feedletter.config.SecretUrls;
import org.feedletter.config.WebConfig;
import org.feedletter.feed.fetch.FeedFetcher;
import org.feedletter.feed.fetch.FormAnswer;
import org.feedletter.store.PushStore;
import org.feedletter.store.PushSubscription;
import org.feedletter.store.StoredFeed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The requests to hubs: subscribing (with a callback under {@code web.base-url} and a secret, both random and new
 * with each subscription), renewing and unsubscribing. They go through the fetcher (egress rules, limits) on two
 * threads of their own, so a slow hub never holds up a poll; a failed one is recorded on the subscription.
 */
final class HubRequests implements AutoCloseable {

    /** Logs under {@link PushSubscriber}, as before it was split in parts: operators' log settings name it. */
    private static final Logger log = LoggerFactory.getLogger(PushSubscriber.class);
    private static final String CALLBACK_PATH = "/websub/";

    private final PushStore store;
    private final FeedFetcher fetcher;
    private final WebConfig web;
    private final PushSettings settings;
    private final InstantSource clock;
    private final SecureRandom random = new SecureRandom();
    private final ExecutorService hubRequests;
    private final AtomicInteger requestsInFlight = new AtomicInteger();

    HubRequests(PushStore store, FeedFetcher fetcher, WebConfig web, InstantSource clock) {
        this.store = store;
        this.fetcher = fetcher;
        this.web = web;
        this.settings = web.push();
        this.clock = clock;
        AtomicInteger threads = new AtomicInteger();
        this.hubRequests = Executors.newFixedThreadPool(2, task -> {
            Thread thread = new Thread(task, "websub-hub-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Requests to hubs sent or being sent that have not ended. */
    int requestsInFlight() {
        return requestsInFlight.get();
    }

    /** Records a new subscription, with a new callback and secret, and asks the hub for it. */
    void subscribe(StoredFeed feed, URI hub, String topic, Instant now) {
        String callbackId = token(24);
        String secret = token(32);
        store.subscribing(feed.id(), hub, topic, callbackId, secret, now);
        log.info("feed {} ({}): subscribing at its hub {}", feed.id(), feed.label(), SecretUrls.masked(hub.toString()));
        send(feed.url(), hub, "subscribe", topic, callbackId, secret, false);
    }

    /** Asks the hub again for a live subscription, on its callback and with its secret: a new lease. */
    void renew(StoredFeed feed, PushSubscription subscription) {
        log.info("feed {} ({}): renewing its push subscription at {}", feed.id(), feed.label(),
                SecretUrls.masked(subscription.hub().toString()));
        send(feed.url(), subscription.hub(), "subscribe", subscription.topic(), subscription.callbackId(),
                subscription.secret(), false);
    }

    /** Asks the hub to end a subscription, once it is marked as ending here. */
    void unsubscribe(URI feedUrl, PushSubscription subscription, Instant now) {
        if (store.unsubscribing(subscription.callbackId(), now)) {
            send(feedUrl, subscription.hub(), "unsubscribe", subscription.topic(), subscription.callbackId(), null,
                    true);
        }
    }

    /** Sends a (un)subscription request on the hub threads; a failure is recorded on the subscription. */
    private void send(URI feedUrl, URI hub, String mode, String topic, String callbackId, String secret,
            boolean unsubscribing) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("hub.mode", mode);
        form.put("hub.topic", topic);
        form.put("hub.callback", web.absolute(CALLBACK_PATH + callbackId));
        if (!unsubscribing) {
            form.put("hub.lease_seconds", Long.toString(settings.lease().toSeconds()));
            form.put("hub.secret", secret);
        }
        requestsInFlight.incrementAndGet();
        try {
            hubRequests.execute(() -> {
                try {
                    FormAnswer answer = fetcher.postForm(feedUrl, hub, form);
                    if (!answer.accepted()) {
                        failedRequest(callbackId, mode, hub, answer.failure(), unsubscribing);
                    }
                } catch (RuntimeException e) {
                    log.warn("websub: {} request to {} failed", mode, SecretUrls.masked(hub.toString()), e);
                    failedRequest(callbackId, mode, hub, e.toString(), unsubscribing);
                } finally {
                    requestsInFlight.decrementAndGet();
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            requestsInFlight.decrementAndGet(); // closing
        }
    }

    private void failedRequest(String callbackId, String mode, URI hub, String failure, boolean unsubscribing) {
        if (unsubscribing) {
            store.delete(callbackId); // its lease ends anyway, and its pushes are answered 410 from now on
            return;
        }
        Instant now = clock.instant();
        Optional<PushSubscription> subscription = store.byCallback(callbackId);
        if (subscription.isEmpty()) {
            return;
        }
        String error = "the " + mode + " request to the hub failed: " + failure;
        store.failed(callbackId, error, now, now.plus(retryAfter(subscription.get().failures())));
        log.warn("feed {}: {}", subscription.get().feedId(), error);
    }

    private String token(int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }

    /** Lets requests in flight end (a few seconds at most), then stops the hub threads. */
    @Override
    public void close() {
        hubRequests.shutdown();
        try {
            if (!hubRequests.awaitTermination(5, TimeUnit.SECONDS)) {
                hubRequests.shutdownNow();
            }
        } catch (InterruptedException e) {
            hubRequests.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

}

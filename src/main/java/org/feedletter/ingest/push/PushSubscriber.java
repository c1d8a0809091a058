package org.feedletter.ingest.push;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.feedletter.config.Durations;
import org.feedletter.config.PushSettings;
import org.feedletter.config.SecretUrls;
import org.feedletter.config.WebConfig;
import org.feedletter.feed.fetch.FeedFetcher;
import org.feedletter.feed.fetch.FetchResult;
import org.feedletter.feed.fetch.FormAnswer;
import org.feedletter.feed.parse.HubLinks;
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
 * WebSub, the subscriber side (https://www.w3.org/TR/websub/). After each poll it looks at the hubs the fetched
 * documents name ({@link #afterPoll}) and subscribes there, with a callback under {@code web.base-url} and a secret,
 * both random and new with each subscription; it answers the hubs' verifications of intent ({@link #verify}); it takes
 * signed pushes in through {@link FeedRefresher#process}, the very path a poll's body takes, so that dedup and
 * provenance are a poll's ({@link #receive}); and on each poll tick ({@link #maintain}) it renews leases before they
 * end, retries failed subscriptions with backoff, notices lapsed ones and unsubscribes removed feeds.
 *
 * <p>A live subscription stretches its feed's polls to {@link PushSettings#pollEvery()} (or the feed's own interval
 * when longer): the polls are a safety net. A subscription that fails or lapses gives the feed its own interval back.
 * Requests to hubs go through the fetcher (egress rules, limits) on two threads of their own, so a slow hub never
 * holds up a poll. Only a process that serves the callbacks subscribes ({@link #serving}); every process stretches
 * polls and answers what its web server receives.
 */
public final class PushSubscriber implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PushSubscriber.class);
    /** How long a hub has to verify a subscription (or an unsubscription) before it counts as failed. */
    static final Duration VERIFY_WITHIN = Duration.ofHours(1);
    /** The first retry after a failure; doubled per failure in a row, up to {@link #RETRY_CAP}. */
    static final Duration FIRST_RETRY = Duration.ofHours(1);
    static final Duration RETRY_CAP = Duration.ofDays(1);
    /** A lease is renewed when this share of it has passed. */
    static final double RENEW_AT = 0.8;
    private static final String CALLBACK_PATH = "/websub/";

    private final PushStore store;
    private final FeedStore feeds;
    private final FeedRefresher refresher;
    private final FeedFetcher fetcher;
    private final WebConfig web;
    private final PushSettings settings;
    private final InstantSource clock;
    private final SecureRandom random = new SecureRandom();
    private final ExecutorService hubRequests;
    private final AtomicBoolean serving = new AtomicBoolean();
    private final AtomicInteger requestsInFlight = new AtomicInteger();

    public PushSubscriber(PushStore store, FeedStore feeds, FeedRefresher refresher, FeedFetcher fetcher, WebConfig web,
            InstantSource clock) {
        this.store = store;
        this.feeds = feeds;
        this.refresher = refresher;
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

    /** This process serves the callbacks from now on: it may subscribe. */
    public void serving() {
        serving.set(true);
    }

    /** Requests to hubs sent or being sent that have not ended (for tests and a clean stop). */
    public int requestsInFlight() {
        return requestsInFlight.get();
    }

    /**
     * After a round of polls: subscribes feeds whose document names a hub they have no subscription at (or another
     * hub or topic than theirs), unsubscribes feeds whose document names none any more, and pushes the next poll of
     * each feed with a live subscription out to the safety-net interval.
     */
    public void afterPoll(List<RefreshOutcome> outcomes) {
        if (outcomes.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        Map<Long, PushSubscription> subscriptions = new HashMap<>();
        store.forFeeds(outcomes.stream().map(o -> o.feed().id()).distinct().toList())
                .forEach(s -> subscriptions.put(s.feedId(), s));
        Map<Long, Instant> stretched = new LinkedHashMap<>();
        for (RefreshOutcome outcome : outcomes) {
            StoredFeed feed = outcome.feed();
            PushSubscription subscription = subscriptions.get(feed.id());
            if (outcome.kind() == RefreshOutcome.Kind.FETCHED && serving.get()) {
                HubLinks links = outcome.hubLinks();
                if (links.hasHub()) {
                    String topic = (links.self() != null ? links.self() : outcome.poll().url()).toString();
                    if (subscription == null || subscription.state() == State.UNSUBSCRIBING
                            || !links.hubs().contains(subscription.hub()) || !subscription.topic().equals(topic)) {
                        subscribe(feed, chooseHub(links.hubs()), topic, now);
                        continue;
                    }
                } else if (subscription != null && subscription.state() != State.UNSUBSCRIBING) {
                    log.info("feed {} ({}): it names no hub any more; unsubscribing at {}", feed.id(), feed.label(),
                            SecretUrls.masked(subscription.hub().toString()));
                    unsubscribe(feed.url(), subscription, now);
                    continue;
                }
            }
            if (subscription != null && subscription.liveAt(now)) {
                stretched.put(feed.id(), now.plus(safetyNet(feed)));
            }
        }
        store.pollNoEarlierThan(stretched);
    }

    /**
     * The poll tick's part: renews leases due for renewal, retries failed and lapsed subscriptions whose time has
     * come, marks lapsed the live ones whose lease ended (their feeds are then polled as before), gives up on
     * verifications that never came, and unsubscribes feeds that were removed.
     */
    public void maintain() {
        if (!serving.get()) {
            return;
        }
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
                unsubscribe(feed.url(), subscription, now);
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
                        pollAsBefore(feed, now);
                    }
                } else if (feed.state() != StoredFeed.FeedState.ACTIVE) {
                    // Paused or gone: its pushes are ignored, so the lease is left to end (asked for anew on resuming).
                    store.claimAttempt(subscription.callbackId(), subscription.nextAttemptAt(), now,
                            subscription.leaseUntil());
                } else if (store.claimAttempt(subscription.callbackId(), subscription.nextAttemptAt(), now,
                        now.plus(VERIFY_WITHIN))) {
                    renew(feed, subscription);
                }
            }
            case FAILED, LAPSED -> {
                if (feed.state() == StoredFeed.FeedState.ACTIVE && store.claimAttempt(
                        subscription.callbackId(), subscription.nextAttemptAt(), now, now.plus(VERIFY_WITHIN))) {
                    subscribe(feed, subscription.hub(), subscription.topic(), now);
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

    /** What a hub's verification GET to a callback gets: the challenge echoed, an empty 200, or a 404. */
    public record Verification(int status, String body) {

        static Verification confirmed(String challenge) {
            return new Verification(200, challenge);
        }

        static final Verification NOTED = new Verification(200, "");
        static final Verification REFUSED = new Verification(404, "");

        public boolean confirmed() {
            return status == 200 && !body.isEmpty();
        }
    }

    /**
     * A hub's GET to a callback (WebSub 5.2 and 5.3). {@code hub.mode=subscribe} is confirmed, by echoing
     * {@code hub.challenge}, only for a subscription we asked for or hold, on its own callback and for its topic; the
     * lease it names is recorded. {@code unsubscribe} only for an unsubscription we asked for; {@code denied} marks the
     * subscription failed. Anything else is refused (404).
     */
    public Verification verify(String callbackId, Map<String, String> query) {
        Optional<PushSubscription> found = store.byCallback(callbackId);
        String mode = query.get("hub.mode");
        String topic = query.get("hub.topic");
        if (found.isEmpty() || mode == null || topic == null || !sameTopic(found.get().topic(), topic)) {
            log.info("websub: refused a verification ({}) for no subscription of ours", mode);
            return Verification.REFUSED;
        }
        PushSubscription subscription = found.get();
        Instant now = clock.instant();
        String challenge = query.get("hub.challenge");
        switch (mode) {
            case "subscribe" -> {
                if (challenge == null || challenge.isEmpty()
                        || (subscription.state() != State.SUBSCRIBING && subscription.state() != State.LIVE)) {
                    return Verification.REFUSED;
                }
                Duration lease = leaseSeconds(query.get("hub.lease_seconds"));
                Instant renewAt = now.plusMillis((long) (lease.toMillis() * RENEW_AT));
                if (!store.verified(callbackId, now.plus(lease), renewAt)) {
                    return Verification.REFUSED;
                }
                feeds.find(subscription.feedId()).ifPresent(feed -> {
                    log.info("feed {} ({}): push subscription at {} live for {}; polled every {} meanwhile", feed.id(),
                            feed.label(), SecretUrls.masked(subscription.hub().toString()),
                            Durations.format(lease),
                            Durations.format(safetyNet(feed)));
                    store.pollNoEarlierThan(Map.of(feed.id(), now.plus(safetyNet(feed))));
                });
                return Verification.confirmed(challenge);
            }
            case "unsubscribe" -> {
                if (challenge == null || challenge.isEmpty() || subscription.state() != State.UNSUBSCRIBING) {
                    return Verification.REFUSED;
                }
                store.delete(callbackId);
                return Verification.confirmed(challenge);
            }
            case "denied" -> {
                String reason = query.get("hub.reason");
                String error = "the hub " + SecretUrls.masked(subscription.hub().toString()) + " denied the subscription"
                        + (reason == null || reason.isBlank() ? "" : ": " + printable(reason));
                if (store.denied(callbackId, error, now.plus(retryAfter(subscription.failures())))) {
                    feeds.find(subscription.feedId()).ifPresent(feed -> {
                        log.warn("feed {} ({}): {}", feed.id(), feed.label(), error);
                        pollAsBefore(feed, now);
                    });
                }
                return Verification.NOTED;
            }
            default -> {
                return Verification.REFUSED;
            }
        }
    }

    /** Whether a push to this callback could be taken: it names a subscription we hold (not one being ended). */
    public boolean knows(String callbackId) {
        return store.byCallback(callbackId).filter(s -> s.state() != State.UNSUBSCRIBING).isPresent();
    }

    /** What became of a push. */
    public enum Receipt {
        /** Signed with the subscription's secret and read: its entries went in as a poll's would. */
        ACCEPTED,
        /** No signature: ignored. */
        UNSIGNED,
        /** A signature that is not the subscription's: ignored. */
        BAD_SIGNATURE,
        /** Signed, but not a readable feed. */
        UNREADABLE,
        /** Signed, for a feed that is paused or gone: ignored. */
        IGNORED,
        /** No subscription of ours (any more) has this callback, or its feed was removed. */
        UNKNOWN,
        /** Larger than {@code fetch.max-body}: not read. */
        TOO_LARGE
    }

    /** A push and what it did: the refresh's outcome when it was read (else null). */
    public record Push(Receipt receipt, RefreshOutcome outcome) {}

    /**
     * A hub's POST to a callback (WebSub 7): a body signed with the subscription's secret is handed to
     * {@link FeedRefresher#process} as if a poll had fetched it (the feed's row, validators and next poll stay as
     * they are); an unsigned or wrongly signed one is ignored and counted.
     */
    public Push receive(String callbackId, byte[] body, String contentType, String signature) {
        Optional<PushSubscription> found = store.byCallback(callbackId).filter(s -> s.state() != State.UNSUBSCRIBING);
        if (found.isEmpty()) {
            return new Push(Receipt.UNKNOWN, null);
        }
        PushSubscription subscription = found.get();
        Instant now = clock.instant();
        HubSignature.Check check = HubSignature.check(signature, subscription.secret(), body);
        if (check != HubSignature.Check.VALID) {
            String error = check == HubSignature.Check.MISSING ? "a push without X-Hub-Signature was ignored"
                    : "a push whose X-Hub-Signature is not the subscription's was ignored";
            log.warn("feed {}: {}", subscription.feedId(), error);
            store.pushed(callbackId, false, error, now);
            return new Push(check == HubSignature.Check.MISSING ? Receipt.UNSIGNED : Receipt.BAD_SIGNATURE, null);
        }
        Optional<StoredFeed> feed = feeds.find(subscription.feedId());
        if (feed.isEmpty() || feed.get().state() == StoredFeed.FeedState.REMOVED) {
            return new Push(Receipt.UNKNOWN, null);
        }
        if (feed.get().state() != StoredFeed.FeedState.ACTIVE) {
            return new Push(Receipt.IGNORED, null);
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
        return new Push(read ? Receipt.ACCEPTED : Receipt.UNREADABLE, outcome);
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

    private void subscribe(StoredFeed feed, URI hub, String topic, Instant now) {
        String callbackId = token(24);
        String secret = token(32);
        store.subscribing(feed.id(), hub, topic, callbackId, secret, now);
        log.info("feed {} ({}): subscribing at its hub {}", feed.id(), feed.label(), SecretUrls.masked(hub.toString()));
        send(feed.url(), hub, "subscribe", topic, callbackId, secret, false);
    }

    private void renew(StoredFeed feed, PushSubscription subscription) {
        log.info("feed {} ({}): renewing its push subscription at {}", feed.id(), feed.label(),
                SecretUrls.masked(subscription.hub().toString()));
        send(feed.url(), subscription.hub(), "subscribe", subscription.topic(), subscription.callbackId(),
                subscription.secret(), false);
    }

    private void unsubscribe(URI feedUrl, PushSubscription subscription, Instant now) {
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

    /** The feed is polled at its own interval again: no later than its last poll plus that interval. */
    private void pollAsBefore(StoredFeed feed, Instant now) {
        Instant due = feed.lastPolledAt() == null ? now : feed.lastPolledAt().plus(feed.interval());
        store.pollNoLaterThan(feed.id(), due.isBefore(now) ? now : due);
    }

    private Duration safetyNet(StoredFeed feed) {
        return feed.interval().compareTo(settings.pollEvery()) > 0 ? feed.interval() : settings.pollEvery();
    }

    /** The hub's lease, or the one asked for when the hub named none (or nonsense). */
    private Duration leaseSeconds(String text) {
        try {
            long seconds = Long.parseLong(text == null ? "" : text.strip());
            if (seconds > 0) {
                return Duration.ofSeconds(Math.min(seconds, Duration.ofDays(3650).toSeconds()));
            }
        } catch (NumberFormatException e) {
            // the lease asked for
        }
        return settings.lease();
    }

    /** The wait before the next attempt after {@code failures} earlier failures in a row (this one not counted). */
    static Duration retryAfter(int failures) {
        Duration wait = FIRST_RETRY;
        for (int i = 0; i < failures && wait.compareTo(RETRY_CAP) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(RETRY_CAP) > 0 ? RETRY_CAP : wait;
    }

    /** HTTPS first (WebSub 8.2), else the first named. */
    private static URI chooseHub(List<URI> hubs) {
        return hubs.stream().filter(h -> "https".equalsIgnoreCase(h.getScheme())).findFirst().orElse(hubs.get(0));
    }

    private static boolean sameTopic(String ours, String theirs) {
        if (ours.equals(theirs)) {
            return true;
        }
        try {
            return URI.create(ours).normalize().equals(URI.create(theirs).normalize());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private String token(int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }

    /** A hub's words, as one line of printable text, at most 200 characters. */
    private static String printable(String text) {
        String line = text.replaceAll("\\p{Cntrl}", " ").strip();
        return line.length() <= 200 ? line : line.substring(0, 199) + "…";
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

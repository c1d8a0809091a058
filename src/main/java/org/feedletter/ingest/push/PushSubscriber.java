package org.feedletter.ingest.push;

import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.feedletter.config.PushSettings;
import org.feedletter.config.WebConfig;
import org.feedletter.feed.fetch.FeedFetcher;
import org.feedletter.ingest.poll.FeedRefresher;
import org.feedletter.ingest.poll.RefreshOutcome;
import org.feedletter.store.FeedStore;
import org.feedletter.store.PushStore;

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

    private final AtomicBoolean serving = new AtomicBoolean();
    private final HubRequests requests;
    private final HubsNamedByFeeds hubsNamed;
    private final LeaseMaintenance leases;
    private final HubVerifications verifications;
    private final PushReceiver receiver;

    public PushSubscriber(PushStore store, FeedStore feeds, FeedRefresher refresher, FeedFetcher fetcher, WebConfig web,
            InstantSource clock) {
        PushTimes times = new PushTimes(store, web.push());
        this.requests = new HubRequests(store, fetcher, web, clock);
        this.hubsNamed = new HubsNamedByFeeds(store, requests, times, clock, serving);
        this.leases = new LeaseMaintenance(store, feeds, requests, times, clock);
        this.verifications = new HubVerifications(store, feeds, web.push(), times, clock);
        this.receiver = new PushReceiver(store, feeds, refresher, clock);
    }

    /** This process serves the callbacks from now on: it may subscribe. */
    public void serving() {
        serving.set(true);
    }

    /** Requests to hubs sent or being sent that have not ended (for tests and a clean stop). */
    public int requestsInFlight() {
        return requests.requestsInFlight();
    }

    /**
     * After a round of polls: subscribes feeds whose document names a hub they have no subscription at (or another
     * hub or topic than theirs), unsubscribes feeds whose document names none any more, and pushes the next poll of
     * each feed with a live subscription out to the safety-net interval.
     */
    public void afterPoll(List<RefreshOutcome> outcomes) {
        hubsNamed.afterPoll(outcomes);
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
        leases.maintain();
    }

    /**
     * A hub's GET to a callback (WebSub 5.2 and 5.3). {@code hub.mode=subscribe} is confirmed, by echoing
     * {@code hub.challenge}, only for a subscription we asked for or hold, on its own callback and for its topic; the
     * lease it names is recorded. {@code unsubscribe} only for an unsubscription we asked for; {@code denied} marks the
     * subscription failed. Anything else is refused (404).
     */
    public VerificationAnswer verify(String callbackId, Map<String, String> query) {
        return verifications.verify(callbackId, query);
    }

    /** Whether a push to this callback could be taken: it names a subscription we hold (not one being ended). */
    public boolean knows(String callbackId) {
        return receiver.knows(callbackId);
    }

    /**
     * A hub's POST to a callback (WebSub 7): a body signed with the subscription's secret is handed to
     * {@link FeedRefresher#process} as if a poll had fetched it (the feed's row, validators and next poll stay as
     * they are); an unsigned or wrongly signed one is ignored and counted.
     */
    public ReceivedPush receive(String callbackId, byte[] body, String contentType, String signature) {
        return receiver.receive(callbackId, body, contentType, signature);
    }

    /** Lets requests in flight end (a few seconds at most), then stops the hub threads. */
    @Override
    public void close() {
        requests.close();
    }
}

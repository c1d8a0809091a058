package org.feedletter.ingest.push;

import java.net.URI;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.feedletter.config.SecretUrls;
import org.feedletter.feed.parse.HubLinks;
import org.feedletter.ingest.poll.RefreshOutcome;
import org.feedletter.store.PushStore;
import org.feedletter.store.PushSubscription;
import org.feedletter.store.PushSubscription.State;
import org.feedletter.store.StoredFeed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hubs polled documents name: after each round of polls, feeds are subscribed at them (or unsubscribed when
 * their document names none any more), and the feeds with a live subscription are polled at the safety net only.
 */
final class HubsNamedByFeeds {

    /** Logs under {@link PushSubscriber}, as before it was split in parts: operators' log settings name it. */
    private static final Logger log = LoggerFactory.getLogger(PushSubscriber.class);

    private final PushStore store;
    private final HubRequests requests;
    private final PushTimes times;
    private final InstantSource clock;
    private final AtomicBoolean serving;

    HubsNamedByFeeds(PushStore store, HubRequests requests, PushTimes times, InstantSource clock,
            AtomicBoolean serving) {
        this.store = store;
        this.requests = requests;
        this.times = times;
        this.clock = clock;
        this.serving = serving;
    }

    /**
     * After a round of polls: subscribes feeds whose document names a hub they have no subscription at (or another
     * hub or topic than theirs), unsubscribes feeds whose document names none any more, and pushes the next poll of
     * each feed with a live subscription out to the safety-net interval.
     */
    void afterPoll(List<RefreshOutcome> outcomes) {
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
                        requests.subscribe(feed, chooseHub(links.hubs()), topic, now);
                        continue;
                    }
                } else if (subscription != null && subscription.state() != State.UNSUBSCRIBING) {
                    log.info("feed {} ({}): it names no hub any more; unsubscribing at {}", feed.id(), feed.label(),
                            SecretUrls.masked(subscription.hub().toString()));
                    requests.unsubscribe(feed.url(), subscription, now);
                    continue;
                }
            }
            if (subscription != null && subscription.liveAt(now)) {
                stretched.put(feed.id(), now.plus(times.safetyNet(feed)));
            }
        }
        store.pollNoEarlierThan(stretched);
    }

    /** HTTPS first (WebSub 8.2), else the first named. */
    private static URI chooseHub(List<URI> hubs) {
        return hubs.stream().filter(h -> "https".equalsIgnoreCase(h.getScheme())).findFirst().orElse(hubs.get(0));
    }
}

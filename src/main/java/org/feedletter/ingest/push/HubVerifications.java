package org.feedletter.ingest.push;

import static org.feedletter.ingest.push.PushTimes.RENEW_AT;
import static org.feedletter.ingest.push.PushTimes.retryAfter;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import org.feedletter.config.Durations;
import org.feedletter.config.PushSettings;
import org.feedletter.config.SecretUrls;
import org.feedletter.store.FeedStore;
import org.feedletter.store.PushStore;
import org.feedletter.store.PushSubscription;
import org.feedletter.store.PushSubscription.State;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answering the hubs' verifications of intent (WebSub 5.3): confirming the subscriptions and unsubscriptions asked
 * for, recording the lease a hub grants, and taking a denial as a failure (the feed polled as before).
 */
final class HubVerifications {

    /** Logs under {@link PushSubscriber}, as before it was split in parts: operators' log settings name it. */
    private static final Logger log = LoggerFactory.getLogger(PushSubscriber.class);

    private final PushStore store;
    private final FeedStore feeds;
    private final PushSettings settings;
    private final PushTimes times;
    private final InstantSource clock;

    HubVerifications(PushStore store, FeedStore feeds, PushSettings settings, PushTimes times, InstantSource clock) {
        this.store = store;
        this.feeds = feeds;
        this.settings = settings;
        this.times = times;
        this.clock = clock;
    }

    /**
     * A hub's GET to a callback (WebSub 5.2 and 5.3). {@code hub.mode=subscribe} is confirmed, by echoing
     * {@code hub.challenge}, only for a subscription we asked for or hold, on its own callback and for its topic; the
     * lease it names is recorded. {@code unsubscribe} only for an unsubscription we asked for; {@code denied} marks the
     * subscription failed. Anything else is refused (404).
     */
    VerificationAnswer verify(String callbackId, Map<String, String> query) {
        Optional<PushSubscription> found = store.byCallback(callbackId);
        String mode = query.get("hub.mode");
        String topic = query.get("hub.topic");
        if (found.isEmpty() || mode == null || topic == null || !sameTopic(found.get().topic(), topic)) {
            log.info("websub: refused a verification ({}) for no subscription of ours", mode);
            return VerificationAnswer.REFUSED;
        }
        PushSubscription subscription = found.get();
        Instant now = clock.instant();
        String challenge = query.get("hub.challenge");
        switch (mode) {
            case "subscribe" -> {
                if (challenge == null || challenge.isEmpty()
                        || (subscription.state() != State.SUBSCRIBING && subscription.state() != State.LIVE)) {
                    return VerificationAnswer.REFUSED;
                }
                Duration lease = leaseSeconds(query.get("hub.lease_seconds"));
                Instant renewAt = now.plusMillis((long) (lease.toMillis() * RENEW_AT));
                if (!store.verified(callbackId, now.plus(lease), renewAt)) {
                    return VerificationAnswer.REFUSED;
                }
                feeds.find(subscription.feedId()).ifPresent(feed -> {
                    log.info("feed {} ({}): push subscription at {} live for {}; polled every {} meanwhile", feed.id(),
                            feed.label(), SecretUrls.masked(subscription.hub().toString()),
                            Durations.format(lease),
                            Durations.format(times.safetyNet(feed)));
                    store.pollNoEarlierThan(Map.of(feed.id(), now.plus(times.safetyNet(feed))));
                });
                return VerificationAnswer.confirmed(challenge);
            }
            case "unsubscribe" -> {
                if (challenge == null || challenge.isEmpty() || subscription.state() != State.UNSUBSCRIBING) {
                    return VerificationAnswer.REFUSED;
                }
                store.delete(callbackId);
                return VerificationAnswer.confirmed(challenge);
            }
            case "denied" -> {
                String reason = query.get("hub.reason");
                String error = "the hub " + SecretUrls.masked(subscription.hub().toString()) + " denied the subscription"
                        + (reason == null || reason.isBlank() ? "" : ": " + printable(reason));
                if (store.denied(callbackId, error, now.plus(retryAfter(subscription.failures())))) {
                    feeds.find(subscription.feedId()).ifPresent(feed -> {
                        log.warn("feed {} ({}): {}", feed.id(), feed.label(), error);
                        times.pollAsBefore(feed, now);
                    });
                }
                return VerificationAnswer.NOTED;
            }
            default -> {
                return VerificationAnswer.REFUSED;
            }
        }
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

    /** A hub's words, as one line of printable text, at most 200 characters. */
    private static String printable(String text) {
        String line = text.replaceAll("\\p{Cntrl}", " ").strip();
        return line.length() <= 200 ? line : line.substring(0, 199) + "…";
    }
}

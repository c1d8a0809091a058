package org.feedletter.store;

import java.net.URI;
import java.time.Instant;
import java.util.Locale;

/**
 * A feed's WebSub subscription (the subscriber side): which hub, for which topic, how it stands.
 *
 * @param callbackId the last segment of the callback URL given to the hub: random, new with each subscription; not
 *     shown by {@link #toString()} either (the callback URL is a capability)
 * @param secret the {@code hub.secret} the hub signs pushes with: random, new with each subscription; never shown
 *     (not even by {@link #toString()})
 * @param requestedAt when the last subscription or renewal was asked for
 * @param leaseUntil when the hub's lease ends, as its verification said; null until verified
 * @param nextAttemptAt when to ask the hub next (a renewal while live, a retry after a failure); null while waiting
 *     for a verification
 * @param failures failed attempts in a row
 */
public record PushSubscription(long feedId, URI hub, String topic, String callbackId, String secret, State state,
        Instant requestedAt, Instant leaseUntil, Instant nextAttemptAt, int failures, String lastError,
        Instant lastPushAt, long pushesAccepted, long pushesRefused) {

    public enum State {
        /** Asked for; the hub has not verified it yet. */
        SUBSCRIBING,
        /** Verified, within its lease: the hub pushes. */
        LIVE,
        /** The hub refused, denied or never verified it; asked again later. */
        FAILED,
        /** Its lease ended without a renewal; asked again. */
        LAPSED,
        /** The feed was removed or names no hub any more: an unsubscription was asked for. */
        UNSUBSCRIBING;

        /** As the store, the metrics and the listings write it: "live". */
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Whether the hub pushes now: verified and within its lease. */
    public boolean liveAt(Instant now) {
        return state == State.LIVE && leaseUntil != null && leaseUntil.isAfter(now);
    }

    @Override
    public String toString() {
        return "PushSubscription[feedId=" + feedId + ", hub=" + hub + ", topic=" + topic + ", callbackId=****"
                + ", secret=****, state=" + state + ", requestedAt=" + requestedAt + ", leaseUntil=" + leaseUntil
                + ", nextAttemptAt=" + nextAttemptAt + ", failures=" + failures + ", lastError=" + lastError
                + ", lastPushAt=" + lastPushAt + ", pushesAccepted=" + pushesAccepted + ", pushesRefused="
                + pushesRefused + "]";
    }
}

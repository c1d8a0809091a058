package org.feedletter.config;

import java.time.Duration;

/**
 * WebSub, the subscriber side (config key {@code push} of the web section): feeds that name a hub are subscribed to
 * there, and the hub pushes their new entries to {@code <base-url>/websub/...}. Off unless asked for: the hubs must
 * reach the base URL, and switching it on makes feedletter contact the hubs the feeds name.
 *
 * @param pollEvery how often a feed with a live subscription is still polled, as a safety net (its own interval when
 *     that is longer)
 * @param lease the lease asked of hubs; they may grant another, and the subscription is renewed before it ends
 */
public record PushSettings(boolean enabled, Duration pollEvery, Duration lease) {

    public static final Duration DEFAULT_POLL_EVERY = Duration.ofHours(6);
    /** What the WebSub Recommendation calls a good default (section 8.2). */
    public static final Duration DEFAULT_LEASE = Duration.ofDays(10);
    public static final PushSettings OFF = new PushSettings(false, DEFAULT_POLL_EVERY, DEFAULT_LEASE);

    public static PushSettings on() {
        return new PushSettings(true, DEFAULT_POLL_EVERY, DEFAULT_LEASE);
    }
}

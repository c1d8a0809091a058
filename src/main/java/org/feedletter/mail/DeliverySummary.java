package org.feedletter.mail;

import java.time.Instant;

/**
 * What one delivery round did.
 *
 * @param pausedBecause why delivery paused (the server could take no message), or null
 * @param rateLimitedUntil when the rate limit lets the next message go, if it ended the round; else null
 */
public record DeliverySummary(int sent, int retried, int failed, int cancelled, String pausedBecause,
        Instant rateLimitedUntil) {

    public boolean paused() {
        return pausedBecause != null;
    }
}

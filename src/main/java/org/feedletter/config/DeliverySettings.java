package org.feedletter.config;

import java.time.Duration;

/**
 * How the outbox is worked off.
 *
 * @param concurrency SMTP connections used at once
 * @param maxAttempts attempts before a temporarily failing message is given up
 * @param maxAge age after which a temporarily failing message is given up
 * @param claimTimeout a row claimed longer ago than this is taken back (its sender died)
 * @param ratePerSecond messages per second, 0 for no limit
 * @param ratePerHour messages per hour, 0 for no limit
 * @param bounceAfter consecutive permanent failures after which a subscriber is marked bounced
 */
public record DeliverySettings(
        int concurrency,
        int maxAttempts,
        Duration maxAge,
        Duration initialBackoff,
        Duration maxBackoff,
        Duration claimTimeout,
        double ratePerSecond,
        int ratePerHour,
        int bounceAfter) {

    public static DeliverySettings defaults() {
        return new DeliverySettings(4, 8, Duration.ofDays(2), Duration.ofMinutes(1), Duration.ofHours(2),
                Duration.ofMinutes(10), 0, 0, 3);
    }
}

package org.feedletter.config;

import java.time.Duration;

/**
 * How often the service looks for due work (config section {@code schedule}). What is due is decided by the work
 * itself (feed intervals, newsletter crons, outbox retry times); ticks only need to come often enough.
 */
public record TickSettings(Duration pollFeeds, Duration buildEditions, Duration deliver) {

    public static TickSettings defaults() {
        return new TickSettings(Duration.ofSeconds(15), Duration.ofSeconds(15), Duration.ofSeconds(3));
    }
}

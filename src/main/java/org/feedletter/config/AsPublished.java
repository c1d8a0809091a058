package org.feedletter.config;

import java.time.Duration;

/**
 * A newsletter whose editions follow the news rather than a clock ({@code schedule: as-published}): an edition is
 * built once matching items arrived and the oldest of them has waited {@code publishDelay}, so that pieces arriving
 * together go out in one edition; at most {@code maxPerDay} editions a calendar day in the newsletter's time zone.
 *
 * @param publishDelay how long the first matching item waits for others (config key {@code publish-delay}); zero
 *     builds as soon as an item is stored
 * @param maxPerDay editions a day at most (config key {@code max-per-day}); beyond it items wait for the next day
 */
public record AsPublished(Duration publishDelay, int maxPerDay) {

    public static final Duration DEFAULT_DELAY = Duration.ofMinutes(2);
    public static final int DEFAULT_MAX_PER_DAY = 12;
    public static final AsPublished DEFAULTS = new AsPublished(DEFAULT_DELAY, DEFAULT_MAX_PER_DAY);

    public AsPublished {
        if (publishDelay.isNegative()) {
            throw new IllegalArgumentException("a publish delay cannot be negative: " + publishDelay);
        }
        if (maxPerDay < 1) {
            throw new IllegalArgumentException("max-per-day must be at least 1, got " + maxPerDay);
        }
    }
}

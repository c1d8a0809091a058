package org.feedletter.config;

import java.time.Duration;
import java.time.Instant;

/**
 * A newsletter whose editions follow the news rather than a clock ({@code schedule: as-published}). Once matching
 * items arrived, an edition waits for more while they keep coming: it is built when none has come for
 * {@code quietPeriod}, and at the latest when the first of them has waited {@code publishDelay}. A piece that comes
 * alone goes out after the quiet period; pieces arriving together (a publisher's burst) go out in one edition. At
 * most {@code maxPerDay} editions a calendar day in the newsletter's time zone.
 *
 * @param publishDelay the longest the first matching item waits for others (config key {@code publish-delay});
 *     zero builds as soon as an item is stored
 * @param quietPeriod how long an edition waits after the latest matching item for another (config key
 *     {@code quiet-period}); at or above the delay, every edition waits the whole delay
 * @param maxPerDay editions a day at most (config key {@code max-per-day}); beyond it items wait for the next day
 */
public record AsPublished(Duration publishDelay, Duration quietPeriod, int maxPerDay) {

    public static final Duration DEFAULT_DELAY = Duration.ofMinutes(2);
    /** Half a minute: a burst's pieces come within seconds of each other; a lone piece should not wait 2 minutes. */
    public static final Duration DEFAULT_QUIET_PERIOD = Duration.ofSeconds(30);
    public static final int DEFAULT_MAX_PER_DAY = 12;
    public static final AsPublished DEFAULTS = new AsPublished(DEFAULT_DELAY, DEFAULT_QUIET_PERIOD,
            DEFAULT_MAX_PER_DAY);

    public AsPublished {
        if (publishDelay.isNegative()) {
            throw new IllegalArgumentException("a publish delay cannot be negative: " + publishDelay);
        }
        if (quietPeriod.isNegative()) {
            throw new IllegalArgumentException("a quiet period cannot be negative: " + quietPeriod);
        }
        if (maxPerDay < 1) {
            throw new IllegalArgumentException("max-per-day must be at least 1, got " + maxPerDay);
        }
    }

    /** When the edition of waiting items is due: the quiet period after the latest, capped by the delay. */
    public Instant due(Instant firstArrived, Instant lastArrived) {
        Instant latest = firstArrived.plus(publishDelay);
        Instant quiet = lastArrived.plus(quietPeriod);
        return quiet.isBefore(latest) ? quiet : latest;
    }
}

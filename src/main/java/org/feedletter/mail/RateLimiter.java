package org.feedletter.mail;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import org.feedletter.limits.SlidingWindowLimit;

/**
 * Spaces sends out to stay under a provider's limits: per second (evenly spaced slots) and per hour (no more
 * than that many slots in any hour). Hands out slots, never sleeps itself: a caller told to wait longer than it
 * may hold its claimed rows gets no slot and puts its rows back until {@link #nextFree()}. Shared by all delivery
 * workers of one node; each node keeps its own count.
 *
 * <p>Per second is pacing (a gap after each slot), not a count in a window; per hour is a count in a sliding
 * window, a {@link SlidingWindowLimit} of one key whose events are the slots handed out.
 */
final class RateLimiter {

    private static final Duration HOUR = Duration.ofHours(1);
    private static final String SLOTS = "slots";

    private final Duration between;
    private final SlidingWindowLimit perHour; // null: no hourly limit
    private final InstantSource clock;
    private Instant nextSlot = Instant.MIN;

    /** @param perSecond 0 for no limit; @param perHour 0 for no limit */
    RateLimiter(double perSecond, int perHour, InstantSource clock) {
        this.between = perSecond > 0 ? Duration.ofNanos((long) (1_000_000_000L / perSecond)) : Duration.ZERO;
        this.perHour = perHour > 0 ? new SlidingWindowLimit(perHour, HOUR, clock) : null;
        this.clock = clock;
    }

    boolean limits() {
        return !between.isZero() || perHour != null;
    }

    /**
     * Takes the next free slot if it comes within {@code maxWait}.
     *
     * @return when this message may go (now or a moment from now), or empty when the next slot is further off;
     *     then nothing is taken
     */
    synchronized Optional<Instant> reserve(Duration maxWait) {
        Instant now = clock.instant();
        Instant slot = earliestSlot(now);
        if (slot.isAfter(now.plus(maxWait))) {
            return Optional.empty();
        }
        nextSlot = slot.plus(between);
        if (perHour != null) {
            perHour.acquireAt(SLOTS, slot);
        }
        return Optional.of(slot);
    }

    /** When the next message may go. */
    synchronized Instant nextFree() {
        return earliestSlot(clock.instant());
    }

    private Instant earliestSlot(Instant now) {
        Instant slot = nextSlot.isAfter(now) ? nextSlot : now;
        return perHour == null ? slot : perHour.nextFree(SLOTS, slot);
    }
}

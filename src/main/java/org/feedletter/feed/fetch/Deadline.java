package org.feedletter.feed.fetch;

import java.time.Duration;

/**
 * The overall time budget of one fetch, on the monotonic clock: host slot, headers, body and every
 * redirect draw from it.
 */
record Deadline(long startNanos, long endNanos, Duration budget) {

    static Deadline startingAt(long startNanos, Duration budget) {
        long budgetNanos = budget.compareTo(Duration.ofDays(365)) > 0 ? Duration.ofDays(365).toNanos() : budget.toNanos();
        return new Deadline(startNanos, startNanos + budgetNanos, budget);
    }

    long remainingNanos() {
        return endNanos - System.nanoTime();
    }

    Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}

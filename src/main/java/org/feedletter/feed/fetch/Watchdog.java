package org.feedletter.feed.fetch;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.feedletter.config.Durations;

/**
 * Stops bodies that take too long: past the fetch's deadline, or with no byte for the read timeout.
 * One timer thread serves the whole fetcher; each body is looked at only when one of its limits could
 * have passed. The wait for the response head is bounded by the client's own request timeout, set to
 * the same limits; a stop before the head only takes effect once the head arrives.
 */
final class Watchdog implements AutoCloseable {

    private final ScheduledThreadPoolExecutor timer;
    private final Duration readTimeout;

    Watchdog(Duration readTimeout, ThreadFactory threads) {
        this.readTimeout = readTimeout;
        this.timer = new ScheduledThreadPoolExecutor(1, threads);
        timer.setRemoveOnCancelPolicy(true); // most watches end early: drop them from the queue at once
    }

    /** Watches one body from now on; close the watch when the request is over. */
    Watch watch(CappedBodySubscriber body, Deadline deadline) {
        Watch watch = new Watch(body, deadline);
        watch.checkIn(Math.min(deadline.remainingNanos(), readTimeout.toNanos()));
        return watch;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    /** The watch over one body. */
    final class Watch implements AutoCloseable {
        private final CappedBodySubscriber body;
        private final Deadline deadline;
        private volatile ScheduledFuture<?> nextCheck;
        private volatile boolean over;

        private Watch(CappedBodySubscriber body, Deadline deadline) {
            this.body = body;
            this.deadline = deadline;
        }

        @Override
        public void close() {
            over = true;
            ScheduledFuture<?> check = nextCheck;
            if (check != null) {
                check.cancel(false);
            }
        }

        private void check() {
            if (over) {
                return;
            }
            long untilDeadline = deadline.remainingNanos();
            long untilIdle = readTimeout.toNanos() - (System.nanoTime() - body.lastActivityNanos());
            if (untilDeadline > 0 && untilIdle > 0) {
                checkIn(Math.min(untilDeadline, untilIdle));
                return;
            }
            Duration limit = untilDeadline <= 0 ? deadline.budget() : readTimeout;
            String doing = !body.headersArrived() ? "waiting for a response from" : untilDeadline <= 0 ? "reading" : "with no data reading";
            body.abort(new BodyTimeoutException("timed out after " + Durations.inSeconds(limit) + " " + doing));
        }

        private void checkIn(long nanos) {
            if (over) {
                return;
            }
            try {
                nextCheck = timer.schedule(this::check, nanos, TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                // The fetcher is closing: nothing is watched any more.
            }
        }
    }
}

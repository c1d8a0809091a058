package org.feedletter.feed.fetch;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/** Bounds the requests in flight to one host (lower-cased host:port); waiters are served first come, first served. */
final class HostLimiter {

    private final int perHost;
    private final ConcurrentMap<String, Semaphore> slots = new ConcurrentHashMap<>();

    HostLimiter(int perHost) {
        if (perHost < 1) {
            throw new IllegalArgumentException("perHostConcurrency must be at least 1, was " + perHost);
        }
        this.perHost = perHost;
    }

    /**
     * Waits for a slot to the host, at most until the deadline.
     *
     * @return the slot, to close when the request is over; null when the deadline passed first
     */
    Slot acquire(String hostKey, Deadline deadline) throws InterruptedException {
        // A fair semaphore's timed tryAcquire keeps arrival order, unlike the untimed one.
        Semaphore semaphore = slots.computeIfAbsent(hostKey, key -> new Semaphore(perHost, true));
        return semaphore.tryAcquire(Math.max(0, deadline.remainingNanos()), TimeUnit.NANOSECONDS)
                ? new Slot(semaphore)
                : null;
    }

    /** One request's right to talk to a host; closing gives it back. */
    record Slot(Semaphore semaphore) implements AutoCloseable {
        @Override
        public void close() {
            semaphore.release();
        }
    }
}

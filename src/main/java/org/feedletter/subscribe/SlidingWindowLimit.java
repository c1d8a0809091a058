package org.feedletter.subscribe;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * At most {@code limit} events per key in any window of {@code window}, e.g. sign-ups per client address per
 * hour. Kept in memory on each node (a form flood hits one node's limit first), with a bounded number of keys.
 */
final class SlidingWindowLimit {

    private static final int MAX_KEYS = 100_000;

    private final int limit;
    private final Duration window;
    private final InstantSource clock;
    private final Map<String, Deque<Instant>> events = new LinkedHashMap<>();

    SlidingWindowLimit(int limit, Duration window, InstantSource clock) {
        this.limit = limit;
        this.window = window;
        this.clock = clock;
    }

    /** Counts one event for the key; false (and not counted) when the key has used up its window. */
    synchronized boolean tryAcquire(String key) {
        Instant now = clock.instant();
        Instant since = now.minus(window);
        Deque<Instant> times = events.computeIfAbsent(key, k -> new ArrayDeque<>());
        while (!times.isEmpty() && !times.peekFirst().isAfter(since)) {
            times.pollFirst();
        }
        if (times.size() >= limit) {
            return false;
        }
        times.addLast(now);
        if (events.size() > MAX_KEYS) {
            forgetIdle(since);
        }
        return true;
    }

    private void forgetIdle(Instant since) {
        for (Iterator<Deque<Instant>> it = events.values().iterator(); it.hasNext(); ) {
            Deque<Instant> times = it.next();
            if (times.isEmpty() || !times.peekLast().isAfter(since)) {
                it.remove();
            }
        }
        while (events.size() > MAX_KEYS) { // all busy: drop the oldest keys rather than grow without bound
            events.remove(events.keySet().iterator().next());
        }
    }
}

package org.feedletter.limits;

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
 * hour, or mails sent per hour (one key). An event counts now ({@link #tryAcquire}), or at an instant the caller
 * chose, no earlier than {@link #nextFree} said ({@link #acquireAt}): a send reserved a moment ahead. Kept in
 * memory on each node (a form flood hits one node's limit first), with a bounded number of keys.
 */
public final class SlidingWindowLimit {

    static final int MAX_KEYS = 100_000;

    private final int limit;
    private final Duration window;
    private final InstantSource clock;
    private final int maxKeys;
    /** Per key, its last {@code limit} events at most, oldest first: older ones can no longer refuse anything. */
    private final Map<String, Deque<Instant>> events = new LinkedHashMap<>();

    /** @param limit 1 or more */
    public SlidingWindowLimit(int limit, Duration window, InstantSource clock) {
        this(limit, window, clock, MAX_KEYS);
    }

    SlidingWindowLimit(int limit, Duration window, InstantSource clock, int maxKeys) {
        if (limit < 1) {
            throw new IllegalArgumentException("a limit of " + limit + " events: 1 or more");
        }
        this.limit = limit;
        this.window = window;
        this.clock = clock;
        this.maxKeys = maxKeys;
    }

    /** Counts one event for the key now; false (and not counted) when the key has used up its window. */
    public synchronized boolean tryAcquire(String key) {
        Instant now = clock.instant();
        if (nextFree(key, now).isAfter(now)) {
            return false;
        }
        count(key, now, now);
        return true;
    }

    /**
     * The first instant from {@code notBefore} on at which one more event for the key stays within the limit: when
     * the {@code limit}-th latest event leaves the window (an event exactly {@code window} old no longer counts).
     */
    public synchronized Instant nextFree(String key, Instant notBefore) {
        Deque<Instant> times = events.get(key);
        if (times == null || times.size() < limit) {
            return notBefore;
        }
        Instant free = times.peekFirst().plus(window);
        return free.isAfter(notBefore) ? free : notBefore;
    }

    /**
     * Counts one event for the key at {@code at}, without checking: the caller got {@code at} from {@link #nextFree}
     * (or later), and counts the key's events in time order.
     */
    public synchronized void acquireAt(String key, Instant at) {
        count(key, at, clock.instant());
    }

    private void count(String key, Instant at, Instant now) {
        Deque<Instant> times = events.computeIfAbsent(key, k -> new ArrayDeque<>());
        times.addLast(at);
        if (times.size() > limit) {
            times.pollFirst();
        }
        if (events.size() > maxKeys) {
            forgetIdle(now.minus(window));
        }
    }

    private void forgetIdle(Instant since) {
        for (Iterator<Deque<Instant>> it = events.values().iterator(); it.hasNext(); ) {
            Deque<Instant> times = it.next();
            if (times.isEmpty() || !times.peekLast().isAfter(since)) {
                it.remove();
            }
        }
        while (events.size() > maxKeys) { // all busy: drop the oldest keys rather than grow without bound
            events.remove(events.keySet().iterator().next());
        }
    }
}

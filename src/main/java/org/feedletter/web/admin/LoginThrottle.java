package org.feedletter.web.admin;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing: after {@link #MAX_FAILURES} wrong passwords from one client address within the window,
 * that address may not try again until the oldest of them leaves the window.
 */
final class LoginThrottle {

    static final int MAX_FAILURES = 10;
    private static final Duration WINDOW = Duration.ofMinutes(15);
    private static final int MAX_ADDRESSES = 10_000;

    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    /** How long the address must wait, or empty when it may try. */
    Optional<Duration> waitFor(String address, Instant now) {
        Deque<Instant> recent = failures.get(address);
        if (recent == null) {
            return Optional.empty();
        }
        synchronized (recent) {
            dropOld(recent, now);
            if (recent.size() < MAX_FAILURES) {
                return Optional.empty();
            }
            return Optional.of(Duration.between(now, recent.peekFirst().plus(WINDOW)));
        }
    }

    void failed(String address, Instant now) {
        if (failures.size() > MAX_ADDRESSES) {
            failures.values().removeIf(recent -> {
                synchronized (recent) {
                    dropOld(recent, now);
                    return recent.isEmpty();
                }
            });
        }
        Deque<Instant> recent = failures.computeIfAbsent(address, a -> new ArrayDeque<>());
        synchronized (recent) {
            dropOld(recent, now);
            recent.addLast(now);
        }
    }

    void succeeded(String address) {
        failures.remove(address);
    }

    private static void dropOld(Deque<Instant> recent, Instant now) {
        while (!recent.isEmpty() && !recent.peekFirst().plus(WINDOW).isAfter(now)) {
            recent.removeFirst();
        }
    }
}

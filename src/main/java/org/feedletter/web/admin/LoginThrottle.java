package org.feedletter.web.admin;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing without locking the owner out. Attempts are counted per bucket: a client network (an
 * IPv4 address, an IPv6 /64), or a browser that has logged in before (its known-device cookie, see
 * {@link AdminAuth#knownDevice}), so guesses from anywhere else never slow the owner's own browser, and guesses from
 * one address never slow another. The first {@value #FREE_FAILURES} wrong passwords in a row cost nothing (typos);
 * from then on each makes its bucket wait before the next attempt, twice as long each time: 30 s, 1 min, 2 min, ...
 * up to 15 min. An attempt during the wait is refused without its password being checked, so that waiting is the
 * only way on. A bucket is forgotten on a success, and an hour after its last failure.
 *
 * <p>There is no global limit across buckets: one would let anyone lock the owner out, which is the attack it is
 * meant to stop. Guessing from many addresses is bounded per address (about 4 guesses an hour each once slowed), by
 * the admin password's 12 characters at least, and shows in the log (every wrong password is a warning).
 *
 * <p>Not a count in a sliding window ({@code limits.SlidingWindowLimit}): failures in a row, reset by a success, and
 * a window would forget a slow guesser's count.
 */
final class LoginThrottle {

    static final int FREE_FAILURES = 5;
    static final Duration FIRST_WAIT = Duration.ofSeconds(30);
    static final Duration MAX_WAIT = Duration.ofMinutes(15);
    static final Duration FORGET_AFTER = Duration.ofHours(1);
    private static final int MAX_BUCKETS = 10_000;

    /** Failed attempts in a row, and when the last one was made. */
    private record Failures(int count, Instant last) {}

    private final Map<String, Failures> buckets = new ConcurrentHashMap<>();

    /**
     * Empty when the bucket may try now; the attempt then counts as failed until {@link #succeeded} says otherwise,
     * so that attempts sent at once cannot all slip in before the first is answered. Else how long it must wait.
     */
    Optional<Duration> attempt(String bucket, Instant now) {
        if (buckets.size() >= MAX_BUCKETS) {
            prune(now);
        }
        Duration[] wait = {Duration.ZERO};
        buckets.compute(bucket, (key, failures) -> {
            if (failures != null && !failures.last().plus(FORGET_AFTER).isAfter(now)) {
                failures = null;
            }
            if (failures != null) {
                Instant next = failures.last().plus(waitAfter(failures.count()));
                if (next.isAfter(now)) {
                    wait[0] = Duration.between(now, next);
                    return failures;
                }
            }
            return new Failures(failures == null ? 1 : failures.count() + 1, now);
        });
        return wait[0].isZero() ? Optional.empty() : Optional.of(wait[0]);
    }

    /** The right password: the bucket starts afresh. */
    void succeeded(String bucket) {
        buckets.remove(bucket);
    }

    /** How long a bucket waits after this many failures in a row. */
    static Duration waitAfter(int failures) {
        if (failures < FREE_FAILURES) {
            return Duration.ZERO;
        }
        Duration wait = FIRST_WAIT.multipliedBy(1L << Math.min(failures - FREE_FAILURES, 20));
        return wait.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait;
    }

    /**
     * Keeps memory bounded when many addresses try: forgotten buckets go first, then those not waiting (they lose
     * their count, not their wait).
     */
    private void prune(Instant now) {
        buckets.values().removeIf(f -> !f.last().plus(FORGET_AFTER).isAfter(now));
        if (buckets.size() >= MAX_BUCKETS) {
            buckets.values().removeIf(f -> !f.last().plus(waitAfter(f.count())).isAfter(now));
        }
    }
}

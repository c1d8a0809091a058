package org.feedletter.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.time.Instant;
import org.feedletter.testing.MutableClock;
import org.junit.jupiter.api.Test;

/** At most so many events per key in any window; time is the test's clock, moved by hand. */
class SlidingWindowLimitTest {

    private static final Duration HOUR = Duration.ofHours(1);

    private final MutableClock clock = MutableClock.at("2026-11-26T10:00:00Z");
    private final Instant start = clock.instant();

    @Test
    void atMostTheLimitPerKeyInAnyWindow() {
        SlidingWindowLimit limit = new SlidingWindowLimit(3, HOUR, clock);
        for (int i = 0; i < 3; i++) {
            assertThat(limit.tryAcquire("192.0.2.1")).as("event " + (i + 1)).isTrue();
            clock.advance(Duration.ofMinutes(10));
        }

        assertThat(limit.tryAcquire("192.0.2.1")).isFalse();
        assertThat(limit.tryAcquire("192.0.2.2")).as("another key").isTrue();
        clock.set(start.plus(HOUR).minusMillis(1));
        assertThat(limit.tryAcquire("192.0.2.1")).as("the first event is still in the window").isFalse();
        clock.set(start.plus(HOUR));
        assertThat(limit.tryAcquire("192.0.2.1")).as("an event exactly a window old no longer counts").isTrue();
        assertThat(limit.tryAcquire("192.0.2.1")).isFalse();
        clock.set(start.plus(Duration.ofMinutes(70)));
        assertThat(limit.tryAcquire("192.0.2.1")).isTrue();
    }

    @Test
    void aRefusedEventIsNotCounted() {
        SlidingWindowLimit limit = new SlidingWindowLimit(2, HOUR, clock);
        limit.tryAcquire("a");
        limit.tryAcquire("a");
        for (int i = 0; i < 10; i++) {
            clock.advance(Duration.ofMinutes(5));
            assertThat(limit.tryAcquire("a")).isFalse();
        }

        clock.set(start.plus(HOUR));
        assertThat(limit.tryAcquire("a")).isTrue();
        assertThat(limit.tryAcquire("a")).isTrue();
        assertThat(limit.tryAcquire("a")).isFalse();
    }

    @Test
    void nextFreeSaysWhenTheLimitThLatestEventLeavesTheWindowAndEventsMayBeCountedAhead() {
        SlidingWindowLimit limit = new SlidingWindowLimit(2, HOUR, clock);
        assertThat(limit.nextFree("k", start)).isEqualTo(start);

        limit.acquireAt("k", start.plus(Duration.ofMinutes(5)));
        assertThat(limit.nextFree("k", start)).as("one of two used").isEqualTo(start);
        limit.acquireAt("k", start.plus(Duration.ofMinutes(10)));

        assertThat(limit.nextFree("k", start)).isEqualTo(start.plus(Duration.ofMinutes(65)));
        assertThat(limit.nextFree("k", start.plus(Duration.ofHours(2)))).isEqualTo(start.plus(Duration.ofHours(2)));
        assertThat(limit.tryAcquire("k")).as("counted ahead, so none left now").isFalse();
        assertThat(limit.nextFree("other", start)).isEqualTo(start);

        limit.acquireAt("k", start.plus(Duration.ofMinutes(65)));
        assertThat(limit.nextFree("k", start)).as("the latest two count").isEqualTo(start.plus(Duration.ofMinutes(70)));
    }

    @Test
    void manyKeysAreBoundedForgettingIdleKeysFirstThenTheOldest() {
        SlidingWindowLimit idle = new SlidingWindowLimit(1, HOUR, clock, 2);
        idle.tryAcquire("a");
        clock.advance(Duration.ofHours(2));
        idle.tryAcquire("b");
        idle.tryAcquire("c"); // a third key: a, idle, goes
        assertThat(idle.tryAcquire("b")).as("still counted").isFalse();
        assertThat(idle.tryAcquire("c")).as("still counted").isFalse();

        SlidingWindowLimit busy = new SlidingWindowLimit(1, HOUR, clock, 2);
        busy.tryAcquire("a");
        busy.tryAcquire("b");
        busy.tryAcquire("c"); // none idle: the oldest key, a, goes
        assertThat(busy.tryAcquire("b")).isFalse();
        assertThat(busy.tryAcquire("c")).isFalse();
        assertThat(busy.tryAcquire("a")).as("forgotten, the price of the bound").isTrue();
    }

    @Test
    void aLimitIsOneOrMore() {
        assertThatIllegalArgumentException().isThrownBy(() -> new SlidingWindowLimit(0, HOUR, clock));
    }
}

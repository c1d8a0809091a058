package org.feedletter.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.feedletter.testing.MutableClock;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private final MutableClock clock = MutableClock.at("2026-11-26T10:00:00Z");
    private final Instant start = clock.instant();
    private static final Duration LONG = Duration.ofDays(1);

    @Test
    void withoutLimitsEverySlotIsNow() {
        RateLimiter limiter = new RateLimiter(0, 0, clock);

        assertThat(limiter.limits()).isFalse();
        assertThat(limiter.reserve(Duration.ZERO)).contains(start);
        assertThat(limiter.reserve(Duration.ZERO)).contains(start);
    }

    @Test
    void perSecondSlotsAreEvenlySpaced() {
        RateLimiter limiter = new RateLimiter(4, 0, clock);

        for (int i = 0; i < 8; i++) {
            assertThat(limiter.reserve(LONG)).contains(start.plusMillis(250L * i));
        }
    }

    @Test
    void aQuietSpellDoesNotSaveUpABurst() {
        RateLimiter limiter = new RateLimiter(4, 0, clock);
        limiter.reserve(LONG);
        clock.advance(Duration.ofMinutes(1));

        assertThat(limiter.reserve(LONG)).contains(clock.instant());
        assertThat(limiter.reserve(LONG)).contains(clock.instant().plusMillis(250));
    }

    @Test
    void aSlotFurtherOffThanTheCallerMayWaitIsNotTakenAndNextFreeSaysWhen() {
        RateLimiter limiter = new RateLimiter(1, 0, clock);
        limiter.reserve(LONG);
        limiter.reserve(LONG);

        assertThat(limiter.reserve(Duration.ofMillis(1500))).isEmpty();
        assertThat(limiter.nextFree()).isEqualTo(start.plusSeconds(2));
        assertThat(limiter.reserve(Duration.ofSeconds(2))).contains(start.plusSeconds(2));
    }

    @Test
    void perHourAllowsThatManyInAnyHour() {
        RateLimiter limiter = new RateLimiter(0, 3, clock);
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.reserve(Duration.ZERO)).contains(start.plus(Duration.ofMinutes(10L * i)));
            clock.advance(Duration.ofMinutes(10));
        }

        assertThat(limiter.reserve(Duration.ofMinutes(1))).isEmpty();
        assertThat(limiter.nextFree()).isEqualTo(start.plus(Duration.ofHours(1)));
        clock.set(start.plus(Duration.ofHours(1)));
        assertThat(limiter.reserve(Duration.ZERO)).contains(start.plus(Duration.ofHours(1)));
        assertThat(limiter.nextFree()).isEqualTo(start.plus(Duration.ofMinutes(70)));
    }

    @Test
    void bothLimitsTogetherTakeTheLaterSlot() {
        RateLimiter limiter = new RateLimiter(2, 2, clock);

        assertThat(limiter.reserve(LONG)).contains(start);
        assertThat(limiter.reserve(LONG)).contains(start.plusMillis(500));
        assertThat(limiter.reserve(LONG)).contains(start.plus(Duration.ofHours(1)));
    }
}

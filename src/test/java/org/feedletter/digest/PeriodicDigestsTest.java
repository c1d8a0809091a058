package org.feedletter.digest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.feedletter.config.SubscriptionSettings;
import org.feedletter.store.StoredSubscriber.Frequency;
import org.junit.jupiter.api.Test;

/** When daily and weekly digests are due, in each subscriber's own time zone. */
class PeriodicDigestsTest {

    private final PeriodicDigests digests = new PeriodicDigests(null, new SubscriptionSettings(Duration.ofHours(48),
            Duration.ofMinutes(10), 20, 5, ZoneOffset.UTC, 8, DayOfWeek.MONDAY), "example.org", Instant::now);

    @Test
    void aDailyDigestIsDueAtTheNextLocalHourInTheSubscribersZone() {
        Instant now = Instant.parse("2026-11-26T10:00:00Z"); // 11:00 in Oslo, 19:00 in Tokyo
        assertThat(digests.nextAfter(now, ZoneId.of("Europe/Oslo"), Frequency.DAILY))
                .isEqualTo(Instant.parse("2026-11-27T07:00:00Z"));
        assertThat(digests.nextAfter(now, ZoneId.of("Asia/Tokyo"), Frequency.DAILY))
                .isEqualTo(Instant.parse("2026-11-26T23:00:00Z"));
        assertThat(digests.nextAfter(now, ZoneId.of("America/New_York"), Frequency.DAILY))
                .as("05:00 there: today at 08:00").isEqualTo(Instant.parse("2026-11-26T13:00:00Z"));
    }

    @Test
    void aWeeklyDigestIsDueOnTheConfiguredDay() {
        Instant thursday = Instant.parse("2026-11-26T10:00:00Z");
        assertThat(digests.nextAfter(thursday, ZoneId.of("Europe/Oslo"), Frequency.WEEKLY))
                .isEqualTo(Instant.parse("2026-11-30T07:00:00Z"));
        Instant mondayMorning = Instant.parse("2026-11-30T06:00:00Z"); // 07:00 in Oslo
        assertThat(digests.nextAfter(mondayMorning, ZoneId.of("Europe/Oslo"), Frequency.WEEKLY))
                .isEqualTo(Instant.parse("2026-11-30T07:00:00Z"));
        assertThat(digests.nextAfter(Instant.parse("2026-11-30T07:00:00Z"), ZoneId.of("Europe/Oslo"), Frequency.WEEKLY))
                .isEqualTo(Instant.parse("2026-12-07T07:00:00Z"));
    }

    @Test
    void theHourFollowsDaylightSavingTime() {
        Instant beforeSwitch = Instant.parse("2026-03-28T12:00:00Z"); // the clocks go forward in Oslo on the 29th
        assertThat(digests.nextAfter(beforeSwitch, ZoneId.of("Europe/Oslo"), Frequency.DAILY))
                .isEqualTo(Instant.parse("2026-03-29T06:00:00Z"));
    }
}

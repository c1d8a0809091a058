package org.feedletter.feed.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

    private static final Instant NOW = Instant.parse("2025-06-02T08:00:00Z");

    @Test
    void delaySecondsCountFromNow() {
        assertThat(RetryAfter.parse("120", NOW)).isEqualTo(NOW.plusSeconds(120));
        assertThat(RetryAfter.parse(" 0 ", NOW)).isEqualTo(NOW);
    }

    @Test
    void httpDateIsTakenAsIs() {
        assertThat(RetryAfter.parse("Mon, 02 Jun 2025 09:30:00 GMT", NOW)).isEqualTo(Instant.parse("2025-06-02T09:30:00Z"));
    }

    @Test
    void absentOrUnreadableValueGivesNoInstant() {
        assertThat(RetryAfter.parse(null, NOW)).isNull();
        assertThat(RetryAfter.parse("", NOW)).isNull();
        assertThat(RetryAfter.parse("soon", NOW)).isNull();
        assertThat(RetryAfter.parse("-5", NOW)).isNull();
    }

    @Test
    void absurdlyLongWaitIsCutToThirtyDays() {
        assertThat(RetryAfter.parse("99999999999999999999", NOW)).isEqualTo(NOW.plus(Duration.ofDays(30)));
        assertThat(RetryAfter.parse("Fri, 01 Jan 2100 00:00:00 GMT", NOW)).isEqualTo(NOW.plus(Duration.ofDays(30)));
    }
}

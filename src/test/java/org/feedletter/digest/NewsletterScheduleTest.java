package org.feedletter.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class NewsletterScheduleTest {

    private static final ZoneId STOCKHOLM = ZoneId.of("Europe/Stockholm");
    private final NewsletterSchedule daily = new NewsletterSchedule("0 0 8 * * ?", STOCKHOLM);

    @Test
    void aNewsletterThatNeverSentIsDueAtOnce() {
        Instant now = Instant.parse("2026-11-26T15:00:00Z");
        assertThat(daily.dueSlot(null, now)).contains(now);
    }

    @Test
    void nextSlotIsEvaluatedInTheNewslettersTimeZone() {
        // 08:00 in Stockholm in November (CET) is 07:00 UTC.
        assertThat(daily.nextSlot(Instant.parse("2026-11-26T00:00:00Z"))).contains(Instant.parse("2026-11-26T07:00:00Z"));
        // In June (CEST) it is 06:00 UTC.
        assertThat(daily.nextSlot(Instant.parse("2026-06-10T00:00:00Z"))).contains(Instant.parse("2026-06-10T06:00:00Z"));
    }

    @Test
    void notDueBeforeTheNextSlot() {
        Instant last = Instant.parse("2026-11-26T07:00:00Z");
        assertThat(daily.dueSlot(last, Instant.parse("2026-11-27T06:59:59Z"))).isEmpty();
        assertThat(daily.dueSlot(last, Instant.parse("2026-11-27T07:00:00Z"))).contains(Instant.parse("2026-11-27T07:00:00Z"));
    }

    @Test
    void slotsMissedWhileDownCollapseIntoTheLatest() {
        Instant last = Instant.parse("2026-11-20T07:00:00Z");
        assertThat(daily.dueSlot(last, Instant.parse("2026-11-26T12:00:00Z"))).contains(Instant.parse("2026-11-26T07:00:00Z"));
    }

    @Test
    void aBadCronExpressionIsRefusedWithItsText() {
        assertThatThrownBy(() -> new NewsletterSchedule("0 0 25 * * ?", STOCKHOLM))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0 0 25 * * ?");
    }
}

package org.feedletter.digest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.feedletter.config.AsPublished;
import org.feedletter.config.Include;
import org.feedletter.config.NewsletterConfig;
import org.junit.jupiter.api.Test;

/** Cron expressions as an operator says them, and the next edition in the newsletter's own zone. */
class ScheduleInWordsTest {

    @Test
    void theEverydayFormsAreSaidInWords() {
        assertThat(ScheduleInWords.of("0 0 8 * * ?")).hasValue("every day at 08:00");
        assertThat(ScheduleInWords.of("0 30 7 ? * MON-FRI")).hasValue("weekdays at 07:30");
        assertThat(ScheduleInWords.of("0 0 12 ? * THU,MON")).hasValue("Mondays and Thursdays at 12:00");
        assertThat(ScheduleInWords.of("0 0 9 ? * MON,WED,FRI")).hasValue("Mondays, Wednesdays and Fridays at 09:00");
        assertThat(ScheduleInWords.of("0 0 9 1 * ?")).hasValue("on day 1 of each month at 09:00");
        assertThat(ScheduleInWords.of("0 0 */2 * * ?")).hasValue("every 2 hours");
        assertThat(ScheduleInWords.of("0 0/30 * * * ?")).hasValue("every 30 minutes");
    }

    @Test
    void anythingElseIsLeftAsWritten() {
        assertThat(ScheduleInWords.of("0 0 8 ? * 2#1")).isEmpty();
        assertThat(ScheduleInWords.of("0 0 8 * 1 ?")).isEmpty();
        assertThat(ScheduleInWords.of("15 0 8 * * ?")).isEmpty();
        assertThat(ScheduleInWords.of("0 0 8 L * ?")).isEmpty();
    }

    @Test
    void theNextEditionIsInTheNewslettersZone() {
        Instant now = Instant.parse("2026-12-05T09:00:00Z"); // a Saturday, 10:00 in Stockholm

        assertThat(ScheduleInWords.nextRun("0 0 8 ? * MON-FRI", ZoneId.of("Europe/Stockholm"), now))
                .hasValue("Mon 7 Dec 2026, 08:00 CET");
        assertThat(ScheduleInWords.nextRun("0 0 8 * * ?", ZoneId.of("America/New_York"), now))
                .hasValue("Sat 5 Dec 2026, 08:00 EST");
    }

    @Test
    void anAsPublishedNewsletterSaysItsDelayAndItsCap() {
        NewsletterConfig breaking = new NewsletterConfig("breaking", "Breaking", null, new Include(List.of()),
                NewsletterConfig.AS_PUBLISHED, ZoneId.of("Europe/Stockholm"), 10);

        assertThat(ScheduleInWords.of(breaking)).hasValue("as published, 30 s after the latest piece (within 2 min), at most 12 a day");
        assertThat(ScheduleInWords.nextRun(breaking, Instant.parse("2026-12-05T09:00:00Z")))
                .hasValue("as matching items arrive");
        assertThat(ScheduleInWords.asPublished(new AsPublished(Duration.ZERO, Duration.ofSeconds(30), 30)))
                .isEqualTo("as published, at once, at most 30 a day");
        assertThat(ScheduleInWords.asPublished(new AsPublished(Duration.ofSeconds(90), Duration.ofSeconds(90), 1)))
                .isEqualTo("as published, within 90 s, at most 1 a day");
        assertThat(ScheduleInWords.asPublished(new AsPublished(Duration.ofSeconds(150), Duration.ofSeconds(150), 12)))
                .isEqualTo("as published, within 2 min 30 s, at most 12 a day");
        assertThat(ScheduleInWords.asPublished(new AsPublished(Duration.ofHours(1), Duration.ofMinutes(2), 12)))
                .isEqualTo("as published, 2 min after the latest piece (within 1 h), at most 12 a day");
        assertThat(ScheduleInWords.asPublished(new AsPublished(Duration.ofMinutes(2), Duration.ZERO, 12)))
                .isEqualTo("as published, at once, at most 12 a day");
    }

    @Test
    void aCronNewsletterIsSaidByItsExpression() {
        NewsletterConfig daily = new NewsletterConfig("daily", "Daily", null, new Include(List.of()), "0 0 8 * * ?",
                ZoneId.of("Europe/Stockholm"), 10);

        assertThat(ScheduleInWords.of(daily)).hasValue("every day at 08:00");
        assertThat(ScheduleInWords.nextRun(daily, Instant.parse("2026-12-05T09:00:00Z")))
                .hasValue("Sun 6 Dec 2026, 08:00 CET");
    }
}

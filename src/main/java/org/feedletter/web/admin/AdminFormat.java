package org.feedletter.web.admin;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.feedletter.config.Durations;

/** Times as the admin pages show them: UTC to the minute, and how long ago or ahead. */
final class AdminFormat {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private AdminFormat() {}

    /** "2026-11-26 10:00 UTC", or "" for none. */
    static String time(Instant instant) {
        return instant == null ? "" : MINUTE.format(instant);
    }

    /** "5 min ago", "in 2 h", "3 days ago", "now"; "never" for none: {@link Durations#relative} in short words. */
    static String relative(Instant instant, Instant now) {
        return Durations.relative(instant, now, Durations.Units.SHORT_WORDS);
    }
}

package org.feedletter.web.admin;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Times as the admin pages show them: UTC to the minute, and how long ago or ahead. */
final class AdminFormat {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private AdminFormat() {}

    /** "2026-11-26 10:00 UTC", or "" for none. */
    static String time(Instant instant) {
        return instant == null ? "" : MINUTE.format(instant);
    }

    /** "5 min ago", "in 2 h", "now"; "never" for none. */
    static String relative(Instant instant, Instant now) {
        if (instant == null) {
            return "never";
        }
        Duration between = Duration.between(now, instant);
        String amount = amount(between.abs());
        if (amount.isEmpty()) {
            return "now";
        }
        return between.isNegative() ? amount + " ago" : "in " + amount;
    }

    private static String amount(Duration d) {
        if (d.toMinutes() < 1) {
            return "";
        }
        if (d.toHours() < 2) {
            return d.toMinutes() + " min";
        }
        if (d.toDays() < 2) {
            return d.toHours() + " h";
        }
        return d.toDays() + " days";
    }
}

package org.feedletter.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Times as the commands print them: how long ago or ahead ("5m ago", "in 2h"), or UTC to the minute. */
final class Times {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm'Z'")
            .withZone(ZoneOffset.UTC);

    private Times() {}

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

    static String utc(Instant instant) {
        return instant == null ? "" : MINUTE.format(instant);
    }

    private static String amount(Duration d) {
        if (d.toMinutes() < 1) {
            return "";
        }
        if (d.toHours() < 2) {
            return d.toMinutes() + "m";
        }
        if (d.toDays() < 2) {
            return d.toHours() + "h";
        }
        return d.toDays() + "d";
    }
}

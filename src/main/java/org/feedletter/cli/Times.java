package org.feedletter.cli;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.feedletter.config.Durations;

/** Times as the commands print them: how long ago or ahead ("5m ago", "in 2h"), or UTC to the minute. */
final class Times {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm'Z'")
            .withZone(ZoneOffset.UTC);

    private Times() {}

    /** "5m ago", "in 2h", "3d ago", "now", "never": {@link Durations#relative} in the config's letters. */
    static String relative(Instant instant, Instant now) {
        return Durations.relative(instant, now, Durations.Units.LETTERS);
    }

    static String utc(Instant instant) {
        return instant == null ? "" : MINUTE.format(instant);
    }
}

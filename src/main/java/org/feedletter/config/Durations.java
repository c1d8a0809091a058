package org.feedletter.config;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as text, every way feedletter writes one, and reads them as people write them in config files.
 *
 * <ul>
 *   <li>The config's notation, read and written: {@link #parse} and {@link #format} ({@code 500ms}, {@code 30m},
 *       {@code 1h30m}, {@code PT30M}); what {@code format} writes loads back.
 *   <li>Roughly, in the largest unit there are two of: {@link #roughly} ("7 h", "90 s"), and how long ago or ahead
 *       with {@link #relative} ("5m ago", "in 2 h", "now"), in the {@link Units} of the place that shows it.
 *   <li>In words, for a sentence: {@link #inWords} ("2 days", "1 hour", "45 seconds").
 *   <li>To two units, for evidence: {@link #toTwoUnits} ("1d 6h", "2h 5m").
 *   <li>In seconds, for timeouts and timings: {@link #inSeconds} ("250 ms", "2.5 s", "120 s").
 * </ul>
 */
public final class Durations {

    public static final String EXPECTED = "a duration like 500ms, 10s, 30m, 2h, 2d or PT30M";

    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");
    private static final Pattern PARTS = Pattern.compile("(?:\\d+(?:ms|s|m|h|d))+");

    private Durations() {}

    /** @throws IllegalArgumentException with {@link #EXPECTED} when the text is no duration */
    public static Duration parse(String text) {
        String trimmed = text.strip().toLowerCase(Locale.ROOT);
        try {
            if (trimmed.startsWith("p")) {
                return Duration.parse(trimmed.toUpperCase(Locale.ROOT));
            }
            if (PARTS.matcher(trimmed).matches()) {
                return sumOfParts(trimmed);
            }
        } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
            // falls through to the one message that says what is expected
        }
        throw new IllegalArgumentException(EXPECTED);
    }

    private static Duration sumOfParts(String text) {
        Duration total = Duration.ZERO;
        Matcher part = PART.matcher(text);
        while (part.find()) {
            long amount = Long.parseLong(part.group(1));
            total = total.plus(switch (part.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            });
        }
        return total;
    }

    /** 30m, 1h30m, 2d, 500ms: the way {@link #parse} takes them back. */
    public static String format(Duration duration) {
        if (duration.isZero()) {
            return "0s";
        }
        StringBuilder text = new StringBuilder();
        long[] parts = {duration.toDays(), duration.toHoursPart(), duration.toMinutesPart(), duration.toSecondsPart(),
            duration.toMillisPart()};
        String[] units = {"d", "h", "m", "s", "ms"};
        for (int i = 0; i < parts.length; i++) {
            if (parts[i] > 0) {
                text.append(parts[i]).append(units[i]);
            }
        }
        return text.toString();
    }

    /** The names of the units of {@link #roughly} and {@link #relative}. */
    public enum Units {
        /** "5m", "3h", "2d", "40s": the config's letters, as the command line prints them. */
        LETTERS("s", "m", "h", "d"),
        /** "5 min", "3 h", "2 days", "40 s": as the admin pages and the outbox's messages say them. */
        SHORT_WORDS(" s", " min", " h", " days");

        private final String second;
        private final String minute;
        private final String hour;
        private final String day;

        Units(String second, String minute, String hour, String day) {
            this.second = second;
            this.minute = minute;
            this.hour = hour;
            this.day = day;
        }
    }

    /** In the largest unit there are two of, rounded down: "3 days", "7 h", "10 min", "90 s" (or "3d", ...). */
    public static String roughly(Duration duration, Units units) {
        return largestUnit(duration, false, units);
    }

    /**
     * How long ago or ahead, in the largest unit there are two of, from minutes up (rounded down): "5m ago", "in 2h",
     * "3d ago" ({@link Units#LETTERS}), "5 min ago", "in 2 h", "3 days ago" ({@link Units#SHORT_WORDS}); "now" within
     * a minute either way, "never" for none.
     */
    public static String relative(Instant instant, Instant now, Units units) {
        if (instant == null) {
            return "never";
        }
        Duration between = Duration.between(now, instant);
        if (between.abs().toMinutes() < 1) {
            return "now";
        }
        String amount = largestUnit(between.abs(), true, units);
        return between.isNegative() ? amount + " ago" : "in " + amount;
    }

    private static String largestUnit(Duration d, boolean fromMinutes, Units units) {
        if (d.toDays() >= 2) {
            return d.toDays() + units.day;
        }
        if (d.toHours() >= 2) {
            return d.toHours() + units.hour;
        }
        return fromMinutes || d.toMinutes() >= 2 ? d.toMinutes() + units.minute : d.toSeconds() + units.second;
    }

    /**
     * For a sentence, rounded down: "2 days" (whole days from two on), "1 hour", "36 hours", "1 minute",
     * "30 minutes", "45 seconds". A caller that must not say less than it means (a wait) rounds up first.
     */
    public static String inWords(Duration duration) {
        long hours = duration.toHours();
        if (hours >= 48 && hours % 24 == 0) {
            return hours / 24 + " days";
        }
        if (hours >= 1) {
            return count(hours, "hour");
        }
        long minutes = duration.toMinutes();
        return minutes >= 1 ? count(minutes, "minute") : count(duration.toSeconds(), "second");
    }

    private static String count(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }

    /** "3d 4h", "2h 5m", "40m", "40s": the largest unit and, from hours up, the next, in the config's letters. */
    public static String toTwoUnits(Duration duration) {
        if (duration.toDays() > 0) {
            return duration.toDays() + "d " + duration.toHoursPart() + "h";
        }
        if (duration.toHours() > 0) {
            return duration.toHours() + "h " + duration.toMinutesPart() + "m";
        }
        return duration.toMinutes() > 0 ? duration.toMinutes() + "m" : duration.toSeconds() + "s";
    }

    /** "250 ms" under a second, "2.5 s" to a tenth under ten, else whole seconds ("10 s", "120 s"). */
    public static String inSeconds(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis < 10_000 && millis % 1000 != 0) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        return Math.round(millis / 1000.0) + " s";
    }
}

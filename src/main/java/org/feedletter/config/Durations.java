package org.feedletter.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads (and writes) durations as people write them in config files: {@code 500ms}, {@code 30m}, {@code 1h30m}, {@code PT30M}. */
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
}

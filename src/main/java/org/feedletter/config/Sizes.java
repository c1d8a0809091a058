package org.feedletter.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Byte sizes: read from the config (plain bytes, or {@code 512KB}, {@code 10MB}, {@code 1GB} counted in 1024s), and
 * written for people in messages ("10 MB", "64 KB").
 */
public final class Sizes {

    static final String EXPECTED = "a size like 1048576, 512KB, 10MB or 1GB";

    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(b|kb|mb|gb)?");

    private Sizes() {}

    /** @throws IllegalArgumentException with {@link #EXPECTED} when the text is no size */
    static long parse(String text) {
        Matcher matcher = SIZE.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new IllegalArgumentException(EXPECTED);
        }
        long unit = switch (matcher.group(2) == null ? "b" : matcher.group(2)) {
            case "kb" -> 1024L;
            case "mb" -> 1024L * 1024;
            case "gb" -> 1024L * 1024 * 1024;
            default -> 1L;
        };
        try {
            return Math.multiplyExact(Long.parseLong(matcher.group(1)), unit);
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException(EXPECTED + " (this one is too large)");
        }
    }

    /** As a person reads it in a message: "10 MB", "64 KB", "1000 bytes" (whole units only). */
    public static String inWords(long bytes) {
        long kb = 1024;
        long mb = kb * kb;
        if (bytes >= mb && bytes % mb == 0) {
            return bytes / mb + " MB";
        }
        if (bytes >= kb && bytes % kb == 0) {
            return bytes / kb + " KB";
        }
        return bytes + " bytes";
    }
}

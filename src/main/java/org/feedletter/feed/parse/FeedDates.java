package org.feedletter.feed.parse;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the dates feeds carry: RFC 822 as RSS writes it (with named zones such as CEST or MSK, two-digit
 * years, missing weekdays) and RFC 3339 / ISO 8601 as Atom and JSON Feed write it. Strict about the calendar
 * (31 February is no date), tolerant about the spelling. Hand-written because it runs for every entry.
 */
final class FeedDates {

    /** Zone names seen in feeds, as the fixed offsets their writers mean. */
    private static final Map<String, ZoneOffset> ZONES = Map.ofEntries(
            Map.entry("Z", ZoneOffset.UTC), Map.entry("UT", ZoneOffset.UTC), Map.entry("UTC", ZoneOffset.UTC),
            Map.entry("GMT", ZoneOffset.UTC), Map.entry("WET", ZoneOffset.UTC), Map.entry("WEST", hours(1)),
            Map.entry("BST", hours(1)), Map.entry("CET", hours(1)), Map.entry("MET", hours(1)),
            Map.entry("MEZ", hours(1)), Map.entry("CEST", hours(2)), Map.entry("MEST", hours(2)),
            Map.entry("MESZ", hours(2)), Map.entry("EET", hours(2)), Map.entry("EEST", hours(3)),
            Map.entry("MSK", hours(3)), Map.entry("MSD", hours(4)), Map.entry("IST", ZoneOffset.ofHoursMinutes(5, 30)),
            Map.entry("ICT", hours(7)), Map.entry("WIB", hours(7)), Map.entry("HKT", hours(8)),
            Map.entry("SGT", hours(8)), Map.entry("AWST", hours(8)), Map.entry("JST", hours(9)),
            Map.entry("KST", hours(9)), Map.entry("ACST", ZoneOffset.ofHoursMinutes(9, 30)),
            Map.entry("AEST", hours(10)), Map.entry("AEDT", hours(11)), Map.entry("NZST", hours(12)),
            Map.entry("NZDT", hours(13)), Map.entry("NST", ZoneOffset.ofHoursMinutes(-3, -30)),
            Map.entry("AST", hours(-4)), Map.entry("ADT", hours(-3)), Map.entry("EST", hours(-5)),
            Map.entry("EDT", hours(-4)), Map.entry("CST", hours(-6)), Map.entry("CDT", hours(-5)),
            Map.entry("MST", hours(-7)), Map.entry("MDT", hours(-6)), Map.entry("PST", hours(-8)),
            Map.entry("PDT", hours(-7)), Map.entry("AKST", hours(-9)), Map.entry("AKDT", hours(-8)),
            Map.entry("HST", hours(-10)));

    private static final String MONTHS = "janfebmaraprmayjunjulaugsepoctnovdec";

    private FeedDates() {}

    /** The instant a feed date names, or null when there is none or it cannot be read. */
    static Instant parse(String text) {
        if (text == null) {
            return null;
        }
        String s = text.strip();
        if (s.length() < 6) {
            return null;
        }
        try {
            return isIso(s) ? parseIso(s) : parseRfc822(s);
        } catch (DateTimeException | NumberFormatException | IndexOutOfBoundsException e) {
            return null;
        }
    }

    private static boolean isIso(String s) {
        return s.length() >= 10 && isDigit(s.charAt(0)) && s.charAt(4) == '-' && s.charAt(7) == '-';
    }

    /** 2024-06-05, 2024-06-05T14:30Z, 2024-06-05 14:30:00.123+02:00, 2024-06-05t14:30:00+0200. */
    private static Instant parseIso(String s) {
        int year = number(s, 0, 4);
        int month = number(s, 5, 2);
        int day = number(s, 8, 2);
        int hour = 0;
        int minute = 0;
        int second = 0;
        int nano = 0;
        int i = 10;
        if (i < s.length() && (s.charAt(i) == 'T' || s.charAt(i) == 't' || s.charAt(i) == ' ')) {
            hour = number(s, i + 1, 2);
            expect(s, i + 3, ':');
            minute = number(s, i + 4, 2);
            i += 6;
            if (i < s.length() && s.charAt(i) == ':') {
                second = number(s, i + 1, 2);
                i += 3;
                if (i < s.length() && (s.charAt(i) == '.' || s.charAt(i) == ',')) {
                    int start = ++i;
                    while (i < s.length() && isDigit(s.charAt(i))) {
                        i++;
                    }
                    nano = fraction(s, start, i);
                }
            }
        }
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        ZoneOffset offset = i == s.length() ? ZoneOffset.UTC : zone(s.substring(i));
        if (offset == null) {
            return null;
        }
        return LocalDateTime.of(year, month, day, hour, minute, second, nano).toInstant(offset);
    }

    /** Tue, 10 Jun 2003 04:00:00 GMT and its relatives: any order of day, month name, year, time and zone. */
    private static Instant parseRfc822(String s) {
        int paren = s.indexOf('(');
        String text = paren > 0 ? s.substring(0, paren) : s; // "GMT+0200 (Central European Summer Time)"
        int day = -1;
        int month = -1;
        int year = -1;
        int[] time = null;
        boolean pm = false;
        boolean am = false;
        ZoneOffset offset = ZoneOffset.UTC;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == ' ' || c == ',' || c == '\t' || c == '\n' || c == '\r') {
                i++;
                continue;
            }
            int end = tokenEnd(text, i);
            String token = text.substring(i, end);
            i = end;
            if (isDigit(c) && token.indexOf(':') > 0) {
                time = clock(token);
            } else if (isDigit(c)) {
                int n = Integer.parseInt(token);
                if (day < 0 && token.length() <= 2 && n <= 31) {
                    day = n;
                } else if (year < 0) {
                    year = token.length() <= 2 ? (n < 50 ? 2000 + n : 1900 + n) : n;
                }
            } else if (c == '+' || c == '-') {
                offset = requireZone(token);
            } else {
                String lower = token.toLowerCase(Locale.ROOT);
                int m = lower.length() >= 3 ? MONTHS.indexOf(lower.substring(0, 3)) : -1;
                if (m >= 0 && m % 3 == 0 && month < 0) {
                    month = m / 3 + 1;
                } else if (lower.equals("pm") || lower.equals("am")) {
                    pm = lower.equals("pm");
                    am = !pm;
                } else {
                    ZoneOffset named = zone(token);
                    offset = named != null ? named : offset; // weekday names and unknown words are ignored
                }
            }
        }
        if (day < 0 || month < 0 || year < 0) {
            return null;
        }
        int hour = time == null ? 0 : time[0];
        if (pm && hour < 12) {
            hour += 12;
        } else if (am && hour == 12) {
            hour = 0;
        }
        LocalDateTime local = time == null ? LocalDateTime.of(year, month, day, 0, 0)
                : LocalDateTime.of(year, month, day, hour, time[1], time[2]);
        return local.toInstant(offset);
    }

    private static int tokenEnd(String s, int start) {
        int i = start + 1;
        while (i < s.length() && " ,\t\n\r".indexOf(s.charAt(i)) < 0) {
            i++;
        }
        return i;
    }

    /** 4:05, 04:05:09, 04:05:09.123 (fraction dropped). */
    private static int[] clock(String token) {
        int[] hms = new int[3];
        int part = 0;
        int value = 0;
        for (int i = 0; i < token.length() && part < 3; i++) {
            char c = token.charAt(i);
            if (isDigit(c)) {
                value = value * 10 + (c - '0');
            } else if (c == ':') {
                hms[part++] = value;
                value = 0;
            } else {
                break;
            }
        }
        if (part < 3) {
            hms[part] = value;
        }
        return hms;
    }

    private static ZoneOffset requireZone(String token) {
        ZoneOffset offset = zone(token);
        if (offset == null) {
            throw new DateTimeException("unknown zone " + token);
        }
        return offset;
    }

    /** Z, GMT, CEST, +02:00, +0200, -05, GMT+2, UTC+05:30; null when unknown. */
    private static ZoneOffset zone(String token) {
        String upper = token.toUpperCase(Locale.ROOT);
        ZoneOffset named = ZONES.get(upper);
        if (named != null) {
            return named;
        }
        int sign = Math.max(upper.indexOf('+'), upper.indexOf('-'));
        if (sign < 0 || (sign > 0 && !ZONES.containsKey(upper.substring(0, sign)))) {
            return null;
        }
        String digits = upper.substring(sign + 1).replace(":", "");
        if (digits.isEmpty() || digits.length() > 4 || !digits.chars().allMatch(FeedDates::isDigit)) {
            return null;
        }
        int split = digits.length() <= 2 ? digits.length() : digits.length() - 2; // "2", "02", "0200", "530"
        int hours = Integer.parseInt(digits.substring(0, split));
        int minutes = split == digits.length() ? 0 : Integer.parseInt(digits.substring(split));
        int direction = upper.charAt(sign) == '-' ? -1 : 1;
        return ZoneOffset.ofHoursMinutes(direction * hours, direction * minutes);
    }

    private static int number(String s, int start, int length) {
        int value = 0;
        for (int i = start; i < start + length; i++) {
            char c = s.charAt(i);
            if (!isDigit(c)) {
                throw new DateTimeException("not a digit at " + i);
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static int fraction(String s, int start, int end) {
        int nano = 0;
        for (int i = start; i < start + 9; i++) {
            nano = nano * 10 + (i < end ? s.charAt(i) - '0' : 0);
        }
        return nano;
    }

    private static void expect(String s, int index, char c) {
        if (s.charAt(index) != c) {
            throw new DateTimeException("expected " + c + " at " + index);
        }
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private static ZoneOffset hours(int hours) {
        return ZoneOffset.ofHours(hours);
    }
}

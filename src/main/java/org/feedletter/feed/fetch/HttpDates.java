package org.feedletter.feed.fetch;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** HTTP-dates (RFC 9110, "Sun, 06 Nov 1994 08:49:37 GMT"), as read and written by the fetcher. */
final class HttpDates {

    // RFC_1123_DATE_TIME would write "6 Nov"; HTTP wants the two-digit day.
    private static final DateTimeFormatter WRITER =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private HttpDates() {}

    static String format(Instant instant) {
        return WRITER.format(instant);
    }

    /** The instant, or null when the text is not an HTTP-date. */
    static Instant parse(String text) {
        try {
            return Instant.from(DateTimeFormatter.RFC_1123_DATE_TIME.parse(text.trim()));
        } catch (DateTimeException e) {
            return null;
        }
    }
}

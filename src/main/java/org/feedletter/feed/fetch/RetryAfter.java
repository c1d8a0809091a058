package org.feedletter.feed.fetch;

import java.time.Instant;

/** Reads a Retry-After header: delta-seconds ("120") or an HTTP-date. */
final class RetryAfter {

    // A longer wait than this is taken as this: a host may not silence a feed for years.
    private static final long LONGEST_WAIT_SECONDS = 30L * 24 * 3600;

    private RetryAfter() {}

    /** When the host may be asked again, or null when the header is absent or unreadable. */
    static Instant parse(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.trim();
        if (value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return now.plusSeconds(value.length() > 12 ? LONGEST_WAIT_SECONDS : Math.min(Long.parseLong(value), LONGEST_WAIT_SECONDS));
        }
        Instant date = HttpDates.parse(value);
        if (date == null) {
            return null;
        }
        Instant latest = now.plusSeconds(LONGEST_WAIT_SECONDS);
        return date.isAfter(latest) ? latest : date;
    }
}

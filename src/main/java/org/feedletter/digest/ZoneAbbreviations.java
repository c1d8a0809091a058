package org.feedletter.digest;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * English short names of time zones ("CET", "CEST") for digest dates.
 *
 * <p>The JDK (17) derives a zone's English short name the first time it is asked for, in place in a shared array; two
 * threads asking at once can leave it as "GMT+01:00" for the rest of the process. Digests render on several threads,
 * so every lookup here goes through one lock, and each answer is kept.
 */
final class ZoneAbbreviations {

    private static final DateTimeFormatter SHORT_NAME = DateTimeFormatter.ofPattern("z", Locale.ENGLISH);
    private static final Object FIRST_LOOKUP = new Object();
    private static final Map<String, String> KNOWN = new ConcurrentHashMap<>();

    private ZoneAbbreviations() {
    }

    static String of(ZonedDateTime time) {
        boolean summer = time.getZone().getRules().isDaylightSavings(time.toInstant());
        String key = time.getZone().getId() + (summer ? "/summer" : "/standard");
        String known = KNOWN.get(key);
        if (known != null) {
            return known;
        }
        synchronized (FIRST_LOOKUP) {
            return KNOWN.computeIfAbsent(key, k -> SHORT_NAME.format(time));
        }
    }
}

package org.feedletter.config;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.ZoneId;

/**
 * Signing up and periodic digests.
 *
 * @param confirmWithin how long a confirmation link works
 * @param resendAfter a confirmation is sent again for a pending address at most once per this interval
 * @param perClientPerHour sign-up form submissions one client address may make in an hour
 * @param perAddressPerHour sign-up requests for one email address in an hour
 * @param defaultTimeZone what the form proposes when the browser does not say
 * @param digestHour the local hour (0-23) at which daily and weekly digests go out, in each subscriber's zone
 * @param weeklyOn the day weekly digests go out
 */
public record SubscriptionSettings(
        Duration confirmWithin,
        Duration resendAfter,
        int perClientPerHour,
        int perAddressPerHour,
        ZoneId defaultTimeZone,
        int digestHour,
        DayOfWeek weeklyOn) {

    public static SubscriptionSettings defaults() {
        return new SubscriptionSettings(Duration.ofHours(48), Duration.ofMinutes(10), 20, 5, ZoneId.of("UTC"), 8,
                DayOfWeek.MONDAY);
    }
}

package org.feedletter.config;

import java.time.ZoneId;

/**
 * A newsletter: which items it takes and when an edition goes out.
 *
 * @param schedule a Quartz cron expression, evaluated in {@code timeZone}
 * @param maxItems items listed in one edition; the rest are counted and linked
 * @param exclude items matching any of these rules are left out, whatever {@code include} says
 * @param updates whether later digests list substantive updates of items already sent
 * @param dropTitlePrefix whether headings and subjects leave out a title prefix its include names ("Quick Comment:
 *     " in a Quick Comment digest, which says it already)
 */
public record NewsletterConfig(
        String id,
        String title,
        String description,
        Include include,
        String schedule,
        ZoneId timeZone,
        int maxItems,
        FilterRules exclude,
        UpdateListing updates,
        boolean dropTitlePrefix) {

    public static final int DEFAULT_MAX_ITEMS = 100;

    /** A newsletter that excludes nothing its include takes. */
    public NewsletterConfig(String id, String title, String description, Include include, String schedule,
            ZoneId timeZone, int maxItems) {
        this(id, title, description, include, schedule, timeZone, maxItems, FilterRules.NONE);
    }

    /** A newsletter that does not list updates. */
    public NewsletterConfig(String id, String title, String description, Include include, String schedule,
            ZoneId timeZone, int maxItems, FilterRules exclude) {
        this(id, title, description, include, schedule, timeZone, maxItems, exclude, UpdateListing.OFF);
    }

    /** A newsletter that shows titles whole. */
    public NewsletterConfig(String id, String title, String description, Include include, String schedule,
            ZoneId timeZone, int maxItems, FilterRules exclude, UpdateListing updates) {
        this(id, title, description, include, schedule, timeZone, maxItems, exclude, updates, false);
    }

    /** The same newsletter listing updates as {@code updates} says. */
    public NewsletterConfig withUpdates(UpdateListing updates) {
        return new NewsletterConfig(id, title, description, include, schedule, timeZone, maxItems, exclude, updates,
                dropTitlePrefix);
    }
}

package org.feedletter.config;

import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;

/**
 * A newsletter: which items it takes and when an edition goes out.
 *
 * @param schedule a Quartz cron expression, evaluated in {@code timeZone}; or {@link #AS_PUBLISHED}, an edition
 *     as matching items arrive ({@code asPublished} says how)
 * @param maxItems items listed in one edition; the rest are counted and linked
 * @param exclude items matching any of these rules are left out, whatever {@code include} says
 * @param updates whether later digests list substantive updates of items already sent
 * @param dropTitlePrefix whether headings and subjects leave out a title prefix its include names ("Quick Comment:
 *     " in a Quick Comment digest, which says it already)
 * @param asPublished the delay, quiet period and daily cap of an as-published newsletter; present exactly when
 *     {@code schedule} is {@link #AS_PUBLISHED}
 * @param language the language of its digests, confirmation mails and pages (a BCP 47 tag in the file, {@code en}
 *     by default): their fixed words, date forms and text direction
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
        boolean dropTitlePrefix,
        Optional<AsPublished> asPublished,
        Locale language) {

    public static final int DEFAULT_MAX_ITEMS = 100;
    /** The schedule of a newsletter built as items arrive, instead of a cron expression. */
    public static final String AS_PUBLISHED = "as-published";
    /** The language of a newsletter whose config names none. */
    public static final Locale DEFAULT_LANGUAGE = Locale.ENGLISH;

    public NewsletterConfig {
        if (asPublished == null || asPublished.isPresent() != AS_PUBLISHED.equals(schedule)) {
            throw new IllegalArgumentException("newsletter " + id + ": an as-published newsletter needs its settings, "
                    + "and only it has them (schedule '" + schedule + "', " + asPublished + ")");
        }
        if (language == null) {
            throw new IllegalArgumentException("newsletter " + id + ": a language is required");
        }
    }

    /** An English newsletter with these settings. */
    public NewsletterConfig(String id, String title, String description, Include include, String schedule,
            ZoneId timeZone, int maxItems, FilterRules exclude, UpdateListing updates, boolean dropTitlePrefix,
            Optional<AsPublished> asPublished) {
        this(id, title, description, include, schedule, timeZone, maxItems, exclude, updates, dropTitlePrefix,
                asPublished, DEFAULT_LANGUAGE);
    }

    /**
     * A newsletter with the given title-prefix setting; an as-published one ({@code schedule} {@link #AS_PUBLISHED})
     * with the default delay and cap.
     */
    public NewsletterConfig(String id, String title, String description, Include include, String schedule,
            ZoneId timeZone, int maxItems, FilterRules exclude, UpdateListing updates, boolean dropTitlePrefix) {
        this(id, title, description, include, schedule, timeZone, maxItems, exclude, updates, dropTitlePrefix,
                AS_PUBLISHED.equals(schedule) ? Optional.of(AsPublished.DEFAULTS) : Optional.empty());
    }

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
                dropTitlePrefix, asPublished, language);
    }

    /** The same newsletter built as items arrive, with this delay and cap. */
    public NewsletterConfig withAsPublished(AsPublished settings) {
        return new NewsletterConfig(id, title, description, include, AS_PUBLISHED, timeZone, maxItems, exclude,
                updates, dropTitlePrefix, Optional.of(settings), language);
    }

    /** The same newsletter in another language. */
    public NewsletterConfig withLanguage(Locale language) {
        return new NewsletterConfig(id, title, description, include, schedule, timeZone, maxItems, exclude, updates,
                dropTitlePrefix, asPublished, language);
    }

    /** Whether editions go out as items arrive rather than on a cron schedule. */
    public boolean isAsPublished() {
        return asPublished.isPresent();
    }
}

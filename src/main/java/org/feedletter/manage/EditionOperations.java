package org.feedletter.manage;

import java.time.ZoneId;
import java.util.List;
import java.util.function.Supplier;
import org.feedletter.config.NewsletterConfig;
import org.feedletter.digest.DigestRenderer.TemplateProblem;
import org.feedletter.digest.EditionBuilder;
import org.feedletter.digest.EditionOutcome;
import org.feedletter.digest.EditionPreview;
import org.feedletter.digest.PeriodicDigests;
import org.feedletter.metrics.FeedletterMetrics;
import org.feedletter.store.OperatorViews;
import org.feedletter.store.OperatorViews.BouncedAddress;
import org.feedletter.store.OperatorViews.EditionDelivery;

/**
 * Editions as an operator builds, previews and follows them: what {@code feedletter digest}, {@code status}, the
 * admin pages and the build tick call. Every edition built is counted in the metrics.
 */
public final class EditionOperations {

    private final OperatorViews views;
    private final Supplier<EditionBuilder> builder;
    private final Supplier<EditionPreview> preview;
    private final Supplier<PeriodicDigests> periodicDigests;
    private final Supplier<FeedletterMetrics> metrics;

    public EditionOperations(OperatorViews views, Supplier<EditionBuilder> builder, Supplier<EditionPreview> preview,
            Supplier<PeriodicDigests> periodicDigests, Supplier<FeedletterMetrics> metrics) {
        this.views = views;
        this.builder = builder;
        this.preview = preview;
        this.periodicDigests = periodicDigests;
        this.metrics = metrics;
    }

    /** Builds the newsletter's edition now, whatever its schedule, and queues it for its subscribers. */
    public EditionOutcome buildNow(NewsletterConfig newsletter) {
        return metrics.get().recordEdition(builder.get().buildNow(newsletter));
    }

    /** Builds the editions whose schedule is due; queued for sending only when {@code send}. */
    public List<EditionOutcome> buildDue(boolean send) {
        return metrics.get().recordEditions(builder.get().buildDue(send));
    }

    /** Builds the as-published newsletters' editions that are due, queued for sending (after items arrive). */
    public List<EditionOutcome> buildAsPublished() {
        return metrics.get().recordEditions(builder.get().buildAsPublishedDue());
    }

    /** Whether any newsletter is built as items arrive ({@code schedule: as-published}). */
    public boolean hasAsPublished() {
        return builder.get().hasAsPublished();
    }

    /** Queues the daily and weekly digests that are due (part of every build tick). */
    public int queuePeriodicDigests() {
        return periodicDigests.get().queueDue();
    }

    /** The next edition as it would go to this reader (id 0 for a sample reader), building nothing. */
    public EditionPreview.Preview preview(NewsletterConfig newsletter, long subscriberId, String email, ZoneId zone)
            throws TemplateProblem {
        return preview.get().preview(newsletter, subscriberId, email, zone);
    }

    /** How many subscribers an edition of the newsletter would go to now. */
    public int recipients(String newsletterId) {
        return views.editionRecipients(newsletterId);
    }

    /** The latest editions of every newsletter, with how their messages fared. */
    public List<EditionDelivery> recent(int limit) {
        return views.recentEditions(limit);
    }

    /** The latest editions of one newsletter. */
    public List<EditionDelivery> of(String newsletterId, int limit) {
        return views.editions(newsletterId, limit);
    }

    /** The newsletter's subscribers whose mail bounces. */
    public List<BouncedAddress> bounced(String newsletterId, int limit) {
        return views.bounced(newsletterId, limit);
    }
}

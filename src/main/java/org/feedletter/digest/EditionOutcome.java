package org.feedletter.digest;

import java.time.Instant;

/**
 * What building a newsletter's edition did.
 *
 * @param slot the schedule slot handled, or null when none was due
 * @param editionId the edition built, or null when nothing was due or no item was new
 * @param items items in the edition (listed and counted)
 * @param queued messages queued for subscribers
 * @param updates items the edition lists as updated
 * @param waitingUntil for an as-published newsletter that is not due, when the items waiting for it will be: when
 *     the first of them has waited its delay, or the next day when today's cap is reached; null when none wait
 */
public record EditionOutcome(String newsletterId, Instant slot, Long editionId, int items, int queued, int updates,
        Instant waitingUntil) {

    public EditionOutcome(String newsletterId, Instant slot, Long editionId, int items, int queued, int updates) {
        this(newsletterId, slot, editionId, items, queued, updates, null);
    }

    public EditionOutcome(String newsletterId, Instant slot, Long editionId, int items, int queued) {
        this(newsletterId, slot, editionId, items, queued, 0);
    }

    static EditionOutcome notDue(String newsletterId) {
        return new EditionOutcome(newsletterId, null, null, 0, 0);
    }

    /** An as-published newsletter whose matching items wait until {@code until}. */
    static EditionOutcome waiting(String newsletterId, Instant until) {
        return new EditionOutcome(newsletterId, null, null, 0, 0, 0, until);
    }

    public boolean due() {
        return slot != null;
    }

    public boolean built() {
        return editionId != null;
    }
}

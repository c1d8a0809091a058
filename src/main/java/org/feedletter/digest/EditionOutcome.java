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
 */
public record EditionOutcome(String newsletterId, Instant slot, Long editionId, int items, int queued, int updates) {

    public EditionOutcome(String newsletterId, Instant slot, Long editionId, int items, int queued) {
        this(newsletterId, slot, editionId, items, queued, 0);
    }

    static EditionOutcome notDue(String newsletterId) {
        return new EditionOutcome(newsletterId, null, null, 0, 0);
    }

    public boolean due() {
        return slot != null;
    }

    public boolean built() {
        return editionId != null;
    }
}

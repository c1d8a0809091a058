package org.feedletter.store;

import java.time.Instant;

/**
 * An edition of a newsletter: the items it took in one schedule slot.
 *
 * @param state "sent" (queued for its subscribers) or "skipped" (recorded as seen, not mailed)
 * @param itemCount items listed in it
 * @param moreCount items beyond max-items, counted and linked
 */
public record StoredEdition(long id, String newsletterId, Instant slotAt, Instant builtAt, String state, int itemCount,
        int moreCount) {}

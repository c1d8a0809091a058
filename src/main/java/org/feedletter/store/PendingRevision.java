package org.feedletter.store;

import java.time.Instant;

/** A revision of an item a newsletter already sent, which none of its editions listed as an update yet. */
public record PendingRevision(long revisionId, long itemId, Instant revisedAt, String oldTitle, boolean titleChanged,
        double textChange) {}

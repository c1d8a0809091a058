package org.feedletter.store;

import java.time.Instant;

/**
 * An update of a stored item that changed its title's or its text's words, as ingest measured it.
 *
 * @param oldTitle the title before the update
 * @param titleChanged the title's words changed, not only its case, spacing or punctuation
 * @param textChange the share of the text's words the update changed: 0 none, 1 all
 */
public record ItemRevision(long itemId, Instant revisedAt, String oldTitle, boolean titleChanged, double textChange) {}

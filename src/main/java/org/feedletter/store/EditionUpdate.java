package org.feedletter.store;

/**
 * An item an edition lists as updated, and what changed, as decided when the edition was built.
 *
 * @param revisionId the latest revision the listing covers; earlier ones are covered too
 * @param oldTitle the title readers last saw, when the title changed; else null
 */
public record EditionUpdate(long itemId, long revisionId, boolean titleChanged, String oldTitle, boolean textRevised) {}

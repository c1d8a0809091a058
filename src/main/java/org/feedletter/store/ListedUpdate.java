package org.feedletter.store;

/** An updated item as a digest shows it: the item as it is now and what changed since readers saw it. */
public record ListedUpdate(StoredItem item, boolean titleChanged, String oldTitle, boolean textRevised) {}

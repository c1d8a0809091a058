package org.feedletter.store;

/**
 * One stored entry of an item: provenance, facts and evidence, as ingest reads them back to decide and to work out
 * what the item shows.
 *
 * @param feedUrl the URL of the feed that carried it (the same on every node; ties between entries go by it)
 * @param seq the identity lock's number of the transaction that last wrote it
 * @param facts its facts; {@code contentHtml} is null unless it was asked for
 * @param hasContent whether it has HTML: in its row, or (see {@code factsInItem}) as the item's
 * @param factsInItem its facts and HTML are its item's, stored once in the item's row, not in its own: the entry the
 *     item shows, as long as nothing made it show another (an item's first entry, and its only one at first)
 */
public record StoredEntry(ItemSource source, String feedUrl, long seq, ItemDraft facts, StoredEvidence evidence,
        boolean hasContent, boolean factsInItem) {

    public long itemId() {
        return source.itemId();
    }
}

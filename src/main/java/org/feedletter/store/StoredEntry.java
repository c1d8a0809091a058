package org.feedletter.store;

/**
 * One stored entry of an item: provenance, facts and evidence, as ingest reads them back to decide and to work out
 * what the item shows.
 *
 * @param feedUrl the URL of the feed that carried it (the same on every node; ties between entries go by it)
 * @param seq the identity lock's number of the transaction that last wrote it
 * @param facts its facts; {@code contentHtml} is null unless it was asked for
 * @param hasContent whether it has HTML: in its row, or (its item's only entry) as the item's
 */
public record StoredEntry(ItemSource source, String feedUrl, long seq, ItemDraft facts, StoredEvidence evidence,
        boolean hasContent) {

    public long itemId() {
        return source.itemId();
    }
}

package org.feedletter.store;

/**
 * One feed entry as ingest writes it: its provenance (which item, by which rule), its facts and its evidence.
 *
 * @param alone the entry creates its item alone: its facts and HTML are the item's own, stored once there (they are
 *     copied into its row when the item is to show another entry, {@code EntryWrites.keepItemFactsInEntries});
 *     its row holds its evidence, its URL and its time
 * @param keepsContent whether the entry's HTML goes into its row (not when alone, and not for a copy whose text can
 *     never be the one its item shows)
 */
public record EntryRow(ItemSource source, ItemDraft facts, StoredEvidence evidence, boolean alone,
        boolean keepsContent) {}

package org.feedletter.store;

import java.time.Instant;

/**
 * One feed entry as ingest writes it: its provenance (which item, by which rule), its facts and its evidence.
 *
 * @param facts the entry's own facts; its HTML is written only with {@code keepsContent}
 * @param keepsContent whether the entry's HTML goes into its row: once its item has more than one entry (an item's
 *     only entry's HTML is the item's own, stored once)
 */
public record EntryRow(ItemSource source, ItemDraft facts, StoredEvidence evidence, boolean keepsContent) {}

/**
 * Storing entries as the identity package decides: {@link org.feedletter.ingest.dedup.ItemIngestor} stores one
 * feed's normalized entries in one transaction, each distinct piece once. {@code IngestDecider} gathers the stored
 * items an entry may belong to (by URL from the tables, by text and title from the in-memory
 * {@code CandidateIndex}) and lets {@link org.feedletter.identity.Placement} decide; {@code IngestWriter} writes
 * the decision's rows, and {@code TouchedItems} makes every item it touched show what its entries say
 * ({@code ShownFacts}). Also what explains a decision afterwards
 * ({@link org.feedletter.ingest.dedup.ProvenanceLookup}). Knows nothing of fetching or polling: its callers hand it
 * entries.
 */
package org.feedletter.ingest.dedup;

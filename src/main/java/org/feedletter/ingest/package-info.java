/**
 * Polling and storing: {@link org.feedletter.ingest.FeedPoller} claims due feeds,
 * {@link org.feedletter.ingest.FeedRefresher} fetches, parses and normalizes one feed's entries, and
 * {@link org.feedletter.ingest.ItemIngestor} stores them as the identity package decides (deciding in
 * {@code IngestDecider}, writing in {@code IngestWriter}, candidates from the in-memory {@code CandidateIndex}).
 */
package org.feedletter.ingest;

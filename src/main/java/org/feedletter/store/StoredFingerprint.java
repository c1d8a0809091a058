package org.feedletter.store;

import java.time.Instant;

/**
 * An item's near-duplicate fingerprint as stored; ingest makes and compares it, this side only keeps it.
 *
 * @param titleWords the title's normalized words, space-separated
 * @param shingles the opening's shingle hashes as hex
 */
public record StoredFingerprint(long itemId, Instant published, String titleWords, String shingles, int words) {}

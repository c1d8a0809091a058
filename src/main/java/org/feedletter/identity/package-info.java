/**
 * Which piece an entry is. Pure functions, no database: the evidence an entry carries
 * ({@link org.feedletter.identity.EntryEvidence}), the pair matcher ({@link org.feedletter.identity.PieceMatcher}),
 * {@link org.feedletter.identity.Placement} (arriving entries and candidate pieces in, outcomes out, the same in
 * any order) and the representative whose facts an item shows.
 */
package org.feedletter.identity;

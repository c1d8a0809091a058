package org.feedletter.store;

import java.time.Instant;

/**
 * One feed's entry that carried an item: provenance, and the key that makes a re-poll idempotent.
 *
 * @param guid the feed's id for the entry, else its link, else a hash of title and date
 * @param rule why the entry joined its item: "new" when it created it, else the dedup rule that matched
 * @param evidence what the rule saw, in words and figures (the URL, the similarity); null for entries stored before
 */
public record ItemSource(long feedId, String guid, long itemId, String originalUrl, String versionHash, String rule,
        String evidence, Instant firstSeenAt) {}

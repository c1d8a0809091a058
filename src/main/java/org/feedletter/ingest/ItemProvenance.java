package org.feedletter.ingest;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.feedletter.store.StoredItem;

/**
 * Why an item is what it is: the entries that carried it, each with the dedup rule that joined it and what that rule
 * saw, and the other URLs it stands under. What {@code feedletter items why} prints and the admin's Items page shows.
 *
 * @param firstFeed the feed whose entry created the item
 * @param fingerprint empty when the item had too little text to compare
 * @param alsoUnder URLs other than the item's own that find it
 * @param sources oldest first
 */
public record ItemProvenance(StoredItem item, Feed firstFeed, Optional<Fingerprint> fingerprint, List<Alias> alsoUnder,
        List<Source> sources) {

    public ItemProvenance {
        alsoUnder = List.copyOf(alsoUnder);
        sources = List.copyOf(sources);
    }

    /** A feed by id, and its label while the feed is still stored (else null). */
    public record Feed(long id, String label) {}

    /** The part of the near-duplicate fingerprint a person can read: how much text, and the title's words. */
    public record Fingerprint(int words, String titleWords) {}

    /** @param declared true when the item names this URL as its original, false when a merged entry came from it */
    public record Alias(String url, boolean declared) {}

    /**
     * One entry that carried the item.
     *
     * @param originalUrl the entry's link as its feed gave it; null when it had none
     * @param rule "new" when it created the item, else the dedup rule that matched (see {@link ItemIngestor})
     * @param evidence what the rule saw; null for entries stored before evidence was kept
     */
    public record Source(Feed feed, String guid, String originalUrl, Instant firstSeenAt, String rule,
            String evidence) {}
}

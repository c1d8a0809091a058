package org.feedletter.ingest.dedup;

import java.time.Instant;
import java.util.List;
import org.feedletter.store.StoredItem;

/**
 * Why an item is what it is: the entries that carried it, each with the rule that joined it and what that rule saw,
 * what each entry carried (its title after folding, authors, texts, time), which entry the item shows and why, and
 * the other URLs it stands under. What {@code feedletter items why} prints and the admin's Items page shows.
 *
 * @param shownFrom the feed of the entry the item shows
 * @param whyShown why that entry was chosen (see the identity package's Representative)
 * @param alsoUnder URLs other than the item's own that find it
 * @param sources oldest first
 */
public record ItemProvenance(StoredItem item, Feed shownFrom, String whyShown, List<Alias> alsoUnder,
        List<Source> sources) {

    public ItemProvenance {
        alsoUnder = List.copyOf(alsoUnder);
        sources = List.copyOf(sources);
    }

    /** A feed by id, and its label while the feed is still stored (else null). */
    public record Feed(long id, String label) {}

    /** @param why "declared as its original", "a merged entry's URL" or "the id of an item merged into it" */
    public record Alias(String url, String why) {}

    /**
     * One entry that carried the item.
     *
     * @param originalUrl the entry's link as its feed gave it; null when it had none
     * @param rule "new" when it created the item, else the dedup rule that matched (see {@link ItemIngestor})
     * @param evidence what the rule saw; null for entries stored before evidence was kept
     * @param carried what the entry carried, for people: published time, title after folding, authors, texts, marks
     * @param shown whether the item shows this entry
     */
    public record Source(Feed feed, String guid, String originalUrl, Instant firstSeenAt, String rule,
            String evidence, Carried carried, boolean shown) {}

    /**
     * @param titleFolded the title as compared: folded, without its feed's affixes
     * @param authors the people named ("lindqvist:m"), or "nobody named"
     * @param texts the openings compared ("summary 24 words, text 60 words"), or "no text"
     * @param marks on its feed's site or not, and whether it says it is a copy
     */
    public record Carried(Instant published, String titleFolded, String authors, String texts, String marks) {}
}

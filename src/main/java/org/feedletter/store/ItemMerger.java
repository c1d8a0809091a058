package org.feedletter.store;

import java.util.List;
import org.jdbi.v3.core.Handle;

/** Folding one item into another in an ingest, when one entry turned out to be a copy of both. */
public final class ItemMerger {

    private final IngestTransaction tx;
    private final Handle h;

    ItemMerger(IngestTransaction tx, Handle h) {
        this.tx = tx;
        this.h = h;
    }

    /**
     * Folds item {@code absorbed} into {@code survivor}: one entry turned out to be a copy of both. Its entries,
     * URLs, revisions and edition listings move over (a newsletter that listed either listed the piece, so it
     * will not list it again), its public id becomes an alias of the survivor, and its row goes. The moved
     * entries are renumbered, so every process's candidate index learns where they went.
     */
    public void mergeInto(long survivor, long absorbed) {
        long seq = tx.lockNearDuplicates();
        h.createUpdate("INSERT INTO item_aliases (public_id, item_id, kind, url) SELECT i.public_id, :survivor, "
                        + "'merged', COALESCE(i.canonical_url, i.public_id) FROM items i WHERE i.id = :absorbed "
                        + "AND NOT EXISTS (SELECT 1 FROM item_aliases a WHERE a.public_id = i.public_id "
                        + "AND a.item_id = :survivor)")
                .bind("survivor", survivor).bind("absorbed", absorbed).execute();
        h.createUpdate("DELETE FROM item_aliases WHERE item_id = :absorbed AND public_id IN "
                        + "(SELECT public_id FROM item_aliases WHERE item_id = :survivor)")
                .bind("survivor", survivor).bind("absorbed", absorbed).execute();
        h.createUpdate("DELETE FROM edition_items WHERE item_id = :absorbed AND newsletter_id IN "
                        + "(SELECT newsletter_id FROM edition_items WHERE item_id = :survivor)")
                .bind("survivor", survivor).bind("absorbed", absorbed).execute();
        h.createUpdate("DELETE FROM edition_updates WHERE item_id = :absorbed AND edition_id IN "
                        + "(SELECT edition_id FROM edition_updates WHERE item_id = :survivor)")
                .bind("survivor", survivor).bind("absorbed", absorbed).execute();
        for (String table : List.of("item_aliases", "item_revisions", "edition_items", "edition_updates")) {
            h.createUpdate("UPDATE " + table + " SET item_id = :survivor WHERE item_id = :absorbed")
                    .bind("survivor", survivor).bind("absorbed", absorbed).execute();
        }
        h.createUpdate("UPDATE item_sources SET item_id = :survivor, seq = :seq WHERE item_id = :absorbed")
                .bind("survivor", survivor).bind("absorbed", absorbed).bind("seq", seq).execute();
        h.createUpdate("DELETE FROM items WHERE id = :absorbed").bind("absorbed", absorbed).execute();
    }
}

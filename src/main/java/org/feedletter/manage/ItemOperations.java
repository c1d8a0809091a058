package org.feedletter.manage;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.feedletter.ingest.dedup.ProvenanceLookup;
import org.feedletter.store.FeedStore;
import org.feedletter.store.ItemStore;
import org.feedletter.store.OperatorViews;
import org.feedletter.store.OperatorViews.ItemSummary;

/** Items as an operator looks into them: what {@code feedletter items} and the admin items page call. */
public final class ItemOperations {

    private final ProvenanceLookup lookup;
    private final OperatorViews views;

    public ItemOperations(ItemStore items, FeedStore feeds, OperatorViews views) {
        this.lookup = new ProvenanceLookup(items, feeds);
        this.views = views;
    }

    /** Finds items by id, public id or any URL they are known under, and tells which entries each joined and why. */
    public ProvenanceLookup lookup() {
        return lookup;
    }

    public List<ItemSummary> recent(int limit) {
        return views.recentItems(limit);
    }

    public List<ItemSummary> summaries(Collection<Long> ids) {
        return views.itemSummaries(ids);
    }

    public int[] publishedPerDay(Instant now, int days) {
        return views.itemsPublishedPerDay(now, days);
    }
}

package org.feedletter.store;

import static org.feedletter.store.IngestSql.chunks;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Reading items (and their feed's links) in an ingest: the items already under the arriving entries' URLs, the items
 * as they are now, their HTML, and their title and text before an update rewrites them.
 */
public final class ItemReads {

    /** A feed's URL and its site link (null when it gave none). */
    public record FeedLinks(String url, String siteLink) {}

    private final Handle h;

    ItemReads(Handle h) {
        this.h = h;
    }

    /** The feed's URL and the site link it last gave, if the feed is stored. */
    public Optional<FeedLinks> feedLinks(long feedId) {
        return h.createQuery("SELECT url, site_link FROM feeds WHERE id = :id")
                .bind("id", feedId)
                .map((rs, ctx) -> new FeedLinks(rs.getString(1), rs.getString(2)))
                .findOne();
    }

    /** Public id -> item id, for the public ids that already have an item. */
    public Map<String, Long> idsByPublicId(Collection<String> publicIds) {
        Map<String, Long> found = new HashMap<>();
        for (List<String> chunk : chunks(publicIds)) {
            h.createQuery("SELECT public_id, id FROM items WHERE public_id IN (<ids>)")
                    .bindList("ids", chunk)
                    .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2)))
                    .forEach(e -> found.put(e.getKey(), e.getValue()));
        }
        return found;
    }

    /** The items as they are now, with their HTML, by id. */
    public Map<Long, StoredItem> byIds(Collection<Long> itemIds) {
        Map<Long, StoredItem> found = new HashMap<>();
        for (List<Long> chunk : chunks(itemIds)) {
            h.createQuery("SELECT " + ItemStore.COLUMNS + " FROM items i WHERE i.id IN (<ids>)")
                    .bindList("ids", chunk)
                    .map(ItemStore::map)
                    .forEach(i -> found.put(i.id(), i));
        }
        return found;
    }

    /** The HTML the items show now. */
    public Map<Long, String> contents(Collection<Long> itemIds) {
        Map<Long, String> found = new HashMap<>();
        for (List<Long> chunk : chunks(itemIds)) {
            h.createQuery("SELECT id, content_html FROM items WHERE id IN (<ids>)")
                    .bindList("ids", chunk)
                    .map((rs, ctx) -> Map.entry(rs.getLong(1), Objects.requireNonNullElse(rs.getString(2), "")))
                    .forEach(e -> found.put(e.getKey(), e.getValue().isEmpty() ? null : e.getValue()));
        }
        return found;
    }

    /** The title and text of these items as stored now, before an update rewrites them; one query per chunk. */
    public Map<Long, ItemText> currentTexts(Collection<Long> itemIds) {
        Map<Long, ItemText> found = new HashMap<>();
        for (List<Long> chunk : chunks(itemIds)) {
            h.createQuery("SELECT id, title, content_html FROM items WHERE id IN (<ids>)")
                    .bindList("ids", chunk)
                    .map((rs, ctx) -> Map.entry(rs.getLong(1), new ItemText(rs.getString(2), rs.getString(3))))
                    .forEach(e -> found.put(e.getKey(), e.getValue()));
        }
        return found;
    }
}

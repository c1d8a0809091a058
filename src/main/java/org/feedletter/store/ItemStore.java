package org.feedletter.store;

import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * The items and item_sources tables. Ingest decides what is new; this class only reads and writes: here what the
 * features read of items and their entries, and the ingest's transactions ({@link IngestTransaction}, whose parts
 * read and write one concern each).
 */
public final class ItemStore {

    static final String COLUMNS = "i.id, i.public_id, i.canonical_url, i.link, i.title, i.author, i.published_at, "
            + "i.updated_at, i.content_html, i.excerpt, i.categories, i.fingerprint, i.first_feed_id, i.first_seen_at, "
            + "i.changed_at, i.language";

    private final Jdbi jdbi;
    private final Dialect dialect;
    private final IngestTransactions ingests;

    public ItemStore(Database database) {
        this.jdbi = database.jdbi();
        this.dialect = database.dialect();
        this.ingests = new IngestTransactions(jdbi, database.dialect());
    }

    /**
     * Runs {@code work} in one transaction; everything it writes lands together or not at all. When another
     * feed's transaction inserted the same piece first, the work runs again and now finds it; so it does when the
     * database broke a deadlock (two feeds inserting the same two new pieces in opposite orders) by rolling it back.
     */
    public <T> T inTransaction(Function<IngestTransaction, T> work) {
        return inTransaction((tx, attempt) -> work.apply(tx));
    }

    /** Work in an ingest transaction that knows which attempt it is: a second attempt may go about it differently. */
    @FunctionalInterface
    public interface AttemptedWork<T> {
        T apply(IngestTransaction tx, int attempt);
    }

    /**
     * As {@link #inTransaction(Function)}; the work runs again, up to {@link IngestTransactions#MAX_ATTEMPTS} times,
     * also when it throws {@link Retry} or a lock wait ran out.
     */
    public <T> T inTransaction(AttemptedWork<T> work) {
        return ingests.run(work);
    }

    /** Thrown by ingest work to be rolled back and run again (it lost a race it can tell it lost). */
    public static final class Retry extends RuntimeException {
        public Retry(String why) {
            super(why, null, false, false);
        }
    }

    public List<StoredItem> findByIds(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM items i WHERE i.id IN (<ids>)")
                .bindList("ids", List.copyOf(ids))
                .map(ItemStore::map)
                .list());
    }

    public List<StoredItem> findByPublicId(String publicId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM items i WHERE i.public_id = :id")
                .bind("id", publicId)
                .map(ItemStore::map)
                .list());
    }

    /** Newest first, for the merged feed. */
    public List<StoredItem> newest(int limit, int offset) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM items i "
                        + "ORDER BY i.published_at DESC, i.id DESC LIMIT :limit OFFSET :offset")
                .bind("limit", limit)
                .bind("offset", offset)
                .map(ItemStore::map)
                .list());
    }

    /**
     * What the merged feed needs to page and filter every item, in arrival (id) order: what newsletter filters
     * look at, but the feeds ({@link #feedUrlsOf}) and the HTML ({@link #contentsOf}).
     */
    public record IndexEntry(long id, String title, String excerpt, String author, List<String> categories,
            String language, String link, Instant changedAt) {}

    public List<IndexEntry> index() {
        return jdbi.withHandle(h -> h.createQuery("SELECT id, title, excerpt, author, categories, language, "
                        + "COALESCE(link, canonical_url), changed_at FROM items ORDER BY id")
                .setFetchSize(1000)
                .map((rs, ctx) -> {
                    String categories = rs.getString(5);
                    Instant changedAt = ctx.findColumnMapperFor(Instant.class).orElseThrow().map(rs, 8, ctx);
                    return new IndexEntry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            categories == null || categories.isEmpty() ? List.of() : List.of(categories.split("\n")),
                            rs.getString(6), rs.getString(7), changedAt);
                })
                .list());
    }

    /** The HTML these items show now (none for an item without), for filters that read whole texts. */
    public Map<Long, String> contentsOf(Collection<Long> itemIds) {
        return jdbi.withHandle(h -> new ItemReads(h).contents(itemIds));
    }

    /** The URLs of the feeds that carried these items, for filters by feed. */
    public Map<Long, List<URI>> feedUrlsOf(Collection<Long> itemIds) {
        return jdbi.withHandle(h -> feedUrlsOf(h, itemIds));
    }

    /**
     * Both the URL a feed is fetched from now and the one the config file gives, when they differ after a
     * permanent redirect: a filter names the latter.
     */
    static Map<Long, List<URI>> feedUrlsOf(Handle h, Collection<Long> itemIds) {
        record FeedUrls(long itemId, String url, String configUrl) {}
        Map<Long, List<URI>> urls = new HashMap<>();
        for (List<Long> chunk : IngestSql.chunks(itemIds)) {
            h.createQuery("SELECT s.item_id, f.url, f.config_url FROM item_sources s JOIN feeds f ON f.id = s.feed_id "
                            + "WHERE s.item_id IN (<ids>) ORDER BY s.first_seen_at, s.feed_id")
                    .bindList("ids", chunk)
                    .map((rs, ctx) -> new FeedUrls(rs.getLong(1), rs.getString(2), rs.getString(3)))
                    .forEach(row -> {
                        List<URI> found = urls.computeIfAbsent(row.itemId(), k -> new ArrayList<>(1));
                        for (String url : new String[] {row.url(), row.configUrl()}) {
                            if (url != null && !found.contains(URI.create(url))) {
                                found.add(URI.create(url));
                            }
                        }
                    });
        }
        return urls;
    }
    public long count() {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM items").mapTo(Long.class).one());
    }

    /** Every entry that carried these items, oldest first per item. */
    public Map<Long, List<ItemSource>> sourcesOf(Collection<Long> itemIds) {
        if (itemIds.isEmpty()) {
            return Map.of();
        }
        Map<Long, List<ItemSource>> byItem = new HashMap<>();
        jdbi.useHandle(h -> h.createQuery("SELECT " + EntryReads.SOURCE_COLUMNS + " "
                        + "FROM item_sources WHERE item_id IN (<ids>) ORDER BY first_seen_at, feed_id")
                .bindList("ids", List.copyOf(itemIds))
                .map(EntryReads::mapSource)
                .forEach(s -> byItem.computeIfAbsent(s.itemId(), k -> new ArrayList<>()).add(s)));
        return byItem;
    }

    /** Items an entry under this URL (as the feed gave it) carried. */
    public List<Long> itemIdsByOriginalUrl(String url) {
        return jdbi.withHandle(h -> h.createQuery("SELECT DISTINCT item_id FROM item_sources WHERE original_url = :url")
                .bind("url", url)
                .mapTo(Long.class)
                .list());
    }

    /** Items that stand under this public id: their own, or an alias (a merged entry's URL, a declared original). */
    public List<Long> itemIdsByAlias(String publicId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT item_id FROM item_aliases WHERE public_id = :id ORDER BY item_id")
                .bind("id", publicId)
                .mapTo(Long.class)
                .list());
    }

    public List<ItemAlias> aliasesOf(long itemId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT public_id, item_id, kind, url FROM item_aliases "
                        + "WHERE item_id = :id ORDER BY kind, url")
                .bind("id", itemId)
                .map((rs, ctx) -> new ItemAlias(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4)))
                .list());
    }

    /** Every entry of an item with its facts and evidence (no HTML), oldest first: what provenance shows. */
    public List<StoredEntry> entriesOf(long itemId) {
        return jdbi.withHandle(h -> new EntryReads(h, dialect).ofItems(List.of(itemId)))
                .getOrDefault(itemId, List.of());
    }
    /**
     * The version of the items table, which grows with every ingest that changed something; other nodes watch it.
     * It is the sum of two counters: the near-duplicate lock's sequence number, which an ingest that writes
     * fingerprints raises anyway, in its own transaction, so most ingests need no second statement and commit (a
     * synchronous one on PostgreSQL, for every feed with new items); and the counter bumped after the ingests that
     * did not take the lock.
     */
    public long version() {
        return jdbi.withHandle(h -> h.createQuery("SELECT c.version + d.seq FROM change_counters c, dedup_locks d "
                        + "WHERE c.name = 'items' AND d.slot = 0")
                .mapTo(Long.class)
                .one());
    }

    static StoredItem map(ResultSet rs, StatementContext ctx) throws SQLException {
        var instant = ctx.findColumnMapperFor(Instant.class).orElseThrow();
        String categories = rs.getString("categories");
        return new StoredItem(
                rs.getLong("id"),
                rs.getString("public_id"),
                rs.getString("canonical_url"),
                rs.getString("link"),
                rs.getString("title"),
                rs.getString("author"),
                instant.map(rs, "published_at", ctx),
                instant.map(rs, "updated_at", ctx),
                rs.getString("content_html"),
                rs.getString("excerpt"),
                categories == null || categories.isEmpty() ? List.of() : Arrays.asList(categories.split("\n")),
                rs.getObject("fingerprint", Long.class),
                rs.getLong("first_feed_id"),
                instant.map(rs, "first_seen_at", ctx),
                instant.map(rs, "changed_at", ctx),
                rs.getString("language"));
    }
}

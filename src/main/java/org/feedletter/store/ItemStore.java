package org.feedletter.store;

import java.net.URI;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** The items and item_sources tables. Ingest decides what is new; this class only reads and writes. */
public final class ItemStore {

    static final String COLUMNS = "i.id, i.public_id, i.canonical_url, i.link, i.title, i.author, i.published_at, "
            + "i.updated_at, i.content_html, i.excerpt, i.categories, i.fingerprint, i.first_feed_id, i.first_seen_at, "
            + "i.changed_at, i.language";

    private static final String SOURCE_COLUMNS =
            "feed_id, guid, item_id, original_url, version_hash, rule, evidence, first_seen_at";
    /** The same, of the table aliased {@code s}. */
    private static final String S_SOURCE_COLUMNS = SOURCE_COLUMNS.replaceAll("(\\w+)", "s.$1");

    private static final int MAX_ATTEMPTS = 5;
    private static final int EVIDENCE_CHARS = 1000;
    private static final String ITEM_INSERT = "INSERT INTO items (public_id, canonical_url, link, title, author, "
            + "published_at, updated_at, content_html, excerpt, categories, fingerprint, first_feed_id, first_seen_at, "
            + "changed_at, language) VALUES ";
    private static final String ITEM_ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    /**
     * Rows looked up or inserted per statement: IN lists, and the 15,000 parameters of 1,000 item rows, stay well
     * inside every driver's parameter limit (PostgreSQL's protocol: 65,535).
     */
    private static final int CHUNK = 1000;

    /** Items inserted by this process before the first ANALYZE of the ingest tables (PostgreSQL). */
    private static final long FIRST_ANALYZE = 500;
    /** How much the inserted items grow between analyses. */
    private static final long ANALYZE_STEP = 8;
    private static final String ANALYZE_KEY_COLUMNS = "ANALYZE items (id, public_id, published_at, first_seen_at, "
            + "changed_at), item_sources (feed_id, guid, item_id, first_seen_at, seq, published_at), "
            + "item_aliases (public_id, item_id)";

    private final Jdbi jdbi;
    private final Dialect dialect;
    private final boolean analyzes;
    /**
     * On PostgreSQL an ingest commits without waiting for its WAL to reach the disk: the near-duplicate lock is held
     * to commit, so the wait held up every other feed's write (together with item rows stored uncompressed, migration
     * V12, ingest on PostgreSQL came out about a sixth faster when measured; docs/BENCHMARKS.md, "Ingest at
     * scale"). Nothing can be lost by it: a database crash loses at most the last fraction of a second of such
     * commits, never one without those before it, and every statement that acts on items (a feed's new ETag, an
     * edition, a send) commits synchronously later, flushing them first. A crash thus
     * rolls a feed back to before the poll, and its next poll stores those entries again.
     */
    private final boolean commitsAsynchronously;
    private final AtomicLong inserted = new AtomicLong();
    private final AtomicLong analyzeAt = new AtomicLong(FIRST_ANALYZE);

    public ItemStore(Database database) {
        this.jdbi = database.jdbi();
        this.dialect = database.dialect();
        this.analyzes = dialect == Dialect.POSTGRESQL;
        this.commitsAsynchronously = dialect == Dialect.POSTGRESQL;
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
     * As {@link #inTransaction(Function)}; the work runs again, up to {@link #MAX_ATTEMPTS} times, also when it
     * throws {@link Retry} or a lock wait ran out.
     */
    public <T> T inTransaction(AttemptedWork<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                IngestTransaction[] tx = new IngestTransaction[1];
                int number = attempt;
                T result = jdbi.inTransaction(h -> {
                    if (commitsAsynchronously) {
                        h.execute("SET LOCAL synchronous_commit = off");
                    }
                    return work.apply(tx[0] = new IngestTransaction(h, dialect), number);
                });
                if (tx[0].changed && tx[0].fingerprintSeq < 0) {
                    bumpVersion(); // with the lock taken, its new sequence number already told watchers
                }
                analyzeWhenGrown(tx[0].insertedItems);
                return result;
            } catch (RuntimeException e) {
                boolean again = e instanceof Retry || SqlErrors.isUniqueViolation(e) || SqlErrors.isDeadlock(e)
                        || SqlErrors.isLockTimeout(e);
                if (attempt >= MAX_ATTEMPTS || !again) {
                    throw e;
                }
            }
        }
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
        return jdbi.withHandle(h -> new IngestTransaction(h, dialect).itemContents(itemIds));
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
        for (List<Long> chunk : chunks(itemIds)) {
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

    /**
     * For an ingest that changed items without taking the near-duplicate lock (one that only merged entries into
     * stored items): bumped after it commits, in a statement of its own, since inside every such ingest would hold
     * the counter row's lock until commit and feeds could only be stored one at a time.
     */
    private void bumpVersion() {
        jdbi.useHandle(h -> h.createUpdate("UPDATE change_counters SET version = version + 1 WHERE name = 'items'").execute());
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
        jdbi.useHandle(h -> h.createQuery("SELECT " + SOURCE_COLUMNS + " "
                        + "FROM item_sources WHERE item_id IN (<ids>) ORDER BY first_seen_at, feed_id")
                .bindList("ids", List.copyOf(itemIds))
                .map(ItemStore::mapSource)
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
        return jdbi.withHandle(h -> new IngestTransaction(h, dialect).entriesOf(List.of(itemId)))
                .getOrDefault(itemId, List.of());
    }

    /**
     * On PostgreSQL, ANALYZE the ingest tables each time this process has inserted eight times as many items as at
     * the last (from 500 on). PostgreSQL keeps a statement's generic plan until its tables are analyzed, and plans
     * made while they were nearly empty scan them: a first poll of many feeds grows them long before autovacuum gets
     * there (when measured, the 1,000-feed ingest benchmark took 20-24 s, with these analyses about 18 s;
     * docs/BENCHMARKS.md, "Ingest at scale"). Once the plans use
     * the indexes, later analyses change little and each costs up to a second of the database's time at a few
     * ten thousand rows: eightfold, not twofold, steps keep the first and skip most of those. Only the columns that
     * statements find rows by are analyzed: the statistics of the text and HTML columns cost half of each analysis
     * and choose no plan (autovacuum analyzes every column in its own time). H2 analyzes by itself.
     */
    private void analyzeWhenGrown(int newItems) {
        if (!analyzes || newItems == 0) {
            return;
        }
        long total = inserted.addAndGet(newItems);
        long due = analyzeAt.get();
        if (total >= due && analyzeAt.compareAndSet(due, total * ANALYZE_STEP)) {
            jdbi.useHandle(h -> h.execute(ANALYZE_KEY_COLUMNS));
        }
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

    /** A feed's URL and its site link (null when it gave none). */
    public record FeedLinks(String url, String siteLink) {}

    /** What ingest may do inside one transaction. */
    public static final class IngestTransaction {

        private static final String ENTRY_COLUMNS = "s.feed_id, s.guid, s.item_id, s.original_url, s.version_hash, "
                + "s.rule, s.evidence, s.first_seen_at, s.seq, s.published_at, s.canonical_url, s.declared, s.marks, "
                + "s.title_key, s.author_key, s.summary_shingles, s.summary_words, s.content_shingles, "
                + "s.content_words, f.url AS feed_url";
        private static final String FACT_COLUMNS = ", s.link, s.title, s.author, s.updated_at, s.excerpt, "
                + "s.categories, s.language";

        private final Handle h;
        private final Dialect dialect;
        private boolean changed;
        private int insertedItems;
        private long fingerprintSeq = -1;

        IngestTransaction(Handle h, Dialect dialect) {
            this.h = h;
            this.dialect = dialect;
        }

        /** For tests that look at the transaction's settings. */
        Handle handle() {
            return h;
        }

        /**
         * The entries this feed already delivered, by guid: guid -> (item id, version hash). The guids come as a
         * list of values joined on the key: with {@code guid IN (...)} H2 seeks the feed's first entry and reads on
         * through all of them, years of entries for an old feed, on every poll.
         */
        public Map<String, ItemSource> sources(long feedId, Collection<String> guids) {
            Map<String, ItemSource> found = new HashMap<>();
            for (List<String> chunk : chunks(guids)) {
                String values = String.join(", ", Collections.nCopies(chunk.size(), "(?)"));
                var query = h.createQuery("SELECT " + S_SOURCE_COLUMNS + " FROM (VALUES "
                        + values + ") AS g (guid) JOIN item_sources s ON s.feed_id = ? AND s.guid = g.guid");
                for (int i = 0; i < chunk.size(); i++) {
                    query.bind(i, chunk.get(i));
                }
                query.bind(chunk.size(), feedId)
                        .map(ItemStore::mapSource)
                        .forEach(src -> found.put(src.guid(), src));
            }
            return found;
        }

        /** The feed's URL and the site link it last gave, if the feed is stored. */
        public Optional<FeedLinks> feedLinks(long feedId) {
            return h.createQuery("SELECT url, site_link FROM feeds WHERE id = :id")
                    .bind("id", feedId)
                    .map((rs, ctx) -> new FeedLinks(rs.getString(1), rs.getString(2)))
                    .findOne();
        }

        /** Public id -> item id, for the public ids that already have an item. */
        public Map<String, Long> itemIdsByPublicId(Collection<String> publicIds) {
            Map<String, Long> found = new HashMap<>();
            for (List<String> chunk : chunks(publicIds)) {
                h.createQuery("SELECT public_id, id FROM items WHERE public_id IN (<ids>)")
                        .bindList("ids", chunk)
                        .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2)))
                        .forEach(e -> found.put(e.getKey(), e.getValue()));
            }
            return found;
        }

        /**
         * Every entry of these items with its facts and evidence, without HTML: what deciding and working out what an
         * item shows need. By item id; each item's entries oldest first.
         */
        public Map<Long, List<StoredEntry>> entriesOf(Collection<Long> itemIds) {
            record Read(StoredEntry entry, ItemDraft itemFacts, boolean itemContent) {}
            Map<Long, List<Read>> byItem = new HashMap<>();
            for (List<Long> chunk : chunks(itemIds)) {
                h.createQuery("SELECT " + ENTRY_COLUMNS + FACT_COLUMNS + ", CASE WHEN s.content_html IS NULL THEN 0 "
                                + "ELSE 1 END AS row_content, CASE WHEN i.content_html IS NULL THEN 0 ELSE 1 END "
                                + "AS item_content, i.link AS i_link, i.title AS i_title, i.author AS i_author, "
                                + "i.updated_at AS i_updated_at, i.excerpt AS i_excerpt, i.categories AS i_categories, "
                                + "i.language AS i_language FROM item_sources s JOIN feeds f ON f.id = s.feed_id "
                                + "JOIN items i ON i.id = s.item_id WHERE s.item_id IN (<ids>) "
                                + "ORDER BY s.first_seen_at, s.feed_id, s.guid")
                        .bindList("ids", chunk)
                        .map((rs, ctx) -> {
                            StoredEntry entry = mapEntry(rs, ctx, true);
                            return new Read(entry, factsOf(rs, ctx, "i_", entry.facts().canonicalUrl(),
                                    entry.facts().published()), rs.getInt("item_content") == 1);
                        })
                        .forEach(r -> byItem.computeIfAbsent(r.entry().itemId(), k -> new ArrayList<>()).add(r));
            }
            Map<Long, List<StoredEntry>> entries = new HashMap<>();
            byItem.forEach((id, reads) -> entries.put(id, reads.stream()
                    .map(r -> r.entry().facts().title() != null ? r.entry()
                            : factsInItem(r.entry(), r.itemFacts(), r.itemContent()))
                    .toList()));
            return entries;
        }

        /** An entry whose row keeps no facts: they are the item's (see {@link StoredEntry#factsInItem()}). */
        private static StoredEntry factsInItem(StoredEntry e, ItemDraft itemFacts, boolean hasContent) {
            return new StoredEntry(e.source(), e.feedUrl(), e.seq(), itemFacts, e.evidence(), hasContent, true);
        }

        /**
         * The HTML of these items' entries, as kept in their rows (items with more than one entry), by item id and
         * then by "feed id, space, guid".
         */
        public Map<Long, Map<String, String>> entryContents(Collection<Long> itemIds) {
            Map<Long, Map<String, String>> found = new HashMap<>();
            for (List<Long> chunk : chunks(itemIds)) {
                h.createQuery("SELECT item_id, feed_id, guid, content_html FROM item_sources WHERE item_id IN (<ids>)")
                        .bindList("ids", chunk)
                        .map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2) + " " + rs.getString(3),
                                rs.getString(4)})
                        .forEach(row -> found.computeIfAbsent(Long.parseLong(row[0]), k -> new HashMap<>())
                                .put(row[1], row[2]));
            }
            return found;
        }

        /** The items as they are now, with their HTML, by id. */
        public Map<Long, StoredItem> items(Collection<Long> itemIds) {
            Map<Long, StoredItem> found = new HashMap<>();
            for (List<Long> chunk : chunks(itemIds)) {
                h.createQuery("SELECT " + COLUMNS + " FROM items i WHERE i.id IN (<ids>)")
                        .bindList("ids", chunk)
                        .map(ItemStore::map)
                        .forEach(i -> found.put(i.id(), i));
            }
            return found;
        }

        /** The HTML the items show now. */
        public Map<Long, String> itemContents(Collection<Long> itemIds) {
            Map<Long, String> found = new HashMap<>();
            for (List<Long> chunk : chunks(itemIds)) {
                h.createQuery("SELECT id, content_html FROM items WHERE id IN (<ids>)")
                        .bindList("ids", chunk)
                        .map((rs, ctx) -> Map.entry(rs.getLong(1), Objects.requireNonNullElse(rs.getString(2), "")))
                        .forEach(e -> found.put(e.getKey(), e.getValue().isEmpty() ? null : e.getValue()));
            }
            return found;
        }

        /**
         * These items are about to show another entry than the one whose facts and HTML live only in their row (see
         * {@link StoredEntry#factsInItem()}): those go into that entry's row, so what it says stays at hand.
         */
        public void keepItemFactsInEntries(Collection<Long> itemIds) {
            for (List<Long> chunk : chunks(itemIds)) {
                h.createUpdate("UPDATE item_sources SET (link, title, author, updated_at, excerpt, categories, "
                                + "language, content_html) = (SELECT i.link, i.title, i.author, i.updated_at, i.excerpt, "
                                + "i.categories, i.language, i.content_html FROM items i WHERE i.id = item_sources.item_id) "
                                + "WHERE item_id IN (<ids>) AND title IS NULL")
                        .bindList("ids", chunk)
                        .execute();
            }
        }

        /**
         * Inserts the drafts and returns their new ids, in order. Plain JDBC: this and {@link #insertEntries} are the
         * hot path of ingest, and JDBI's per-row binding cost more than H2's insert.
         */
        public List<Long> insertItems(List<ItemDraft> drafts, long feedId, Instant now) {
            if (drafts.isEmpty()) {
                return List.of();
            }
            insertedItems += drafts.size();
            try {
                return dialect == Dialect.POSTGRESQL ? insertItemsByStatement(drafts, feedId, now)
                        : insertItemsInBatch(drafts, feedId, now);
            } catch (SQLException e) {
                throw new UnableToExecuteStatementException(e, null);
            }
        }

        /** H2 runs in this process: a batch costs no round trips, and its generated keys come in the batch's order. */
        private List<Long> insertItemsInBatch(List<ItemDraft> drafts, long feedId, Instant now) throws SQLException {
            try (PreparedStatement insert = h.getConnection().prepareStatement(ITEM_INSERT + ITEM_ROW,
                    new String[] {"id"})) {
                OffsetDateTime seen = utc(now);
                for (ItemDraft d : drafts) {
                    bindItem(insert, 0, d, feedId, seen);
                    insert.addBatch();
                }
                insert.executeBatch();
                List<Long> ids = new ArrayList<>(drafts.size());
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    while (keys.next()) {
                        ids.add(keys.getLong(1));
                    }
                }
                return ids;
            }
        }

        /**
         * PostgreSQL: one statement of many rows. The driver sends a batch whose rows return their ids as one
         * statement per row (it rewrites only batches that return nothing, the other ingest inserts), and each row
         * then costs the server an executor start of its own. This and the rewriting (see {@link Dialect}) took
         * about a tenth off PostgreSQL's CPU per ingest round when measured (docs/BENCHMARKS.md, "Ingest at
         * scale"). The ids come back with the public ids, which are unique, so nothing relies on the order
         * RETURNING gives them in.
         */
        private List<Long> insertItemsByStatement(List<ItemDraft> drafts, long feedId, Instant now) throws SQLException {
            Map<String, Long> idByPublicId = new HashMap<>();
            OffsetDateTime seen = utc(now);
            for (List<ItemDraft> chunk : chunks(drafts)) {
                String sql = ITEM_INSERT + String.join(", ", Collections.nCopies(chunk.size(), ITEM_ROW))
                        + " RETURNING id, public_id";
                try (PreparedStatement insert = h.getConnection().prepareStatement(sql)) {
                    int parameter = 0;
                    for (ItemDraft d : chunk) {
                        parameter = bindItem(insert, parameter, d, feedId, seen);
                    }
                    try (ResultSet rows = insert.executeQuery()) {
                        while (rows.next()) {
                            idByPublicId.put(rows.getString(2), rows.getLong(1));
                        }
                    }
                }
            }
            return drafts.stream().map(d -> idByPublicId.get(d.publicId())).toList();
        }

        /** Binds one item row's 15 parameters after {@code before}; returns the last one bound. */
        private static int bindItem(PreparedStatement insert, int before, ItemDraft d, long feedId, OffsetDateTime seen)
                throws SQLException {
            insert.setString(before + 1, d.publicId());
            insert.setString(before + 2, d.canonicalUrl());
            insert.setString(before + 3, d.link());
            insert.setString(before + 4, d.title());
            insert.setString(before + 5, d.author());
            insert.setObject(before + 6, utc(d.published()));
            insert.setObject(before + 7, utc(d.updated()), Types.TIMESTAMP_WITH_TIMEZONE);
            insert.setString(before + 8, d.contentHtml());
            insert.setString(before + 9, d.excerpt());
            insert.setString(before + 10, String.join("\n", d.categories()));
            insert.setObject(before + 11, d.fingerprint(), Types.BIGINT);
            insert.setLong(before + 12, feedId);
            insert.setObject(before + 13, seen);
            insert.setObject(before + 14, seen);
            insert.setString(before + 15, d.language());
            return before + 15;
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

        public void insertRevisions(List<ItemRevision> revisions) {
            if (revisions.isEmpty()) {
                return;
            }
            PreparedBatch batch = h.prepareBatch("INSERT INTO item_revisions (item_id, revised_at, old_title, "
                    + "title_changed, text_change) VALUES (:item, :at, :oldTitle, :titleChanged, :textChange)");
            for (ItemRevision r : revisions) {
                batch.bind("item", r.itemId()).bind("at", r.revisedAt()).bind("oldTitle", cut(r.oldTitle(), 1000))
                        .bind("titleChanged", r.titleChanged()).bind("textChange", r.textChange()).add();
            }
            batch.execute();
        }

        /**
         * Makes items show what their entries now say (see ingest's facts of an item): every column a reader sees,
         * and the feed the item is shown from; the HTML too unless the item is in {@code keepingContent} (its text
         * comes from the same entry as before). The public id stays: the merged feed published it.
         */
        public void updateItemFacts(Map<Long, ItemDraft> facts, Map<Long, Long> shownFromFeed, Instant now,
                Set<Long> keepingContent) {
            String set = "UPDATE items SET canonical_url = :canonicalUrl, link = :link, title = :title, "
                    + "author = :author, published_at = :published, updated_at = :updated, excerpt = :excerpt, "
                    + "categories = :categories, language = :language, first_feed_id = :feed, changed_at = :now";
            PreparedBatch withContent = h.prepareBatch(set + ", content_html = :contentHtml WHERE id = :id");
            PreparedBatch keeping = h.prepareBatch(set + " WHERE id = :id");
            facts.forEach((id, d) -> bindDraft(keepingContent.contains(id) ? keeping : withContent, d)
                    .bind("feed", shownFromFeed.get(id)).bind("id", id).bind("now", now).add());
            if (withContent.size() > 0) {
                withContent.execute();
            }
            if (keeping.size() > 0) {
                keeping.execute();
            }
        }

        public void updateItemFacts(Map<Long, ItemDraft> facts, Map<Long, Long> shownFromFeed, Instant now) {
            updateItemFacts(facts, shownFromFeed, now, Set.of());
        }

        /**
         * Writes new entries. Each is numbered with this transaction's identity lock number (taken here if not yet),
         * so every process's candidate index finds them.
         */
        public void insertEntries(List<EntryRow> entries) {
            if (entries.isEmpty()) {
                return;
            }
            long seq = lockNearDuplicates();
            String sql = "INSERT INTO item_sources (feed_id, guid, item_id, original_url, version_hash, rule, evidence, "
                    + "first_seen_at, seq, published_at, canonical_url, link, title, author, updated_at, excerpt, "
                    + "categories, language, content_html, declared, marks, title_key, author_key, summary_shingles, "
                    + "summary_words, content_shingles, content_words) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
            try (PreparedStatement insert = h.getConnection().prepareStatement(sql)) {
                for (EntryRow row : entries) {
                    ItemSource s = row.source();
                    insert.setLong(1, s.feedId());
                    insert.setString(2, s.guid());
                    insert.setLong(3, s.itemId());
                    insert.setString(4, s.originalUrl());
                    insert.setString(5, s.versionHash());
                    insert.setString(6, s.rule());
                    insert.setString(7, s.evidence() == null ? null : cut(s.evidence(), EVIDENCE_CHARS));
                    insert.setObject(8, utc(s.firstSeenAt()));
                    insert.setLong(9, seq);
                    bindFactsAndEvidence(insert, 10, row);
                    insert.addBatch();
                }
                insert.executeBatch();
            } catch (SQLException e) {
                throw new UnableToExecuteStatementException(e, null);
            }
        }

        /** Rewrites entries a feed changed (a new version): their facts, evidence and version, under this number. */
        public void updateEntries(List<EntryRow> entries) {
            if (entries.isEmpty()) {
                return;
            }
            long seq = lockNearDuplicates();
            String sql = "UPDATE item_sources SET version_hash = ?, seq = ?, published_at = ?, canonical_url = ?, "
                    + "link = ?, title = ?, author = ?, updated_at = ?, excerpt = ?, categories = ?, language = ?, "
                    + "content_html = ?, declared = ?, marks = ?, title_key = ?, author_key = ?, summary_shingles = ?, "
                    + "summary_words = ?, content_shingles = ?, content_words = ? WHERE feed_id = ? AND guid = ?";
            try (PreparedStatement update = h.getConnection().prepareStatement(sql)) {
                for (EntryRow row : entries) {
                    update.setString(1, row.source().versionHash());
                    update.setLong(2, seq);
                    bindFactsAndEvidence(update, 3, row);
                    update.setLong(21, row.source().feedId());
                    update.setString(22, row.source().guid());
                    update.addBatch();
                }
                update.executeBatch();
            } catch (SQLException e) {
                throw new UnableToExecuteStatementException(e, null);
            }
        }

        /** Binds an entry's 18 facts and evidence columns from parameter {@code first} on. */
        private static void bindFactsAndEvidence(PreparedStatement statement, int first, EntryRow row)
                throws SQLException {
            ItemDraft d = row.facts();
            StoredEvidence e = row.evidence();
            boolean facts = !row.alone(); // an item's only entry: its facts are the item's
            int p = first;
            statement.setObject(p++, utc(d.published()));
            statement.setString(p++, d.canonicalUrl());
            statement.setString(p++, facts ? d.link() : null);
            statement.setString(p++, facts ? d.title() : null);
            statement.setString(p++, facts ? d.author() : null);
            statement.setObject(p++, facts ? utc(d.updated()) : null, Types.TIMESTAMP_WITH_TIMEZONE);
            statement.setString(p++, facts ? d.excerpt() : null);
            statement.setString(p++, facts ? String.join("\n", d.categories()) : null);
            statement.setString(p++, facts ? d.language() : null);
            statement.setString(p++, facts && row.keepsContent() ? d.contentHtml() : null);
            statement.setString(p++, cut(e.declared(), 4000));
            statement.setString(p++, e.marks());
            statement.setString(p++, cut(e.titleKey(), 1000));
            statement.setString(p++, cut(e.authorKey(), 500));
            statement.setBytes(p++, e.summaryShingles());
            statement.setInt(p++, e.summaryWords());
            statement.setBytes(p++, e.contentShingles());
            statement.setInt(p, e.contentWords());
        }

        /**
         * Folds item {@code absorbed} into {@code survivor}: one entry turned out to be a copy of both. Its entries,
         * URLs, revisions and edition listings move over (a newsletter that listed either listed the piece, so it
         * will not list it again), its public id becomes an alias of the survivor, and its row goes. The moved
         * entries are renumbered, so every process's candidate index learns where they went.
         */
        public void mergeInto(long survivor, long absorbed) {
            long seq = lockNearDuplicates();
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

        /**
         * Takes the identity lock until commit and returns this transaction's sequence number (the same on each
         * call). Every write of entries happens under it and is numbered with it, so whoever holds it sees every
         * entry written before (all numbered lower and committed) and nobody writes meanwhile.
         */
        public long lockNearDuplicates() {
            if (fingerprintSeq < 0) {
                fingerprintSeq = h.createQuery(dialect.takeNearDuplicateLock()).mapTo(Long.class).one();
            }
            return fingerprintSeq;
        }

        /** The sequence number this transaction writes entries under, or -1 while it has not taken the lock. */
        public long fingerprintSeq() {
            return fingerprintSeq;
        }

        /**
         * The highest sequence number committed, read without the lock: every entry numbered up to it is committed,
         * since each was written and committed under the lock with the number's update.
         */
        public long committedFingerprintSeq() {
            return h.createQuery("SELECT seq FROM dedup_locks WHERE slot = 0").mapTo(Long.class).one();
        }

        /**
         * Streams the entries numbered in (after, upTo], in no particular order, published from {@code publishedFrom}
         * on or first seen from {@code seenFrom} on, with their evidence (no facts).
         */
        public void forEachEntry(long after, long upTo, Instant publishedFrom, Instant seenFrom,
                Consumer<StoredEntry> action) {
            // By the seq index alone, then the feeds' URLs: joined with feeds, H2 planned a scan of every entry.
            List<StoredEntry> read = new ArrayList<>();
            Set<Long> feedIds = new java.util.HashSet<>();
            h.createQuery("SELECT " + ENTRY_COLUMNS.replace(", f.url AS feed_url", ", NULL AS feed_url")
                            + " FROM item_sources s WHERE s.seq > :after AND s.seq <= :upTo "
                            + "AND (s.published_at >= :publishedFrom OR s.first_seen_at >= :seenFrom)")
                    .bind("after", after)
                    .bind("upTo", upTo)
                    .bind("publishedFrom", utc(publishedFrom))
                    .bind("seenFrom", utc(seenFrom))
                    .setFetchSize(1000)
                    .map((rs, ctx) -> mapEntry(rs, ctx, false))
                    .forEach(e -> {
                        read.add(e);
                        feedIds.add(e.source().feedId());
                    });
            Map<Long, String> urls = new HashMap<>();
            for (List<Long> chunk : chunks(feedIds)) {
                h.createQuery("SELECT id, url FROM feeds WHERE id IN (<ids>)").bindList("ids", chunk)
                        .map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getString(2)))
                        .forEach(e -> urls.put(e.getKey(), e.getValue()));
            }
            for (StoredEntry e : read) {
                action.accept(new StoredEntry(e.source(), urls.get(e.source().feedId()), e.seq(), e.facts(),
                        e.evidence(), e.hasContent(), e.factsInItem()));
            }
        }

        /** Aliases under these public ids, by public id. */
        public Map<String, List<ItemAlias>> aliases(Collection<String> publicIds) {
            Map<String, List<ItemAlias>> found = new HashMap<>();
            for (List<String> chunk : chunks(publicIds)) {
                h.createQuery("SELECT public_id, item_id, kind, url FROM item_aliases WHERE public_id IN (<ids>) "
                                + "ORDER BY item_id")
                        .bindList("ids", chunk)
                        .map((rs, ctx) -> new ItemAlias(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4)))
                        .forEach(a -> found.computeIfAbsent(a.publicId(), k -> new ArrayList<>()).add(a));
            }
            return found;
        }

        public void insertAliases(Collection<ItemAlias> aliases) {
            if (aliases.isEmpty()) {
                return;
            }
            PreparedBatch batch = h.prepareBatch("INSERT INTO item_aliases (public_id, item_id, kind, url) "
                    + "VALUES (:publicId, :itemId, :kind, :url)");
            for (ItemAlias a : aliases) {
                batch.bind("publicId", a.publicId()).bind("itemId", a.itemId()).bind("kind", a.kind())
                        .bind("url", cut(a.url(), 2048)).add();
            }
            batch.execute();
        }

        /** Tells watchers (the merged feed's cache, on every node) that items changed, once this commits. */
        public void changed() {
            changed = true;
        }

        private static PreparedBatch bindDraft(PreparedBatch batch, ItemDraft d) {
            return batch.bind("publicId", d.publicId())
                    .bind("canonicalUrl", d.canonicalUrl())
                    .bind("link", d.link())
                    .bind("title", d.title())
                    .bind("author", d.author())
                    .bind("published", d.published())
                    .bind("updated", d.updated())
                    .bind("contentHtml", d.contentHtml())
                    .bind("excerpt", d.excerpt())
                    .bind("categories", String.join("\n", d.categories()))
                    .bind("fingerprint", d.fingerprint())
                    .bind("language", d.language());
        }
    }

    private static String cut(String text, int maxChars) {
        return text == null || text.length() <= maxChars ? text : text.substring(0, maxChars - 1) + "…";
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static <T> List<List<T>> chunks(Collection<T> values) {
        List<T> all = List.copyOf(values);
        List<List<T>> chunks = new ArrayList<>();
        for (int from = 0; from < all.size(); from += CHUNK) {
            chunks.add(all.subList(from, Math.min(all.size(), from + CHUNK)));
        }
        return chunks;
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

    /** Facts of an entry (or with {@code prefix} "i_", of its item) under that entry's URL and time, without HTML. */
    private static ItemDraft factsOf(ResultSet rs, StatementContext ctx, String prefix, String canonicalUrl,
            Instant published) throws SQLException {
        var instant = ctx.findColumnMapperFor(Instant.class).orElseThrow();
        String categories = rs.getString(prefix + "categories");
        return new ItemDraft(null, canonicalUrl, rs.getString(prefix + "link"), rs.getString(prefix + "title"),
                rs.getString(prefix + "author"), published, instant.map(rs, prefix + "updated_at", ctx), null,
                rs.getString(prefix + "excerpt"),
                categories == null || categories.isEmpty() ? List.of() : List.of(categories.split("\n")), null,
                rs.getString(prefix + "language"));
    }

    /** An entry row read with {@code IngestTransaction.ENTRY_COLUMNS}, and its facts with {@code withFacts}. */
    static StoredEntry mapEntry(ResultSet rs, StatementContext ctx, boolean withFacts) throws SQLException {
        var instant = ctx.findColumnMapperFor(Instant.class).orElseThrow();
        ItemSource source = new ItemSource(rs.getLong("feed_id"), rs.getString("guid"), rs.getLong("item_id"),
                rs.getString("original_url"), rs.getString("version_hash"), rs.getString("rule"),
                rs.getString("evidence"), instant.map(rs, "first_seen_at", ctx));
        Instant published = instant.map(rs, "published_at", ctx);
        String canonicalUrl = rs.getString("canonical_url");
        ItemDraft facts = withFacts ? factsOf(rs, ctx, "", canonicalUrl, published)
                : new ItemDraft(null, canonicalUrl, null, null, null, published, null, null, null, List.of(), null);
        StoredEvidence evidence = new StoredEvidence(rs.getString("declared"), rs.getString("marks"),
                rs.getString("title_key"), rs.getString("author_key"), rs.getBytes("summary_shingles"),
                rs.getInt("summary_words"), rs.getBytes("content_shingles"), rs.getInt("content_words"));
        return new StoredEntry(source, rs.getString("feed_url"), rs.getLong("seq"), facts, evidence,
                withFacts && rs.getInt("row_content") == 1, false);
    }

    static ItemSource mapSource(ResultSet rs, StatementContext ctx) throws SQLException {
        var instant = ctx.findColumnMapperFor(Instant.class).orElseThrow();
        return new ItemSource(rs.getLong("feed_id"), rs.getString("guid"), rs.getLong("item_id"),
                rs.getString("original_url"), rs.getString("version_hash"), rs.getString("rule"),
                rs.getString("evidence"), instant.map(rs, "first_seen_at", ctx));
    }
}

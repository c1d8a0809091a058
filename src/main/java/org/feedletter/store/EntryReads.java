package org.feedletter.store;

import static org.feedletter.store.IngestSql.chunks;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Reading stored entries (item_sources) in an ingest: which of a feed's entries are stored already, every entry of
 * the candidate items with its facts and evidence, and the HTML entries keep in their rows. Also how an entry row is
 * read, for {@link CommittedEntries} and {@link ItemStore}.
 */
public final class EntryReads {

    static final String SOURCE_COLUMNS =
            "feed_id, guid, item_id, original_url, version_hash, rule, evidence, first_seen_at";
    /** The same, of the table aliased {@code s}. */
    private static final String S_SOURCE_COLUMNS = SOURCE_COLUMNS.replaceAll("(\\w+)", "s.$1");
    static final String ENTRY_COLUMNS = "s.feed_id, s.guid, s.item_id, s.original_url, s.version_hash, "
            + "s.rule, s.evidence, s.first_seen_at, s.seq, s.published_at, s.canonical_url, s.declared, s.marks, "
            + "s.title_key, s.author_key, s.summary_shingles, s.summary_words, s.content_shingles, "
            + "s.content_words, s.continuation_shingles, s.continuation_words, f.url AS feed_url";
    private static final String FACT_COLUMNS = ", s.link, s.title, s.author, s.updated_at, s.excerpt, "
            + "s.categories, s.language";

    private final Handle h;
    private final Dialect dialect;

    EntryReads(Handle h, Dialect dialect) {
        this.h = h;
        this.dialect = dialect;
    }

    /**
     * The entries this feed already delivered, by guid: guid -> (item id, version hash). On H2 the guids come as a
     * list of values joined on the key: with {@code guid IN (...)} H2 seeks the feed's first entry and reads on
     * through all of them, years of entries for an old feed, on every poll. PostgreSQL looks each up in the key
     * either way, but plans a join of values anew each time (a third of a millisecond, more than the look-ups), so
     * it gets one array: one statement, prepared once.
     */
    public Map<String, ItemSource> byGuid(long feedId, Collection<String> guids) {
        Map<String, ItemSource> found = new HashMap<>();
        if (dialect == Dialect.POSTGRESQL && !guids.isEmpty()) {
            h.createQuery("SELECT " + SOURCE_COLUMNS + " FROM item_sources WHERE feed_id = :feed AND guid = ANY(:guids)")
                    .bind("feed", feedId)
                    .bind("guids", guids.toArray(String[]::new)) // an array: JDBI resolved bindArray's type anew each call
                    .map(EntryReads::mapSource)
                    .forEach(src -> found.put(src.guid(), src));
            return found;
        }
        for (List<String> chunk : chunks(guids)) {
            String values = String.join(", ", Collections.nCopies(chunk.size(), "(?)"));
            var query = h.createQuery("SELECT " + S_SOURCE_COLUMNS + " FROM (VALUES "
                    + values + ") AS g (guid) JOIN item_sources s ON s.feed_id = ? AND s.guid = g.guid");
            for (int i = 0; i < chunk.size(); i++) {
                query.bind(i, chunk.get(i));
            }
            query.bind(chunk.size(), feedId)
                    .map(EntryReads::mapSource)
                    .forEach(src -> found.put(src.guid(), src));
        }
        return found;
    }

    /**
     * Every entry of these items with its facts and evidence, without HTML: what deciding and working out what an
     * item shows need. By item id; each item's entries oldest first.
     */
    public Map<Long, List<StoredEntry>> ofItems(Collection<Long> itemIds) {
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
    public Map<Long, Map<String, String>> contentsOf(Collection<Long> itemIds) {
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

    /** An entry row read with {@link #ENTRY_COLUMNS}, and its facts with {@code withFacts}. */
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
                rs.getInt("summary_words"), rs.getBytes("content_shingles"), rs.getInt("content_words"),
                rs.getBytes("continuation_shingles"), rs.getInt("continuation_words"));
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

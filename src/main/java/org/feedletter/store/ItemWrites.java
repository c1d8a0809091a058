package org.feedletter.store;

import static org.feedletter.store.IngestSql.chunks;
import static org.feedletter.store.IngestSql.cut;
import static org.feedletter.store.IngestSql.utc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * Writing item rows in an ingest: new items, what items show (their entries' facts, see ingest's
 * {@code ShownFacts}), and the revisions of items whose text changed.
 */
public final class ItemWrites {

    private static final String ITEM_INSERT = "INSERT INTO items (public_id, canonical_url, link, title, author, "
            + "published_at, updated_at, content_html, excerpt, categories, fingerprint, first_feed_id, first_seen_at, "
            + "changed_at, language) VALUES ";
    private static final String ITEM_ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final IngestTransaction tx;
    private final Handle h;
    private final Dialect dialect;

    ItemWrites(IngestTransaction tx, Handle h, Dialect dialect) {
        this.tx = tx;
        this.h = h;
        this.dialect = dialect;
    }

    /**
     * Inserts the drafts and returns their new ids, in order. Plain JDBC: this and {@link EntryWrites#insert} are the
     * hot path of ingest, and JDBI's per-row binding cost more than H2's insert.
     */
    public List<Long> insert(List<ItemDraft> drafts, long feedId, Instant now) {
        if (drafts.isEmpty()) {
            return List.of();
        }
        tx.insertedItems += drafts.size();
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
    public void updateFacts(Map<Long, ItemDraft> facts, Map<Long, Long> shownFromFeed, Instant now,
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

    public void updateFacts(Map<Long, ItemDraft> facts, Map<Long, Long> shownFromFeed, Instant now) {
        updateFacts(facts, shownFromFeed, now, Set.of());
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

package org.feedletter.store;

import static org.feedletter.store.IngestSql.chunks;
import static org.feedletter.store.IngestSql.cut;
import static org.feedletter.store.IngestSql.utc;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Collection;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * Writing entry rows (item_sources) in an ingest: new entries and new versions of stored ones, each numbered with
 * the transaction's identity lock number, and the facts an entry kept only in its item's row copied into its own.
 */
public final class EntryWrites {

    private static final int EVIDENCE_CHARS = 1000;

    private final IngestTransaction tx;
    private final Handle h;

    EntryWrites(IngestTransaction tx, Handle h) {
        this.tx = tx;
        this.h = h;
    }

    /**
     * Writes new entries. Each is numbered with this transaction's identity lock number (taken here if not yet),
     * so every process's candidate index finds them.
     */
    public void insert(List<EntryRow> entries) {
        if (entries.isEmpty()) {
            return;
        }
        long seq = tx.lockNearDuplicates();
        String sql = "INSERT INTO item_sources (feed_id, guid, item_id, original_url, version_hash, rule, evidence, "
                + "first_seen_at, seq, published_at, canonical_url, link, title, author, updated_at, excerpt, "
                + "categories, language, content_html, declared, marks, title_key, author_key, summary_shingles, "
                + "summary_words, content_shingles, content_words, continuation_shingles, continuation_words) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
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
    public void update(List<EntryRow> entries) {
        if (entries.isEmpty()) {
            return;
        }
        long seq = tx.lockNearDuplicates();
        String sql = "UPDATE item_sources SET version_hash = ?, seq = ?, published_at = ?, canonical_url = ?, "
                + "link = ?, title = ?, author = ?, updated_at = ?, excerpt = ?, categories = ?, language = ?, "
                + "content_html = ?, declared = ?, marks = ?, title_key = ?, author_key = ?, summary_shingles = ?, "
                + "summary_words = ?, content_shingles = ?, content_words = ?, continuation_shingles = ?, "
                + "continuation_words = ? WHERE feed_id = ? AND guid = ?";
        try (PreparedStatement update = h.getConnection().prepareStatement(sql)) {
            for (EntryRow row : entries) {
                update.setString(1, row.source().versionHash());
                update.setLong(2, seq);
                bindFactsAndEvidence(update, 3, row);
                update.setLong(23, row.source().feedId());
                update.setString(24, row.source().guid());
                update.addBatch();
            }
            update.executeBatch();
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException(e, null);
        }
    }

    /**
     * Moves entries to another item ({@link ItemSource#itemId}), with the rule and evidence that put them there, under
     * this number, so every process's candidate index learns where they went. Their facts must be in their own rows
     * ({@link #keepItemFactsInEntries} on the item they leave, first).
     */
    public void move(List<ItemSource> entries) {
        if (entries.isEmpty()) {
            return;
        }
        long seq = tx.lockNearDuplicates();
        String sql = "UPDATE item_sources SET item_id = ?, seq = ?, rule = ?, evidence = ? WHERE feed_id = ? AND guid = ?";
        try (PreparedStatement update = h.getConnection().prepareStatement(sql)) {
            for (ItemSource s : entries) {
                update.setLong(1, s.itemId());
                update.setLong(2, seq);
                update.setString(3, s.rule());
                update.setString(4, s.evidence() == null ? null : cut(s.evidence(), EVIDENCE_CHARS));
                update.setLong(5, s.feedId());
                update.setString(6, s.guid());
                update.addBatch();
            }
            update.executeBatch();
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException(e, null);
        }
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

    /** Binds an entry's 20 facts and evidence columns from parameter {@code first} on. */
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
        statement.setInt(p++, e.contentWords());
        statement.setBytes(p++, e.continuationShingles());
        statement.setInt(p, e.continuationWords());
    }
}

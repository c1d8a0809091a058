package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.feedletter.identity.AuthorKey;
import org.feedletter.identity.TextOpening;
import org.feedletter.identity.TitleAffixes;
import org.feedletter.identity.TitleKey;
import org.feedletter.ingest.normalize.CanonicalUrl;
import org.feedletter.ingest.normalize.EntryNormalizer;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.jsoup.Jsoup;

/**
 * Fills the facts and evidence columns of V13 for the entries stored before them. What each entry said was not
 * kept, only what its item showed; so every entry of an item stands for the item as stored (its facts, and the
 * openings of its excerpt and text), with its own URL worked out from the link it came under. An item with more
 * than one entry keeps its HTML in each entry's row, as ingest now does. The per-item fingerprints, now per entry,
 * go; so does their table. Items under a link whose canonical form changed (mobile and AMP hosts and paths are now
 * folded) are also found under the new form.
 */
public class V14__Entry_evidence_of_stored_entries extends BaseJavaMigration {

    private static final int BATCH = 500;

    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        fillFromItems(c);
        fillUrls(c);
        try (Statement statement = c.createStatement()) {
            statement.execute("DROP TABLE item_fingerprints");
        }
    }

    private static void fillFromItems(Connection c) throws Exception {
        String select = "SELECT i.id, i.link, i.title, i.author, i.published_at, i.updated_at, i.content_html, "
                + "i.excerpt, i.categories, i.language, (SELECT COUNT(*) FROM item_sources s WHERE s.item_id = i.id), "
                + "(SELECT COUNT(*) FROM item_aliases a WHERE a.item_id = i.id AND a.kind = 'declared') FROM items i";
        String update = "UPDATE item_sources SET published_at = ?, link = ?, title = ?, author = ?, updated_at = ?, "
                + "excerpt = ?, categories = ?, language = ?, content_html = ?, marks = '', title_key = ?, author_key = ?, "
                + "summary_shingles = ?, summary_words = ?, content_shingles = ?, content_words = ?, declared = ? "
                + "WHERE item_id = ?";
        try (Statement read = c.createStatement();
                PreparedStatement write = c.prepareStatement(update);
                PreparedStatement declared = c.prepareStatement("SELECT url FROM item_aliases WHERE item_id = ? "
                        + "AND kind = 'declared' ORDER BY url")) {
            read.setFetchSize(BATCH);
            int pending = 0;
            try (ResultSet rs = read.executeQuery(select)) {
                while (rs.next()) {
                    long id = rs.getLong(1);
                    String html = rs.getString(7);
                    String excerpt = rs.getString(8);
                    TextOpening summary = excerpt == null ? null : TextOpening.of(TextOpening.Kind.SUMMARY, excerpt);
                    TextOpening content = html == null ? null
                            : TextOpening.of(TextOpening.Kind.CONTENT, Jsoup.parseBodyFragment(html).text());
                    write.setObject(1, rs.getObject(5));
                    write.setString(2, rs.getString(2));
                    write.setString(3, rs.getString(3));
                    write.setString(4, rs.getString(4));
                    write.setObject(5, rs.getObject(6));
                    write.setString(6, excerpt);
                    write.setString(7, rs.getString(9));
                    write.setString(8, rs.getString(10));
                    write.setString(9, rs.getLong(11) > 1 ? html : null);
                    write.setString(10, TitleKey.of(rs.getString(3), TitleAffixes.NONE).folded());
                    write.setString(11, AuthorKey.parse(rs.getString(4)).encoded());
                    write.setBytes(12, summary == null ? null : summary.encodedShingles());
                    write.setInt(13, summary == null ? 0 : summary.words());
                    write.setBytes(14, content == null ? null : content.encodedShingles());
                    write.setInt(15, content == null ? 0 : content.words());
                    write.setString(16, rs.getLong(12) == 0 ? "" : declaredOf(declared, id));
                    write.setLong(17, id);
                    write.addBatch();
                    if (++pending == BATCH) {
                        write.executeBatch();
                        pending = 0;
                    }
                }
            }
            if (pending > 0) {
                write.executeBatch();
            }
        }
    }

    private static String declaredOf(PreparedStatement declared, long itemId) throws Exception {
        declared.setLong(1, itemId);
        List<String> urls = new ArrayList<>();
        try (ResultSet rs = declared.executeQuery()) {
            while (rs.next()) {
                urls.add(rs.getString(1));
            }
        }
        return String.join("\n", urls);
    }

    /** Each entry's own canonical URL and link, from the link it came under. */
    private static void fillUrls(Connection c) throws Exception {
        Set<String> known = new HashSet<>();
        try (Statement read = c.createStatement(); ResultSet rs = read.executeQuery(
                "SELECT public_id FROM items UNION SELECT public_id FROM item_aliases")) {
            while (rs.next()) {
                known.add(rs.getString(1));
            }
        }
        record Url(long feedId, String guid, long itemId, String canonical, String link) {}
        List<Url> urls = new ArrayList<>();
        try (Statement read = c.createStatement(); ResultSet rs = read.executeQuery(
                "SELECT feed_id, guid, item_id, original_url FROM item_sources WHERE original_url IS NOT NULL")) {
            while (rs.next()) {
                String link = CanonicalUrl.withoutTracking(rs.getString(4));
                urls.add(new Url(rs.getLong(1), rs.getString(2), rs.getLong(3), CanonicalUrl.of(link).orElse(null),
                        link));
            }
        }
        try (PreparedStatement write = c.prepareStatement("UPDATE item_sources SET canonical_url = ?, link = ? "
                + "WHERE feed_id = ? AND guid = ?");
                PreparedStatement alias = c.prepareStatement("INSERT INTO item_aliases (public_id, item_id, kind, url) "
                        + "VALUES (?, ?, 'url', ?)")) {
            int pending = 0;
            for (Url u : urls) {
                write.setString(1, u.canonical());
                write.setString(2, u.link() == null || u.link().length() > 2048 ? null : u.link());
                write.setLong(3, u.feedId());
                write.setString(4, u.guid());
                write.addBatch();
                if (u.canonical() != null && known.add(EntryNormalizer.publicIdOf(u.canonical()))) {
                    alias.setString(1, EntryNormalizer.publicIdOf(u.canonical()));
                    alias.setLong(2, u.itemId());
                    alias.setString(3, u.canonical().length() > 2048 ? u.canonical().substring(0, 2048) : u.canonical());
                    alias.executeUpdate();
                }
                if (++pending == BATCH) {
                    write.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                write.executeBatch();
            }
        }
    }
}

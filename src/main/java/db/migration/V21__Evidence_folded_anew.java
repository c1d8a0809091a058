package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.feedletter.identity.TextOpening;
import org.feedletter.identity.Words;
import org.feedletter.ingest.normalize.EntryNormalizer;
import org.feedletter.ingest.normalize.HtmlSanitizer;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Cyrillic letters now fold to Latin ones (a Serbian copy in the other alphabet is the same text), Urdu's heh goal to
 * heh, and the opening of a Thai, Lao, Khmer or Burmese text holds as many words as a spaced text's (a few letters
 * to a word, not one): the evidence of entries stored before is worked out anew, so that a copy arriving after the
 * upgrade still meets them by title, author and text. Only entries with such a letter in what they say are touched:
 * their title and author keys refolded (what was folded before folds the same way again, but for those letters),
 * the openings of their texts made again from the stored HTML and summary.
 */
public class V21__Evidence_folded_anew extends BaseJavaMigration {

    private static final int BATCH = 200;

    private record Row(long feedId, String guid, String titleKey, String authorKey, byte[] summaryShingles,
            int summaryWords, byte[] contentShingles, int contentWords) {

        boolean summary() {
            return summaryShingles != null;
        }

        boolean content() {
            return contentShingles != null;
        }
    }

    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        List<Row> rows = new ArrayList<>();
        try (Statement read = c.createStatement()) {
            read.setFetchSize(1000);
            try (ResultSet rs = read.executeQuery("SELECT feed_id, guid, title_key, author_key, excerpt, "
                    + "summary_shingles, summary_words, content_shingles, content_words FROM item_sources")) {
                while (rs.next()) {
                    String titleKey = rs.getString(3);
                    String authorKey = rs.getString(4);
                    if (foldsAnew(titleKey) || foldsAnew(authorKey) || foldsAnew(rs.getString(5))) {
                        rows.add(new Row(rs.getLong(1), rs.getString(2), titleKey, authorKey, rs.getBytes(6),
                                rs.getInt(7), rs.getBytes(8), rs.getInt(9)));
                    }
                }
            }
        }
        if (rows.isEmpty()) {
            return;
        }
        EntryNormalizer normalizer = new EntryNormalizer(new HtmlSanitizer());
        try (PreparedStatement texts = c.prepareStatement("SELECT s.content_html, s.title, s.excerpt, s.link, "
                + "i.content_html, i.excerpt, i.link FROM item_sources s JOIN items i ON i.id = s.item_id "
                + "WHERE s.feed_id = ? AND s.guid = ?");
                PreparedStatement write = c.prepareStatement("UPDATE item_sources SET title_key = ?, author_key = ?, "
                        + "summary_shingles = ?, summary_words = ?, content_shingles = ?, content_words = ? "
                        + "WHERE feed_id = ? AND guid = ?")) {
            int pending = 0;
            for (Row row : rows) {
                texts.setLong(1, row.feedId());
                texts.setString(2, row.guid());
                TextOpening summary = null;
                TextOpening content = null;
                boolean made = false;
                try (ResultSet rs = texts.executeQuery()) {
                    if (rs.next() && (row.summary() || row.content())) {
                        boolean factsInItem = rs.getString(2) == null; // an item's only entry: its item's facts
                        String html = rs.getString(1) != null ? rs.getString(1) : rs.getString(5);
                        String excerpt = factsInItem ? rs.getString(6) : rs.getString(3);
                        String link = factsInItem ? rs.getString(7) : rs.getString(4);
                        if (html != null) {
                            made = true;
                            for (TextOpening t : normalizer.openingsOfStored(html,
                                    row.summary() && row.content() ? excerpt : null, row.content(), link)) {
                                if (t.kind() == TextOpening.Kind.SUMMARY) {
                                    summary = t;
                                } else {
                                    content = t;
                                }
                            }
                        }
                    }
                }
                write.setString(1, row.titleKey() == null ? null : String.join(" ", Words.of(row.titleKey(), 64)));
                write.setString(2, row.authorKey() == null ? null : refoldAuthors(row.authorKey()));
                // texts no longer stored (none kept for the entry) leave its openings as they were
                write.setBytes(3, made ? bytes(summary) : row.summaryShingles());
                write.setInt(4, made ? words(summary) : row.summaryWords());
                write.setBytes(5, made ? bytes(content) : row.contentShingles());
                write.setInt(6, made ? words(content) : row.contentWords());
                write.setLong(7, row.feedId());
                write.setString(8, row.guid());
                write.addBatch();
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

    private static byte[] bytes(TextOpening t) {
        return t == null ? null : t.encodedShingles();
    }

    private static int words(TextOpening t) {
        return t == null ? 0 : t.words();
    }

    /** "петровић:м|..." as "petrovic:m|...": each surname and initial folded again. */
    static String refoldAuthors(String encoded) {
        List<String> people = new ArrayList<>();
        for (String person : encoded.split("\\|")) {
            List<String> readings = new ArrayList<>();
            for (String reading : person.split("~")) {
                int colon = reading.indexOf(':');
                String surname = colon < 0 ? reading : reading.substring(0, colon);
                String initial = colon < 0 ? "" : Words.fold(reading.substring(colon + 1));
                readings.add(Words.fold(surname)
                        + (colon < 0 ? "" : ":" + (initial.isEmpty() ? "" : initial.substring(0, 1))));
            }
            people.add(String.join("~", readings));
        }
        return String.join("|", people);
    }

    /**
     * Whether the text has a letter that folds or counts otherwise now: Cyrillic, Urdu's heh goal, Thai, Lao,
     * Burmese or Khmer.
     */
    private static boolean foldsAnew(String text) {
        if (text == null) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch >= 0x0400 && ch <= 0x04FF || ch == 'ہ' || ch >= 0x0E00 && ch <= 0x0EFF
                    || ch >= 0x1000 && ch <= 0x109F || ch >= 0x1780 && ch <= 0x17FF) {
                return true;
            }
        }
        return false;
    }
}

package org.feedletter.ingest.dedup;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.feedletter.identity.Words;
import org.feedletter.store.IngestTransaction;
import org.feedletter.store.ItemDraft;
import org.feedletter.store.ItemRevision;
import org.feedletter.store.ItemText;
import org.jsoup.Jsoup;

/**
 * Records what an update of stored items changed, for digests that list updates: whether the title's words
 * changed, and how much of the text ({@link TextChange}). Only measured here, not judged: ingest knows no
 * newsletters, and each newsletter has its own threshold, applied when its edition is built. An update that
 * changed no words (dates, markup, a category) leaves no revision.
 */
final class ItemRevisions {

    /** Title words compared; a title is one line, cut well before this. */
    private static final int TITLE_WORDS = 200;

    private ItemRevisions() {}

    /** Call before the drafts are written: compares them with the items as stored, read in one batch. */
    static void record(IngestTransaction tx, Map<Long, ItemDraft> updates, Instant now) {
        if (updates.isEmpty()) {
            return;
        }
        Map<Long, ItemText> before = tx.itemReads().currentTexts(updates.keySet());
        List<ItemRevision> revisions = new ArrayList<>();
        updates.forEach((itemId, draft) -> {
            ItemText old = before.get(itemId);
            if (old == null) {
                return;
            }
            boolean titleChanged = !Words.of(old.title(), TITLE_WORDS).equals(Words.of(draft.title(), TITLE_WORDS));
            double textChange = TextChange.between(text(old.contentHtml()), text(draft.contentHtml()));
            if (titleChanged || textChange > 0) {
                revisions.add(new ItemRevision(itemId, now, old.title(), titleChanged, textChange));
            }
        });
        tx.itemWrites().insertRevisions(revisions);
    }

    private static String text(String html) {
        return html == null || html.isEmpty() ? "" : Jsoup.parseBodyFragment(html).text();
    }
}

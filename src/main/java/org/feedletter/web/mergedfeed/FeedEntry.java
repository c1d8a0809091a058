package org.feedletter.web.mergedfeed;

import java.time.Instant;
import java.util.List;

/**
 * One item as the merged feed shows it.
 *
 * @param id the item's public id: the same on every node, after every restart and re-poll
 * @param contentHtml sanitized at ingest; written escaped
 * @param source the feed that carried the item first
 * @param via the other feeds that carried it
 * @param changed when the item was last stored or rewritten (Last-Modified); not written
 */
record FeedEntry(String id, String title, String link, String author, Instant published, Instant updated,
        String contentHtml, String summary, List<String> categories, Origin source, List<Origin> via,
        Instant changed) {

    /** A feed that carried an item: its name, its address, and the entry's own link there. */
    record Origin(String title, String feedUrl, String entryUrl) {}
}

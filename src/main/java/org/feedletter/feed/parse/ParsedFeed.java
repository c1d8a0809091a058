package org.feedletter.feed.parse;

import java.net.URI;
import java.util.List;

/**
 * A feed read into our own records.
 *
 * @param format e.g. "rss_2.0", "atom_1.0", "json_feed_1.1"
 * @param title may be null
 * @param siteLink the site the feed belongs to, or null
 * @param hubLinks the WebSub hubs and self URL the document names ({@link HubLinks#NONE} when none)
 */
public record ParsedFeed(String format, String title, URI siteLink, List<Entry> entries, HubLinks hubLinks) {

    public ParsedFeed {
        entries = List.copyOf(entries);
    }

    /** A feed that names no hub. */
    public ParsedFeed(String format, String title, URI siteLink, List<Entry> entries) {
        this(format, title, siteLink, entries, HubLinks.NONE);
    }
}

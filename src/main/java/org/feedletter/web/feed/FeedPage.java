package org.feedletter.web.feed;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One document of a merged feed: the subscription document (the newest entries) or an archive page.
 *
 * @param feedId stable for the whole feed, whichever page
 * @param updated the latest change among its entries, so every node writes the same bytes
 * @param links rel -> absolute URL: self, alternate, next, prev-archive, next-archive, current, previous
 * @param archive true for an archive page (RFC 5005 fh:archive)
 */
record FeedPage(String feedId, String title, String description, String homeUrl, Instant updated,
        List<FeedEntry> entries, Map<String, String> links, boolean archive) {}

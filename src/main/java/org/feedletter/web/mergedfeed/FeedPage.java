package org.feedletter.web.mergedfeed;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One document of a merged feed: the subscription document (the newest entries) or an archive page.
 *
 * @param feedId stable for the whole feed, whichever page
 * @param author the feed's author (RFC 4287 asks one of a feed whose entries may have none)
 * @param homeUrl the site's home page, which links the feeds, the archive and the sign-up
 * @param updated the latest change among its entries, so every node writes the same bytes
 * @param links rel -> absolute URL: self, hub (a WebSub hub), next, prev-archive, next-archive, current, previous
 * @param archive true for an archive page (RFC 5005 fh:archive)
 * @param language the feed's language as a BCP 47 tag (its newsletter's; the merged feed's when all newsletters
 *     share one), or empty when it has none
 */
record FeedPage(String feedId, String title, String description, String author, String homeUrl, Instant updated,
        List<FeedEntry> entries, Map<String, String> links, boolean archive, String language) {}

package org.feedletter.feed.opml;

import java.net.URI;

/**
 * One feed in an OPML file.
 *
 * @param title may be null
 * @param siteUrl the feed's web page (htmlUrl), or null
 */
public record OpmlOutline(URI feedUrl, String title, URI siteUrl) {}

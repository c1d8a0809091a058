package org.feedletter.feed.fetch;

import java.net.URI;

/**
 * What to fetch, with the validators remembered from the last successful fetch.
 *
 * @param etag may be null
 * @param lastModified may be null; the server's own string, sent back as is
 * @param feedUrl the feed's own URL, as the operator gave it (or a permanent redirect moved it): its host and port
 *     may be internal. Every other host, the redirects' and a web page's feed link, is held to the egress rules.
 */
public record FetchRequest(URI url, String etag, String lastModified, URI feedUrl) {

    /** A request for the feed's own URL. */
    public FetchRequest(URI url, String etag, String lastModified) {
        this(url, etag, lastModified, url);
    }

    public static FetchRequest unconditional(URI url) {
        return new FetchRequest(url, null, null);
    }

    /** A feed that the web page at {@code feedUrl} links to: the page chose it, not the operator. */
    public static FetchRequest linkedFrom(URI feedUrl, URI link) {
        return new FetchRequest(link, null, null, feedUrl);
    }
}

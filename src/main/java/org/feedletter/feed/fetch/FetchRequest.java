package org.feedletter.feed.fetch;

import java.net.URI;

/**
 * What to fetch, with the validators remembered from the last successful fetch.
 *
 * @param etag may be null
 * @param lastModified may be null; the server's own string, sent back as is
 */
public record FetchRequest(URI url, String etag, String lastModified) {

    public static FetchRequest unconditional(URI url) {
        return new FetchRequest(url, null, null);
    }
}

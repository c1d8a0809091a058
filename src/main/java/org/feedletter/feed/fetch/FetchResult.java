package org.feedletter.feed.fetch;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * How a fetch ended. "Not modified" and the failures are plain values, not exceptions: the caller
 * records each on the feed and carries on.
 */
public sealed interface FetchResult {

    /** Time from the first byte sent to the last byte read. */
    Duration elapsed();

    /**
     * A body to parse.
     *
     * @param finalUrl where the body came from, after redirects (the base for relative links)
     * @param movedPermanently the new address when a 301 or 308 was followed, else null
     * @param contentType the Content-Type header, or null
     * @param body decoded from gzip or deflate when the server compressed it
     * @param etag to send back next time, or null
     * @param lastModified to send back next time, or null
     * @param links the answer's {@code Link} header values as sent (RFC 8288; where WebSub names a feed's hubs), in
     *     order; empty when there were none
     */
    record Fetched(URI finalUrl, URI movedPermanently, int status, String contentType, byte[] body, String etag,
                   String lastModified, Duration elapsed, List<String> links) implements FetchResult {

        public Fetched {
            links = List.copyOf(links);
        }

        /** An answer without {@code Link} headers. */
        public Fetched(URI finalUrl, URI movedPermanently, int status, String contentType, byte[] body, String etag,
                String lastModified, Duration elapsed) {
            this(finalUrl, movedPermanently, status, contentType, body, etag, lastModified, elapsed, List.of());
        }
    }

    /** 304: nothing changed since the validators were stored; nothing to parse. */
    record NotModified(URI movedPermanently, Duration elapsed) implements FetchResult {}

    /**
     * 429, or 503 with Retry-After: the host asks us to wait.
     *
     * @param status the host's answer, 429 or 503; null when no request was made because the host still holds us off
     * @param retryAfter when the host may be asked again, or null when it did not say
     */
    record RateLimited(String host, Integer status, Instant retryAfter, String message, Duration elapsed) implements FetchResult {}

    /** 410: the feed is gone for good; polling it stops. */
    record Gone(String message, Duration elapsed) implements FetchResult {}

    /**
     * Anything else that gave no body: connection refused, timeout, HTTP error, body too large.
     *
     * @param message for a person, naming the URL, e.g. "HTTP 503 from https://example.org/feed after 10 s"
     * @param status the HTTP status, or 0 when there was no response
     */
    record Failed(String message, int status, Duration elapsed) implements FetchResult {}
}

package org.feedletter.config;

import java.time.Duration;

/**
 * Limits for fetching feeds. Defaults are what a polite, robust reader uses.
 *
 * @param deadline overall time for one fetch, headers and body, across redirects
 * @param maxBodyBytes cap on the body, also after decompression
 * @param concurrency feeds fetched at once
 * @param perHostConcurrency requests at once to one host
 */
public record FetchSettings(
        Duration connectTimeout,
        Duration readTimeout,
        Duration deadline,
        long maxBodyBytes,
        int maxRedirects,
        int concurrency,
        int perHostConcurrency,
        String userAgent) {

    public static final long DEFAULT_MAX_BODY_BYTES = 10L * 1024 * 1024;

    public static FetchSettings defaults(String userAgent) {
        return new FetchSettings(Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(60),
                DEFAULT_MAX_BODY_BYTES, 5, 16, 2, userAgent);
    }
}

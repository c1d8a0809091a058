package org.feedletter.config;

import java.time.Duration;
import java.util.List;

/**
 * Limits for fetching feeds. Defaults are what a polite, robust reader uses.
 *
 * @param deadline overall time for one fetch, headers and body, across redirects
 * @param maxBodyBytes cap on the body, also after decompression
 * @param concurrency feeds fetched at once
 * @param perHostConcurrency requests at once to one host
 * @param allowInternal internal addresses (see {@link AddressKind}) that a feed's redirects and page links may reach
 *     besides the feed's own host and port; none by default
 * @param maxEntriesPerPoll new or changed entries taken from one feed in one poll (newest first; the rest at the next
 *     polls), unless the feed sets its own
 */
public record FetchSettings(
        Duration connectTimeout,
        Duration readTimeout,
        Duration deadline,
        long maxBodyBytes,
        int maxRedirects,
        int concurrency,
        int perHostConcurrency,
        String userAgent,
        List<AddressRange> allowInternal,
        int maxEntriesPerPoll) {

    public static final long DEFAULT_MAX_BODY_BYTES = 10L * 1024 * 1024;
    /** Far above what a feed carries on a normal day, far below a flood. */
    public static final int DEFAULT_MAX_ENTRIES_PER_POLL = 500;

    public FetchSettings {
        allowInternal = List.copyOf(allowInternal);
    }

    /** No internal address allowed, and the default entry cap. */
    public FetchSettings(Duration connectTimeout, Duration readTimeout, Duration deadline, long maxBodyBytes,
            int maxRedirects, int concurrency, int perHostConcurrency, String userAgent) {
        this(connectTimeout, readTimeout, deadline, maxBodyBytes, maxRedirects, concurrency, perHostConcurrency,
                userAgent, List.of(), DEFAULT_MAX_ENTRIES_PER_POLL);
    }

    public static FetchSettings defaults(String userAgent) {
        return new FetchSettings(Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(60),
                DEFAULT_MAX_BODY_BYTES, 5, 16, 2, userAgent);
    }

    public FetchSettings withAllowInternal(List<AddressRange> ranges) {
        return new FetchSettings(connectTimeout, readTimeout, deadline, maxBodyBytes, maxRedirects, concurrency,
                perHostConcurrency, userAgent, ranges, maxEntriesPerPoll);
    }

    public FetchSettings withMaxEntriesPerPoll(int max) {
        return new FetchSettings(connectTimeout, readTimeout, deadline, maxBodyBytes, maxRedirects, concurrency,
                perHostConcurrency, userAgent, allowInternal, max);
    }
}

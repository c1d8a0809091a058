package org.feedletter.store;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.feedletter.config.SecretUrls;

/**
 * A feed row: where it is, how it is doing, and when it is next due.
 *
 * @param configUrl the URL as written in the config file, or null for a feed added at run time
 */
public record StoredFeed(
        long id,
        String configUrl,
        URI url,
        String name,
        FeedOrigin origin,
        Duration interval,
        String title,
        String etag,
        String lastModified,
        FeedState state,
        Instant nextPollAt,
        Instant lastPolledAt,
        Instant lastSuccessAt,
        Integer lastStatus,
        int failures,
        String lastError) {

    public enum FeedOrigin { CONFIG, ADDED }

    /** PAUSED: kept, not polled until resumed. */
    public enum FeedState { ACTIVE, PAUSED, GONE, REMOVED }

    /** The label a person knows the feed by. */
    public String label() {
        return name != null && !name.isBlank() ? name : SecretUrls.publicForm(url.toString());
    }
}

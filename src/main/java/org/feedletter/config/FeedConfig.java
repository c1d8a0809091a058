package org.feedletter.config;

import java.net.URI;
import java.time.Duration;

/**
 * A feed named in the config file; such feeds are read-only in the database.
 *
 * @param maxEntriesPerPoll the feed's own cap on entries taken in one poll, else {@code fetch.max-entries-per-poll}
 */
public record FeedConfig(URI url, String name, Duration interval, int maxEntriesPerPoll) {

    public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(30);

    /** With the default entry cap. */
    public FeedConfig(URI url, String name, Duration interval) {
        this(url, name, interval, FetchSettings.DEFAULT_MAX_ENTRIES_PER_POLL);
    }
}

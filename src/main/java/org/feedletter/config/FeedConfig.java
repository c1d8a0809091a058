package org.feedletter.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * A feed named in the config file; such feeds are read-only in the database.
 *
 * @param maxEntriesPerPoll the feed's own cap on entries taken in one poll, else {@code fetch.max-entries-per-poll}
 * @param categories added to every entry of the feed: the type a type-feed stands for (a feed of Quick Comments
 *     whose entries carry no category), so the items they join have it whichever feed brought them first
 */
public record FeedConfig(URI url, String name, Duration interval, int maxEntriesPerPoll, List<String> categories) {

    public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(30);

    public FeedConfig {
        categories = List.copyOf(categories);
    }

    /** With no categories of its own. */
    public FeedConfig(URI url, String name, Duration interval, int maxEntriesPerPoll) {
        this(url, name, interval, maxEntriesPerPoll, List.of());
    }

    /** With the default entry cap. */
    public FeedConfig(URI url, String name, Duration interval) {
        this(url, name, interval, FetchSettings.DEFAULT_MAX_ENTRIES_PER_POLL);
    }
}

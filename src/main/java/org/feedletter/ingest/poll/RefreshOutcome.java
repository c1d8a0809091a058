package org.feedletter.ingest.poll;

import java.time.Duration;
import org.feedletter.feed.parse.HubLinks;
import org.feedletter.ingest.dedup.IngestReport;
import org.feedletter.store.FeedStore.FeedPoll;
import org.feedletter.store.StoredFeed;

/**
 * How one feed's refresh ended.
 *
 * @param message for the operator: the error, or a note such as a discovered feed URL; null when all went well
 * @param poll what to record on the feed row; the poller writes these in batches
 * @param fetchTime how long the fetch took (zero when it never started)
 * @param hubLinks the WebSub hubs and topic the fetched document (or its {@code Link} headers) named;
 *     {@link HubLinks#NONE} when nothing was read (not modified, failed) or it named none
 */
public record RefreshOutcome(StoredFeed feed, Kind kind, IngestReport report, String message, FeedPoll poll,
        Duration fetchTime, HubLinks hubLinks) {

    /** An outcome that read no hub links. */
    public RefreshOutcome(StoredFeed feed, Kind kind, IngestReport report, String message, FeedPoll poll,
            Duration fetchTime) {
        this(feed, kind, report, message, poll, fetchTime, HubLinks.NONE);
    }

    public enum Kind {
        /** A body was parsed and stored. */
        FETCHED,
        /** 304: nothing changed. */
        NOT_MODIFIED,
        /** The host asked us to wait. */
        RATE_LIMITED,
        /** The feed is gone for good; polling stopped. */
        GONE,
        /** Fetching, parsing or storing failed; the feed's error says why. */
        FAILED
    }

    public RefreshOutcome withFetchTime(Duration time) {
        return new RefreshOutcome(feed, kind, report, message, poll, time, hubLinks);
    }

    public RefreshOutcome withHubLinks(HubLinks links) {
        return new RefreshOutcome(feed, kind, report, message, poll, fetchTime, links);
    }

    public boolean failed() {
        return kind == Kind.FAILED || kind == Kind.GONE || kind == Kind.RATE_LIMITED;
    }
}

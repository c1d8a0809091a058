package org.feedletter.ingest.poll;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.feedletter.config.SecretUrls;
import org.feedletter.feed.fetch.FeedFetcher;
import org.feedletter.feed.fetch.FetchRequest;
import org.feedletter.feed.fetch.FetchResult;
import org.feedletter.feed.parse.Entry;
import org.feedletter.feed.parse.FeedParser;
import org.feedletter.feed.parse.HubLinks;
import org.feedletter.feed.parse.ParseResult;
import org.feedletter.feed.parse.ParsedFeed;
import org.feedletter.ingest.dedup.FeedSite;
import org.feedletter.ingest.dedup.IngestReport;
import org.feedletter.ingest.dedup.ItemIngestor;
import org.feedletter.ingest.normalize.CandidateItem;
import org.feedletter.ingest.normalize.EntryNormalizer;
import org.feedletter.ingest.poll.RefreshOutcome.Kind;
import org.feedletter.store.FeedStore.FeedPoll;
import org.feedletter.store.StoredFeed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refreshes one feed in two steps: {@link #fetch} (waits on the network) and {@link #process} (parse, normalize,
 * dedupe and store its entries; uses the CPU). The poller runs them on separate thread pools. Whatever happens
 * ends in a {@link RefreshOutcome} carrying what to record on the feed row; nothing here throws for a bad feed.
 */
public final class FeedRefresher {

    private static final Logger log = LoggerFactory.getLogger(FeedRefresher.class);

    private final FeedFetcher fetcher;
    private final FeedParser parser;
    private final EntryNormalizer normalizer;
    private final ItemIngestor ingestor;
    private final EntryCap cap;
    private final InstantSource clock;
    private final FeedLabels labels;

    public FeedRefresher(FeedFetcher fetcher, FeedParser parser, EntryNormalizer normalizer, ItemIngestor ingestor,
            EntryCap cap, InstantSource clock) {
        this(fetcher, parser, normalizer, ingestor, cap, clock, FeedLabels.NONE);
    }

    /** @param labels the categories the config adds to each entry of some feeds */
    public FeedRefresher(FeedFetcher fetcher, FeedParser parser, EntryNormalizer normalizer, ItemIngestor ingestor,
            EntryCap cap, InstantSource clock, FeedLabels labels) {
        this.labels = labels;
        this.fetcher = fetcher;
        this.parser = parser;
        this.normalizer = normalizer;
        this.ingestor = ingestor;
        this.cap = cap;
        this.clock = clock;
    }

    /** Both steps in one go, for a single feed. */
    public RefreshOutcome refresh(StoredFeed feed) {
        return process(feed, fetch(feed));
    }

    /** Fetches the feed, conditionally on what was stored last time. */
    public FetchResult fetch(StoredFeed feed) {
        return fetcher.fetch(new FetchRequest(feed.url(), feed.etag(), feed.lastModified()));
    }

    public RefreshOutcome process(StoredFeed feed, FetchResult fetched) {
        return outcomeOf(feed, fetched).withFetchTime(fetched.elapsed());
    }

    private RefreshOutcome outcomeOf(StoredFeed feed, FetchResult fetched) {
        Instant now = clock.instant();
        if (fetched instanceof FetchResult.Fetched body) {
            return parseAndStore(feed, body, now);
        }
        if (fetched instanceof FetchResult.NotModified notModified) {
            URI url = notModified.movedPermanently() != null ? notModified.movedPermanently() : feed.url();
            String note = movedNote(feed, notModified.movedPermanently());
            return succeeded(feed, Kind.NOT_MODIFIED, IngestReport.NOTHING, note, new FeedPoll(feed.id(), url, now, 304,
                    null, null, feed.etag(), feed.lastModified(), note, now.plus(feed.interval()), FeedPoll.Result.OK));
        }
        if (fetched instanceof FetchResult.RateLimited limited) {
            Instant next = limited.retryAfter() != null ? limited.retryAfter() : backoff(feed, now);
            return failed(feed, Kind.RATE_LIMITED, limited.status() == null ? 0 : limited.status(), limited.message(),
                    now, next);
        }
        if (fetched instanceof FetchResult.Gone gone) {
            return failed(feed, Kind.GONE, 410, gone.message() + "; polling stopped", now, now);
        }
        FetchResult.Failed failure = (FetchResult.Failed) fetched;
        return failed(feed, Kind.FAILED, failure.status(), failure.message(), now, backoff(feed, now));
    }

    private RefreshOutcome parseAndStore(StoredFeed feed, FetchResult.Fetched body, Instant now) {
        URI url = body.movedPermanently() != null ? body.movedPermanently() : feed.url();
        ParseResult parsed = parser.parse(body.body(), body.contentType(), body.finalUrl());
        if (parsed instanceof ParseResult.NotAFeed page && !page.feedLinks().isEmpty()) {
            return useDiscoveredFeed(feed, page, now);
        }
        if (parsed instanceof ParseResult.NotAFeed page) {
            return failed(feed, Kind.FAILED, body.status(), page.reason(), now, backoff(feed, now));
        }
        if (parsed instanceof ParseResult.Malformed malformed) {
            return failed(feed, Kind.FAILED, body.status(), malformed.message() + " (in " + body.finalUrl() + ")", now,
                    backoff(feed, now));
        }
        ParsedFeed content = ((ParseResult.Parsed) parsed).feed();
        Stored stored = store(feed, content, now);
        IngestReport report = stored.report();
        String note = joined(movedNote(feed, body.movedPermanently()), stored.taken().note());
        log.debug("feed {} ({}): {} new, {} updated, {} duplicates", feed.id(), feed.label(), report.newItems(),
                report.updated(), report.duplicates());
        return succeeded(feed, Kind.FETCHED, report, note, new FeedPoll(feed.id(), url, now, body.status(),
                content.title(), content.siteLink() == null ? null : content.siteLink().toString(),
                stored.validator(body.etag()), stored.validator(body.lastModified()), note, now.plus(feed.interval()),
                FeedPoll.Result.OK)).withHubLinks(hubLinks(body, content));
    }

    /** WebSub discovery: the answer's Link headers first, then the document (https://www.w3.org/TR/websub/#discovery). */
    private static HubLinks hubLinks(FetchResult.Fetched body, ParsedFeed content) {
        return HubLinks.discovered(HubLinks.fromHeaders(body.links(), body.finalUrl()), content.hubLinks());
    }

    /** The URL is an HTML page that links a feed: use that feed from now on, and say so. */
    private RefreshOutcome useDiscoveredFeed(StoredFeed feed, ParseResult.NotAFeed page, Instant now) {
        URI discovered = page.feedLinks().get(0);
        // The page, not the operator, chose this URL: it is held to the egress rules like a redirect.
        FetchResult fetched = fetcher.fetch(FetchRequest.linkedFrom(feed.url(), discovered));
        if (fetched instanceof FetchResult.Fetched body
                && parser.parse(body.body(), body.contentType(), body.finalUrl()) instanceof ParseResult.Parsed parsed) {
            Stored stored = store(feed, parsed.feed(), now);
            String note = joined(SecretUrls.masked(feed.url().toString()) + " is a web page, not a feed; using the feed"
                    + " it links to: " + SecretUrls.masked(String.valueOf(discovered)), stored.taken().note());
            log.warn("feed {} ({}): {}", feed.id(), feed.label(), note);
            return succeeded(feed, Kind.FETCHED, stored.report(), note, new FeedPoll(feed.id(), discovered, now,
                    body.status(), parsed.feed().title(), null, stored.validator(body.etag()),
                    stored.validator(body.lastModified()), note, now.plus(feed.interval()), FeedPoll.Result.OK))
                    .withHubLinks(hubLinks(body, parsed.feed()));
        }
        String why = fetched instanceof FetchResult.Failed failure ? ": " + failure.message() : "";
        return failed(feed, Kind.FAILED, 200, page.reason() + "; the feed it links to ("
                + SecretUrls.masked(String.valueOf(discovered)) + ") could not be read either" + why, now,
                backoff(feed, now));
    }

    /**
     * What storing a document did.
     *
     * @param taken which entries went in; when some were left for later, the validators are not kept
     */
    private record Stored(IngestReport report, EntryCap.Taken taken) {

        /** The ETag or Last-Modified to keep, or null so that the next fetch brings the entries left out. */
        String validator(String value) {
            return taken.left() > 0 ? null : value;
        }
    }

    private Stored store(StoredFeed feed, ParsedFeed content, Instant now) {
        List<Entry> parsed = labels.label(feed, content.entries());
        List<CandidateItem> entries = normalizer.normalizeAll(parsed, feed.id(), now);
        EntryCap.Taken taken = cap.take(feed, parsed, entries);
        if (taken.left() > 0) {
            log.info("feed {} ({}): {}", feed.id(), feed.label(), taken.note());
        }
        FeedSite site = new FeedSite(feed.id(), feed.url().toString(),
                content.siteLink() == null ? null : content.siteLink().toString());
        return new Stored(ingestor.ingest(site, taken.entries(), now), taken);
    }

    private static String joined(String first, String second) {
        return first == null ? second : second == null ? first : first + "; " + second;
    }

    private static RefreshOutcome succeeded(StoredFeed feed, Kind kind, IngestReport report, String note, FeedPoll poll) {
        return new RefreshOutcome(feed, kind, report, note, poll, Duration.ZERO);
    }

    private static RefreshOutcome failed(StoredFeed feed, Kind kind, int status, String message, Instant now,
            Instant next) {
        log.warn("feed {} ({}): {}", feed.id(), feed.label(), message);
        return new RefreshOutcome(feed, kind, IngestReport.NOTHING, message, new FeedPoll(feed.id(), feed.url(), now,
                status == 0 ? null : status, null, null, null, null, message, next,
                kind == Kind.GONE ? FeedPoll.Result.GONE : FeedPoll.Result.FAILED), Duration.ZERO);
    }

    static Instant backoff(StoredFeed feed, Instant now) {
        return now.plus(Backoff.after(feed.interval(), feed.failures() + 1));
    }

    private static String movedNote(StoredFeed feed, URI movedTo) {
        return movedTo == null ? null : SecretUrls.masked(feed.url().toString()) + " moved permanently to "
                + SecretUrls.masked(movedTo.toString()) + "; the feed now uses the new URL";
    }
}

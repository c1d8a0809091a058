package org.feedletter.ingest.poll;

import java.net.URI;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.feedletter.feed.fetch.FeedFetcher;
import org.feedletter.feed.fetch.FetchRequest;
import org.feedletter.feed.fetch.FetchResult;
import org.feedletter.feed.parse.FeedParser;
import org.feedletter.feed.parse.ParseResult;
import org.feedletter.feed.parse.ParsedFeed;
import org.feedletter.ingest.normalize.EntryNormalizer;
import org.feedletter.store.ItemDraft;
import org.feedletter.store.StoredItem;

/**
 * Reads a feed once without storing anything, for an operator deciding whether to add it ({@code feeds test},
 * {@code feeds add}): fetch, parse, and normalize its entries into items as they would be stored. A web page is
 * searched for the feeds it links to, and the first is read instead, as polling would.
 */
public final class FeedProbe {

    private final FeedFetcher fetcher;
    private final FeedParser parser;
    private final EntryNormalizer normalizer;
    private final InstantSource clock;

    public FeedProbe(FeedFetcher fetcher, FeedParser parser, EntryNormalizer normalizer, InstantSource clock) {
        this.fetcher = fetcher;
        this.parser = parser;
        this.normalizer = normalizer;
        this.clock = clock;
    }

    /** What reading a URL once gave. */
    public sealed interface Result {}

    /**
     * A feed.
     *
     * @param feedUrl where the feed is: the URL asked for, the new one after a permanent redirect, or the feed a
     *     web page linked to
     * @param fromPage the URL asked for was a web page, and the feed came from its links
     * @param otherFeeds further feeds the web page linked to, when it was one
     * @param items as they would be stored (ids 0, not yet stored), in feed order
     */
    public record Readable(URI requestedUrl, URI feedUrl, boolean fromPage, String format, String title,
            URI siteLink, List<StoredItem> items, List<URI> otherFeeds) implements Result {

        public Readable {
            items = List.copyOf(items);
            otherFeeds = List.copyOf(otherFeeds);
        }
    }

    /** Not a feed, or not reachable; {@code reason} in words, as a feed's last error would say it. */
    public record Unreadable(URI url, String reason) implements Result {}

    public Result probe(URI url) {
        FetchResult fetched = fetcher.fetch(FetchRequest.unconditional(url));
        if (!(fetched instanceof FetchResult.Fetched body)) {
            return new Unreadable(url, reason(fetched));
        }
        URI feedUrl = body.movedPermanently() != null ? body.movedPermanently() : url;
        ParseResult parsed = parser.parse(body.body(), body.contentType(), body.finalUrl());
        if (parsed instanceof ParseResult.Parsed feed) {
            return readable(url, feedUrl, false, feed.feed(), List.of());
        }
        if (parsed instanceof ParseResult.NotAFeed page && !page.feedLinks().isEmpty()) {
            return discovered(url, page);
        }
        return new Unreadable(url, parsed instanceof ParseResult.NotAFeed page ? page.reason()
                : ((ParseResult.Malformed) parsed).message() + " (in " + body.finalUrl() + ")");
    }

    private Result discovered(URI url, ParseResult.NotAFeed page) {
        URI linked = page.feedLinks().get(0);
        FetchResult fetched = fetcher.fetch(FetchRequest.linkedFrom(url, linked)); // the page chose it: egress rules apply
        if (fetched instanceof FetchResult.Fetched body
                && parser.parse(body.body(), body.contentType(), body.finalUrl()) instanceof ParseResult.Parsed feed) {
            URI feedUrl = body.movedPermanently() != null ? body.movedPermanently() : linked;
            return readable(url, feedUrl, true, feed.feed(), page.feedLinks().subList(1, page.feedLinks().size()));
        }
        return new Unreadable(url, page.reason() + "; the feed it links to (" + linked + ") could not be read either"
                + (fetched instanceof FetchResult.Fetched ? "" : ": " + reason(fetched)));
    }

    private Readable readable(URI requested, URI feedUrl, boolean fromPage, ParsedFeed feed, List<URI> otherFeeds) {
        Instant now = clock.instant();
        List<StoredItem> items = feed.entries().stream()
                .map(entry -> item(normalizer.normalize(entry, 0, now).draft(), now))
                .toList();
        return new Readable(requested, feedUrl, fromPage, feed.format(), feed.title(), feed.siteLink(), items,
                otherFeeds);
    }

    private static StoredItem item(ItemDraft draft, Instant now) {
        return new StoredItem(0, draft.publicId(), draft.canonicalUrl(), draft.link(), draft.title(), draft.author(),
                draft.published(), draft.updated(), draft.contentHtml(), draft.excerpt(), draft.categories(),
                draft.fingerprint(), 0, now, now, draft.language());
    }

    private static String reason(FetchResult result) {
        if (result instanceof FetchResult.Failed failed) {
            return failed.message();
        }
        if (result instanceof FetchResult.RateLimited limited) {
            return limited.message();
        }
        if (result instanceof FetchResult.Gone gone) {
            return gone.message();
        }
        return "the server answered 304 Not Modified to a request without validators";
    }
}

package org.feedletter.feed.parse;

import java.net.URI;
import java.util.List;

/** What a body turned out to be. A broken body is a value here, not an exception. */
public sealed interface ParseResult {

    record Parsed(ParsedFeed feed) implements ParseResult {}

    /**
     * Not a feed at all, e.g. an HTML page.
     *
     * @param reason for a person, e.g. "not a feed: got text/html"
     * @param feedLinks feeds the page links to (&lt;link rel="alternate" type="application/rss+xml"&gt; and friends),
     *     absolute, best first; empty when none
     */
    record NotAFeed(String reason, List<URI> feedLinks) implements ParseResult {
        public NotAFeed {
            feedLinks = List.copyOf(feedLinks);
        }
    }

    /**
     * Meant to be a feed but unreadable.
     *
     * @param message for a person, e.g. "XML error at line 12: element type "item" must be terminated"
     */
    record Malformed(String message) implements ParseResult {}
}

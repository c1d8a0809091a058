package org.feedletter.feed.parse;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.feedletter.feed.parse.Fixtures.FEED_URL;
import static org.feedletter.feed.parse.Fixtures.parsed;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** WebSub discovery: the hubs and self URL a feed names, in each format and in Link headers. */
class FeedParserHubLinksTest {

    private final FeedParser parser = new FeedParser();

    private HubLinks linksOf(String body, String contentType) {
        return parsed(parser.parse(body.getBytes(UTF_8), contentType, FEED_URL)).hubLinks();
    }

    @Test
    void atomNamesItsHubsAndSelfWithLinkElements() {
        HubLinks links = linksOf("""
                <feed xmlns="http://www.w3.org/2005/Atom">
                  <title>T</title><id>urn:x</id><updated>2024-01-01T00:00:00Z</updated>
                  <link rel="self" href="/atom.xml"/>
                  <link rel="alternate" href="https://example.org/"/>
                  <link rel="hub" href="https://hub.example.net/"/>
                  <link rel="hub" href="https://second-hub.example.net/"/>
                </feed>""", "application/atom+xml");

        assertThat(links.hubs()).containsExactly(URI.create("https://hub.example.net/"),
                URI.create("https://second-hub.example.net/"));
        assertThat(links.self()).isEqualTo(URI.create("https://feeds.example.com/atom.xml"));
    }

    @Test
    void rssNamesThemWithAtomLinksInItsChannel() {
        HubLinks links = linksOf("""
                <rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>
                  <title>T</title><link>https://example.org/</link><description>d</description>
                  <atom:link rel="hub" href="https://pubsubhubbub.appspot.com/"/>
                  <atom:link rel="self" type="application/rss+xml" href="https://example.org/feed/"/>
                  <item><title>One</title><link>https://example.org/1</link></item>
                </channel></rss>""", "application/rss+xml");

        assertThat(links.hubs()).containsExactly(URI.create("https://pubsubhubbub.appspot.com/"));
        assertThat(links.self()).isEqualTo(URI.create("https://example.org/feed/"));
    }

    @Test
    void jsonFeedNamesThemInHubsAndFeedUrl() {
        HubLinks links = linksOf("""
                {"version": "https://jsonfeed.org/version/1.1", "title": "T",
                 "feed_url": "https://example.org/feed.json",
                 "hubs": [{"type": "rssCloud", "url": "https://cloud.example.net/"},
                          {"type": "WebSub", "url": "https://hub.example.net/"}],
                 "items": []}""", "application/feed+json");

        assertThat(links.hubs()).containsExactly(URI.create("https://hub.example.net/"));
        assertThat(links.self()).isEqualTo(URI.create("https://example.org/feed.json"));
    }

    @Test
    void aFeedWithoutHubNamesNone() {
        HubLinks links = linksOf("""
                <rss version="2.0"><channel><title>T</title><link>https://example.org/</link>
                <item><title>One</title><link>https://example.org/1</link></item></channel></rss>""",
                "application/rss+xml");

        assertThat(links.hasHub()).isFalse();
        assertThat(links.self()).isNull();
    }

    @Test
    void linkHeadersAreReadInTheirSeveralSpellings() {
        HubLinks links = HubLinks.fromHeaders(List.of(
                "<https://hub.example.net/>; rel=\"hub\", </feed>; rel=self",
                "<https://other.example.net/a,b>; title=\"x, y; z\"; rel=\"hub alternate\"",
                "not a link at all", "<javascript:alert(1)>; rel=hub"), FEED_URL);

        assertThat(links.hubs()).containsExactly(URI.create("https://hub.example.net/"),
                URI.create("https://other.example.net/a,b"));
        assertThat(links.self()).isEqualTo(URI.create("https://feeds.example.com/feed"));
    }

    @Test
    void linkHeadersComeBeforeTheDocumentWhenTheyNameAHub() {
        HubLinks document = new HubLinks(List.of(URI.create("https://doc-hub.example.net/")),
                URI.create("https://example.org/doc-self"));
        HubLinks headers = new HubLinks(List.of(URI.create("https://header-hub.example.net/")), null);

        assertThat(HubLinks.discovered(headers, document)).isEqualTo(new HubLinks(
                List.of(URI.create("https://header-hub.example.net/")), URI.create("https://example.org/doc-self")));
        assertThat(HubLinks.discovered(HubLinks.NONE, document)).isEqualTo(document);
        assertThat(HubLinks.discovered(new HubLinks(List.of(), URI.create("https://example.org/h")), document))
                .isEqualTo(document);
    }
}

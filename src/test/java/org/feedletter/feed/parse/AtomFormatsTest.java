package org.feedletter.feed.parse;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.feedletter.feed.parse.Fixtures.FEED_URL;
import static org.feedletter.feed.parse.Fixtures.bytes;
import static org.feedletter.feed.parse.Fixtures.parsed;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AtomFormatsTest {

    private final FeedParser parser = new FeedParser();

    @Test
    void atom10EntryCarriesEveryField() {
        ParsedFeed feed = parsed(parser.parse(bytes("atom10.xml"), "application/atom+xml", FEED_URL));

        assertThat(feed.format()).isEqualTo("atom_1.0");
        assertThat(feed.title()).isEqualTo("Atom & Eve");
        assertThat(feed.siteLink()).isEqualTo(URI.create("https://atom.example.org/blog/"));
        assertThat(feed.entries()).containsExactly(
                new Entry("tag:atom.example.org,2024:entry-1",
                        URI.create("https://atom.example.org/blog/2024/06/relative-links.html"),
                        "Relative & absolute",
                        "Alice, Bob",
                        Instant.parse("2024-06-05T08:00:00Z"),
                        Instant.parse("2024-06-05T11:30:00.250Z"),
                        "Plain text: 1 &lt; 2 &amp; &quot;quoted&quot;",
                        "<p>A summary.</p>",
                        List.of("xml", "java", "Java programming"),
                        URI.create("https://atom.example.org/blog/2024/06/"),
                        List.of(URI.create("https://atom.example.org/elsewhere/original.html"),
                                URI.create("https://canonical.example.net/relative-links")),
                        null, URI.create("https://origin.example.com/feed.atom")), // a source names a feed
                new Entry("tag:atom.example.org,2024:entry-2",
                        URI.create("https://atom.example.org/blog/second.html"),
                        "An XHTML title",
                        "Feed Owner",
                        null,
                        Instant.parse("2024-06-04T08:00:00Z"),
                        "<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Some <strong>XHTML</strong>.</p></div>",
                        null,
                        List.of(),
                        URI.create("https://atom.example.org/blog/"),
                        List.of()));
    }

    @Test
    void relativeLinksResolveAgainstXmlBase() {
        List<Entry> entries = parsed(parser.parse(bytes("atom10.xml"), null, FEED_URL)).entries();

        // feed xml:base "https://atom.example.org/blog/" + entry xml:base "2024/06/" + href "relative-links.html"
        assertThat(entries.get(0).link())
                .isEqualTo(URI.create("https://atom.example.org/blog/2024/06/relative-links.html"));
        assertThat(entries.get(0).contentBase()).isEqualTo(URI.create("https://atom.example.org/blog/2024/06/"));
        assertThat(entries.get(1).link()).isEqualTo(URI.create("https://atom.example.org/blog/second.html"));
    }

    @Test
    void relativeLinksWithoutXmlBaseResolveAgainstTheFeedLinkThenTheFeedUrl() {
        String withSiteLink = "<feed xmlns=\"http://www.w3.org/2005/Atom\">"
                + "<link href=\"https://site.example.com/blog/\"/>"
                + "<entry><id>1</id><link href=\"post\"/></entry></feed>";
        String withNothing = "<feed xmlns=\"http://www.w3.org/2005/Atom\">"
                + "<entry><id>1</id><link href=\"post\"/></entry></feed>";

        Entry underSite = parsed(parser.parse(withSiteLink.getBytes(UTF_8), null, FEED_URL)).entries().get(0);
        Entry underFeed = parsed(parser.parse(withNothing.getBytes(UTF_8), null, FEED_URL)).entries().get(0);

        assertThat(underSite.link()).isEqualTo(URI.create("https://site.example.com/blog/post"));
        assertThat(underSite.contentBase()).isEqualTo(URI.create("https://site.example.com/blog/post"));
        assertThat(underFeed.link()).isEqualTo(URI.create("https://feeds.example.com/post"));
    }

    @Test
    void atomTextContentIsEscapedIntoHtml() {
        String xml = "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><id>1</id>"
                + "<title type=\"text\">Use &lt;b&gt; for bold</title>"
                + "<content type=\"text\">a &lt;b&gt; tag &amp; an ampersand</content>"
                + "<summary type=\"html\">&lt;p&gt;html summary&lt;/p&gt;</summary></entry></feed>";

        Entry entry = parsed(parser.parse(xml.getBytes(UTF_8), null, FEED_URL)).entries().get(0);

        assertThat(entry.title()).isEqualTo("Use <b> for bold"); // type="text" is literal
        assertThat(entry.contentHtml()).isEqualTo("a &lt;b&gt; tag &amp; an ampersand");
        assertThat(entry.summaryHtml()).isEqualTo("<p>html summary</p>");
    }

    @Test
    void outOfLineAndBinaryContentIsNoHtml() {
        String xml = "<feed xmlns=\"http://www.w3.org/2005/Atom\">"
                + "<entry><id>1</id><content type=\"video/mp4\" src=\"https://cdn.example.com/v.mp4\"/></entry>"
                + "<entry><id>2</id><content type=\"image/png\">iVBORw0KGgo=</content></entry></feed>";

        List<Entry> entries = parsed(parser.parse(xml.getBytes(UTF_8), null, FEED_URL)).entries();

        assertThat(entries).extracting(Entry::contentHtml).containsOnlyNulls();
    }

    @Test
    void atomAuthorFallsBackToDublinCoreThenTheFeedAuthor() {
        String xml = "<feed xmlns=\"http://www.w3.org/2005/Atom\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
                + "<author><name>Feed Owner</name></author>"
                + "<entry><id>1</id><author><email>only@example.org</email></author></entry>"
                + "<entry><id>2</id><dc:creator>DC Person</dc:creator></entry>"
                + "<entry><id>3</id></entry></feed>";

        List<Entry> entries = parsed(parser.parse(xml.getBytes(UTF_8), null, FEED_URL)).entries();

        assertThat(entries).extracting(Entry::author).containsExactly("only@example.org", "DC Person", "Feed Owner");
    }

    @Test
    void atom03IsRead() {
        ParsedFeed feed = parsed(parser.parse(bytes("atom03.xml"), "application/atom+xml", FEED_URL));

        assertThat(feed.format()).isEqualTo("atom_0.3");
        assertThat(feed.title()).isEqualTo("Atom Zero Three");
        assertThat(feed.siteLink()).isEqualTo(URI.create("http://zero.example.org/"));
        assertThat(feed.entries()).containsExactly(new Entry(
                "tag:zero.example.org,2004:1",
                URI.create("http://zero.example.org/2004/01/atom03"),
                "Atom 0.3 still exists",
                "Mark P.",
                Instant.parse("2004-01-01T17:00:00Z"),
                Instant.parse("2004-01-02T09:00:00Z"),
                "<p>It <em>does</em>.</p>",
                "Old &amp; gold.",
                List.of(),
                URI.create("http://zero.example.org/2004/01/atom03"),
                List.of()));
    }

    /** A video channel's feed (YouTube's form) gives an entry's only text in its Media RSS description. */
    @Test
    void aVideoChannelsEntryHasItsMediaDescriptionAsItsSummary() {
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <feed xmlns="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/">
                 <title>Institute</title>
                 <entry>
                  <id>yt:video:Fz0hY7uP3sM</id>
                  <title>River Talk #42</title>
                  <link rel="alternate" href="https://video.example/watch?v=Fz0hY7uP3sM"/>
                  <published>2026-11-27T09:30:00+00:00</published>
                  <media:group>
                   <media:title>River Talk #42</media:title>
                   <media:description>Water for Metro Cebu: is the plant enough? &amp; more.
                Listen: https://institute.example/podcast/</media:description>
                  </media:group>
                 </entry>
                 <entry>
                  <id>tag:institute.example,2026:2</id>
                  <title>With a summary</title>
                  <summary>Its own summary.</summary>
                  <media:description>Not this.</media:description>
                 </entry>
                </feed>
                """;
        ParsedFeed feed = parsed(parser.parse(xml.getBytes(UTF_8), "application/atom+xml", FEED_URL));

        assertThat(feed.entries().get(0).summaryHtml())
                .isEqualTo("Water for Metro Cebu: is the plant enough? &amp; more.\nListen: https://institute.example/podcast/");
        assertThat(feed.entries().get(1).summaryHtml()).isEqualTo("Its own summary.");
    }
}

package org.feedletter.feed.parse;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.feedletter.feed.parse.Fixtures.FEED_URL;
import static org.feedletter.feed.parse.Fixtures.bytes;
import static org.feedletter.feed.parse.Fixtures.parsed;
import static org.feedletter.feed.parse.Fixtures.rss;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RssFormatsTest {

    private final FeedParser parser = new FeedParser();

    @Test
    void rss20EntryCarriesEveryField() {
        ParsedFeed feed = parsed(parser.parse(bytes("rss20.xml"), "application/rss+xml", FEED_URL));

        assertThat(feed.format()).isEqualTo("rss_2.0");
        assertThat(feed.title()).isEqualTo("Example & Friends");
        assertThat(feed.siteLink()).isEqualTo(URI.create("https://blog.example.com/"));
        assertThat(feed.entries()).containsExactly(
                new Entry("urn:uuid:6f1c7a8e-1b2c-4d5e-8f90-123456789abc",
                        URI.create("https://blog.example.com/2024/06/quick-comment"),
                        "Quick Comment: A & B bold",
                        "Jane Doe",
                        Instant.parse("2024-06-05T12:30:00Z"),
                        null,
                        "<p>The <strong>full</strong> text.</p><img src=\"img/pic.png\">",
                        "<p>Summary with <a href=\"/more\">a relative link</a>.</p>",
                        List.of("Opinion", "Examples", "Java"),
                        URI.create("https://blog.example.com/2024/06/quick-comment"),
                        List.of(URI.create("https://news.example.org/item/42"),
                                URI.create("https://origin.example.net/a-and-b")),
                        null, URI.create("https://origin.example.net/feed.xml")), // a source names a feed
                new Entry("https://blog.example.com/2024/06/moscow",
                        URI.create("https://blog.example.com/2024/06/moscow"),
                        "Moscow calling",
                        "Ivan Petrov",
                        Instant.parse("2024-06-06T06:15:00Z"),
                        null,
                        null,
                        "Plain &amp; simple.",
                        List.of(),
                        URI.create("https://blog.example.com/2024/06/moscow"),
                        List.of()));
    }

    @Test
    void rssTitleIsPlainTextWithEntitiesDecoded() {
        String xml = rss("<item><title>Quick Comment: A &amp; B</title></item>"
                + "<item><title>Twice &amp;amp; escaped &lt;i&gt;markup&lt;/i&gt;</title></item>"
                + "<item><title>Why x &lt; y\n   matters</title></item>");

        List<Entry> entries = parsed(parser.parse(xml.getBytes(UTF_8), null, FEED_URL)).entries();

        assertThat(entries).extracting(Entry::title)
                .containsExactly("Quick Comment: A & B", "Twice & escaped markup", "Why x < y matters");
    }

    @Test
    void rssAuthorBecomesADisplayName() {
        String xml = rss("<item><author>mail@example.org (Jane Doe)</author></item>"
                + "<item><author>Jane Roe &lt;jane@example.org&gt;</author></item>"
                + "<item><author>just@example.org</author></item>");

        List<Entry> entries = parsed(parser.parse(xml.getBytes(UTF_8), null, FEED_URL)).entries();

        assertThat(entries).extracting(Entry::author).containsExactly("Jane Doe", "Jane Roe", "just@example.org");
    }

    @Test
    void relativeRssLinksResolveAgainstXmlBaseThenChannelLinkThenFeedUrl() {
        String withBase = "<?xml version=\"1.0\"?><rss version=\"2.0\">"
                + "<channel xml:base=\"https://base.example.com/dir/\"><link>https://site.example.com/</link>"
                + "<item><link>post.html</link></item></channel></rss>";
        String withChannelLink = rss("<item><link>post.html</link></item>");
        String withNothing = "<rss version=\"2.0\"><channel><item><link>/post.html</link></item></channel></rss>";

        assertThat(onlyEntry(withBase).link()).isEqualTo(URI.create("https://base.example.com/dir/post.html"));
        assertThat(onlyEntry(withBase).contentBase()).isEqualTo(URI.create("https://base.example.com/dir/"));
        assertThat(onlyEntry(withChannelLink).link()).isEqualTo(URI.create("https://site.example.com/post.html"));
        assertThat(onlyEntry(withNothing).link()).isEqualTo(URI.create("https://feeds.example.com/post.html"));
    }

    @Test
    void linksThatAreNotWebAddressesAreDropped() {
        Entry entry = onlyEntry(rss("<item><link>javascript:alert(1)</link><guid>not-a-url</guid></item>"));

        assertThat(entry.link()).isNull();
        assertThat(entry.guid()).isEqualTo("not-a-url");
        assertThat(entry.contentBase()).isEqualTo(FEED_URL);
    }

    @Test
    void guidIsTrimmedButOtherwiseKeptExactly() {
        Entry entry = onlyEntry(rss("<item><guid isPermaLink=\"false\">\n  Post  42 of\tmany \n</guid></item>"));

        assertThat(entry.guid()).isEqualTo("Post  42 of\tmany");
    }

    @Test
    void permalinkGuidStandsInForAMissingLink() {
        Entry permalink = onlyEntry(rss("<item><guid>https://site.example.com/p/1</guid></item>"));
        Entry notPermalink =
                onlyEntry(rss("<item><guid isPermaLink=\"false\">https://site.example.com/p/2</guid></item>"));

        assertThat(permalink.link()).isEqualTo(URI.create("https://site.example.com/p/1"));
        assertThat(notPermalink.link()).isNull();
    }

    @Test
    void rss091WithTheNetscapeDoctypeIsRead() {
        ParsedFeed feed = parsed(parser.parse(bytes("rss091-netscape.xml"), "text/xml", FEED_URL));

        assertThat(feed.format()).isEqualTo("rss_0.91N");
        assertThat(feed.title()).isEqualTo("Old School News");
        assertThat(feed.entries()).extracting(Entry::title).containsExactly("Netscape ships RSS 0.91", "Second story");
        assertThat(feed.entries()).extracting(Entry::link).containsExactly(
                URI.create("http://oldschool.example.com/news/rss-091.html"),
                URI.create("http://oldschool.example.com/news/second.html"));
        assertThat(feed.entries().get(0).guid()).isNull();
        assertThat(feed.entries().get(0).summaryHtml()).isEqualTo("A <b>new</b> format for channels.");
    }

    @Test
    void htmlEntitiesFromTheUnloadedNetscapeDtdAreKept() {
        String xml = "<?xml version=\"1.0\"?><!DOCTYPE rss PUBLIC \"-//Netscape Communications//DTD RSS 0.91//EN\""
                + " \"http://my.netscape.com/publish/formats/rss-0.91.dtd\"><rss version=\"0.91\"><channel>"
                + "<title>Caf&eacute;&nbsp;News</title><link>http://cafe.example.com/</link><description>d</description>"
                + "<language>fr</language><item><title>&Eacute;t&eacute;</title><link>http://cafe.example.com/1</link>"
                + "<description>Cr&egrave;me &amp; sucre</description></item></channel></rss>";

        ParsedFeed feed = parsed(parser.parse(xml.getBytes(UTF_8), null, FEED_URL));

        assertThat(feed.title()).isEqualTo("Café News");
        assertThat(feed.entries().get(0).title()).isEqualTo("Été");
        assertThat(feed.entries().get(0).summaryHtml()).isEqualTo("Crème & sucre");
    }

    @Test
    void rss092CategoriesAndSourceAreRead() {
        ParsedFeed feed = parsed(parser.parse(bytes("rss092.xml"), null, FEED_URL));

        assertThat(feed.format()).isEqualTo("rss_0.92");
        Entry entry = feed.entries().get(0);
        assertThat(entry.categories()).containsExactly("Syndication");
        assertThat(entry.declaredOriginals()).as("a source names a feed, not the piece's original").isEmpty();
        assertThat(entry.sourceFeed()).isEqualTo(URI.create("http://userland.example.com/news.xml"));
        assertThat(entry.summaryHtml()).isEqualTo("Items can have a <i>category</i> and a source now.");
    }

    @Test
    void rss093And094AreRead() {
        for (String version : List.of("0.93", "0.94")) {
            String xml = "<rss version=\"" + version + "\"><channel><title>T</title><link>https://v.example.com/</link>"
                    + "<item><title>Item</title><link>https://v.example.com/1</link>"
                    + "<pubDate>Mon, 03 Jun 2024 08:00:00 GMT</pubDate></item></channel></rss>";

            ParsedFeed feed = parsed(parser.parse(xml.getBytes(UTF_8), null, FEED_URL));

            assertThat(feed.format()).isEqualTo("rss_" + version);
            assertThat(feed.entries().get(0).published()).isEqualTo(Instant.parse("2024-06-03T08:00:00Z"));
        }
    }

    @Test
    void rss090IsRead() {
        String xml = "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\""
                + " xmlns=\"http://my.netscape.com/rdf/simple/0.9/\"><channel><title>Ninety</title>"
                + "<link>https://ninety.example.com/</link><description>d</description></channel>"
                + "<item><title>First</title><link>https://ninety.example.com/1</link></item></rdf:RDF>";

        ParsedFeed feed = parsed(parser.parse(xml.getBytes(UTF_8), null, FEED_URL));

        assertThat(feed.format()).isEqualTo("rss_0.9");
        assertThat(feed.entries()).extracting(Entry::title).containsExactly("First");
    }

    @Test
    void rss10IsReadWithDublinCoreAndContentEncoded() {
        ParsedFeed feed = parsed(parser.parse(bytes("rss10.rdf"), "application/rdf+xml", FEED_URL));

        assertThat(feed.format()).isEqualTo("rss_1.0");
        assertThat(feed.siteLink()).isEqualTo(URI.create("http://rdf.example.org/"));
        assertThat(feed.entries()).containsExactly(new Entry(
                "http://rdf.example.org/2024/06/rdf-is-back",
                URI.create("http://rdf.example.org/2024/06/rdf-is-back"),
                "RDF is back",
                "Tim B.",
                Instant.parse("2024-06-05T12:30:00Z"),
                null,
                "<p>Long: <em>RDF</em> is back.</p>",
                "Short: RDF is back.",
                List.of("Semantic Web"),
                URI.create("http://rdf.example.org/2024/06/rdf-is-back"),
                List.of()));
    }

    @Test
    void categoriesAreTrimmedUniqueIgnoringCaseAndInFeedOrder() {
        Entry entry = onlyEntry("<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel><item>"
                + "<category> News </category><dc:subject>Tech</dc:subject><category></category>"
                + "<category>news</category><dc:subject>  tech  </dc:subject><category>Apple &amp; Pie</category>"
                + "</item></channel></rss>");

        assertThat(entry.categories()).containsExactly("News", "Tech", "Apple & Pie");
    }

    @Test
    void itemsStayInFeedOrder() {
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            items.append("<item><guid>g").append(i).append("</guid></item>");
        }

        List<Entry> entries = parsed(parser.parse(rss(items.toString()).getBytes(UTF_8), null, FEED_URL)).entries();

        assertThat(entries).extracting(Entry::guid).startsWith("g0", "g1", "g2").endsWith("g48", "g49");
    }

    private Entry onlyEntry(String xml) {
        List<Entry> entries = parsed(parser.parse(xml.getBytes(UTF_8), null, FEED_URL)).entries();
        assertThat(entries).hasSize(1);
        return entries.get(0);
    }
}

package org.feedletter.feed.parse;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.feedletter.feed.parse.Fixtures.FEED_URL;
import static org.feedletter.feed.parse.Fixtures.bytes;
import static org.feedletter.feed.parse.Fixtures.malformed;
import static org.feedletter.feed.parse.Fixtures.notAFeed;
import static org.feedletter.feed.parse.Fixtures.parsed;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonFeedTest {

    private final FeedParser parser = new FeedParser();

    @Test
    void jsonFeed11EntryCarriesEveryField() {
        ParsedFeed feed = parsed(parser.parse(bytes("jsonfeed11.json"), "application/feed+json", FEED_URL));

        assertThat(feed.format()).isEqualTo("json_feed_1.1");
        assertThat(feed.title()).isEqualTo("JSON Eleven");
        assertThat(feed.siteLink()).isEqualTo(URI.create("https://json.example.org/"));
        assertThat(feed.entries()).containsExactly(
                new Entry("https://json.example.org/2024/06/eleven",
                        URI.create("https://json.example.org/2024/06/eleven"),
                        "JSON Feed 1.1",
                        "Manton, Brent",
                        Instant.parse("2024-06-05T12:30:00Z"),
                        Instant.parse("2024-06-06T08:00:00Z"),
                        "<p>Hello, <b>JSON</b>.</p>",
                        "Tom &amp; Jerry",
                        List.of("json", "feeds", "web"),
                        URI.create("https://json.example.org/2024/06/eleven"),
                        List.of(URI.create("https://elsewhere.example.com/story"))), // external_url: the original
                new Entry("2", null, "No url, no author, no dates", "Feed Author", null, null, "Just text.", null,
                        List.of(), FEED_URL, List.of()));
    }

    @Test
    void jsonFeed10IsReadWithItsSingleAuthorAndTextContent() {
        ParsedFeed feed = parsed(parser.parse(bytes("jsonfeed10.json"), "application/json", FEED_URL));

        assertThat(feed.format()).isEqualTo("json_feed_1.0");
        Entry entry = feed.entries().get(0);
        assertThat(entry.guid()).isEqualTo("1");
        assertThat(entry.link()).isEqualTo(URI.create("https://json1.example.org/2017/05/json-feed"));
        assertThat(entry.author()).isEqualTo("Brent");
        assertThat(entry.contentHtml()).isEqualTo("Plain text &lt;not a tag&gt; &amp; more");
        assertThat(entry.published()).isEqualTo(Instant.parse("2017-05-17T15:02:12Z"));
    }

    @Test
    void jsonFeedIsSniffedWhateverTheContentType() {
        ParsedFeed feed = parsed(parser.parse(bytes("jsonfeed11.json"), "text/html; charset=utf-8", FEED_URL));

        assertThat(feed.entries()).hasSize(2);
    }

    @Test
    void jsonThatIsNotAJsonFeedIsNotAFeed() {
        ParseResult.NotAFeed result =
                notAFeed(parser.parse(bytes("not-a-json-feed.json"), "application/json", FEED_URL));

        assertThat(result.reason()).startsWith("not a feed: got JSON").endsWith(FEED_URL.toString());
        assertThat(result.feedLinks()).isEmpty();
    }

    @Test
    void jsonArraysAndFeedsWithoutItemsAreNotFeeds() {
        String array = "[1, 2, 3]";
        String noItems = "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"empty\"}";

        notAFeed(parser.parse(array.getBytes(UTF_8), "application/json", FEED_URL));
        notAFeed(parser.parse(noItems.getBytes(UTF_8), "application/json", FEED_URL));
    }

    @Test
    void brokenJsonIsMalformedWithItsLine() {
        String message = malformed(parser.parse(bytes("broken.json"), "application/feed+json", FEED_URL));

        assertThat(message).startsWith("JSON error at line 4: ").doesNotContain("Source");
    }

    @Test
    void rawControlCharactersAndEscapedNulsDoNotSpoilAJsonFeed() {
        String json = "{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": ["
                + "{\"id\": \"1\", \"title\": \"tab\there\", \"content_text\": \"nul\\u0000gone\"}]}";

        Entry entry = parsed(parser.parse(json.getBytes(UTF_8), null, FEED_URL)).entries().get(0);

        assertThat(entry.title()).isEqualTo("tab here");
        assertThat(entry.contentHtml()).isEqualTo("nulgone");
    }
}

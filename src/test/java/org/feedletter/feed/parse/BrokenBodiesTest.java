package org.feedletter.feed.parse;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.feedletter.feed.parse.Fixtures.FEED_URL;
import static org.feedletter.feed.parse.Fixtures.bytes;
import static org.feedletter.feed.parse.Fixtures.malformed;
import static org.feedletter.feed.parse.Fixtures.parsed;
import static org.feedletter.feed.parse.Fixtures.rss;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bodies that are broken by accident rather than by design. */
class BrokenBodiesTest {

    private final FeedParser parser = new FeedParser();

    @Test
    void emptyBodyIsMalformed() {
        assertThat(malformed(parser.parse(new byte[0], "application/rss+xml", FEED_URL))).isEqualTo("empty body");
        assertThat(malformed(parser.parse(null, null, FEED_URL))).isEqualTo("empty body");
        assertThat(malformed(parser.parse(" \r\n\t ".getBytes(UTF_8), null, FEED_URL))).isEqualTo("empty body");
        assertThat(malformed(parser.parse(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 0, 0}, null, FEED_URL)))
                .isEqualTo("empty body");
    }

    @Test
    void truncatedFeedIsMalformedWithLineAndColumn() {
        String message = malformed(parser.parse(bytes("truncated.xml"), "application/rss+xml", FEED_URL));

        assertThat(message).matches("XML error at line \\d+, column \\d+: .+");
    }

    @Test
    void unclosedElementIsReportedWhereTheParserNoticedIt() {
        String message = malformed(parser.parse(bytes("unclosed-item.xml"), "application/rss+xml", FEED_URL));

        assertThat(message).startsWith("XML error at line 12, column 5: ").contains("\"item\"");
    }

    @Test
    void nulAndOtherIllegalCharactersAreDroppedNotFatal() {
        String xml = "\u0000" + rss("<item><title>Nul\u0000 byte\u0001 and\u000B friends\uFFFE</title></item>");

        Entry entry = parsed(parser.parse(xml.getBytes(UTF_8), null, FEED_URL)).entries().get(0);

        assertThat(entry.title()).isEqualTo("Nul byte and friends");
    }

    @Test
    void invalidByteSequencesAreReplacedNotFatal() {
        String[] around = rss("<item><title>Bad HERE bytes</title></item>").split("HERE");
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(around[0].getBytes(UTF_8));
        // a two-byte sequence broken off, then a byte UTF-8 never uses
        body.writeBytes(new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF});
        body.writeBytes(around[1].getBytes(UTF_8));

        Entry entry = parsed(parser.parse(body.toByteArray(), "application/rss+xml; charset=utf-8", FEED_URL))
                .entries().get(0);

        assertThat(entry.title()).isEqualTo("Bad \uFFFD(\uFFFD bytes");
    }

    @Test
    void hundredKilobyteTitleIsKept() {
        String title = "T".repeat(100_000);

        byte[] body = rss("<item><title>" + title + "</title></item>").getBytes(UTF_8);

        Entry entry = parsed(parser.parse(body, null, FEED_URL)).entries().get(0);

        assertThat(entry.title()).isEqualTo(title);
    }

    @Test
    void tenThousandItemsParse() {
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            items.append("<item><title>Item ").append(i).append(" &amp; more</title><link>/p/").append(i)
                    .append("</link><guid>g").append(i).append("</guid>")
                    .append("<pubDate>Mon, 03 Jun 2024 08:00:00 GMT</pubDate>")
                    .append("<description>&lt;p&gt;Body &amp;amp; soul&lt;/p&gt;</description></item>");
        }

        List<Entry> entries = parsed(parser.parse(rss(items.toString()).getBytes(UTF_8), null, FEED_URL)).entries();

        assertThat(entries).hasSize(10_000);
        assertThat(entries.get(9_999).guid()).isEqualTo("g9999");
        assertThat(entries.get(9_999).link()).isEqualTo(URI.create("https://site.example.com/p/9999"));
        assertThat(entries.get(9_999).published()).isNotNull();
    }

    @Test
    void htmlEntitiesAndBareAmpersandsAreMended() {
        ParsedFeed feed = parsed(parser.parse(bytes("html-entities.xml"), null, FEED_URL));

        assertThat(feed.title()).isEqualTo("Café AT&T");
        Entry entry = feed.entries().get(0);
        assertThat(entry.title()).isEqualTo("Crème brûlée & more");
        assertThat(entry.link()).isEqualTo(URI.create("https://cafe.example.com/menu?a=1&b=2"));
        assertThat(entry.summaryHtml()).isEqualTo("<p>Left &nbsp; alone</p>"); // CDATA is not touched
    }

    @Test
    void whitespaceBeforeThePrologIsForgiven() {
        String xml = "\n\n  " + rss("<item><title>Late start</title></item>");

        assertThat(parsed(parser.parse(xml.getBytes(UTF_8), null, FEED_URL)).entries()).hasSize(1);
    }

    @Test
    void unreadableDatesAreNullNotFatal() {
        String xml = rss("<item><title>a</title><pubDate>sometime last week</pubDate></item>"
                + "<item><title>b</title><pubDate>Wed, 31 Feb 2024 10:00:00 GMT</pubDate></item>");

        List<Entry> entries = parsed(parser.parse(xml.getBytes(UTF_8), null, FEED_URL)).entries();

        assertThat(entries).extracting(Entry::published).containsOnlyNulls();
    }

    @Test
    void badValuesInChannelElementsWeDoNotUseDoNotCostTheFeed() {
        String xml = "<rss version=\"2.0\"><channel><title>t</title><skipHours><hour>noon</hour></skipHours>"
                + "<skipDays><day>Someday</day></skipDays><cloud domain=\"c\" port=\"eighty\" path=\"/\"/>"
                + "<ttl>soon</ttl><item><title>Still here</title>"
                + "<enclosure url=\"https://cdn.example.com/a.mp3\" length=\"big\"/></item></channel></rss>";

        assertThat(parsed(parser.parse(xml.getBytes(UTF_8), null, FEED_URL)).entries())
                .extracting(Entry::title).containsExactly("Still here");
    }

    @Test
    void rssWithoutAChannelIsMalformed() {
        String message = malformed(parser.parse("<rss version=\"2.0\"></rss>".getBytes(UTF_8), null, FEED_URL));

        assertThat(message).isEqualTo("feed error: <rss> without a <channel>");
    }

    @Test
    void plainTextIsNotAFeed() {
        ParseResult result = parser.parse("Service temporarily unavailable".getBytes(UTF_8), "text/plain", FEED_URL);

        assertThat(result).isEqualTo(new ParseResult.NotAFeed(
                "not a feed: got text/plain that is neither XML nor JSON from " + FEED_URL, List.of()));
    }
}

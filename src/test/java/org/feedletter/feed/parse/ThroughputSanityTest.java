package org.feedletter.feed.parse;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.feedletter.feed.parse.Fixtures.FEED_URL;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Parses benchmark-shaped feeds (20 items of about 3 KB of escaped HTML, some 60 KB each) and prints the rate.
 * A sanity check for a person reading the build log, never an assertion on time: CI machines vary.
 */
class ThroughputSanityTest {

    @Test
    void benchmarkShapedFeedsParse() {
        List<byte[]> feeds = new ArrayList<>();
        for (int f = 0; f < 200; f++) {
            feeds.add(benchmarkFeed(f));
        }
        FeedParser parser = new FeedParser();
        int items = 0;
        for (int pass = 0; pass < 2; pass++) { // let the JIT compile the hot paths first
            for (byte[] feed : feeds) {
                parser.parse(feed, "application/rss+xml", FEED_URL);
            }
        }

        long start = System.nanoTime();
        for (byte[] feed : feeds) {
            items += Fixtures.parsed(parser.parse(feed, "application/rss+xml", FEED_URL)).entries().size();
        }
        long nanos = System.nanoTime() - start;

        assertThat(items).isEqualTo(200 * 20);
        System.out.printf("feed parse sanity check: %d feeds of %d KB, %.0f feeds/s, %.0f items/s on one thread%n",
                feeds.size(), feeds.get(0).length / 1024, feeds.size() / (nanos / 1e9), items / (nanos / 1e9));
    }

    private static byte[] benchmarkFeed(int number) {
        String html = ("&lt;p&gt;Lorem ipsum dolor sit amet, &lt;a href=\"/x\"&gt;consectetur&lt;/a&gt; &amp;amp; "
                + "adipiscing elit, sed do eiusmod tempor.&lt;/p&gt;").repeat(24);
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel><title>Feed ")
                .append(number).append("</title><link>https://site").append(number).append(".example.com/</link>");
        for (int i = 0; i < 20; i++) {
            xml.append("<item><title>Item ").append(i).append("</title><link>/posts/").append(i).append("</link><guid>")
                    .append(number).append('-').append(i).append("</guid><pubDate>Wed, 05 Jun 2024 14:")
                    .append(10 + i).append(":00 CEST</pubDate><dc:creator>Jane</dc:creator><category>news</category>")
                    .append("<description>").append(html).append("</description></item>");
        }
        return xml.append("</channel></rss>").toString().getBytes(UTF_8);
    }
}

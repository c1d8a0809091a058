package org.feedletter.feed.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;

/** Test fixtures from src/test/resources/parse and small helpers around parse results. */
final class Fixtures {

    static final URI FEED_URL = URI.create("https://feeds.example.com/feed.xml");

    private Fixtures() {}

    static byte[] bytes(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/parse/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ParsedFeed parsed(ParseResult result) {
        assertThat(result).isInstanceOf(ParseResult.Parsed.class);
        return ((ParseResult.Parsed) result).feed();
    }

    static ParseResult.NotAFeed notAFeed(ParseResult result) {
        assertThat(result).isInstanceOf(ParseResult.NotAFeed.class);
        return (ParseResult.NotAFeed) result;
    }

    static String malformed(ParseResult result) {
        assertThat(result).isInstanceOf(ParseResult.Malformed.class);
        return ((ParseResult.Malformed) result).message();
    }

    /** A minimal RSS 2.0 document around the given items. */
    static String rss(String items) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>Test</title>"
                + "<link>https://site.example.com/</link>" + items + "</channel></rss>";
    }
}

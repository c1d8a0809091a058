package org.feedletter.feed.parse;

import java.net.URI;
import java.util.List;
import org.jdom2.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads RSS (0.90 to 2.0), Atom (0.3, 1.0) and JSON Feed (1.0, 1.1) bodies into {@link ParsedFeed}.
 *
 * <p>Every outcome is a value: a feed, not a feed (an HTML page, with the feeds it links to), or a broken
 * feed with a message for a person. Bad input never throws. The body decides what it is, not the
 * Content-Type, which is often wrong. Nothing in a body makes us read a file or the network.
 *
 * <p>Thread-safe; share it. Its XML parsers, Rome and the JSON mapper are made the first time a body of their kind is
 * read, once per process, and reused: a poll whose feeds all answer "not modified" loads none of them.
 */
public final class FeedParser {

    private static final Logger log = LoggerFactory.getLogger(FeedParser.class);

    // Each holder class is loaded, and its reader made, on first use (the JVM makes that thread-safe).
    private static final class Xml {
        static final HardenedXmlParser PARSER = new HardenedXmlParser();
        static final RomeFeedReader ROME = new RomeFeedReader();
    }

    private static final class Json {
        static final JsonFeedReader READER = new JsonFeedReader();
    }

    private static final class Html {
        static final FeedLinkDiscovery DISCOVERY = new FeedLinkDiscovery();
    }

    /**
     * @param body the response body, already decompressed
     * @param contentType the Content-Type header, or null; its charset is honoured for XML and JSON
     * @param feedUrl where the body came from, after redirects: the base for relative links
     */
    public ParseResult parse(byte[] body, String contentType, URI feedUrl) {
        try {
            return read(body == null ? new byte[0] : body, contentType, feedUrl);
        } catch (UnreadableFeedException e) {
            return new ParseResult.Malformed(e.getMessage());
        } catch (RuntimeException | StackOverflowError e) {
            // A library bug on one odd feed must cost that feed, not the caller's poll.
            log.warn("Unexpected failure reading the feed from {}", feedUrl, e);
            return new ParseResult.Malformed("could not read the feed: " + e);
        }
    }

    private ParseResult read(byte[] body, String contentType, URI feedUrl) throws UnreadableFeedException {
        String text = BodyText.of(body, contentType);
        return switch (BodySniffer.sniff(text, contentType)) {
            case EMPTY -> new ParseResult.Malformed("empty body");
            case JSON -> Json.READER.read(text, feedUrl);
            case HTML -> htmlPage(body, contentType, feedUrl);
            case XML -> readXml(text, body, contentType, feedUrl);
            case OTHER -> new ParseResult.NotAFeed("not a feed: got " + describe(contentType)
                    + " that is neither XML nor JSON from " + feedUrl, List.of());
        };
    }

    private ParseResult readXml(String text, byte[] body, String contentType, URI feedUrl)
            throws UnreadableFeedException {
        Document document = parseXml(text);
        XmlHealer.restoreSkippedHtmlEntities(document);
        if (document.getRootElement().getName().equalsIgnoreCase("html")) {
            return htmlPage(body, contentType, feedUrl); // XHTML
        }
        return Xml.ROME.read(document, feedUrl);
    }

    /** Parses as written; if that fails, once more with HTML entities and bare ampersands mended. */
    private Document parseXml(String text) throws UnreadableFeedException {
        int start = BodySniffer.firstSignificant(text);
        try {
            return Xml.PARSER.parse(text, start);
        } catch (UnreadableFeedException asWritten) {
            String healed = XmlHealer.heal(text);
            if (healed == text) {
                throw asWritten;
            }
            try {
                return Xml.PARSER.parse(healed, BodySniffer.firstSignificant(healed));
            } catch (UnreadableFeedException stillBroken) {
                throw asWritten; // the first error points at what the publisher wrote
            }
        }
    }

    private ParseResult htmlPage(byte[] body, String contentType, URI feedUrl) {
        List<URI> links = Html.DISCOVERY.feedLinks(body, contentType, feedUrl);
        return new ParseResult.NotAFeed("not a feed: got a web page (text/html) from " + feedUrl + (links.isEmpty()
                ? ", and the page links to no feed (no <link rel=\"alternate\"> of an RSS, Atom or JSON Feed type);"
                + " look on the site for an RSS or Atom link, or try its /feed/ or /rss.xml" : ""), links);
    }

    private static String describe(String contentType) {
        String mediaType = BodyText.mediaType(contentType);
        return mediaType.isEmpty() ? "a body" : mediaType;
    }
}

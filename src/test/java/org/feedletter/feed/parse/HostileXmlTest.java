package org.feedletter.feed.parse;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.feedletter.feed.parse.Fixtures.FEED_URL;
import static org.feedletter.feed.parse.Fixtures.bytes;
import static org.feedletter.feed.parse.Fixtures.malformed;
import static org.feedletter.feed.parse.Fixtures.parsed;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bodies written to hurt: each must come back quickly, as a value, having read nothing it points at. */
class HostileXmlTest {

    /** Generous for CI, tiny next to what the unprotected parser would take (or forever, for a black-hole host). */
    private static final Duration QUICKLY = Duration.ofSeconds(10);

    private final FeedParser parser = new FeedParser();

    @Test
    void externalEntityIsNeverRead(@TempDir Path dir) throws IOException {
        String secret = "SECRET-" + UUID.randomUUID();
        Path file = Files.writeString(dir.resolve("secret.txt"), secret);
        String xml = "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM \"" + file.toUri() + "\">]>"
                + "<rss version=\"2.0\"><channel><title>t &xxe;</title><item><title>&xxe;</title>"
                + "<description>&xxe;</description></item></channel></rss>";

        ParseResult result = assertTimeoutPreemptively(QUICKLY,
                () -> parser.parse(xml.getBytes(UTF_8), null, FEED_URL));

        assertThat(result.toString()).doesNotContain(secret);
    }

    @Test
    void externalEntityToEtcPasswdIsNeverRead() {
        ParseResult result = assertTimeoutPreemptively(QUICKLY,
                () -> parser.parse(bytes("xxe-file.xml"), null, FEED_URL));

        assertThat(result.toString()).doesNotContain("root:");
        assertThat(result).isInstanceOf(ParseResult.Malformed.class);
        assertThat(((ParseResult.Malformed) result).message())
                .isEqualTo("refused: the feed declares the external entity 'xxe' pointing at \"file:///etc/passwd\"; "
                        + "feedletter never reads files or URLs a feed names");
    }

    @Test
    void externalParameterEntityIsNeverRead(@TempDir Path dir) throws IOException {
        String secret = "SECRET-" + UUID.randomUUID();
        Path dtd = Files.writeString(dir.resolve("evil.dtd"), "<!ENTITY leak \"" + secret + "\">");
        String xml = "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY % evil SYSTEM \"" + dtd.toUri() + "\"> %evil;]>"
                + "<rss version=\"2.0\"><channel><title>&leak;</title></channel></rss>";

        ParseResult result = assertTimeoutPreemptively(QUICKLY,
                () -> parser.parse(xml.getBytes(UTF_8), null, FEED_URL));

        assertThat(result.toString()).doesNotContain(secret);
    }

    @Test
    void parameterEntitiesToFilesAndBlackHoleHostsComeBackQuickly() {
        ParseResult result = assertTimeoutPreemptively(QUICKLY,
                () -> parser.parse(bytes("xxe-parameter.xml"), null, FEED_URL));

        assertThat(result.toString()).doesNotContain("root:");
    }

    @Test
    void externalDtdAndEntitiesAreNeverFetchedAndTheFeedIsRefused() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String here = "http://127.0.0.1:" + server.getLocalPort();
            String xml = "<?xml version=\"1.0\"?><!DOCTYPE rss SYSTEM \"" + here + "/evil.dtd\" ["
                    + "<!ENTITY remote SYSTEM \"" + here + "/entity.txt\">"
                    + "<!ENTITY % remoteParam SYSTEM \"" + here + "/param.dtd\"> %remoteParam;]>"
                    + "<rss version=\"2.0\"><channel><title>Still &remote; a feed</title></channel></rss>";

            ParseResult result = assertTimeoutPreemptively(QUICKLY,
                    () -> parser.parse(xml.getBytes(UTF_8), null, FEED_URL));

            assertThat(result).isInstanceOf(ParseResult.Malformed.class);
            assertThat(((ParseResult.Malformed) result).message()).contains("external entity 'remote'");
            assertNoConnection(server);
        }
    }

    @Test
    void externalDtdToAnUnreachableHostDoesNotHang() {
        ParsedFeed feed = parsed(assertTimeoutPreemptively(QUICKLY,
                () -> parser.parse(bytes("external-dtd.xml"), null, FEED_URL)));

        assertThat(feed.entries()).extracting(Entry::title).containsExactly("Still a feed");
    }

    @Test
    void billionLaughsIsMalformedQuickly() {
        String message = malformed(assertTimeoutPreemptively(QUICKLY,
                () -> parser.parse(bytes("billion-laughs.xml"), null, FEED_URL)));

        assertThat(message).startsWith("XML error").contains("entity");
    }

    @Test
    void quadraticBlowupIsMalformedQuickly() {
        // One 50,000-character entity referenced 20,000 times: a gigabyte of text from a megabyte-sized body.
        String xml = "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY big \"" + "x".repeat(50_000) + "\">]>"
                + "<rss version=\"2.0\"><channel><title>" + "&big;".repeat(20_000) + "</title></channel></rss>";

        String message = malformed(assertTimeoutPreemptively(QUICKLY,
                () -> parser.parse(xml.getBytes(UTF_8), null, FEED_URL)));

        assertThat(message).startsWith("XML error");
    }

    @Test
    void manySmallEntityReferencesAreAlsoLimited() {
        String xml = "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY e \"" + "y".repeat(500) + "\">]>"
                + "<rss version=\"2.0\"><channel><title>" + "&e;".repeat(100_000) + "</title></channel></rss>";

        String message = malformed(assertTimeoutPreemptively(QUICKLY,
                () -> parser.parse(xml.getBytes(UTF_8), null, FEED_URL)));

        assertThat(message).startsWith("XML error");
    }

    @Test
    void modestInternalEntitiesAreStillExpanded() {
        String xml = "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY company \"Example &amp; Co\">]>"
                + "<rss version=\"2.0\"><channel><title>&company; news</title></channel></rss>";

        assertThat(parsed(parser.parse(xml.getBytes(UTF_8), null, FEED_URL)).title()).isEqualTo("Example & Co news");
    }

    @Test
    void xmlNested100000DeepIsMalformedQuickly() {
        int depth = 100_000;
        String xml = "<rss version=\"2.0\"><channel><item><description>" + "<x>".repeat(depth) + "</x>".repeat(depth)
                + "</description></item></channel></rss>";

        String message = malformed(assertTimeoutPreemptively(QUICKLY,
                () -> parser.parse(xml.getBytes(UTF_8), null, FEED_URL)));

        assertThat(message).startsWith("XML error at line 1");
    }

    @Test
    void ordinaryNestingInsideContentIsFine() {
        String xml = "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><id>1</id><content type=\"xhtml\">"
                + "<div xmlns=\"http://www.w3.org/1999/xhtml\">" + "<div>".repeat(100) + "deep" + "</div>".repeat(100)
                + "</div></content></entry></feed>";

        Entry entry = parsed(parser.parse(xml.getBytes(UTF_8), null, FEED_URL)).entries().get(0);

        assertThat(entry.contentHtml()).contains("deep");
    }

    private static void assertNoConnection(ServerSocket server) throws IOException {
        server.setSoTimeout(200);
        try (Socket ignored = server.accept()) {
            fail("the parser connected to " + server.getLocalSocketAddress());
        } catch (SocketTimeoutException expected) {
            // nobody called
        }
        assertThatThrownBy(server::accept).isInstanceOf(SocketTimeoutException.class);
    }
}

package org.feedletter.feed.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.feedletter.feed.fetch.TestHttpServer.respond;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.feedletter.config.FetchSettings;
import org.feedletter.feed.fetch.FetchResult.Failed;
import org.feedletter.feed.fetch.FetchResult.Fetched;
import org.feedletter.feed.fetch.FetchResult.NotModified;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Ordinary fetches: headers sent, validators, compression and the body cap. */
@Timeout(20)
class FeedFetcherTest {

    private static final String RSS = "application/rss+xml; charset=utf-8";

    private TestHttpServer server;
    private byte[] sampleFeed;

    @BeforeEach
    void startServer() throws IOException {
        server = TestHttpServer.start();
        try (InputStream in = getClass().getResourceAsStream("/fetch/sample.rss")) {
            sampleFeed = in.readAllBytes();
        }
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void okResponseGivesTheBodyContentTypeAndValidators() {
        server.on("/feed", exchange -> respond(exchange, 200, sampleFeed,
                "Content-Type", RSS, "ETag", "\"v1\"", "Last-Modified", "Mon, 02 Jun 2025 08:00:00 GMT"));

        Fetched fetched = (Fetched) fetch(TestSettings.fast(), server.url("/feed"));

        assertThat(fetched.status()).isEqualTo(200);
        assertThat(fetched.body()).isEqualTo(sampleFeed);
        assertThat(fetched.contentType()).isEqualTo(RSS);
        assertThat(fetched.etag()).isEqualTo("\"v1\"");
        assertThat(fetched.lastModified()).isEqualTo("Mon, 02 Jun 2025 08:00:00 GMT");
        assertThat(fetched.finalUrl()).isEqualTo(server.url("/feed"));
        assertThat(fetched.movedPermanently()).isNull();
    }

    @Test
    void theAnswersLinkHeadersAreCarriedAsSentForWebSubDiscovery() {
        server.on("/feed", exchange -> respond(exchange, 200, sampleFeed, "Content-Type", RSS,
                "Link", "<https://hub.example.net/>; rel=\"hub\"", "Link", "</feed>; rel=\"self\""));

        Fetched fetched = (Fetched) fetch(TestSettings.fast(), server.url("/feed"));

        assertThat(fetched.links()).containsExactly("<https://hub.example.net/>; rel=\"hub\"",
                "</feed>; rel=\"self\"");
    }

    @Test
    void serverSeesTheUserAgentAcceptEncodingAndAFeedPreferringAccept() {
        server.on("/feed", exchange -> respond(exchange, 200, sampleFeed));

        fetch(TestSettings.fast(), server.url("/feed"));

        TestHttpServer.SeenRequest request = server.requests().get(0);
        assertThat(request.header("User-Agent")).isEqualTo(TestSettings.USER_AGENT);
        assertThat(request.header("Accept-Encoding")).isEqualTo("gzip, deflate");
        assertThat(request.header("Accept")).startsWith("application/rss+xml, application/atom+xml");
        assertThat(request.header("If-None-Match")).isNull();
        assertThat(request.header("If-Modified-Since")).isNull();
    }

    @Test
    void conditionalGetSendsTheValidatorsBackAndNotModifiedHasNoBody() {
        String lastModified = "Mon, 02 Jun 2025 08:00:00 GMT";
        server.on("/feed", exchange -> {
            if ("\"v1\"".equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                respond(exchange, 304, new byte[0], "ETag", "\"v1\"");
            } else {
                respond(exchange, 200, sampleFeed, "ETag", "\"v1\"", "Last-Modified", lastModified);
            }
        });
        try (FeedFetcher fetcher = new FeedFetcher(TestSettings.fast())) {
            Fetched first = (Fetched) fetcher.fetch(FetchRequest.unconditional(server.url("/feed")));

            FetchResult second = fetcher.fetch(new FetchRequest(server.url("/feed"), first.etag(), first.lastModified()));

            assertThat(second).isInstanceOf(NotModified.class);
            assertThat(((NotModified) second).movedPermanently()).isNull();
        }
        TestHttpServer.SeenRequest conditional = server.requests().get(1);
        assertThat(conditional.header("If-None-Match")).isEqualTo("\"v1\"");
        assertThat(conditional.header("If-Modified-Since")).isEqualTo(lastModified);
    }

    @Test
    void gzipBodyIsDecoded() throws IOException {
        server.on("/feed", exchange -> respond(exchange, 200, gzip(sampleFeed), "Content-Encoding", "gzip"));

        Fetched fetched = (Fetched) fetch(TestSettings.fast(), server.url("/feed"));

        assertThat(fetched.body()).isEqualTo(sampleFeed);
    }

    @Test
    void zlibWrappedDeflateBodyIsDecoded() throws IOException {
        server.on("/feed", exchange -> respond(exchange, 200, deflate(sampleFeed, false), "Content-Encoding", "deflate"));

        Fetched fetched = (Fetched) fetch(TestSettings.fast(), server.url("/feed"));

        assertThat(fetched.body()).isEqualTo(sampleFeed);
    }

    @Test
    void rawDeflateBodyIsDecoded() throws IOException {
        server.on("/feed", exchange -> respond(exchange, 200, deflate(sampleFeed, true), "Content-Encoding", "deflate"));

        Fetched fetched = (Fetched) fetch(TestSettings.fast(), server.url("/feed"));

        assertThat(fetched.body()).isEqualTo(sampleFeed);
    }

    @Test
    void gzipBombIsRefusedByTheCapOnTheDecompressedSize() throws IOException {
        FetchSettings defaults = FetchSettings.defaults(TestSettings.USER_AGENT);
        byte[] bomb = gzip(new byte[(int) defaults.maxBodyBytes() + 1]); // about 10 KB on the wire
        server.on("/feed", exchange -> respond(exchange, 200, bomb, "Content-Encoding", "gzip"));

        FetchResult result = fetch(defaults, server.url("/feed"));

        assertThat(result).isInstanceOf(Failed.class);
        assertThat(((Failed) result).message()).isEqualTo("body over the 10 MB cap from " + server.url("/feed"));
    }

    @Test
    void deflateBombIsRefusedToo() throws IOException {
        byte[] bomb = deflate(new byte[64 * 1024 + 1], false);
        server.on("/feed", exchange -> respond(exchange, 200, bomb, "Content-Encoding", "deflate"));

        FetchResult result = fetch(TestSettings.withCap(64 * 1024), server.url("/feed"));

        assertThat(((Failed) result).message()).isEqualTo("body over the 64 KB cap from " + server.url("/feed"));
    }

    @Test
    void gzipBodyDecompressingToExactlyTheCapIsAccepted() throws IOException {
        byte[] body = new byte[64 * 1024];
        Arrays.fill(body, (byte) 'x');
        server.on("/feed", exchange -> respond(exchange, 200, gzip(body), "Content-Encoding", "gzip"));

        Fetched fetched = (Fetched) fetch(TestSettings.withCap(body.length), server.url("/feed"));

        assertThat(fetched.body()).isEqualTo(body);
    }

    @Test
    void plainBodyOverTheCapIsRefused() {
        server.on("/feed", exchange -> respond(exchange, 200, new byte[64 * 1024 + 1]));

        FetchResult result = fetch(TestSettings.withCap(64 * 1024), server.url("/feed"));

        assertThat(result).isInstanceOf(Failed.class);
        assertThat(((Failed) result).message()).isEqualTo("body over the 64 KB cap from " + server.url("/feed"));
        assertThat(((Failed) result).status()).isEqualTo(200);
    }

    @Test
    void chunkedBodyWithoutALengthIsCappedToo() {
        server.on("/feed", exchange -> {
            exchange.sendResponseHeaders(200, 0); // chunked
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 100; i++) {
                    out.write(new byte[1024]);
                }
            } catch (IOException e) {
                // the client hung up once over the cap
            }
        });

        FetchResult result = fetch(TestSettings.withCap(16 * 1024), server.url("/feed"));

        assertThat(((Failed) result).message()).startsWith("body over the 16 KB cap from ");
    }

    @Test
    void corruptGzipBodyFailsNamingTheUrl() {
        server.on("/feed", exchange -> respond(exchange, 200, "not gzip at all", "Content-Encoding", "gzip"));

        FetchResult result = fetch(TestSettings.fast(), server.url("/feed"));

        assertThat(((Failed) result).message()).startsWith("could not decompress the gzip body from " + server.url("/feed"));
    }

    @Test
    void userAndPasswordInTheUrlAreSentAsBasicAuthButNeverShownInMessages() {
        server.on("/private", exchange -> respond(exchange, 500, "oops"));
        URI withCredentials = URI.create("http://reader:s3cret@127.0.0.1:" + server.port() + "/private");

        FetchResult result = fetch(TestSettings.fast(), withCredentials);

        assertThat(((Failed) result).message())
                .contains("http://127.0.0.1:" + server.port() + "/private")
                .doesNotContain("s3cret").doesNotContain("reader");
        String expected = "Basic " + java.util.Base64.getEncoder()
                .encodeToString("reader:s3cret".getBytes(StandardCharsets.UTF_8));
        assertThat(server.requests().get(0).header("Authorization")).isEqualTo(expected);
    }

    @Test
    void repeatedFetchesReuseOneConnectionAndStartNoThreadPerRequest() {
        server.on("/feed", exchange -> respond(exchange, 200, sampleFeed));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (FeedFetcher fetcher = new FeedFetcher(TestSettings.fast())) {
            fetcher.fetch(FetchRequest.unconditional(server.url("/feed")));
            long threadsBefore = threads.getTotalStartedThreadCount();

            for (int i = 0; i < 50; i++) {
                assertThat(fetcher.fetch(FetchRequest.unconditional(server.url("/feed")))).isInstanceOf(Fetched.class);
            }

            assertThat(threads.getTotalStartedThreadCount() - threadsBefore).isLessThan(10);
        }
        assertThat(server.requests()).extracting(TestHttpServer.SeenRequest::clientPort).containsOnly(server.requests().get(0).clientPort());
    }

    @Test
    void fetchAfterCloseFailsWithoutThrowing() {
        FeedFetcher fetcher = new FeedFetcher(TestSettings.fast());
        fetcher.close();

        FetchResult result = fetcher.fetch(FetchRequest.unconditional(server.url("/feed")));

        assertThat(((Failed) result).message()).isEqualTo("cannot fetch " + server.url("/feed") + ": the fetcher is closed");
    }

    @Test
    void unsupportedSchemeFailsWithoutThrowing() {
        FetchResult result = fetch(TestSettings.fast(), URI.create("ftp://feedletter.example/feed.xml"));

        assertThat(((Failed) result).message()).contains("ftp://feedletter.example/feed.xml").contains("only http, https and file");
    }

    private static FetchResult fetch(FetchSettings settings, URI url) {
        try (FeedFetcher fetcher = new FeedFetcher(settings)) {
            return fetcher.fetch(FetchRequest.unconditional(url));
        }
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(data);
        }
        return bytes.toByteArray();
    }

    private static byte[] deflate(byte[] data, boolean raw) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DeflaterOutputStream out = new DeflaterOutputStream(bytes, new Deflater(Deflater.DEFAULT_COMPRESSION, raw))) {
            out.write(data);
        }
        return bytes.toByteArray();
    }
}

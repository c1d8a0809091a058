package org.feedletter.feed.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.feedletter.feed.fetch.TestHttpServer.respond;

import java.net.URI;
import org.feedletter.feed.fetch.FetchResult.Failed;
import org.feedletter.feed.fetch.FetchResult.Fetched;
import org.feedletter.feed.fetch.FetchResult.NotModified;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Redirects are followed by hand: bounded, loop-free, http(s) only, and permanent moves are reported. */
@Timeout(20)
class RedirectTest {

    private TestHttpServer server;
    private FeedFetcher fetcher;

    @BeforeEach
    void start() throws Exception {
        server = TestHttpServer.start();
        server.on("/feed", exchange -> respond(exchange, 200, "<rss/>", "Content-Type", "application/rss+xml"));
        fetcher = new FeedFetcher(TestSettings.fast());
    }

    @AfterEach
    void stop() {
        fetcher.close();
        server.close();
    }

    @Test
    void movedPermanentlyIsSetByA301() {
        redirect("/old", 301, "/feed");

        Fetched fetched = fetchFrom("/old");

        assertThat(fetched.movedPermanently()).isEqualTo(server.url("/feed"));
        assertThat(fetched.finalUrl()).isEqualTo(server.url("/feed"));
        assertThat(new String(fetched.body())).isEqualTo("<rss/>");
    }

    @Test
    void movedPermanentlyIsSetByA308() {
        redirect("/old", 308, "/feed");

        assertThat(fetchFrom("/old").movedPermanently()).isEqualTo(server.url("/feed"));
    }

    @Test
    void temporaryRedirectLeavesMovedPermanentlyNull() {
        redirect("/today", 302, "/feed");

        Fetched fetched = fetchFrom("/today");

        assertThat(fetched.movedPermanently()).isNull();
        assertThat(fetched.finalUrl()).isEqualTo(server.url("/feed"));
    }

    @Test
    void permanentHopsThenATemporaryOneReportTheUrlTheLastPermanentHopReached() {
        redirect("/a", 301, "/b");
        redirect("/b", 308, "/c");
        redirect("/c", 307, "/feed");

        Fetched fetched = fetchFrom("/a");

        assertThat(fetched.movedPermanently()).isEqualTo(server.url("/c"));
        assertThat(fetched.finalUrl()).isEqualTo(server.url("/feed"));
    }

    @Test
    void permanentHopAfterATemporaryOneDoesNotCount() {
        redirect("/a", 302, "/b");
        redirect("/b", 301, "/feed");

        assertThat(fetchFrom("/a").movedPermanently()).isNull();
    }

    @Test
    void notModifiedAfterAPermanentRedirectCarriesTheNewAddress() {
        redirect("/old", 301, "/new");
        server.on("/new", exchange -> respond(exchange, 304, new byte[0]));

        FetchResult result = fetcher.fetch(new FetchRequest(server.url("/old"), "\"v1\"", null));

        assertThat(((NotModified) result).movedPermanently()).isEqualTo(server.url("/new"));
    }

    @Test
    void relativeLocationIsResolvedAgainstTheUrlThatSentIt() {
        redirect("/blog/atom", 302, "feed.xml");
        server.on("/blog/feed.xml", exchange -> respond(exchange, 200, "<feed/>"));

        assertThat(fetchFrom("/blog/atom").finalUrl()).isEqualTo(server.url("/blog/feed.xml"));
    }

    @Test
    void dotSegmentsAboveTheRootAreDroppedAsRfc3986Says() {
        redirect("/redirect", 302, "../feeds/x.xml");
        redirect("/a/b/c", 302, "../../../../feeds/y.xml?q=1");
        server.on("/feeds/x.xml", exchange -> respond(exchange, 200, "<feed/>"));
        server.on("/feeds/y.xml", exchange -> respond(exchange, 200, "<feed/>"));

        assertThat(fetchFrom("/redirect").finalUrl()).isEqualTo(server.url("/feeds/x.xml"));
        assertThat(fetchFrom("/a/b/c").finalUrl()).isEqualTo(server.url("/feeds/y.xml?q=1"));
    }

    @Test
    void absoluteLocationToAnotherHostIsFollowed() {
        redirect("/elsewhere", 301, server.urlOnLocalhost("/feed").toString());

        Fetched fetched = fetchFrom("/elsewhere");

        assertThat(fetched.finalUrl()).isEqualTo(server.urlOnLocalhost("/feed"));
        assertThat(fetched.movedPermanently()).isEqualTo(server.urlOnLocalhost("/feed"));
    }

    @Test
    void credentialsFollowARelativeRedirectButStayOutOfTheFinalUrl() {
        redirect("/private/old", 301, "/private/feed");
        server.on("/private/feed", exchange -> respond(exchange, 200, "<rss/>"));
        URI withCredentials = URI.create("http://reader:s3cret@127.0.0.1:" + server.port() + "/private/old");

        Fetched fetched = (Fetched) fetcher.fetch(FetchRequest.unconditional(withCredentials));

        assertThat(fetched.finalUrl()).isEqualTo(server.url("/private/feed"));
        assertThat(fetched.movedPermanently()).isEqualTo(URI.create("http://reader:s3cret@127.0.0.1:" + server.port() + "/private/feed"));
        assertThat(server.requests()).extracting(request -> request.header("Authorization")).doesNotContainNull();
    }

    @Test
    void credentialsAreNotSentToTheHostOfAnAbsoluteRedirect() {
        redirect("/private/old", 302, server.urlOnLocalhost("/feed").toString());
        URI withCredentials = URI.create("http://reader:s3cret@127.0.0.1:" + server.port() + "/private/old");

        fetcher.fetch(FetchRequest.unconditional(withCredentials));

        assertThat(server.requests()).extracting(request -> request.header("Authorization")).containsExactly("Basic cmVhZGVyOnMzY3JldA==", null);
    }

    @Test
    void redirectLoopFails() {
        redirect("/ping", 302, "/pong");
        redirect("/pong", 302, "/ping");

        Failed failed = (Failed) fetcher.fetch(FetchRequest.unconditional(server.url("/ping")));

        assertThat(failed.message()).startsWith("redirect loop: " + server.url("/pong") + " leads back to " + server.url("/ping"));
        assertThat(failed.status()).isEqualTo(302);
    }

    @Test
    void fiveRedirectsAreFollowed() {
        chainOfRedirects(5);

        assertThat(fetchFrom("/hop0").finalUrl()).isEqualTo(server.url("/feed"));
    }

    @Test
    void sixRedirectsAreTooMany() {
        chainOfRedirects(6);

        Failed failed = (Failed) fetcher.fetch(FetchRequest.unconditional(server.url("/hop0")));

        assertThat(failed.message()).startsWith("too many redirects (more than 5) from " + server.url("/hop0"));
        assertThat(server.requestsTo("/feed")).isZero();
    }

    @Test
    void redirectToFileUrlIsRefused() {
        redirect("/sneaky", 302, "file:///etc/passwd");

        Failed failed = (Failed) fetcher.fetch(FetchRequest.unconditional(server.url("/sneaky")));

        assertThat(failed.message()).isEqualTo("refused the redirect from " + server.url("/sneaky")
                + " to file:///etc/passwd: only http and https redirects are followed");
    }

    @Test
    void redirectWithoutLocationFails() {
        server.on("/nowhere", exchange -> respond(exchange, 301, new byte[0]));

        Failed failed = (Failed) fetcher.fetch(FetchRequest.unconditional(server.url("/nowhere")));

        assertThat(failed.message()).isEqualTo("HTTP 301 without a Location header from " + server.url("/nowhere"));
        assertThat(failed.status()).isEqualTo(301);
    }

    private void chainOfRedirects(int count) {
        for (int i = 0; i < count; i++) {
            redirect("/hop" + i, 302, i + 1 == count ? "/feed" : "/hop" + (i + 1));
        }
    }

    private void redirect(String path, int status, String location) {
        server.on(path, exchange -> respond(exchange, status, "moved", "Location", location));
    }

    private Fetched fetchFrom(String path) {
        URI url = server.url(path);
        FetchResult result = fetcher.fetch(FetchRequest.unconditional(url));
        assertThat(result).isInstanceOf(Fetched.class);
        return (Fetched) result;
    }
}

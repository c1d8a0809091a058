package org.feedletter.feed.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.feedletter.feed.fetch.TestHttpServer.respond;

import java.net.URI;
import java.util.List;
import org.feedletter.config.AddressRange;
import org.feedletter.config.FetchSettings;
import org.feedletter.feed.fetch.FetchResult.Failed;
import org.feedletter.feed.fetch.FetchResult.Fetched;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A feed's own host and port may be internal, as the operator chose them; where its redirects and its page's feed
 * links lead may not, unless fetch.allow-internal says so. Two real servers on 127.0.0.1: the feed's, and another
 * standing in for the metrics page on another local port.
 */
@Timeout(20)
class EgressTest {

    private static final String SECRET = "metrics-secret-4711";

    private TestHttpServer feed;
    private TestHttpServer inside;

    @BeforeEach
    void start() throws Exception {
        feed = TestHttpServer.start();
        inside = TestHttpServer.start();
        inside.on("/metrics", exchange -> respond(exchange, 200, "<rss><!-- " + SECRET + " --></rss>"));
        feed.on("/feed", exchange -> respond(exchange, 200, "<rss/>"));
    }

    @AfterEach
    void stop() {
        feed.close();
        inside.close();
    }

    @Test
    void aRedirectToAnotherPortOnTheLoopbackIsRefusedInWordsAndNeverRequested() {
        redirect("/feed.rss", inside.url("/metrics").toString());

        Failed failed = (Failed) fetch(TestSettings.fast(), feed.url("/feed.rss"));

        assertThat(failed.message()).isEqualTo("redirect to 127.0.0.1:" + inside.port() + " refused: a loopback address,"
                + " not the feed's own host and port 127.0.0.1:" + feed.port() + " (allow it with fetch.allow-internal,"
                + " e.g. [127.0.0.1/32] or [loopback]); from " + feed.url("/feed.rss") + " to " + inside.url("/metrics"));
        assertThat(inside.requests()).isEmpty();
    }

    @Test
    void aRedirectToTheFeedsOwnHostAndPortIsFollowed() {
        redirect("/feed.rss", feed.url("/feed").toString());

        Fetched fetched = (Fetched) fetch(TestSettings.fast(), feed.url("/feed.rss"));

        assertThat(fetched.finalUrl()).isEqualTo(feed.url("/feed"));
    }

    @Test
    void aHostNameThatResolvesToTheLoopbackOnAnotherPortIsRefused() {
        URI byName = inside.urlOnLocalhost("/metrics");
        redirect("/feed.rss", byName.toString());

        Failed failed = (Failed) fetch(TestSettings.fast(), feed.url("/feed.rss"));

        assertThat(failed.message()).startsWith("redirect to localhost:" + inside.port() + " refused: it resolves to"
                + " 127.0.0.1, a loopback address, not the feed's own host and port").endsWith(" to " + byName);
        assertThat(inside.requests()).isEmpty();
    }

    @Test
    void ipv6AndIpv4MappedFormsOfTheLoopbackAreRefusedToo() {
        for (String host : List.of("[::1]", "[::ffff:127.0.0.1]", "[0:0:0:0:0:ffff:7f00:1]", "0.0.0.0", "127.1.2.3")) {
            URI target = URI.create("http://" + host + ":" + inside.port() + "/metrics");
            redirect("/feed.rss", target.toString());

            Failed failed = (Failed) fetch(TestSettings.fast(), feed.url("/feed.rss"));

            assertThat(failed.message()).as(host).startsWith("redirect to " + host + ":" + inside.port() + " refused: a")
                    .endsWith(" to " + target);
        }
        assertThat(inside.requests()).isEmpty();
    }

    @Test
    void theMetadataServiceAndPrivateAddressesAreRefusedBeforeAnyConnectionIsTried() {
        // Nothing listens there on this machine: a connection attempt would end in a timeout or a refusal, not this.
        redirect("/meta.rss", "http://169.254.169.254/latest/meta-data/iam/security-credentials/");
        redirect("/private.rss", "http://10.0.0.1/admin");
        redirect("/ula.rss", "http://[fd00::1]:8080/");

        assertThat(((Failed) fetch(TestSettings.fast(), feed.url("/meta.rss"))).message()).isEqualTo("redirect to"
                + " 169.254.169.254:80 refused: a link-local address, not the feed's own host and port 127.0.0.1:"
                + feed.port() + " (allow it with fetch.allow-internal, e.g. [169.254.169.254/32] or [link-local]); from "
                + feed.url("/meta.rss") + " to http://169.254.169.254/latest/meta-data/iam/security-credentials/");
        assertThat(((Failed) fetch(TestSettings.fast(), feed.url("/private.rss"))).message())
                .startsWith("redirect to 10.0.0.1:80 refused: a private address, not the feed's own host and port");
        assertThat(((Failed) fetch(TestSettings.fast(), feed.url("/ula.rss"))).message())
                .startsWith("redirect to [fd00::1]:8080 refused: a unique-local address");
    }

    @Test
    void aRefusalLaterInTheChainNamesTheHopThatLedThere() {
        redirect("/a.rss", "/b.rss");
        redirect("/b.rss", inside.url("/metrics").toString());

        Failed failed = (Failed) fetch(TestSettings.fast(), feed.url("/a.rss"));

        assertThat(failed.message()).startsWith("redirect to 127.0.0.1:" + inside.port() + " refused: ")
                .endsWith("; from " + feed.url("/b.rss") + " to " + inside.url("/metrics"));
        assertThat(feed.requestsTo("/b.rss")).isOne();
    }

    @Test
    void fetchAllowInternalLetsTheRedirectThrough() {
        redirect("/feed.rss", inside.url("/metrics").toString());

        for (String allowed : List.of("loopback", "127.0.0.1/32", "127.0.0.0/8")) {
            FetchSettings settings = TestSettings.fast().withAllowInternal(List.of(AddressRange.parse(allowed)));

            Fetched fetched = (Fetched) fetch(settings, feed.url("/feed.rss"));

            assertThat(fetched.finalUrl()).as(allowed).isEqualTo(inside.url("/metrics"));
        }
        FetchSettings otherRange = TestSettings.fast().withAllowInternal(List.of(AddressRange.parse("10.0.0.0/8")));
        assertThat(fetch(otherRange, feed.url("/feed.rss"))).isInstanceOf(Failed.class);
    }

    @Test
    void aFeedLinkAWebPageChoseIsHeldToTheSameRules() {
        Failed failed = (Failed) fetch(TestSettings.fast(), FetchRequest.linkedFrom(feed.url("/blog/"),
                inside.url("/metrics")));

        assertThat(failed.message()).startsWith("feed link to 127.0.0.1:" + inside.port() + " refused: a loopback address")
                .endsWith("; the link " + inside.url("/metrics") + " on " + feed.url("/blog/"));
        assertThat(inside.requests()).isEmpty();
        assertThat(fetch(TestSettings.fast(), FetchRequest.linkedFrom(feed.url("/blog/"), feed.url("/feed"))))
                .as("a link on the page's own host and port").isInstanceOf(Fetched.class);
        assertThat(fetch(TestSettings.fast(), FetchRequest.linkedFrom(feed.url("/blog/"), URI.create("file:///etc/passwd"))))
                .isInstanceOfSatisfying(Failed.class, f -> assertThat(f.message()).contains("refused"));
    }

    /**
     * What is checked is what is connected to: a plain-http hop to another host by name goes to the address the check
     * resolved (no second look-up a changed DNS answer could turn inside), its name in the Host header; https goes by
     * name (the certificate is checked against it), as do the feed's own host and hosts written as addresses.
     */
    @Test
    void aCheckedPlainHttpHopToAnotherHostIsSentToTheAddressCheckedWithItsNameAsHost() throws Exception {
        URI byName = URI.create("http://localhost:" + inside.port() + "/metrics?page=2");
        redirect("/feed.rss", byName.toString());
        FetchSettings loopback = TestSettings.fast().withAllowInternal(List.of(AddressRange.parse("loopback")));

        Fetched fetched = (Fetched) fetch(loopback, feed.url("/feed.rss"));

        assertThat(fetched.finalUrl()).isEqualTo(byName);
        assertThat(inside.requests()).singleElement().satisfies(r -> {
            assertThat(r.header("Host")).isEqualTo("localhost:" + inside.port());
            assertThat(r.path()).isEqualTo("/metrics");
        });

        EgressRules rules = new EgressRules(List.of(AddressRange.parse("loopback")));
        java.net.InetAddress pinned = rules.check(feed.url("/feed.rss"), byName, feed.url("/feed.rss"));
        assertThat(pinned).isNotNull();
        assertThat(pinned.isLoopbackAddress()).isTrue();
        var request = RequestSender.requestFor(byName, FetchRequest.unconditional(byName), java.time.Duration.ofSeconds(1),
                pinned, "test");
        assertThat(request.uri().getHost()).isNotEqualTo("localhost");
        assertThat(request.uri().getPort()).isEqualTo(inside.port());
        assertThat(request.uri().getRawPath() + "?" + request.uri().getRawQuery()).isEqualTo("/metrics?page=2");
        assertThat(request.headers().firstValue("Host")).contains("localhost:" + inside.port());

        URI https = URI.create("https://localhost:" + inside.port() + "/metrics");
        assertThat(rules.check(feed.url("/feed.rss"), https, feed.url("/feed.rss"))).as("https goes by name").isNull();
        assertThat(rules.check(feed.url("/feed.rss"), inside.url("/metrics"), feed.url("/feed.rss")))
                .as("a host written as an address").isNull();
        assertThat(rules.check(feed.url("/feed.rss"), feed.url("/feed"), null)).as("the feed's own host").isNull();
    }

    @Test
    void theFeedsOwnHostIsItsOwnEvenOnTheLoopback() {
        assertThat(fetch(TestSettings.fast(), inside.url("/metrics"))).as("the operator chose this URL")
                .isInstanceOf(Fetched.class);
    }

    private void redirect(String path, String location) {
        feed.on(path, exchange -> respond(exchange, 302, "moved", "Location", location));
    }

    private static FetchResult fetch(FetchSettings settings, URI url) {
        return fetch(settings, FetchRequest.unconditional(url));
    }

    private static FetchResult fetch(FetchSettings settings, FetchRequest request) {
        try (FeedFetcher fetcher = new FeedFetcher(settings)) {
            FetchResult result = fetcher.fetch(request);
            if (result instanceof Failed failed) {
                assertThat(failed.message()).doesNotContain(SECRET);
            }
            return result;
        }
    }
}

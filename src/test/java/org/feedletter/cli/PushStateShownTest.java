package org.feedletter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.feedletter.testing.FeedServer;
import org.feedletter.testing.MutableClock;
import org.feedletter.testing.PushingHub;
import org.feedletter.testing.Waiting;
import org.feedletter.web.WebRig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each feed's WebSub subscription where an operator looks: {@code feeds list}, the admin feeds page and
 * {@code /metrics}. A real subscription: a test hub verifies it over HTTP against feedletter's web server.
 */
class PushStateShownTest {

    private static final String PASSWORD = "admin-password-for-push-tests";
    private static final String FEED = "/pushed.atom";

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.at("2026-11-26T10:00:00Z");
    private PushingHub hub;
    private WebRig rig;

    @BeforeEach
    void subscribe() throws Exception {
        FeedServer feeds = FeedServer.start();
        String[] base = new String[1];
        hub = PushingHub.start(url -> url.replace(WebRig.PUBLIC_BASE, base[0]));
        feeds.serve(FEED, "application/rss+xml", """
                <rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>
                  <title>Pushed</title><link>https://pushed.example.org/</link><description>d</description>
                  <atom:link rel="hub" href="%s"/><atom:link rel="self" href="%s"/>
                  <item><title>One</title><link>https://pushed.example.org/1</link></item>
                </channel></rss>""".formatted(hub.url(), feeds.url(FEED)));
        rig = WebRig.start(dir, 2525, clock, "push: { enabled: true }", """
                fetch: { allow-internal: [loopback] }
                admin: { password: "${FEEDLETTER_ADMIN_PASSWORD}" }""", feeds, List.of(FEED),
                Map.of("FEEDLETTER_ADMIN_PASSWORD", PASSWORD));
        base[0] = rig.base();
        rig.feedletter.feeds().pollAll(outcome -> {});
        Waiting.until(Duration.ofSeconds(20), () -> rig.feedletter.feeds().pushStatuses().values().stream()
                .anyMatch(s -> s.state().equals("live")));
    }

    @AfterEach
    void stop() {
        rig.close();
        hub.close();
    }

    @Test
    void feedsListHasAPushColumn() {
        StringWriter out = new StringWriter();
        FeedsCommand.ListFeeds.print(new PrintWriter(out), rig.feedletter, false, clock.instant(), Terminal.plain());

        assertThat(out.toString())
                .containsPattern("ID +NAME +FROM +STATE +PUSH +LAST SUCCESS")
                .containsPattern("4 +Extra /pushed.atom +config +active +live +now +0 +in 6h")
                .containsPattern("1 +Site-wide +config +active +now +0 +in 30m")
                .contains("4 feeds, 0 failing, 1 pushed by their hubs.");

        clock.advance(Duration.ofDays(11)); // the lease ended; the next tick would mark it lapsed
        StringWriter later = new StringWriter();
        FeedsCommand.ListFeeds.print(new PrintWriter(later), rig.feedletter, false, clock.instant(), Terminal.plain());
        assertThat(later.toString()).containsPattern("4 +Extra /pushed.atom +config +active +lapsed")
                .contains("4 feeds, 0 failing, 0 pushed by their hubs.");
    }

    @Test
    void theAdminFeedsPageShowsEachSubscription() throws Exception {
        HttpResponse<String> login = rig.postWith("/admin/login", Map.of("Origin", rig.base()), "password", PASSWORD);
        assertThat(login.statusCode()).isEqualTo(303);
        String cookie = login.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("feedletter_admin=")).findFirst().orElseThrow();

        String page = rig.get("/admin/feeds", "Cookie", cookie.substring(0, cookie.indexOf(';'))).body();

        assertThat(page).contains("<th>Push</th>")
                .contains("<span class=\"ok\">live</span>")
                .contains("hub " + hub.url())
                .contains("lease ends in 10 days")
                .contains("0 pushed, 0 refused; last never");
    }

    @Test
    void metricsCountSubscriptionsByStateAndPushesByOutcome() {
        String metrics = rig.feedletter.metrics().scrape();

        assertThat(metrics).contains("feedletter_websub_subscriptions{state=\"live\"} 1.0")
                .contains("feedletter_websub_subscriptions{state=\"failed\"} 0.0")
                .contains("feedletter_websub_pushes_total{outcome=\"accepted\"} 0.0")
                .contains("feedletter_websub_pushes_total{outcome=\"bad_signature\"} 0.0");
    }
}

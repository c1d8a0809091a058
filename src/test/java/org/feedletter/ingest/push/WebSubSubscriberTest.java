package org.feedletter.ingest.push;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.feedletter.Feedletter;
import org.feedletter.config.ConfigLoader;
import org.feedletter.config.FeedletterConfig;
import org.feedletter.ingest.dedup.ItemProvenance;
import org.feedletter.manage.PushOperations;
import org.feedletter.store.StoredFeed;
import org.feedletter.store.StoredItem;
import org.feedletter.testing.FeedServer;
import org.feedletter.testing.MutableClock;
import org.feedletter.testing.PushingHub;
import org.feedletter.testing.Waiting;
import org.feedletter.web.WebRig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * WebSub, the subscriber side, over real HTTP both ways: feedletter's own web server takes the callbacks, a hub
 * written for the tests ({@link PushingHub}) takes the subscriptions, verifies them and pushes; feeds come from a
 * {@link FeedServer}. Nothing is mocked, and no test looks at how long anything took.
 */
class WebSubSubscriberTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String FEED = "/pushed.atom";
    private static final String PUSH_ON = "push: { enabled: true }";
    /** The hub listens on the loopback, as the feed server does, but on another port. */
    private static final String HUB_ALLOWED = "fetch: { allow-internal: [loopback] }";

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.at("2026-11-26T10:00:00Z");
    private FeedServer feeds;
    private PushingHub hub;
    private WebRig rig;

    @AfterEach
    void stop() {
        if (rig != null) {
            rig.close();
        }
        if (hub != null) {
            hub.close();
        }
    }

    /** A rig whose extra feed names the test hub; {@code webKeys} decide whether push is on. */
    private WebRig start(String webKeys) throws Exception {
        return start(webKeys, HUB_ALLOWED);
    }

    /** The same, with these top-level keys ({@code fetch}) instead of the ones that let the hub be on the loopback. */
    private WebRig start(String webKeys, String extraYaml) throws Exception {
        feeds = FeedServer.start();
        String[] base = new String[1];
        hub = PushingHub.start(url -> url.replace(WebRig.PUBLIC_BASE, base[0]));
        feeds.serve(FEED, "application/atom+xml", feedWithHub("""
                <entry><title>First pushed piece</title><link href="https://pushed.example.org/1"/><id>urn:p:1</id>
                  <updated>2026-11-25T10:00:00Z</updated><summary>One.</summary></entry>"""));
        rig = WebRig.start(dir, 2525, clock, webKeys, extraYaml, feeds, List.of(FEED), Map.of());
        base[0] = rig.base();
        return rig;
    }

    private String feedWithHub(String entries) {
        return feedWithHub(FEED, entries);
    }

    private String feedWithHub(String path, String entries) {
        return """
                <?xml version="1.0" encoding="utf-8"?>
                <feed xmlns="http://www.w3.org/2005/Atom">
                  <title>Pushed</title><id>urn:pushed</id><updated>2026-11-25T10:00:00Z</updated>
                  <link rel="self" href="%s"/>
                  <link rel="hub" href="%s"/>
                  <link rel="alternate" href="https://pushed.example.org/"/>
                  %s
                </feed>""".formatted(feeds.url(path), hub.url(), entries);
    }

    private StoredFeed pushedFeed() {
        return rig.feedletter.feeds().listCurrent().stream().filter(f -> f.url().toString().endsWith(FEED))
                .findFirst().orElseThrow();
    }

    private PushOperations.Status status() {
        return rig.feedletter.feeds().pushStatuses().get(pushedFeed().id());
    }

    /** Polls every feed; the feed names the hub, so feedletter subscribes there and the hub verifies. */
    private PushingHub.Request subscribed() throws Exception {
        rig.feedletter.feeds().pollAll(outcome -> {});
        Waiting.until(WAIT, () -> status() != null && status().state().equals("live"));
        Waiting.until(WAIT, () -> hub.verifications().size() == 1); // the hub notes it once it has the answer
        return hub.requests().get(0);
    }

    @Test
    void aFeedThatNamesAHubIsSubscribedThereAndGoesLiveWhenTheHubVerifies() throws Exception {
        start(PUSH_ON);

        PushingHub.Request request = subscribed();

        assertThat(request.mode()).isEqualTo("subscribe");
        assertThat(request.topic()).isEqualTo(feeds.url(FEED).toString()); // the self link
        assertThat(request.callback()).startsWith(WebRig.PUBLIC_BASE + "/websub/");
        assertThat(request.callback().substring((WebRig.PUBLIC_BASE + "/websub/").length())).hasSizeGreaterThan(30);
        assertThat(request.secret()).hasSizeGreaterThan(40);
        assertThat(request.leaseSeconds()).isEqualTo(Long.toString(Duration.ofDays(10).toSeconds()));
        assertThat(hub.verifications()).singleElement().satisfies(v -> assertThat(v.echoed()).isTrue());
        assertThat(status().leaseUntil()).isEqualTo(clock.instant().plus(Duration.ofDays(10)));
        // Live: the feed is still polled, as a safety net, every 6 hours instead of every 30 minutes.
        assertThat(pushedFeed().nextPollAt()).isEqualTo(clock.instant().plus(Duration.ofHours(6)));
        // Only the feed that names a hub has a subscription; the others are polled as before.
        assertThat(rig.feedletter.feeds().pushStatuses()).hasSize(1);
        assertThat(rig.feedletter.metrics().scrape()).contains("feedletter_websub_subscriptions{state=\"live\"} 1.0");

        // Polled again while live: still one subscription, its poll stretched again.
        clock.advance(Duration.ofHours(6));
        rig.feedletter.feeds().pollAll(outcome -> {});
        assertThat(hub.requests()).hasSize(1);
        assertThat(pushedFeed().nextPollAt()).isEqualTo(clock.instant().plus(Duration.ofHours(6)));
    }

    @Test
    void verificationsForAnotherTopicCallbackOrModeAreRefusedWith404() throws Exception {
        start(PUSH_ON);
        hub.verifying(false);
        rig.feedletter.feeds().pollAll(outcome -> {});
        Waiting.until(WAIT, () -> hub.requests().size() == 1);
        PushingHub.Request request = hub.requests().get(0);

        PushingHub.Verification wrongTopic = hub.verify(request, "subscribe", "https://elsewhere.example.org/feed");
        PushingHub.Verification wrongCallback = hub.verifyAt(WebRig.PUBLIC_BASE + "/websub/not-ours", "subscribe",
                request.topic(), "864000");
        PushingHub.Verification notAskedFor = hub.verify(request, "unsubscribe", request.topic());

        for (PushingHub.Verification refused : List.of(wrongTopic, wrongCallback, notAskedFor)) {
            assertThat(refused.status()).isEqualTo(404);
            assertThat(refused.echoed()).isFalse();
        }
        assertThat(status().state()).isEqualTo("subscribing");

        PushingHub.Verification right = hub.verify(request, "subscribe", request.topic());
        assertThat(right.status()).isEqualTo(200);
        assertThat(right.echoed()).isTrue();
        assertThat(status().state()).isEqualTo("live");
    }

    @Test
    void aSignedPushIsIngestedLikeAPollWithTheSameDedupAndProvenance() throws Exception {
        start(PUSH_ON);
        PushingHub.Request request = subscribed();
        int before = rig.feedletter.items().recent(1000).size();
        byte[] pushed = feedWithHub("""
                <entry><title>Second pushed piece</title><link href="https://pushed.example.org/2"/><id>urn:p:2</id>
                  <updated>2026-11-26T09:00:00Z</updated><summary>Two, pushed.</summary></entry>
                <entry><title>Annual energy report</title>
                  <link href="https://think.example.org/reports/energy-2026/?utm_source=hub"/><id>urn:p:energy</id>
                  <updated>2026-11-25T08:00:00Z</updated><summary>Grid resilience across the region.</summary></entry>
                """).getBytes(UTF_8);

        int status = hub.push(request, "application/atom+xml", pushed, PushingHub.signature("sha256", request.secret(),
                pushed));

        assertThat(status).isEqualTo(202);
        StoredItem second = single("https://pushed.example.org/2");
        ItemProvenance provenance = rig.feedletter.items().lookup().of(second);
        assertThat(provenance.sources()).singleElement().satisfies(source -> {
            assertThat(source.feed().id()).isEqualTo(pushedFeed().id());
            assertThat(source.rule()).isEqualTo("new");
        });
        // The copy of a stored piece joined that item, as in a poll: one item, two entries, the second by URL.
        ItemProvenance energy = rig.feedletter.items().lookup().of(single("https://think.example.org/reports/energy-2026/"));
        assertThat(energy.sources()).extracting(s -> s.feed().label(), ItemProvenance.Source::rule)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Site-wide", "new"),
                        org.assertj.core.groups.Tuple.tuple("Extra /pushed.atom", "canonical-url"));
        assertThat(rig.feedletter.items().recent(1000)).hasSize(before + 1);
        assertThat(status().pushesAccepted()).isEqualTo(1);
        assertThat(rig.feedletter.metrics().scrape())
                .contains("feedletter_websub_pushes_total{outcome=\"accepted\"} 1.0");

        // Signed with sha1, as most hubs still do: taken too. The same document again adds nothing.
        assertThat(hub.push(request, "application/atom+xml", pushed, PushingHub.signature("sha1", request.secret(),
                pushed))).isEqualTo(202);
        assertThat(rig.feedletter.items().recent(1000)).hasSize(before + 1);
        assertThat(status().pushesAccepted()).isEqualTo(2);
        // The feed's own row is the poll's: a push changes neither its validators nor its next poll.
        assertThat(pushedFeed().nextPollAt()).isEqualTo(clock.instant().plus(Duration.ofHours(6)));
    }

    private StoredItem single(String url) {
        List<StoredItem> found = rig.feedletter.items().lookup().find(url);
        assertThat(found).as("items under " + url).hasSize(1);
        return found.get(0);
    }

    @Test
    void unsignedAndWronglySignedPushesAreAnsweredAsReceivedButIgnored() throws Exception {
        start(PUSH_ON);
        PushingHub.Request request = subscribed();
        int before = rig.feedletter.items().recent(1000).size();
        byte[] forged = feedWithHub("""
                <entry><title>Forged piece</title><link href="https://pushed.example.org/forged"/><id>urn:p:f</id>
                  <updated>2026-11-26T09:00:00Z</updated><summary>Not from the hub.</summary></entry>""")
                .getBytes(UTF_8);

        int unsigned = hub.push(request, "application/atom+xml", forged, null);
        int wrongSecret = hub.push(request, "application/atom+xml", forged,
                PushingHub.signature("sha256", "not-the-secret", forged));
        int otherBody = hub.push(request, "application/atom+xml", forged,
                PushingHub.signature("sha256", request.secret(), "another body".getBytes(UTF_8)));
        int unknownMethod = hub.push(request, "application/atom+xml", forged, "md5=0123456789abcdef");

        // 2xx: WebSub 7.1.2 lets a subscriber acknowledge what it ignores, so a forger learns nothing from the answer.
        assertThat(List.of(unsigned, wrongSecret, otherBody, unknownMethod)).containsOnly(202);
        assertThat(rig.feedletter.items().lookup().find("https://pushed.example.org/forged")).isEmpty();
        assertThat(rig.feedletter.items().recent(1000)).hasSize(before);
        assertThat(status().pushesRefused()).isEqualTo(4);
        assertThat(status().pushesAccepted()).isZero();
        String metrics = rig.feedletter.metrics().scrape();
        assertThat(metrics).contains("feedletter_websub_pushes_total{outcome=\"unsigned\"} 1.0");
        assertThat(metrics).contains("feedletter_websub_pushes_total{outcome=\"bad_signature\"} 3.0");

        // A push to a callback that is not ours is told to go away (410), whatever it carries.
        int unknown = hub.push(new PushingHub.Request("subscribe", request.topic(), WebRig.PUBLIC_BASE + "/websub/nope",
                request.secret(), null), "application/atom+xml", forged, PushingHub.signature("sha256", request.secret(),
                forged));
        assertThat(unknown).isEqualTo(410);
    }

    @Test
    void whenTheHubIsDownTheFeedKeepsItsOwnIntervalAndIsRetriedLater() throws Exception {
        start(PUSH_ON);
        hub.answering(503);

        rig.feedletter.feeds().pollAll(outcome -> {});
        Waiting.until(WAIT, () -> status() != null && status().state().equals("failed"));

        assertThat(status().lastError()).contains("HTTP 503");
        assertThat(pushedFeed().nextPollAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(30)));
        assertThat(status().nextAttemptAt()).isEqualTo(clock.instant().plus(Duration.ofHours(1)));

        // The hub is back; an hour later the poll tick asks again, with a new callback and secret, and it goes live.
        hub.answering(202);
        clock.advance(Duration.ofHours(1));
        rig.feedletter.feeds().pollDue();
        Waiting.until(WAIT, () -> status().state().equals("live"));
        assertThat(hub.requests()).hasSize(2);
        assertThat(hub.requests().get(1).callback()).isNotEqualTo(hub.requests().get(0).callback());
        assertThat(hub.requests().get(1).secret()).isNotEqualTo(hub.requests().get(0).secret());
    }

    @Test
    void aDenialMarksTheSubscriptionFailedAndTheFeedIsPolledAsBefore() throws Exception {
        start(PUSH_ON);
        PushingHub.Request request = subscribed();
        assertThat(pushedFeed().nextPollAt()).isEqualTo(clock.instant().plus(Duration.ofHours(6)));

        assertThat(hub.deny(request, "topic not allowed\r\nX-Evil: 1")).isEqualTo(200);

        assertThat(status().state()).isEqualTo("failed");
        assertThat(status().lastError()).contains("denied the subscription: topic not allowed  X-Evil: 1");
        assertThat(pushedFeed().nextPollAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(30)));
    }

    @Test
    void leasesAreRenewedBeforeTheyEndAndALapsedOneFallsBackToPolling() throws Exception {
        start(PUSH_ON);
        hub.granting(Duration.ofDays(1).toSeconds());
        PushingHub.Request first = subscribed();
        Instant firstLease = status().leaseUntil();
        assertThat(firstLease).isEqualTo(clock.instant().plus(Duration.ofDays(1)));

        // 80 % of the lease later the poll tick renews it: the same callback and secret, a new lease.
        clock.advance(Duration.ofHours(20));
        rig.feedletter.feeds().pollDue();
        Waiting.until(WAIT, () -> hub.verifications().size() == 2);
        Waiting.until(WAIT, () -> status().leaseUntil().isAfter(firstLease));
        PushingHub.Request renewal = hub.requests().get(1);
        assertThat(renewal.callback()).isEqualTo(first.callback());
        assertThat(renewal.secret()).isEqualTo(first.secret());
        assertThat(status().leaseUntil()).isEqualTo(clock.instant().plus(Duration.ofDays(1)));
        assertThat(status().state()).isEqualTo("live");

        // The hub stops answering; the lease runs out: lapsed, and the feed is polled at its own interval again.
        hub.answering(503);
        clock.advance(Duration.ofHours(20));
        rig.feedletter.feeds().pollDue(); // the renewal fails: still live while the lease runs
        Waiting.until(WAIT, () -> status().lastError() != null);
        assertThat(status().state()).isEqualTo("live");
        clock.advance(Duration.ofHours(5));
        rig.feedletter.feeds().pollDue();
        assertThat(status().state()).isEqualTo("lapsed");
        StoredFeed feed = pushedFeed();
        assertThat(feed.lastPolledAt()).isEqualTo(clock.instant()); // due at once, polled in the same tick
        assertThat(feed.nextPollAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(30)));
    }

    @Test
    void withPushOffOrWithoutAWebSectionNoHubIsAsked() throws Exception {
        start("");
        rig.feedletter.feeds().pollAll(outcome -> {});
        assertThat(rig.feedletter.feeds().pushStatuses()).isEmpty();
        assertThat(pushedFeed().nextPollAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(30)));
        assertThat(rig.get("/websub/anything").statusCode()).isEqualTo(404);
        assertThat(rig.feedletter.metrics().scrape()).doesNotContain("feedletter_websub_subscriptions")
                .doesNotContain("feedletter_websub_pushes");

        Path file = java.nio.file.Files.writeString(dir.resolve("no-web.yaml"), """
                database: { url: "jdbc:h2:mem:no-web-push;DB_CLOSE_DELAY=-1" }
                mail: { transport: file, from: "Digest <digest@example.org>" }
                fetch: { allow-internal: [loopback] }
                feeds:
                  - { url: "%s" }
                """.formatted(feeds.url(FEED)));
        FeedletterConfig config = new ConfigLoader(Map.of(), dir).load(file);
        try (Feedletter noWeb = Feedletter.open(config, clock, "no-web")) {
            noWeb.feeds().pollAll(outcome -> {});
            assertThat(noWeb.feeds().pushStatuses()).isEmpty();
            assertThat(noWeb.metrics().scrape()).doesNotContain("feedletter_websub_subscriptions")
                    .doesNotContain("feedletter_websub_pushes");
        }
        assertThat(hub.requests()).isEmpty();
    }

    @Test
    void aHubOnAnInternalAddressIsNotAskedUnlessFetchAllowsIt() throws Exception {
        start(PUSH_ON, ""); // the feed's own host and port may be internal; its hub, on another port, may not

        rig.feedletter.feeds().pollAll(outcome -> {});
        Waiting.until(WAIT, () -> status() != null && status().state().equals("failed"));

        assertThat(status().lastError()).contains("refused").contains("fetch.allow-internal");
        assertThat(hub.requests()).isEmpty();
        assertThat(pushedFeed().nextPollAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(30)));
    }

    @Test
    void aPushLargerThanFetchMaxBodyIsRefusedUnread() throws Exception {
        start(PUSH_ON, "fetch: { allow-internal: [loopback], max-body: 4KB }");
        PushingHub.Request request = subscribed();
        byte[] large = feedWithHub("""
                <entry><title>Large piece</title><link href="https://pushed.example.org/large"/><id>urn:p:l</id>
                  <updated>2026-11-26T09:00:00Z</updated><summary>%s</summary></entry>""".formatted("x".repeat(8000)))
                .getBytes(UTF_8);

        int status = hub.push(request, "application/atom+xml", large, PushingHub.signature("sha256", request.secret(),
                large));

        assertThat(status).isEqualTo(413);
        assertThat(rig.feedletter.items().lookup().find("https://pushed.example.org/large")).isEmpty();
        assertThat(rig.feedletter.metrics().scrape())
                .contains("feedletter_websub_pushes_total{outcome=\"too_large\"} 1.0");
    }

    @Test
    void aRemovedFeedIsUnsubscribedAndItsCallbackGoesAway() throws Exception {
        start(PUSH_ON);
        feeds.serve("/added.atom", "application/atom+xml", feedWithHub("/added.atom", """
                <entry><title>Added piece</title><link href="https://pushed.example.org/added"/><id>urn:a:1</id>
                  <updated>2026-11-25T10:00:00Z</updated><summary>Added.</summary></entry>"""));
        hub.verifying(false); // only the added feed's subscription is verified here
        rig.feedletter.feeds().pollAll(outcome -> {});
        Waiting.until(WAIT, () -> hub.requests().size() == 1);
        hub.verifying(true);
        StoredFeed added = rig.feedletter.feeds().add(feeds.url("/added.atom"), "Added", Duration.ofMinutes(30));
        rig.feedletter.feeds().pollOne(added.id());
        Waiting.until(WAIT, () -> "live".equals(stateOf(added.id())));
        PushingHub.Request request = hub.requests().get(1);
        assertThat(request.topic()).isEqualTo(feeds.url("/added.atom").toString());

        assertThat(rig.feedletter.feeds().changes().remove(Long.toString(added.id())).done()).isTrue();
        rig.feedletter.feeds().pollDue(); // the poll tick sees the removed feed and unsubscribes it

        Waiting.until(WAIT, () -> stateOf(added.id()) == null);
        PushingHub.Request unsubscribe = hub.requests().get(2);
        assertThat(unsubscribe.mode()).isEqualTo("unsubscribe");
        assertThat(unsubscribe.callback()).isEqualTo(request.callback());
        assertThat(unsubscribe.secret()).isNull();
        Waiting.until(WAIT, () -> hub.verifications().size() == 2);
        assertThat(hub.verifications().get(1).echoed()).isTrue();
        byte[] late = feedWithHub("/added.atom", "").getBytes(UTF_8);
        assertThat(hub.push(request, "application/atom+xml", late, PushingHub.signature("sha256", request.secret(), late)))
                .isEqualTo(410);
    }

    private String stateOf(long feedId) {
        PushOperations.Status status = rig.feedletter.feeds().pushStatuses().get(feedId);
        return status == null ? null : status.state();
    }

    @Test
    void aHubNamedInLinkHeadersComesBeforeTheDocumentsAndTheirSelfLinkIsTheTopic() throws Exception {
        start(PUSH_ON);
        URI canonical = feeds.url("/canonical.atom");
        byte[] body = """
                <feed xmlns="http://www.w3.org/2005/Atom"><title>Linked</title><id>urn:linked</id>
                  <updated>2026-11-25T10:00:00Z</updated>
                  <link rel="hub" href="https://doc-hub.example.net/"/>
                  <entry><title>Linked piece</title><link href="https://linked.example.org/1"/><id>urn:l:1</id>
                    <updated>2026-11-25T10:00:00Z</updated><summary>One.</summary></entry>
                </feed>""".getBytes(UTF_8);
        feeds.handle("/linked.atom", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/atom+xml");
            exchange.getResponseHeaders().add("Link", "<" + hub.url() + ">; rel=\"hub\", <" + canonical
                    + ">; rel=\"self\"");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        });
        rig.feedletter.feeds().add(feeds.url("/linked.atom"), "Linked", Duration.ofMinutes(30));

        rig.feedletter.feeds().pollAll(outcome -> {});
        Waiting.until(WAIT, () -> hub.requests().stream().anyMatch(r -> r.topic().equals(canonical.toString())));
        Waiting.until(WAIT, () -> rig.feedletter.feeds().pushStatuses().values().stream()
                .filter(s -> s.state().equals("live")).count() == 2);

        assertThat(hub.requests()).extracting(PushingHub.Request::topic)
                .containsExactlyInAnyOrder(feeds.url(FEED).toString(), canonical.toString());
        assertThat(rig.feedletter.feeds().pushStatuses().values()).extracting(PushOperations.Status::hub)
                .containsOnly(hub.url().toString());
    }
}

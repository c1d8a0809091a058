package org.feedletter.web.mergedfeed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.atom.Link;
import com.rometools.rome.io.WireFeedInput;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.feedletter.testing.FeedServer;
import org.feedletter.testing.MutableClock;
import org.feedletter.testing.TestHub;
import org.feedletter.testing.Waiting;
import org.feedletter.web.WebRig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The WebSub publisher side over real HTTP both ways: feedletter with {@code web.hub} naming a hub the test runs,
 * its feeds served by a {@link FeedServer}. The documents name the hub and themselves; a poll that changes them
 * pings the hub once per changed topic (each format of each feed is a topic of its own), one that changes nothing
 * pings nothing; a failing, slow or absent hub holds up nothing. One service for the class, the tests in order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebSubPublishingTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    /** Items in the extra feed at first: more than a page, so the merged feed has an archive page. */
    private static final int FIRST = MergedFeeds.PAGE_SIZE + 10;
    private static final String BASE = WebRig.PUBLIC_BASE;
    private static final List<String> EVERYTHING_CHANGED = List.of(BASE + "/feed.atom", BASE + "/feed.rss",
            BASE + "/feed.json", BASE + "/newsletters/everything/feed.atom", BASE + "/newsletters/everything/feed.rss",
            BASE + "/newsletters/everything/feed.json");

    @TempDir
    static Path dir;

    private TestHub hub;
    private WebRig rig;
    private int extraItems = FIRST;

    @BeforeAll
    void start() throws Exception {
        hub = TestHub.start();
        FeedServer server = FeedServer.start().serve("/extra.rss", "application/rss+xml", extraFeed(extraItems));
        rig = WebRig.start(dir, 2525, MutableClock.at("2026-11-26T10:00:00Z"), "hub: \"" + hub.url() + "\"",
                "fetch: { read-timeout: 90s }", server, List.of("/extra.rss"), Map.of());
        assertThat(rig.feedletter.cycle().runOnce(false).poll().failures()).isEmpty();
        rig.feedletter.web().refreshMergedFeeds();
        waitUntilThePingsAreDone();
        hub.clear(); // the first poll's pings: what follows counts from here
    }

    @AfterAll
    void stop() {
        rig.close();
        hub.close();
    }

    /** A feed of {@code count} items, one an hour, none of them a Quick Comment. */
    private static String extraFeed(int count) {
        StringBuilder rss = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel>"
                + "<title>Extra</title><link>https://extra.example.org/</link><description>more</description>");
        for (int i = 1; i <= count; i++) {
            rss.append("<item><title>Extra piece ").append(i).append("</title><link>https://extra.example.org/p/")
                    .append(i).append("</link><guid>extra-").append(i).append("</guid><pubDate>")
                    .append(DateTimeFormatter.RFC_1123_DATE_TIME.format(
                            ZonedDateTime.parse("2026-10-01T00:00:00Z").plusHours(i)))
                    .append("</pubDate><category>Extra</category><description>Body of extra piece ").append(i)
                    .append("</description></item>");
        }
        return rss.append("</channel></rss>").toString();
    }

    /** One more item in the extra feed, polled; the merged feeds rebuilt (which queues the pings). */
    private String pollOneMoreItem() {
        extraItems++;
        rig.feeds.serve("/extra.rss", "application/rss+xml", extraFeed(extraItems));
        assertThat(rig.feedletter.cycle().runOnce(false).poll().totals().newItems()).isEqualTo(1);
        rig.feedletter.web().refreshMergedFeeds();
        return "Extra piece " + extraItems;
    }

    /** A rebuild queues its pings before it returns: once none is unfinished, the hub has had them all. */
    private void waitUntilThePingsAreDone() throws InterruptedException {
        Waiting.until(WAIT, () -> metric("feedletter_websub_pings_unfinished") == 0);
    }

    private double metric(String name) {
        for (String line : rig.feedletter.metrics().scrape().split("\n")) {
            if (line.startsWith(name + " ")) {
                return Double.parseDouble(line.substring(name.length() + 1).strip());
            }
        }
        throw new AssertionError("no metric " + name);
    }

    private static String linkHeader(HttpResponse<?> response) {
        return String.join(", ", response.headers().allValues("Link"));
    }

    @Test
    @Order(1)
    void atomDocumentsNameTheHubAndThemselvesInTheFeedAndInTheLinkHeader() throws Exception {
        for (String path : List.of("/feed.atom", "/newsletters/quick-comment/feed.atom")) {
            HttpResponse<String> response = rig.get(path);

            assertThat(response.statusCode()).isEqualTo(200);
            Feed feed = (Feed) new WireFeedInput().build(new StringReader(response.body()));
            assertThat(feed.getOtherLinks()).filteredOn(l -> "hub".equals(l.getRel())).extracting(Link::getHref)
                    .as(path).containsExactly(hub.url().toString());
            assertThat(feed.getOtherLinks()).filteredOn(l -> "self".equals(l.getRel())).extracting(Link::getHref)
                    .as(path).containsExactly(BASE + path);
            assertThat(linkHeader(response)).as(path)
                    .isEqualTo("<" + hub.url() + ">; rel=\"hub\", <" + BASE + path + ">; rel=\"self\"");
        }
    }

    @Test
    @Order(2)
    void rssChannelsCarryAtomLinksToTheHubAndThemselves() throws Exception {
        for (String path : List.of("/feed.rss", "/newsletters/everything/feed.rss")) {
            HttpResponse<String> response = rig.get(path);

            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            Element channel = (Element) factory.newDocumentBuilder()
                    .parse(new ByteArrayInputStream(response.body().getBytes(StandardCharsets.UTF_8)))
                    .getElementsByTagName("channel").item(0);
            List<String> atomLinks = new ArrayList<>();
            for (Node child = channel.getFirstChild(); child != null; child = child.getNextSibling()) {
                if (child instanceof Element e && AtomWriter.ATOM.equals(e.getNamespaceURI())
                        && "link".equals(e.getLocalName())) {
                    atomLinks.add(e.getAttribute("rel") + " " + e.getAttribute("href"));
                }
            }
            assertThat(atomLinks).as(path).contains("self " + BASE + path, "hub " + hub.url())
                    .filteredOn(l -> l.startsWith("self ") || l.startsWith("hub ")).hasSize(2);
            assertThat(linkHeader(response)).as(path)
                    .isEqualTo("<" + hub.url() + ">; rel=\"hub\", <" + BASE + path + ">; rel=\"self\"");
        }
    }

    @Test
    @Order(3)
    void jsonFeedsListTheHubAsWebSubAndTheirOwnUrl() throws Exception {
        for (String path : List.of("/feed.json", "/newsletters/quick-comment/feed.json")) {
            HttpResponse<String> response = rig.get(path);

            JsonNode feed = new ObjectMapper().readTree(response.body());
            assertThat(feed.get("feed_url").asText()).as(path).isEqualTo(BASE + path);
            assertThat(feed.get("hubs")).as(path).hasSize(1);
            assertThat(feed.get("hubs").get(0).get("type").asText()).isEqualTo("WebSub");
            assertThat(feed.get("hubs").get(0).get("url").asText()).isEqualTo(hub.url().toString());
            assertThat(linkHeader(response)).as(path)
                    .isEqualTo("<" + hub.url() + ">; rel=\"hub\", <" + BASE + path + ">; rel=\"self\"");
        }
    }

    @Test
    @Order(4)
    void aNotModifiedAnswerKeepsTheLinkHeaderAndArchivePagesAreNoTopics() throws Exception {
        HttpResponse<String> first = rig.get("/feed.atom");
        HttpResponse<String> again = rig.get("/feed.atom", "If-None-Match", first.headers().firstValue("ETag")
                .orElseThrow());
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(linkHeader(again)).isEqualTo(linkHeader(first));

        for (FeedFormat format : FeedFormat.values()) {
            HttpResponse<String> page = rig.get("/feed." + format.extension() + "?page=1");
            assertThat(page.statusCode()).as(format.name()).isEqualTo(200);
            assertThat(page.headers().allValues("Link")).as(format.name()).isEmpty();
            assertThat(page.body()).as(format.name()).doesNotContain(hub.url().toString())
                    .contains(BASE + "/feed." + format.extension() + "?page=1"); // its self link
        }
    }

    @Test
    @Order(5)
    void aPollThatAddsAnItemPingsTheHubOncePerChangedTopicAndNotForTheOthers() throws Exception {
        double sentBefore = metric("feedletter_websub_pings_total{outcome=\"sent\"}");

        pollOneMoreItem();
        waitUntilThePingsAreDone();

        assertThat(hub.topics()).as("merged and 'everything' changed in each format; 'quick-comment' did not")
                .containsExactlyInAnyOrderElementsOf(EVERYTHING_CHANGED);
        assertThat(hub.pings()).allSatisfy(ping -> {
            assertThat(ping.field("hub.mode")).isEqualTo("publish");
            assertThat(ping.field("hub.topic")).isEqualTo(ping.field("hub.url"));
        });
        assertThat(metric("feedletter_websub_pings_total{outcome=\"sent\"}")).isEqualTo(sentBefore + 6);
    }

    @Test
    @Order(6)
    void aPollThatChangesNothingPingsNothing() throws Exception {
        hub.clear();

        assertThat(rig.feedletter.cycle().runOnce(false).poll().totals().newItems()).isZero();
        rig.feedletter.web().refreshMergedFeeds();
        waitUntilThePingsAreDone();

        assertThat(hub.pings()).isEmpty();
    }

    @Test
    @Order(7)
    void aHubAnswering500IsTriedAgainWhileTheFeedsAreServed() throws Exception {
        hub.clear();
        hub.answerNext(500);
        double retriedBefore = metric("feedletter_websub_pings_total{outcome=\"retried\"}");

        String title = pollOneMoreItem();
        assertThat(rig.get("/feed.atom").body()).contains(title);
        waitUntilThePingsAreDone();

        List<String> expected = new ArrayList<>(EVERYTHING_CHANGED);
        expected.add(BASE + "/feed.atom");
        assertThat(hub.topics()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(hub.pings()).filteredOn(p -> p.answeredWith() == 500).extracting(p -> p.field("hub.url"))
                .containsExactly(BASE + "/feed.atom");
        assertThat(metric("feedletter_websub_pings_total{outcome=\"retried\"}")).isEqualTo(retriedBefore + 1);
    }

    @Test
    @Order(8)
    void aHubThatDoesNotAnswerHoldsUpNeitherTheFeedsNorTheRebuildsAndPingsWaitingAreNotDoubled() throws Exception {
        hub.clear();
        hub.holdRequests();

        String first = pollOneMoreItem();
        Waiting.until(WAIT, () -> hub.held().size() == 1); // the merged Atom feed's ping, unanswered
        for (FeedFormat format : FeedFormat.values()) {
            assertThat(rig.get("/feed." + format.extension()).body()).contains(first);
        }
        String second = pollOneMoreItem(); // rebuilt while the hub still holds the first ping
        assertThat(rig.get("/newsletters/everything/feed.json").body()).contains(first, second);
        assertThat(hub.held()).as("still held").hasSize(1);
        assertThat(hub.pings()).isEmpty();

        hub.release();
        waitUntilThePingsAreDone();

        List<String> expected = new ArrayList<>(EVERYTHING_CHANGED);
        expected.add(BASE + "/feed.atom"); // changed again after its ping was on its way; the others were waiting
        assertThat(hub.topics()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(hub.topics().get(0)).isEqualTo(BASE + "/feed.atom");
    }

    @Test
    @Order(9)
    void aHubThatIsDownHoldsUpNothing() throws Exception {
        double retriedBefore = metric("feedletter_websub_pings_total{outcome=\"retried\"}");
        hub.close();

        String title = pollOneMoreItem();

        for (FeedFormat format : FeedFormat.values()) {
            assertThat(rig.get("/feed." + format.extension()).body()).contains(title);
        }
        Waiting.until(WAIT, () -> metric("feedletter_websub_pings_total{outcome=\"retried\"}") > retriedBefore);
    }
}

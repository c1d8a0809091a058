package org.feedletter.web.mergedfeed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.atom.Link;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.io.WireFeedInput;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.feedletter.manage.RunReport;
import org.feedletter.testing.FeedServer;
import org.feedletter.testing.MutableClock;
import org.feedletter.web.WebRig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The merged feed over real HTTP, each format parsed back: Rome for Atom and RSS, Jackson for JSON Feed. One
 * service for the class; the one test that adds items runs last.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MergedFeedTest {

    private static final Pattern RFC_3339 = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    private static final Pattern RFC_822 =
            Pattern.compile("[A-Z][a-z]{2}, \\d{1,2} [A-Z][a-z]{2} \\d{4} \\d\\d:\\d\\d:\\d\\d GMT");
    static final int GENERATED = 120;

    @TempDir
    static Path dir;

    private WebRig rig;
    private int totalItems;

    @BeforeAll
    void start() throws Exception {
        FeedServer server = FeedServer.start().serve("/many.rss", "application/rss+xml", manyItems(GENERATED));
        rig = WebRig.start(dir, 2525, MutableClock.at("2026-11-26T10:00:00Z"), "", server, List.of("/many.rss"));
        RunReport report = rig.feedletter.cycle().runOnce(false);
        assertThat(report.poll().failures()).isEmpty();
        totalItems = report.poll().totals().newItems();
        rig.feedletter.web().refreshMergedFeeds();
    }

    @AfterAll
    void stop() {
        rig.close();
    }

    /** A feed of {@code count} items, one an hour, the first with markup in its title. */
    static String manyItems(int count) {
        StringBuilder rss = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel>"
                + "<title>Many</title><link>https://many.example.org/</link><description>generated</description>");
        for (int i = 1; i <= count; i++) {
            String title = i == count ? "A &lt; B &amp; &lt;script&gt;alert(1)&lt;/script&gt;" : "Generated piece " + i;
            rss.append("<item><title>").append(title).append("</title><link>https://many.example.org/p/").append(i)
                    .append("</link><guid>many-").append(i).append("</guid><pubDate>")
                    .append(DateTimeFormatter.RFC_1123_DATE_TIME.format(
                            ZonedDateTime.parse("2026-10-01T00:00:00Z").plusHours(i)))
                    .append("</pubDate><category>Generated</category><description>&lt;p&gt;Body ").append(i)
                    .append(" &lt;script&gt;evil()&lt;/script&gt;&lt;/p&gt;</description></item>");
        }
        return rss.append("</channel></rss>").toString();
    }

    private static Feed atom(String xml) throws Exception {
        return (Feed) new WireFeedInput().build(new StringReader(xml));
    }

    private static String link(List<Link> links, String rel) {
        return links.stream().filter(l -> rel.equals(l.getRel())).map(Link::getHref).findFirst().orElse(null);
    }

    @Test
    void atomEntriesHaveStableIdsRfc3339DatesAbsoluteLinksAndProvenance() throws Exception {
        HttpResponse<String> response = rig.get("/feed.atom");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/atom+xml; charset=utf-8");
        Feed feed = atom(response.body());
        assertThat(feed.getEntries()).hasSize(MergedFeeds.PAGE_SIZE);
        assertThat(link(feed.getOtherLinks(), "self")).isEqualTo(WebRig.PUBLIC_BASE + "/feed.atom");
        assertThat(feed.getEntries()).allSatisfy(entry -> {
            assertThat(entry.getId()).startsWith("urn:feedletter:");
            assertThat(entry.getPublished()).isNotNull();
            assertThat(entry.getUpdated()).isNotNull();
            assertThat(entry.getSource()).as("source of " + entry.getTitle()).isNotNull();
        });
        assertThat(feed.getEntries()).extracting(Entry::getId).doesNotHaveDuplicates();
        assertThat(feed.getEntries().get(0).getPublished())
                .as("newest first").isAfterOrEqualTo(feed.getEntries().get(1).getPublished());
        for (String date : List.of("updated", "published")) {
            var matcher = Pattern.compile("<" + date + ">([^<]*)</" + date + ">").matcher(response.body());
            while (matcher.find()) {
                assertThat(matcher.group(1)).matches(RFC_3339);
            }
        }

        Entry central = findEntry("Quick Comment: Central bank pauses");
        List<String> carriers = new ArrayList<>();
        carriers.add(central.getSource().getTitleEx().getValue());
        central.getOtherLinks().stream().filter(l -> "via".equals(l.getRel())).forEach(l -> carriers.add(l.getTitle()));
        assertThat(carriers).as("provenance: the first feed as source, the others as via")
                .contains("Site-wide", "Quick Comment").doesNotHaveDuplicates();
        assertThat(central.getAlternateLinks()).singleElement().extracting(Link::getHref).asString()
                .as("the link of whichever feed carried it first").contains("think.example.org/qc/central-bank-pause");
    }

    @Test
    void textIsEscapedAndContentIsSanitized() throws Exception {
        String xml = rig.get("/feed.atom").body();
        Entry entry = atom(xml).getEntries().stream().filter(e -> e.getTitle().startsWith("A < B")).findFirst()
                .orElseThrow();

        assertThat(entry.getTitle()).as("tags are gone from titles at ingest; the rest is escaped").isEqualTo("A < B &");
        assertThat(xml).contains("A &lt; B &amp;").doesNotContain("<script>").doesNotContain("evil()");
        assertThat(entry.getContents().get(0).getValue()).contains("<p>Body " + GENERATED);
    }

    private Entry findEntry(String title) throws Exception {
        String url = WebRig.PUBLIC_BASE + "/feed.atom";
        while (url != null) {
            Feed page = atom(rig.get(rig.local(url)).body());
            for (Entry e : page.getEntries()) {
                if (e.getTitle().equals(title)) {
                    return e;
                }
            }
            url = link(page.getOtherLinks(), "prev-archive");
        }
        throw new AssertionError("no entry " + title);
    }

    @Test
    void archivePagesReachEveryItemOnceThroughPrevArchiveAndNext() throws Exception {
        Feed current = atom(rig.get("/feed.atom").body());
        assertThat(link(current.getOtherLinks(), "next")).isEqualTo(link(current.getOtherLinks(), "prev-archive"))
                .startsWith(WebRig.PUBLIC_BASE + "/feed.atom?page=");
        Set<String> ids = new HashSet<>();
        current.getEntries().forEach(e -> ids.add(e.getId()));
        String url = link(current.getOtherLinks(), "prev-archive");
        int pages = 1;
        while (url != null) {
            HttpResponse<String> response = rig.get(rig.local(url));
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("<fh:archive");
            Feed page = atom(response.body());
            assertThat(link(page.getOtherLinks(), "self")).isEqualTo(url);
            assertThat(link(page.getOtherLinks(), "current")).isEqualTo(WebRig.PUBLIC_BASE + "/feed.atom");
            assertThat(page.getEntries()).hasSize(MergedFeeds.PAGE_SIZE);
            page.getEntries().forEach(e -> ids.add(e.getId()));
            assertThat(link(page.getOtherLinks(), "next")).isEqualTo(link(page.getOtherLinks(), "prev-archive"));
            url = link(page.getOtherLinks(), "prev-archive");
            pages++;
        }
        assertThat(ids).hasSize(totalItems);
        assertThat(pages).isEqualTo(1 + (totalItems - 1) / MergedFeeds.PAGE_SIZE);
        assertThat(rig.get("/feed.atom?page=99").statusCode()).isEqualTo(404);
        assertThat(rig.get("/feed.atom?page=x").statusCode()).isEqualTo(400);
    }

    @Test
    void rssHasTheSameIdsAsGuidsWithRfc822Dates() throws Exception {
        String xml = rig.get("/feed.rss").body();
        Channel channel = (Channel) new WireFeedInput().build(new StringReader(xml));
        Feed feed = atom(rig.get("/feed.atom").body());

        assertThat(channel.getItems()).hasSize(MergedFeeds.PAGE_SIZE);
        assertThat(channel.getItems()).extracting(i -> i.getGuid().getValue())
                .containsExactlyInAnyOrderElementsOf(feed.getEntries().stream().map(Entry::getId).toList());
        assertThat(channel.getItems()).allSatisfy(i -> assertThat(i.getGuid().isPermaLink()).isFalse());
        var matcher = Pattern.compile("<pubDate>([^<]*)</pubDate>").matcher(xml);
        int dates = 0;
        while (matcher.find()) {
            assertThat(matcher.group(1)).matches(RFC_822);
            dates++;
        }
        assertThat(dates).isEqualTo(MergedFeeds.PAGE_SIZE);
        assertThat(xml).contains("<atom:link rel=\"self\" href=\"" + WebRig.PUBLIC_BASE + "/feed.rss\"")
                .contains("rel=\"prev-archive\" href=\"" + WebRig.PUBLIC_BASE + "/feed.rss?page=");
        assertThat(channel.getItems()).allSatisfy(i -> assertThat(i.getSource()).isNotNull());
    }

    @Test
    void jsonFeedHasTheSameIdsRfc3339DatesAndANextUrl() throws Exception {
        JsonNode json = new ObjectMapper().readTree(rig.get("/feed.json").body());
        Feed feed = atom(rig.get("/feed.atom").body());

        assertThat(json.get("version").asText()).isEqualTo("https://jsonfeed.org/version/1.1");
        assertThat(json.get("feed_url").asText()).isEqualTo(WebRig.PUBLIC_BASE + "/feed.json");
        assertThat(json.get("next_url").asText()).startsWith(WebRig.PUBLIC_BASE + "/feed.json?page=");
        List<String> ids = new ArrayList<>();
        for (JsonNode item : json.get("items")) {
            ids.add(item.get("id").asText());
            assertThat(item.get("date_published").asText()).matches(RFC_3339);
            OffsetDateTime.parse(item.get("date_published").asText());
            assertThat(item.get("_feedletter").get("source").get("feed_url").asText()).startsWith("http://");
        }
        assertThat(ids).containsExactlyElementsOf(feed.getEntries().stream().map(Entry::getId).toList());
        JsonNode older = new ObjectMapper().readTree(rig.get(rig.local(json.get("next_url").asText())).body());
        assertThat(older.get("items")).hasSize(MergedFeeds.PAGE_SIZE);
    }

    @Test
    void aNewsletterFeedHoldsOnlyWhatItsFilterTakes() throws Exception {
        Feed feed = atom(rig.get("/newsletters/quick-comment/feed.atom").body());

        assertThat(feed.getEntries()).isNotEmpty().allSatisfy(e -> assertThat(e.getTitle()).startsWith("Quick Comment"));
        assertThat(feed.getEntries()).extracting(Entry::getId).doesNotHaveDuplicates();
        assertThat(link(feed.getOtherLinks(), "self"))
                .isEqualTo(WebRig.PUBLIC_BASE + "/newsletters/quick-comment/feed.atom");
        assertThat(link(feed.getOtherLinks(), "prev-archive")).isNull();
        assertThat(rig.get("/newsletters/nope/feed.atom").statusCode()).isEqualTo(404);
    }

    @Test
    void withoutAHubTheFeedsNameNoneAndSendNoLinkHeader() throws Exception {
        for (FeedFormat format : FeedFormat.values()) {
            HttpResponse<String> response = rig.get("/feed." + format.extension());

            assertThat(response.headers().allValues("Link")).as(format.name()).isEmpty();
            assertThat(response.body()).as(format.name()).doesNotContain("\"hub\"", "\"hubs\"");
        }
    }

    @Test
    void conditionalRequestsGet304AndGzipIsServedWhenAsked() throws Exception {
        HttpResponse<byte[]> plain = rig.getBytes("/feed.atom");
        String etag = plain.headers().firstValue("ETag").orElseThrow();
        String lastModified = plain.headers().firstValue("Last-Modified").orElseThrow();

        assertThat(plain.headers().firstValue("Cache-Control")).hasValue("public, max-age=60");
        assertThat(plain.headers().firstValue("Vary")).hasValue("Accept-Encoding");
        assertThat(rig.get("/feed.atom", "If-None-Match", etag).statusCode()).isEqualTo(304);
        assertThat(rig.get("/feed.atom", "If-Modified-Since", lastModified).statusCode()).isEqualTo(304);
        assertThat(rig.get("/feed.atom", "If-None-Match", "\"something-else\"").statusCode()).isEqualTo(200);
        assertThat(rig.get("/feed.atom", "If-Modified-Since", "Thu, 01 Jan 2015 00:00:00 GMT").statusCode())
                .isEqualTo(200);

        HttpResponse<byte[]> gzip = rig.getBytes("/feed.atom", "Accept-Encoding", "gzip, deflate");
        assertThat(gzip.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(gzip.headers().firstValue("ETag")).isNotEqualTo(Optional.of(etag));
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip.body()))) {
            assertThat(in.readAllBytes()).isEqualTo(plain.body());
        }
        assertThat(gzip.body().length).isLessThan(plain.body().length / 3);
        String gzipTag = gzip.headers().firstValue("ETag").orElseThrow();
        assertThat(rig.get("/feed.atom", "Accept-Encoding", "gzip", "If-None-Match", gzipTag).statusCode())
                .isEqualTo(304);
        assertThat(rig.getBytes("/feed.atom", "Accept-Encoding", "gzip;q=0").headers().firstValue("Content-Encoding"))
                .isEmpty();
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void newItemsShowAfterARefreshWithANewEtag() throws Exception {
        String before = rig.get("/feed.atom").headers().firstValue("ETag").orElseThrow();
        rig.feeds.serve("/many.rss", "application/rss+xml", manyItems(GENERATED + 1)); // one more: item 120 is plain
        rig.feedletter.cycle().runOnce(false);

        rig.feedletter.web().refreshMergedFeeds();

        HttpResponse<String> after = rig.get("/feed.atom");
        assertThat(after.headers().firstValue("ETag").orElseThrow()).isNotEqualTo(before);
        assertThat(atom(after.body()).getEntries()).extracting(Entry::getTitle).contains("Generated piece " + GENERATED);
        assertThat(rig.get("/feed.atom", "If-None-Match", before).statusCode()).isEqualTo(200);
    }

    @Test
    void idsAreTheSameOnAnotherNodeWithItsOwnDatabase(@TempDir Path other) throws Exception {
        FeedServer server = FeedServer.start().serve("/many.rss", "application/rss+xml", manyItems(GENERATED));
        try (WebRig second = WebRig.start(other, 2525, MutableClock.at("2026-12-01T00:00:00Z"), "", server,
                List.of("/many.rss"))) {
            second.feedletter.cycle().runOnce(false);
            second.feedletter.web().refreshMergedFeeds();

            // Every page: which items the first page holds depends on the order the feeds' polls finished in.
            assertThat(allIds(second)).hasSize(totalItems).containsExactlyInAnyOrderElementsOf(allIds(rig));
        }
    }

    /** The ids on every page of a node's JSON feed, following next_url (the newest pages overlap). */
    private static Set<String> allIds(WebRig node) throws Exception {
        Set<String> ids = new HashSet<>();
        String url = "/feed.json";
        while (url != null) {
            JsonNode page = new ObjectMapper().readTree(node.get(url).body());
            page.get("items").forEach(i -> ids.add(i.get("id").asText()));
            url = page.hasNonNull("next_url") ? node.local(page.get("next_url").asText()) : null;
        }
        return ids;
    }

    @SuppressWarnings("unused")
    private static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}

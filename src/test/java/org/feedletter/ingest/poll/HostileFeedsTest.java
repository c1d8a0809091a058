package org.feedletter.ingest.poll;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;
import org.feedletter.config.FetchSettings;
import org.feedletter.feed.fetch.FeedFetcher;
import org.feedletter.feed.parse.FeedParser;
import org.feedletter.ingest.dedup.ItemIngestor;
import org.feedletter.ingest.normalize.EntryNormalizer;
import org.feedletter.ingest.normalize.HtmlSanitizer;
import org.feedletter.store.Database;
import org.feedletter.store.FeedStore;
import org.feedletter.store.ItemStore;
import org.feedletter.store.StoredFeed;
import org.feedletter.testing.FeedServer;
import org.feedletter.testing.MutableClock;
import org.feedletter.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Hostile and broken feeds polled in one round beside a good one, through fetch, parse, ingest and the feeds
 * table: each is that feed's error or is read as well as it can be, and neither the process nor the other
 * feeds notice. The fetch and parse tests show each case in detail; this one shows they stay contained.
 */
class HostileFeedsTest {

    private static final long CAP = 4L * 1024 * 1024;

    private final MutableClock clock = MutableClock.at("2026-11-26T10:00:00Z");
    private final Database database = TestDatabases.h2();
    private final FeedStore feeds = new FeedStore(database);
    private final ItemStore items = new ItemStore(database);
    private final FeedServer server = FeedServer.start();
    private final FeedFetcher fetcher = new FeedFetcher(settings(), clock);
    private final FeedPoller poller = new FeedPoller(feeds, new FeedRefresher(fetcher, new FeedParser(),
            new EntryNormalizer(new HtmlSanitizer()), new ItemIngestor(items),
            new EntryCap(items, FetchSettings.DEFAULT_MAX_ENTRIES_PER_POLL, List.of()), clock), 16, "node-a",
            Duration.ofMinutes(3), clock);

    private static FetchSettings settings() {
        FetchSettings d = FetchSettings.defaults("feedletter-test");
        return new FetchSettings(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(3), CAP,
                d.maxRedirects(), 16, 16, d.userAgent());
    }

    @AfterEach
    void tearDown() {
        poller.close();
        fetcher.close();
        server.close();
        database.close();
    }

    private static String rss(String title, String items) {
        return "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>" + title + "</title>" + items
                + "</channel></rss>";
    }

    private static String item(int n, String title) {
        return "<item><title>" + title + "</title><link>https://example.org/" + n + "</link></item>";
    }

    private static byte[] resource(String name) {
        try (InputStream in = HostileFeedsTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] gzipOfZeros(long size) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            byte[] block = new byte[1 << 16];
            for (long written = 0; written < size; written += block.length) {
                gzip.write(block);
            }
        }
        return bytes.toByteArray();
    }

    private static void send(HttpExchange exchange, int status, byte[] body, String... headers) throws IOException {
        for (int i = 0; i < headers.length; i += 2) {
            exchange.getResponseHeaders().set(headers[i], headers[i + 1]);
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static void drip(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/rss+xml");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            for (int i = 0; i < 600; i++) { // a byte every 100 ms: never idle long enough for the read timeout
                out.write('<');
                out.flush();
                Thread.sleep(100);
            }
        } catch (IOException | InterruptedException e) {
            // the client gave up, as it should
        }
    }

    private void serveHostileFeeds() throws IOException {
        String rssType = "application/rss+xml";
        StringBuilder manyItems = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            manyItems.append(item(1000 + i, "Piece " + i));
        }
        byte[] bomb = gzipOfZeros(64L * 1024 * 1024); // 64 MB of zeros in about 64 KB
        int depth = 100_000;
        server.serve("/good.rss", rssType, rss("Good", item(1, "Central bank pauses") + item(2, "Arctic shipping lanes")))
                .serve("/billion-laughs.rss", rssType, resource("/parse/billion-laughs.xml"))
                .serve("/quadratic.rss", rssType, "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY big \""
                        + "x".repeat(50_000) + "\">]><rss version=\"2.0\"><channel><title>" + "&big;".repeat(20_000)
                        + "</title></channel></rss>")
                .serve("/deep.rss", rssType, "<rss version=\"2.0\"><channel><item><description>" + "<x>".repeat(depth)
                        + "</x>".repeat(depth) + "</description></item></channel></rss>")
                .serve("/xxe.rss", rssType, resource("/parse/xxe-file.xml"))
                .handle("/gzip-bomb.rss", exchange -> send(exchange, 200, bomb, "Content-Type", rssType,
                        "Content-Encoding", "gzip"))
                .serve("/over-cap.rss", rssType, new byte[(int) CAP + 1])
                .handle("/drip.rss", HostileFeedsTest::drip)
                .handle("/loop-a.rss", exchange -> send(exchange, 301, new byte[0], "Location", "/loop-b.rss"))
                .handle("/loop-b.rss", exchange -> send(exchange, 301, new byte[0], "Location", "/loop-a.rss"))
                .handle("/to-file.rss", exchange -> send(exchange, 302, new byte[0], "Location", "file:///etc/passwd"))
                .serve("/empty.rss", rssType, new byte[0])
                .serve("/truncated.rss", rssType, rss("Cut", item(1, "Whole")).substring(0, 120))
                .serve("/nul.rss", rssType, rss("Nul", item(3, "Before\u0000after")))
                .serve("/invalid-bytes.rss", rssType, invalidUtf8())
                .serve("/huge-title.rss", rssType, rss("Huge", item(4, "t".repeat(100_000))))
                .serve("/many-items.rss", rssType, rss("Many", manyItems.toString()))
                .serve("/cp1251-header.rss", rssType + "; charset=windows-1251",
                        rss("Kirill", item(5, "Привет, мир")).getBytes(Charset.forName("windows-1251")))
                .serve("/utf16.rss", rssType, utf16WithBom());
    }

    private static byte[] invalidUtf8() {
        byte[] valid = rss("Bytes", item(6, "Caf__ ok")).getBytes(UTF_8);
        String text = new String(valid, UTF_8);
        int at = text.indexOf("__");
        valid[at] = (byte) 0xC3; // a lead byte followed by an ASCII byte: not UTF-8
        valid[at + 1] = (byte) 0x28;
        return valid;
    }

    private static byte[] utf16WithBom() {
        byte[] text = ("<?xml version=\"1.0\" encoding=\"UTF-16\"?>" + rss("Wide", item(7, "Größe")).substring(21))
                .getBytes(Charset.forName("UTF-16BE"));
        byte[] withBom = new byte[text.length + 2];
        withBom[0] = (byte) 0xFE;
        withBom[1] = (byte) 0xFF;
        System.arraycopy(text, 0, withBom, 2, text.length);
        return withBom;
    }

    @Test
    void hostileAndBrokenFeedsAreEachRecordedAsTheirOwnErrorAndTheRestAreRead() throws Exception {
        serveHostileFeeds();
        List<String> paths = List.of("/good.rss", "/billion-laughs.rss", "/quadratic.rss", "/deep.rss", "/xxe.rss",
                "/gzip-bomb.rss", "/over-cap.rss", "/drip.rss", "/loop-a.rss", "/to-file.rss", "/empty.rss",
                "/truncated.rss", "/nul.rss", "/invalid-bytes.rss", "/huge-title.rss", "/many-items.rss",
                "/cp1251-header.rss", "/utf16.rss");
        for (String path : paths) {
            feeds.add(server.url(path), path.substring(1), Duration.ofMinutes(30), clock.instant());
        }

        PollSummary summary = poller.pollAll();

        assertThat(summary.polled()).isEqualTo(paths.size());
        Map<String, String> errors = new LinkedHashMap<>();
        feeds.listCurrent().stream().filter(f -> f.failures() > 0).forEach(f -> errors.put(f.name(), f.lastError()));
        assertThat(errors).containsOnlyKeys("billion-laughs.rss", "quadratic.rss", "deep.rss", "xxe.rss",
                "gzip-bomb.rss", "over-cap.rss", "drip.rss", "loop-a.rss", "to-file.rss", "empty.rss", "truncated.rss");
        assertThat(errors.get("billion-laughs.rss")).startsWith("XML error").contains("entity");
        assertThat(errors.get("quadratic.rss")).startsWith("XML error");
        assertThat(errors.get("deep.rss")).startsWith("XML error at line 1");
        assertThat(errors.get("xxe.rss")).contains("external entity");
        assertThat(errors.get("gzip-bomb.rss")).startsWith("body over the 4 MB cap");
        assertThat(errors.get("over-cap.rss")).startsWith("body over the 4 MB cap");
        assertThat(errors.get("drip.rss")).contains("timed out");
        assertThat(errors.get("loop-a.rss")).contains("redirect");
        assertThat(errors.get("to-file.rss")).contains("file:");
        assertThat(errors.get("empty.rss")).containsIgnoringCase("empty");
        assertThat(errors.get("truncated.rss")).startsWith("XML error at line 1");
        assertThat(errors.values()).allSatisfy(error -> assertThat(error).doesNotContain("root:"));

        Map<String, List<String>> titles = feeds.listCurrent().stream().filter(f -> f.failures() == 0)
                .collect(Collectors.toMap(StoredFeed::name, f -> List.of()));
        assertThat(titles).containsOnlyKeys("good.rss", "nul.rss", "invalid-bytes.rss", "huge-title.rss",
                "many-items.rss", "cp1251-header.rss", "utf16.rss");
        // The flood of 10,000 new entries gives the cap's worth in one poll; the rest wait for the next polls.
        assertThat(feeds.listCurrent()).filteredOn(f -> f.name().equals("many-items.rss")).singleElement()
                .satisfies(f -> assertThat(f.lastError()).isEqualTo("took the newest 500 of 10000 new or changed"
                        + " entries (at most 500 a poll); 9500 left for the next poll"));
        List<String> stored = items.newest(20_000, 0).stream().map(i -> i.title()).toList();
        assertThat(stored).hasSize(2 + 1 + 1 + 1 + FetchSettings.DEFAULT_MAX_ENTRIES_PER_POLL + 1 + 1)
                .contains("Central bank pauses", "Arctic shipping lanes", "Привет, мир", "Größe")
                .anyMatch(t -> t.startsWith("Before") && t.endsWith("after") && !t.contains("\u0000"))
                .anyMatch(t -> t.startsWith("Caf") && t.endsWith("ok"))
                .anyMatch(t -> t.startsWith("tttt"));
    }
}

package org.feedletter;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.feedletter.config.ConfigLoader;
import org.feedletter.config.FeedletterConfig;
import org.feedletter.manage.RunReport;
import org.feedletter.store.StoredFeed;
import org.feedletter.testing.FeedServer;
import org.feedletter.testing.Mails;
import org.feedletter.testing.Mails.Received;
import org.feedletter.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** One broken feed never stops the others: each is recorded as that feed's error, and the good feed's items go out. */
class BrokenFeedsTest {

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path dir;

    private FeedServer server;

    @BeforeEach
    void serveFeeds() {
        StringBuilder huge = new StringBuilder("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Huge</title>");
        while (huge.length() < 200_000) {
            huge.append("<item><title>Padding</title><description>").append("x".repeat(1000)).append("</description></item>");
        }
        huge.append("</channel></rss>");
        server = FeedServer.start()
                .serveResource("/good.rss", "application/rss+xml", "/pipeline/site-wide.rss")
                .serve("/malformed.rss", "application/rss+xml",
                        "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>Cut</title>\n<item><title>Half")
                .fail("/error.rss", 500)
                .stall("/slow.rss")
                .serve("/huge.rss", "application/rss+xml", huge.toString())
                .serve("/page.html", "text/html", "<!DOCTYPE html><html><head><title>Home</title></head>"
                        + "<body><p>Welcome</p></body></html>")
                .serve("/xxe.rss", "application/rss+xml", "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "
                        + "\"file:///etc/passwd\">]><rss version=\"2.0\"><channel><title>x</title><item>"
                        + "<title>Quick Comment: &xxe;</title><link>https://evil.example.com/1</link>"
                        + "<category>Quick Comment</category></item></channel></rss>");
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private FeedletterConfig config() throws Exception {
        Path file = dir.resolve("feedletter.yaml");
        List<String> paths = List.of("/good.rss", "/malformed.rss", "/error.rss", "/slow.rss", "/huge.rss", "/page.html",
                "/xxe.rss");
        String feeds = paths.stream().map(p -> "  - { url: \"" + server.url(p) + "\", name: \"" + p.substring(1) + "\" }")
                .collect(Collectors.joining("\n"));
        Files.writeString(file, """
                database: { url: "jdbc:h2:mem:broken-%s;DB_CLOSE_DELAY=-1" }
                mail: { transport: smtp, host: 127.0.0.1, port: %d, security: none, from: "digest@example.org" }
                fetch: { deadline: 2s, read-timeout: 1s, max-body: 64KB }
                feeds:
                %s
                newsletters:
                  - { id: quick-comment, include: { categories: ["Quick Comment"] }, schedule: "0 0 8 * * ?" }
                subscribers:
                  - { email: alice@example.org, newsletters: [quick-comment] }
                """.formatted(UUID.randomUUID(), greenMail.getSmtp().getPort(), feeds));
        return new ConfigLoader(Map.of()).load(file);
    }

    @Test
    void eachBrokenFeedIsRecordedWithAClearErrorAndTheGoodFeedsItemsStillGoOut() throws Exception {
        try (Feedletter feedletter = Feedletter.open(config(), MutableClock.at("2026-11-26T10:00:00Z"), "test")) {
            RunReport report = feedletter.cycle().runOnce(true);

            assertThat(report.poll().failures()).hasSize(6);
            assertThat(report.hasFailures()).isTrue();
            Map<String, String> errors = feedletter.feeds().listCurrent().stream()
                    .filter(f -> f.lastError() != null)
                    .collect(Collectors.toMap(StoredFeed::name, StoredFeed::lastError));
            assertThat(errors.get("malformed.rss")).startsWith("XML error at line 3").contains(server.url("/malformed.rss").toString());
            assertThat(errors.get("error.rss")).startsWith("HTTP 500 from " + server.url("/error.rss"));
            assertThat(errors.get("slow.rss")).contains("timed out").contains(server.url("/slow.rss").toString());
            assertThat(errors.get("huge.rss")).contains("over the 64 KB cap").contains(server.url("/huge.rss").toString());
            assertThat(errors.get("page.html")).startsWith("not a feed: got a web page (text/html)");
            assertThat(errors.get("xxe.rss")).contains("refused: the feed declares the external entity 'xxe'");
            assertThat(errors).doesNotContainKey("good.rss");
            assertThat(feedletter.feeds().listCurrent()).filteredOn(f -> !f.name().equals("good.rss"))
                    .allMatch(f -> f.failures() == 1);

            List<Received> digests = Mails.readAll(greenMail.getReceivedMessages());
            assertThat(digests).hasSize(1);
            assertThat(digests.get(0).text()).contains("Quick Comment: Central bank pauses",
                    "Quick Comment: Arctic shipping lanes", "Quick Comment: Fisheries talks collapse")
                    .doesNotContain("root:", "evil.example.com");
        }
    }
}

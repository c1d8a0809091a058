package org.feedletter.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.feedletter.Feedletter;
import org.feedletter.manage.RunReport;
import org.feedletter.cli.FeedletterCommand;
import org.feedletter.config.ConfigLoader;
import org.feedletter.config.FeedletterConfig;
import org.feedletter.store.StoredFeed;
import org.feedletter.store.StoredItem;
import org.feedletter.testing.DebugLog;
import org.feedletter.testing.FeedServer;
import org.feedletter.testing.Mails;
import org.feedletter.testing.MutableClock;
import org.feedletter.testing.StoreBehind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The attack, run against feedletter as it runs: hostile feeds redirect the fetcher to the SMTP server it
 * mails through, to a page on another local port standing in for the metrics page, by address and by name, to a
 * cloud's metadata service, and link that page from a web page; another lists 10,000 entries. Neither the SMTP
 * greeting nor the page's secret may end up anywhere a person can read it (the feeds' errors, the items, the `feeds`
 * command, the log, the metrics, the mail), the refusals must say why in words, and the flood gives only the cap.
 */
@Timeout(120)
class EgressAttackTest {

    /** What GreenMail says first, as any SMTP server says who it is. */
    private static final String SMTP_GREETING = "GreenMail SMTP Service";
    private static final String SECRET = "metrics-secret-" + UUID.randomUUID();
    private static final int FLOOD = 10_000;
    private static final int CAP = 300;

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path dir;

    @RegisterExtension
    final DebugLog log = new DebugLog(List.of("org.quartz", "com.zaxxer.hikari", "org.flywaydb",
            "org.eclipse.jetty", "org.jdbi", "freemarker", "com.icegreen", "jdk.internal.httpclient"));
    private FeedServer hostile;
    /** The page an attacker wants: served as a feed, so that the secret would become an item if it were fetched. */
    private FeedServer inside;

    @BeforeEach
    void serve() {
        inside = FeedServer.start().serve("/metrics", "application/rss+xml", "<?xml version=\"1.0\"?><rss version=\"2.0\">"
                + "<channel><title>" + SECRET + "</title><item><title>" + SECRET + "</title><link>https://inside.example/"
                + SECRET + "</link><category>Quick Comment</category></item></channel></rss>");
        int smtp = greenMail.getSmtp().getPort();
        String metrics = inside.url("/metrics").toString();
        hostile = FeedServer.start()
                .serveResource("/good.rss", "application/rss+xml", "/pipeline/site-wide.rss")
                .handle("/to-smtp.rss", redirectTo("http://127.0.0.1:" + smtp + "/"))
                .handle("/to-metrics.rss", redirectTo(metrics))
                .handle("/to-metrics-by-name.rss", redirectTo(metrics.replace("127.0.0.1", "localhost")))
                .handle("/to-cloud.rss", redirectTo("http://169.254.169.254/latest/meta-data/iam/security-credentials/"))
                .serve("/page.html", "text/html", "<!DOCTYPE html><html><head><title>Blog</title><link rel=\"alternate\""
                        + " type=\"application/rss+xml\" href=\"" + metrics + "\"></head><body>Hello</body></html>")
                .serve("/flood.rss", "application/rss+xml", flood());
    }

    @AfterEach
    void stop() {
        hostile.close();
        inside.close();
    }

    @Test
    void redirectsAndLinksIntoTheMachineAreRefusedInWordsAndNothingTheyWouldHaveReadIsStoredOrShown() throws Exception {
        Path config = config("", "/flood.rss");
        Map<String, String> errors;
        List<StoredItem> items;
        String metricsText;
        try (Feedletter feedletter = Feedletter.open(load(config), MutableClock.at("2026-11-26T10:00:00Z"), "attack")) {
            RunReport report = feedletter.cycle().runOnce(true);

            assertThat(report.poll().failures()).hasSize(5);
            errors = feedletter.feeds().listCurrent().stream().filter(f -> f.lastError() != null)
                    .collect(Collectors.toMap(StoredFeed::name, StoredFeed::lastError));
            try (StoreBehind store = StoreBehind.of(feedletter.config())) {
                items = store.items().newest(2 * FLOOD, 0);
            }
            metricsText = feedletter.metrics().scrape();
        }

        int smtp = greenMail.getSmtp().getPort();
        int insidePort = inside.url("/").getPort();
        assertThat(errors.get("to-smtp")).isEqualTo("redirect to 127.0.0.1:" + smtp + " refused: a loopback address, not"
                + " the feed's own host and port 127.0.0.1:" + hostile.url("/").getPort() + " (allow it with"
                + " fetch.allow-internal, e.g. [127.0.0.1/32] or [loopback]); from " + hostile.url("/to-smtp.rss")
                + " to http://127.0.0.1:" + smtp + "/");
        assertThat(errors.get("to-metrics")).startsWith("redirect to 127.0.0.1:" + insidePort + " refused: a loopback"
                + " address").endsWith(" to " + inside.url("/metrics"));
        assertThat(errors.get("to-metrics-by-name")).startsWith("redirect to localhost:" + insidePort + " refused: it"
                + " resolves to 127.0.0.1, a loopback address");
        assertThat(errors.get("to-cloud")).startsWith("redirect to 169.254.169.254:80 refused: a link-local address");
        assertThat(errors.get("page")).startsWith("not a feed").contains("the feed it links to (" + inside.url("/metrics")
                + ") could not be read either: feed link to 127.0.0.1:" + insidePort + " refused: a loopback address");
        assertThat(inside.requestTimes("/metrics")).as("the page inside was never requested").isEmpty();

        assertThat(items).extracting(StoredItem::title).filteredOn(t -> t.startsWith("Flood entry")).hasSize(CAP);
        assertThat(errors.get("flood")).isEqualTo("took the newest " + CAP + " of " + FLOOD + " new or changed entries"
                + " (at most " + CAP + " a poll); " + (FLOOD - CAP) + " left for the next poll");

        List<String> readable = new ArrayList<>(errors.values());
        items.forEach(item -> readable.add(item.title() + " " + item.link() + " " + item.contentHtml()));
        readable.add(metricsText);
        readable.add(command(config, "feeds", "list"));
        readable.add(command(config, "feeds", "test", hostile.url("/to-metrics.rss").toString()));
        readable.add(command(config, "feeds", "test", hostile.url("/page.html").toString()));
        readable.addAll(log.lines());
        Mails.readAll(greenMail.getReceivedMessages()).forEach(mail -> readable.add(mail.text()));
        assertThat(readable).allSatisfy(text -> assertThat(text).doesNotContain(SECRET, SMTP_GREETING));
        assertThat(readable).anySatisfy(text -> assertThat(text).contains("refused: a loopback address"));
    }

    @Test
    void evenWithTheLoopbackAllowedTheSmtpGreetingIsNotStoredAsTheFeedsError() throws Exception {
        Path config = config("allow-internal: [loopback], ");
        String error;
        try (Feedletter feedletter = Feedletter.open(load(config), MutableClock.at("2026-11-26T10:00:00Z"), "allowed")) {
            feedletter.cycle().runOnce(false);
            error = feedletter.feeds().listCurrent().stream().filter(f -> f.name().equals("to-smtp")).findFirst()
                    .map(StoredFeed::lastError).orElseThrow();
        }

        int smtp = greenMail.getSmtp().getPort();
        assertThat(error).isEqualTo("the answer from 127.0.0.1:" + smtp + " for http://127.0.0.1:" + smtp
                + "/ is not valid HTTP");
        assertThat(inside.requestTimes("/metrics")).as("allowed, so requested").isNotEmpty();
    }

    /** The hostile feeds, and more, each named after its path: "to-smtp" is /to-smtp.rss. */
    private Path config(String moreFetch, String... morePaths) throws Exception {
        List<String> paths = new ArrayList<>(List.of("/good.rss", "/to-smtp.rss", "/to-metrics.rss",
                "/to-metrics-by-name.rss", "/to-cloud.rss", "/page.html"));
        paths.addAll(List.of(morePaths));
        StringBuilder feeds = new StringBuilder();
        for (String path : paths) {
            feeds.append("  - { url: \"").append(hostile.url(path)).append("\", name: ")
                    .append(path.substring(1, path.indexOf('.'))).append(" }\n");
        }
        return Files.writeString(dir.resolve("feedletter.yaml"), """
                database: { url: "jdbc:h2:mem:attack-%s;DB_CLOSE_DELAY=-1" }
                mail: { transport: smtp, host: 127.0.0.1, port: %d, security: none, from: "digest@example.org" }
                fetch: { %sconnect-timeout: 2s, deadline: 5s, max-entries-per-poll: %d }
                feeds:
                %snewsletters:
                  - { id: quick-comment, include: { categories: ["Quick Comment"] }, schedule: "0 0 8 * * ?" }
                subscribers:
                  - { email: alice@example.org, newsletters: [quick-comment] }
                """.formatted(UUID.randomUUID(), greenMail.getSmtp().getPort(), moreFetch, CAP, feeds));
    }

    private static FeedletterConfig load(Path config) throws Exception {
        return new ConfigLoader(Map.of()).load(config);
    }

    /** What an operator reads from a command, such as {@code feedletter feeds list}; it must name a refusal. */
    private static String command(Path config, String... args) {
        StringWriter out = new StringWriter();
        CommandLine command = FeedletterCommand.commandLine();
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(out, true));
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--config", config.toString()));
        command.execute(all.toArray(String[]::new));
        assertThat(out.toString()).as(String.join(" ", args)).contains("refused: a loopback address");
        return out.toString();
    }

    private static com.sun.net.httpserver.HttpHandler redirectTo(String location) {
        return exchange -> {
            exchange.getResponseHeaders().set("Location", location);
            exchange.sendResponseHeaders(302, -1);
        };
    }

    private static String flood() {
        StringBuilder rss = new StringBuilder("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Flood</title>");
        for (int i = 0; i < FLOOD; i++) {
            rss.append("<item><title>Flood entry ").append(i).append("</title><link>https://flood.example/")
                    .append(i).append("</link></item>");
        }
        return rss.append("</channel></rss>").toString();
    }

}

package org.feedletter.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.feedletter.Feedletter;
import org.feedletter.cli.FeedletterCommand;
import org.feedletter.config.ConfigLoader;
import org.feedletter.manage.RunReport;
import org.feedletter.store.StoredFeed;
import org.feedletter.testing.DebugLog;
import org.feedletter.testing.FeedServer;
import org.feedletter.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The first finding, tried against feedletter as it runs: feeds configured with a user and password and with
 * keys in their query ({@code https://user:pass@host/feed?token=...}), one that answers and one that fails. Nothing
 * anyone but the operator's config file can read may hold those secrets: the merged feeds and the OPML (public), the
 * admin feeds page, {@code /metrics}, {@code feeds list}, {@code config check}, the feeds' stored errors and every
 * log line at DEBUG. The masked form ({@code ****}) is what the operator's own views show instead.
 */
@Timeout(120)
class FeedUrlSecretsAttackTest {

    private static final String PASSWORD = "hunter2-" + UUID.randomUUID();
    private static final String TOKEN = "tok-" + UUID.randomUUID();
    private static final String API_KEY = "key-" + UUID.randomUUID();
    private static final String ADMIN_PASSWORD = "the-admins-password";

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path dir;

    @RegisterExtension
    final DebugLog log = new DebugLog();
    private final HttpClient client = HttpClient.newHttpClient();
    private FeedServer publisher;

    @BeforeEach
    void serve() {
        publisher = FeedServer.start().serve("/members.rss", "application/rss+xml", """
                <?xml version="1.0"?><rss version="2.0"><channel><title>Members</title>
                <link>https://members.example/</link><description>For members</description>
                <item><title>Members-only note</title><link>https://members.example/notes/1</link>
                <guid>https://members.example/notes/1</guid><pubDate>Wed, 25 Nov 2026 09:00:00 GMT</pubDate>
                <category>Quick Comment</category>
                <description>A note for members about the budget vote.</description></item>
                </channel></rss>""").fail("/gone.rss", 404);
    }

    @AfterEach
    void stop() {
        publisher.close();
    }

    @Test
    void credentialsAndTokensInFeedUrlsAppearNowhereButTheConfigFile() throws Exception {
        Path config = config();
        List<String> readable = new ArrayList<>();
        // the commands run without the service's environment: the same file without the web side's secrets
        Path withoutWeb = Files.writeString(dir.resolve("cli.yaml"), Files.readString(config)
                .replaceAll("(?m)^(web|admin): .*\n(^ +.*\n)*", ""));
        try (Feedletter feedletter = Feedletter.open(new ConfigLoader(Map.of("FEEDLETTER_SECRET",
                "0123456789abcdef0123456789abcdef", "FEEDLETTER_ADMIN_PASSWORD", ADMIN_PASSWORD)).load(config),
                MutableClock.at("2026-11-26T10:00:00Z"), "secrets")) {
            feedletter.web().start();
            String base = "http://127.0.0.1:" + feedletter.web().port();
            RunReport report = feedletter.cycle().runOnce(true);
            assertThat(report.poll().failures()).as("only the feed that is gone fails").hasSize(1);
            assertThat(publisher.requestTimes("/members.rss")).as("the feed was read, with its credentials").hasSize(1);
            feedletter.web().refreshMergedFeeds();

            for (String path : List.of("/feed.atom", "/feed.rss", "/feed.json", "/sources.opml")) {
                String body = get(base + path, "").body();
                assertThat(body).as(path).contains("members.rss");
                readable.add(body);
            }
            assertThat(readable.get(0)).as("the piece itself is published").contains("Members-only note");

            String cookie = logIn(base);
            String adminFeeds = get(base + "/admin/feeds", cookie).body();
            assertThat(adminFeeds).as("the admin feeds page").contains("members.rss").contains("****");
            readable.add(adminFeeds);
            readable.add(get(base + "/metrics", "").body());
            feedletter.feeds().listCurrent().stream().map(StoredFeed::lastError).filter(e -> e != null)
                    .forEach(readable::add);
            assertThat(feedletter.feeds().listCurrent()).extracting(StoredFeed::lastError)
                    .anySatisfy(error -> assertThat(error).contains("404").contains("gone.rss"));

            String list = command("feeds", "list", "--config", withoutWeb.toString());
            assertThat(list).contains("Members").contains("gone.rss?api_key=****");
            readable.add(list);
        }
        String check = command("config", "check", "--config", withoutWeb.toString());
        assertThat(check).contains("members.rss").contains("****");
        readable.add(check);
        readable.addAll(log.lines());

        assertThat(readable).allSatisfy(text -> assertThat(text).doesNotContain(PASSWORD, TOKEN, API_KEY));
    }

    private Path config() throws Exception {
        int port = publisher.url("/").getPort();
        return Files.writeString(dir.resolve("feedletter.yaml"), """
                database: { url: "jdbc:h2:mem:secrets-%s;DB_CLOSE_DELAY=-1" }
                web: { port: %d, bind: 127.0.0.1, base-url: "https://news.example.org",
                       secret: "${FEEDLETTER_SECRET}" }
                admin: { password: "${FEEDLETTER_ADMIN_PASSWORD}" }
                mail: { transport: smtp, host: 127.0.0.1, port: %d, security: none, from: "digest@example.org" }
                fetch: { allow-internal: [loopback] }
                feeds:
                  - { url: "http://reader:%s@127.0.0.1:%d/members.rss?token=%s&lang=en", name: Members }
                  - { url: "http://reader:%s@127.0.0.1:%d/gone.rss?api_key=%s" }
                newsletters:
                  - { id: quick-comment, include: { categories: ["Quick Comment"] }, schedule: "0 0 8 * * ?" }
                subscribers:
                  - { email: alice@example.org, newsletters: [quick-comment] }
                """.formatted(UUID.randomUUID(), freePort(), greenMail.getSmtp().getPort(),
                PASSWORD, port, TOKEN, PASSWORD, port, API_KEY));
    }

    private String logIn(String base) throws Exception {
        HttpResponse<String> login = client.send(HttpRequest.newBuilder(URI.create(base + "/admin/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", base)
                .POST(HttpRequest.BodyPublishers.ofString("password="
                        + URLEncoder.encode(ADMIN_PASSWORD, StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).as(login.body()).isEqualTo(303);
        String setCookie = login.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("feedletter_admin=")).findFirst().orElseThrow();
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    private HttpResponse<String> get(String url, String cookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (!cookie.isEmpty()) {
            request.header("Cookie", cookie);
        }
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url).isEqualTo(200);
        return response;
    }

    private static String command(String... args) {
        StringWriter out = new StringWriter();
        CommandLine command = FeedletterCommand.commandLine();
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(out, true));
        int exit = command.execute(args);
        assertThat(exit).as(String.join(" ", args) + ":%n%s", out).isZero();
        return out.toString();
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

}

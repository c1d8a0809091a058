package org.feedletter;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.feedletter.config.ConfigLoader;
import org.feedletter.manage.RunReport;
import org.feedletter.testing.DebugLog;
import org.feedletter.testing.FeedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * No secret reaches a log line, at DEBUG, as an operator would turn it on: the database, SMTP and admin passwords,
 * a wrong password someone tried, the admin session cookie and its CSRF token.
 */
class LogSecretsTest {

    private static final String DB_SECRET = "db-secret-" + UUID.randomUUID();
    private static final String SMTP_SECRET = "smtp-secret-" + UUID.randomUUID();
    private static final String ADMIN_SECRET = "admin-secret-" + UUID.randomUUID();
    private static final String GUESS = "guessed-secret-" + UUID.randomUUID();
    /** As the log set-up keeps them: these libraries stay at WARN whatever FEEDLETTER_LOG_LEVEL says. */
    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("digest@example.org", SMTP_SECRET));

    @TempDir
    Path dir;

    @RegisterExtension
    final DebugLog log = new DebugLog();
    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void aRunALoginAndAdminActionsLogNoSecret() throws Exception {
        String session;
        String csrf;
        try (FeedServer server = FeedServer.start()
                .serveResource("/site-wide.rss", "application/rss+xml", "/pipeline/site-wide.rss")
                .fail("/broken.xml", 401);
                Feedletter feedletter = Feedletter.open(new ConfigLoader(Map.of("DB_PASSWORD", DB_SECRET,
                        "SMTP_PASSWORD", SMTP_SECRET, "FEEDLETTER_ADMIN_PASSWORD", ADMIN_SECRET, "FEEDLETTER_SECRET", "0123456789abcdef0123456789abcdef")).load(config(server)),
                        Clock.systemUTC(), "secrets-node")) {
            RunReport run = feedletter.cycle().runOnce(true);
            assertThat(run.delivery().sent()).as("logged in to SMTP and sent").isEqualTo(1);
            feedletter.service().start();
            String base = "http://127.0.0.1:" + feedletter.web().port();

            assertThat(post(base, "/admin/login", null, Map.of("password", GUESS)).statusCode()).isEqualTo(401);
            HttpResponse<String> login = post(base, "/admin/login", null, Map.of("password", ADMIN_SECRET));
            String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
            session = cookie.substring(0, cookie.indexOf(';'));
            csrf = csrfToken(client.send(HttpRequest.newBuilder(URI.create(base + "/admin")).header("Cookie", session)
                    .build(), HttpResponse.BodyHandlers.ofString()).body());
            assertThat(post(base, "/admin/poll", session, Map.of("csrf", csrf)).statusCode()).isEqualTo(200);
            assertThat(post(base, "/admin/poll", session, Map.of("csrf", csrf + "x")).statusCode()).isEqualTo(403);
            assertThat(post(base, "/admin/logout", session, Map.of("csrf", csrf)).statusCode()).isEqualTo(303);
        }

        List<String> lines = log.lines();
        assertThat(lines).as("the events worth a line were logged")
                .anySatisfy(line -> assertThat(line).contains("admin: login from 127.0.0.1"))
                .anySatisfy(line -> assertThat(line).contains("admin: login from 127.0.0.1 refused: wrong password"))
                .anySatisfy(line -> assertThat(line).contains("missing or wrong CSRF token"))
                .anySatisfy(line -> assertThat(line).startsWith("DEBUG"));
        String sessionValue = session.substring(session.indexOf('=') + 1);
        for (String line : lines) {
            assertThat(line).doesNotContain(DB_SECRET, SMTP_SECRET, ADMIN_SECRET, GUESS, sessionValue, csrf);
        }
    }

    private Path config(FeedServer server) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        return Files.writeString(dir.resolve("feedletter.yaml"), """
                database: { url: "jdbc:h2:mem:secrets-%s;DB_CLOSE_DELAY=-1", username: sa, password: "${DB_PASSWORD}" }
                schedule: { poll-every: 1h, editions-every: 1h, deliver-every: 1h }
                web: { port: %d, bind: 127.0.0.1, secret: "${FEEDLETTER_SECRET}" }
                admin: { password: "${FEEDLETTER_ADMIN_PASSWORD}" }
                mail: { transport: smtp, host: 127.0.0.1, port: %d, security: none, username: digest@example.org,
                        password: "${SMTP_PASSWORD}", from: "digest@example.org" }
                feeds:
                  - url: "%s"
                  - url: "%s"
                newsletters:
                  - { id: quick-comment, include: { categories: ["Quick Comment"] }, schedule: "0 0 8 * * ?" }
                subscribers:
                  - { email: alice@example.org, newsletters: [quick-comment] }
                """.formatted(UUID.randomUUID(), port, greenMail.getSmtp().getPort(), server.url("/site-wide.rss"),
                server.url("/broken.xml")));
    }

    private HttpResponse<String> post(String base, String path, String cookie, Map<String, String> fields)
            throws Exception {
        StringBuilder body = new StringBuilder();
        fields.forEach((name, value) -> body.append(body.isEmpty() ? "" : "&").append(name).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Origin", base)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String csrfToken(String html) {
        Matcher token = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(html);
        assertThat(token.find()).as("a CSRF token in the page").isTrue();
        return token.group(1);
    }

}

package org.feedletter.web.admin;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.feedletter.Feedletter;
import org.feedletter.config.ConfigLoader;
import org.feedletter.testing.FeedServer;
import org.feedletter.testing.StoreBehind;

/**
 * feedletter running as a service with its web side and admin pages: three feeds polled (one failing), an edition
 * sent to files, new items since, one subscriber bounced. Slow ticks, so the pages show what the test made.
 */
final class AdminFixture implements AutoCloseable {

    static final String PASSWORD = "admin-password-for-tests";

    final FeedServer server = FeedServer.start()
            .serveResource("/site-wide.rss", "application/rss+xml", "/pipeline/site-wide.rss")
            .serveResource("/partner.json", "application/feed+json", "/pipeline/partner.json")
            .fail("/broken.xml", 503);
    final Feedletter feedletter;
    final HttpClient client = HttpClient.newHttpClient();

    AdminFixture(Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("feedletter.yaml"), """
                database: { url: "jdbc:h2:mem:admin-%s;DB_CLOSE_DELAY=-1" }
                schedule: { poll-every: 1h, editions-every: 1h, deliver-every: 1h }
                web: { port: %d, bind: 127.0.0.1, base-url: "https://news.example.org", secret: "${FEEDLETTER_SECRET}" }
                admin: { password: "${FEEDLETTER_ADMIN_PASSWORD}" }
                mail: { transport: file, from: "Quick Comments <digest@example.org>", outbox-dir: "%s" }
                feeds:
                  - { url: "%s", name: Site-wide }
                  - { url: "%s", name: Partner }
                  - { url: "%s", name: Broken }
                newsletters:
                  - { id: quick-comment, title: Quick Comment digest, include: { categories: ["Quick Comment"] },
                      schedule: "0 0 8 * * ?", time-zone: Europe/Stockholm }
                subscribers:
                  - { email: alice@example.org, newsletters: [quick-comment] }
                  - { email: bob@example.org, newsletters: [quick-comment] }
                """.formatted(UUID.randomUUID(), freePort(), dir.resolve("outbox"), server.url("/site-wide.rss"),
                server.url("/partner.json"), server.url("/broken.xml")));
        feedletter = Feedletter.open(new ConfigLoader(Map.of("FEEDLETTER_ADMIN_PASSWORD", PASSWORD, "FEEDLETTER_SECRET", "0123456789abcdef0123456789abcdef")).load(file),
                Clock.systemUTC(), "admin-node");
        feedletter.cycle().runOnce(true);
        server.serveResource("/site-wide.rss", "application/rss+xml", "/pipeline/site-wide-2.rss");
        feedletter.feeds().pollAll(outcome -> {}); // new items since the edition, for the preview
        long bob = feedletter.subscribers().findByEmail("bob@example.org").orElseThrow().id();
        try (StoreBehind store = StoreBehind.of(feedletter.config())) {
            store.subscribers().recordPermanentFailure(bob, 1, Clock.systemUTC().instant()); // as a bounce would
        }
        feedletter.service().start();
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    String base() {
        return "http://127.0.0.1:" + feedletter.web().port();
    }

    HttpResponse<String> get(String path, String cookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A form POST with the given headers (Origin, Referer, Cookie: name and value pairs) and fields. */
    HttpResponse<String> post(String path, Map<String, String> headers, Map<String, String> fields) throws Exception {
        StringBuilder body = new StringBuilder();
        fields.forEach((name, value) -> body.append(body.isEmpty() ? "" : "&")
                .append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        headers.forEach(request::header);
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Logs in from our own page; the session cookie as "name=value". */
    String login() throws Exception {
        HttpResponse<String> response = post("/admin/login", Map.of("Origin", base()), Map.of("password", PASSWORD));
        if (response.statusCode() != 303) {
            throw new AssertionError("login failed: " + response.statusCode() + " " + response.body());
        }
        String setCookie = response.headers().firstValue("Set-Cookie").orElseThrow();
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    /** The CSRF token a page's forms carry. */
    static String csrf(String html) {
        Matcher token = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(html);
        if (!token.find()) {
            throw new AssertionError("no CSRF token in the page");
        }
        return token.group(1);
    }

    @Override
    public void close() {
        feedletter.close();
        server.close();
    }
}

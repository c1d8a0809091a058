package org.feedletter.web;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.feedletter.Feedletter;
import org.feedletter.config.ConfigLoader;
import org.feedletter.config.FeedletterConfig;
import org.feedletter.testing.FeedServer;
import org.feedletter.testing.MutableClock;

/**
 * feedletter with its web side on a free port, feeds from a local {@link FeedServer} (the pipeline fixtures plus
 * any extra), mail over SMTP to a test server, and an HTTP client. Its public base URL is
 * {@value #PUBLIC_BASE}, as behind a reverse proxy; {@link #local} maps such links to the real server.
 */
public final class WebRig implements AutoCloseable {

    public static final String PUBLIC_BASE = "https://news.example.org";
    public static final String SECRET = "test-secret-0123456789abcdef0123456789";
    /** Two more newsletters for the extra YAML of {@link #start}, one in Swedish and one in Ukrainian. */
    public static final String SWEDISH_AND_UKRAINIAN_NEWSLETTERS = """
              - id: veckobrev
                title: Veckobrevet
                schedule: "0 0 8 * * ?"
                language: sv
              - id: tyzhden
                title: Тиждень
                schedule: "0 0 8 * * ?"
                language: uk
            """;
    /** In the config text until a node starts: each node gets a free port. */
    private static final String PORT = "%PORT%";

    public final FeedServer feeds;
    public final Feedletter feedletter;
    public final MutableClock clock;
    private final Path dir;
    private final String yaml;
    private final Map<String, String> environment;
    private final boolean ownsFeeds;
    private boolean closed;
    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private WebRig(FeedServer feeds, Feedletter feedletter, MutableClock clock, Path dir, String yaml,
            Map<String, String> environment, boolean ownsFeeds) {
        this.ownsFeeds = ownsFeeds;
        this.feeds = feeds;
        this.feedletter = feedletter;
        this.clock = clock;
        this.dir = dir;
        this.yaml = yaml;
        this.environment = environment;
    }

    /**
     * @param extraYaml appended to the config, e.g. a subscriptions section
     * @param extraFeeds more feed paths the FeedServer already serves or will serve
     */
    public static WebRig start(Path dir, int smtpPort, MutableClock clock, String extraYaml, FeedServer feeds,
            List<String> extraFeeds) throws Exception {
        return start(dir, smtpPort, clock, "", extraYaml, feeds, extraFeeds, Map.of());
    }

    /**
     * @param webKeys more keys of the web section, e.g. {@code trusted-proxies: [127.0.0.1]}
     * @param environment more environment variables for the config, e.g. the admin password
     */
    public static WebRig start(Path dir, int smtpPort, MutableClock clock, String webKeys, String extraYaml,
            FeedServer feeds, List<String> extraFeeds, Map<String, String> environment) throws Exception {
        feeds.serveResource("/site-wide.rss", "application/rss+xml", "/pipeline/site-wide.rss")
                .serveResource("/quick-comment.atom", "application/atom+xml", "/pipeline/quick-comment.atom")
                .serveResource("/partner.json", "application/feed+json", "/pipeline/partner.json");
        List<String> lines = new ArrayList<>(List.of(
                "  - { url: \"" + feeds.url("/site-wide.rss") + "\", name: Site-wide }",
                "  - { url: \"" + feeds.url("/quick-comment.atom") + "\", name: Quick Comment }",
                "  - { url: \"" + feeds.url("/partner.json") + "\", name: Partner }"));
        for (String path : extraFeeds) {
            lines.add("  - { url: \"" + feeds.url(path) + "\", name: \"Extra " + path.replaceAll("\\?.*", "") + "\" }");
        }
        String yaml = """
                database: { url: "jdbc:h2:mem:web-%s;DB_CLOSE_DELAY=-1" }
                web: { port: %s, bind: 127.0.0.1, base-url: "%s", secret: "${FEEDLETTER_SECRET}"%s }
                mail:
                  transport: smtp
                  host: 127.0.0.1
                  port: %d
                  security: none
                  from: "Quick Comments <digest@example.org>"
                feeds:
                %s
                newsletters:
                  - id: quick-comment
                    title: Quick Comment digest
                    include: { categories: ["Quick Comment"] }
                    schedule: "0 0 8 * * ?"
                    time-zone: Europe/Stockholm
                  - id: everything
                    title: Everything
                    schedule: "0 0 8 * * ?"
                    time-zone: Europe/Stockholm
                %s
                """.formatted(UUID.randomUUID(), PORT, PUBLIC_BASE, webKeys.isBlank() ? "" : ", " + webKeys, smtpPort,
                String.join("\n", lines), extraYaml);
        Map<String, String> all = new HashMap<>(environment);
        all.put("FEEDLETTER_SECRET", SECRET);
        return open(feeds, clock, dir, yaml, Map.copyOf(all), "web-test", true);
    }

    /** A node on a free port, with the config {@code yaml}. */
    private static WebRig open(FeedServer feeds, MutableClock clock, Path dir, String yaml,
            Map<String, String> environment, String node, boolean ownsFeeds) throws Exception {
        Path file = Files.writeString(dir.resolve(node + ".yaml"), yaml.replace(PORT, Integer.toString(freePort())));
        FeedletterConfig config = new ConfigLoader(environment, dir).load(file);
        Feedletter feedletter = Feedletter.open(config, clock, node);
        feedletter.web().start();
        return new WebRig(feeds, feedletter, clock, dir, yaml, environment, ownsFeeds);
    }

    /**
     * This node stopped and started again on the same database (its web side on another port): this rig is closed,
     * the one returned takes its place.
     */
    public WebRig restarted() throws Exception {
        feedletter.close();
        closed = true;
        return open(feeds, clock, dir, yaml, environment, "web-test", ownsFeeds);
    }

    /** A second node on the same database with the same config (and another port), sharing this one's feeds. */
    public WebRig anotherNode() throws Exception {
        return open(feeds, clock, dir, yaml, environment, "web-test-2", false);
    }

    /** The config wants a real port; this one was free a moment ago. */
    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    public String base() {
        return "http://127.0.0.1:" + feedletter.web().port();
    }

    /** A public link as the local server's address. */
    public String local(String publicUrl) {
        return publicUrl.replace(PUBLIC_BASE, base());
    }

    public HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : base() + path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<byte[]> getBytes(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : base() + path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A form POST; {@code fields} alternate name, value (a name may repeat). */
    public HttpResponse<String> post(String path, String... fields) throws Exception {
        return postWith(path, Map.of(), fields);
    }

    /** A form POST with these headers (Origin, Cookie, X-Forwarded-For...). */
    public HttpResponse<String> postWith(String path, Map<String, String> headers, String... fields) throws Exception {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < fields.length; i += 2) {
            if (body.length() > 0) {
                body.append('&');
            }
            body.append(URLEncoder.encode(fields[i], StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(fields[i + 1], StandardCharsets.UTF_8));
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : base() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        headers.forEach(request::header);
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        feedletter.close();
        if (ownsFeeds) {
            feeds.close();
        }
    }
}

package org.feedletter.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.feedletter.Feedletter;
import org.feedletter.config.ConfigLoader;
import org.feedletter.config.FeedletterConfig;

/**
 * Requests per second for {@code /feed.atom} with 50 connections on loopback (wrk), answered 200, answered 304,
 * and with gzip asked for; in the same run the same bytes as a static file served by nginx (which compresses on
 * the fly) as the baseline. Needs Debian's wrk and nginx: {@code apt-get install -y wrk nginx}.
 */
final class FeedBenchmark {

    private static final int CONNECTIONS = 50;
    private static final String DURATION = System.getProperty("bench.duration", "10s");
    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");

    private FeedBenchmark() {}

    public static void main(String[] args) throws Exception {
        for (String tool : List.of("/usr/bin/wrk", "/usr/sbin/nginx")) {
            if (!Files.isExecutable(Path.of(tool))) {
                System.err.println(tool + " is missing: apt-get install -y wrk nginx");
                System.exit(2);
            }
        }
        Machine.describe("feed");
        Path dir = Files.createTempDirectory("feedletter-feed-bench");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(dir.resolve("source.rss"), sourceFeed(50));
        try (Feedletter feedletter = Feedletter.open(config(dir), Clock.systemUTC(), "bench")) {
            feedletter.cycle().runOnce(false);
            feedletter.web().start();
            feedletter.web().refreshMergedFeeds();
            String jetty = "http://127.0.0.1:" + feedletter.web().port() + "/feed.atom";
            HttpResponse<byte[]> plain = fetch(jetty, Map.of());
            String etag = plain.headers().firstValue("ETag").orElseThrow();
            String gzipEtag = fetch(jetty, Map.of("Accept-Encoding", "gzip")).headers().firstValue("ETag").orElseThrow();
            Files.write(dir.resolve("www-feed.atom"), plain.body());
            System.out.printf("feed: %d entries, %,d bytes (gzip %,d)%n", 50, plain.body().length,
                    fetch(jetty, Map.of("Accept-Encoding", "gzip")).body().length);
            try (Nginx nginx = Nginx.start(dir)) {
                String static_ = "http://127.0.0.1:" + nginx.port + "/feed.atom";
                String nginxEtag = fetch(static_, Map.of()).headers().firstValue("ETag").orElseThrow();
                check(jetty, Map.of("If-None-Match", etag), 304);
                check(static_, Map.of("If-None-Match", nginxEtag), 304);
                check(static_, Map.of("Accept-Encoding", "gzip"), 200);
                wrk(jetty, List.of(), "10s"); // warm-up: JIT
                List<String[]> rows = new ArrayList<>();
                rows.add(row("200", wrk(jetty, List.of(), DURATION), wrk(static_, List.of(), DURATION)));
                rows.add(row("304", wrk(jetty, List.of("If-None-Match: " + etag), DURATION),
                        wrk(static_, List.of("If-None-Match: " + nginxEtag), DURATION)));
                rows.add(row("gzip", wrk(jetty, List.of("Accept-Encoding: gzip"), DURATION),
                        wrk(static_, List.of("Accept-Encoding: gzip"), DURATION)));
                rows.add(row("304 gzip", wrk(jetty, List.of("Accept-Encoding: gzip", "If-None-Match: " + gzipEtag),
                        DURATION), Double.NaN));
                System.out.printf("%n%-10s %14s %14s %8s%n", "answer", "feedletter/s", "nginx/s", "ratio");
                for (String[] r : rows) {
                    System.out.printf("%-10s %14s %14s %8s%n", (Object[]) r);
                }
            }
        }
    }

    private static String[] row(String name, double ours, double nginx) {
        return new String[] {name, String.format("%,.0f", ours), Double.isNaN(nginx) ? "-" : String.format("%,.0f", nginx),
                Double.isNaN(nginx) ? "-" : String.format("%.2f", ours / nginx)};
    }

    private static double wrk(String url, List<String> headers, String duration) throws Exception {
        List<String> command = new ArrayList<>(List.of("/usr/bin/wrk", "-t2", "-c" + CONNECTIONS, "-d" + duration));
        for (String header : headers) {
            command.add("-H");
            command.add(header);
        }
        command.add(url);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        process.waitFor(5, TimeUnit.MINUTES);
        Matcher errors = NON_2XX.matcher(output);
        if (errors.find()) {
            throw new IllegalStateException("wrk saw " + errors.group(1) + " answers that were not 2xx/3xx:\n" + output);
        }
        Matcher rate = RATE.matcher(output);
        if (!rate.find()) {
            throw new IllegalStateException("no rate in wrk's output:\n" + output);
        }
        return Double.parseDouble(rate.group(1));
    }

    private static void check(String url, Map<String, String> headers, int status) throws Exception {
        int got = fetch(url, headers).statusCode();
        if (got != status) {
            throw new IllegalStateException(url + " " + headers + ": expected " + status + ", got " + got);
        }
    }

    private static HttpResponse<byte[]> fetch(String url, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        headers.forEach(request::header);
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static FeedletterConfig config(Path dir) throws Exception {
        Path file = dir.resolve("feedletter.yaml");
        Files.writeString(file, """
                database: { url: "jdbc:h2:mem:feed-bench;DB_CLOSE_DELAY=-1" }
                web: { port: %d, bind: 127.0.0.1, base-url: "https://news.example.org", secret: "${FEEDLETTER_SECRET}" }
                mail: { transport: file, from: digest@example.org, outbox-dir: %s }
                feeds:
                  - { url: "%s", name: Source }
                """.formatted(freePort(), dir.resolve("outbox"), dir.resolve("source.rss").toUri()));
        return new ConfigLoader(Map.of("FEEDLETTER_SECRET", "bench-secret-0123456789abcdef0123456789"), dir).load(file);
    }

    /**
     * About 210 KB of Atom from 50 entries with a few kilobytes of HTML each, like a real publication's feed: text
     * drawn from a vocabulary with a fixed seed, so it compresses like prose (about 4:1), not like a repeated line.
     */
    private static String sourceFeed(int count) {
        String[] words = ("the committee met on tuesday to weigh a proposal which would change how regional grids "
                + "share reserve capacity during winter peaks and heard from operators regulators consumer groups "
                + "about costs risks timetable ministers ports fisheries shipping arctic budget coalition talks "
                + "inflation rates housing defence security energy market prices households industry exports "
                + "northern baltic nordic parliament election survey analysis report policy brief outlook").split(" ");
        java.util.Random random = new java.util.Random(42);
        StringBuilder rss = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel>"
                + "<title>Source</title><link>https://example.org/</link><description>bench</description>");
        for (int i = 1; i <= count; i++) {
            StringBuilder body = new StringBuilder();
            for (int p = 0; p < 6; p++) {
                body.append("&lt;p&gt;");
                for (int w = 0; w < 60; w++) {
                    body.append(words[random.nextInt(words.length)]).append(w % 12 == 11 ? ". " : " ");
                }
                body.append("&lt;/p&gt;");
            }
            rss.append("<item><title>Piece ").append(i).append(": grid reserves and winter peaks</title>")
                    .append("<link>https://example.org/p/").append(i).append("</link><guid>p-").append(i)
                    .append("</guid><author>desk@example.org (Research desk)</author><pubDate>")
                    .append(DateTimeFormatter.RFC_1123_DATE_TIME.format(
                            ZonedDateTime.parse("2026-11-01T08:00:00Z").plusHours(i)))
                    .append("</pubDate><category>Energy</category><category>Analysis</category><description>")
                    .append(body).append("</description></item>");
        }
        return rss.append("</channel></rss>").toString();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** nginx on a free port with a temporary config, serving www-feed.atom as /feed.atom; gzip on the fly. */
    private static final class Nginx implements AutoCloseable {
        final int port;
        private final Process process;

        private Nginx(int port, Process process) {
            this.port = port;
            this.process = process;
        }

        static Nginx start(Path dir) throws Exception {
            int port = freePort();
            Path www = Files.createDirectories(dir.resolve("www"));
            Files.move(dir.resolve("www-feed.atom"), www.resolve("feed.atom"));
            Files.setPosixFilePermissions(www, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.setPosixFilePermissions(www.resolve("feed.atom"), PosixFilePermissions.fromString("rw-r--r--"));
            Path conf = dir.resolve("nginx.conf");
            Files.writeString(conf, """
                    worker_processes auto;
                    pid %1$s/nginx.pid;
                    error_log %1$s/nginx-error.log;
                    events { worker_connections 1024; }
                    http {
                      access_log off;
                      types { application/atom+xml atom; }
                      sendfile on; tcp_nopush on; tcp_nodelay on;
                      keepalive_requests 1000000;
                      gzip on; gzip_types application/atom+xml; gzip_min_length 0;
                      client_body_temp_path %1$s/tmp; proxy_temp_path %1$s/tmp; fastcgi_temp_path %1$s/tmp;
                      uwsgi_temp_path %1$s/tmp; scgi_temp_path %1$s/tmp;
                      server { listen 127.0.0.1:%2$d; root %3$s; location / { } }
                    }
                    """.formatted(dir, port, www));
            Process process = new ProcessBuilder("/usr/sbin/nginx", "-c", conf.toString(), "-p", dir.toString(), "-g",
                    "daemon off;").redirectErrorStream(true).redirectOutput(dir.resolve("nginx.out").toFile()).start();
            for (int i = 0; i < 100; i++) {
                try (var socket = new java.net.Socket("127.0.0.1", port)) {
                    return new Nginx(port, process);
                } catch (IOException e) {
                    Thread.sleep(100);
                }
            }
            process.destroy();
            throw new IllegalStateException("nginx did not start: " + Files.readString(dir.resolve("nginx.out")));
        }

        @Override
        public void close() throws Exception {
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}

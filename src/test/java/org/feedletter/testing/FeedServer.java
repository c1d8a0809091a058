package org.feedletter.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server for pipeline tests: serves feeds with ETag and Last-Modified and answers conditional
 * requests with 304; a path can also fail with a status or stall. Counts the answers per path and status.
 */
public final class FeedServer implements AutoCloseable {

    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Map<String, Resource> resources = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> answers = new ConcurrentHashMap<>();
    private final Map<String, List<Instant>> requestTimes = new ConcurrentHashMap<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private int version;

    private sealed interface Resource {}

    private record Body(String contentType, byte[] bytes, String etag, String lastModified) implements Resource {}

    private record Status(int code) implements Resource {}

    private record Stall() implements Resource {}

    private record Custom(HttpHandler handler) implements Resource {}

    private FeedServer() throws IOException {
        System.setProperty("sun.net.httpserver.nodelay", "true"); // see FeedFetcher's tests: no 40 ms delayed ACKs
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
        server.setExecutor(threads);
        server.createContext("/", this::answer);
        server.start();
    }

    public static FeedServer start() {
        try {
            return new FeedServer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Serves {@code body} at {@code path} with a new ETag and Last-Modified. */
    public synchronized FeedServer serve(String path, String contentType, byte[] body) {
        version++;
        resources.put(path, new Body(contentType, body, "\"v" + version + "\"",
                HTTP_DATE.format(Instant.parse("2026-11-01T00:00:00Z").plusSeconds(version))));
        return this;
    }

    public FeedServer serve(String path, String contentType, String body) {
        return serve(path, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    /** Serves a classpath resource, e.g. "/pipeline/site-wide.rss". */
    public FeedServer serveResource(String path, String contentType, String resource) {
        try (InputStream in = FeedServer.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + resource);
            }
            return serve(path, contentType, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public FeedServer fail(String path, int status) {
        resources.put(path, new Status(status));
        return this;
    }

    /** Accepts the request and never answers, until the server closes. */
    public FeedServer stall(String path) {
        resources.put(path, new Stall());
        return this;
    }

    /** Answers {@code path} with the test's own handler: redirects, Retry-After, odd encodings, dripping bodies. */
    public FeedServer handle(String path, HttpHandler handler) {
        resources.put(path, new Custom(handler));
        return this;
    }

    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** How often {@code path} was answered with {@code status}. */
    public int answered(String path, int status) {
        AtomicInteger count = answers.get(path + " " + status);
        return count == null ? 0 : count.get();
    }

    /** When {@code path} was requested, in order. */
    public List<Instant> requestTimes(String path) {
        return List.copyOf(requestTimes.getOrDefault(path, List.of()));
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        requestTimes.computeIfAbsent(path, k -> new CopyOnWriteArrayList<>()).add(Instant.now());
        Resource resource = resources.get(path);
        try (exchange) {
            if (resource instanceof Stall) {
                closing.await(1, TimeUnit.MINUTES);
            } else if (resource instanceof Custom custom) {
                custom.handler().handle(exchange);
                count(path, exchange.getResponseCode()); // may trail the client by a moment: custom answers only
            } else {
                respond(exchange, path, resource);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void respond(HttpExchange exchange, String path, Resource resource) throws IOException {
        if (resource == null) {
            send(exchange, path, 404, -1);
            return;
        }
        if (resource instanceof Status status) {
            send(exchange, path, status.code(), -1);
            return;
        }
        Body body = (Body) resource;
        exchange.getResponseHeaders().set("ETag", body.etag());
        exchange.getResponseHeaders().set("Last-Modified", body.lastModified());
        String ifNoneMatch = exchange.getRequestHeaders().getFirst("If-None-Match");
        String ifModifiedSince = exchange.getRequestHeaders().getFirst("If-Modified-Since");
        if (body.etag().equals(ifNoneMatch) || (ifNoneMatch == null && body.lastModified().equals(ifModifiedSince))) {
            send(exchange, path, 304, -1);
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", body.contentType());
        send(exchange, path, 200, body.bytes().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body.bytes());
        }
    }

    /** Counts before sending: a client that has its answer must find it counted (a 304 has no body to wait for). */
    private void send(HttpExchange exchange, String path, int status, long length) throws IOException {
        count(path, status);
        exchange.sendResponseHeaders(status, length);
    }

    private void count(String path, int status) {
        answers.computeIfAbsent(path + " " + status, k -> new AtomicInteger()).incrementAndGet();
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}

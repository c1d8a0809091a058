package org.feedletter.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** A local HTTP server serving {@link GeneratedFeeds}; answers If-None-Match with 304. */
final class FeedFarm implements AutoCloseable {

    private final List<byte[]> bodies = new ArrayList<>();
    private final HttpServer server;
    private final ExecutorService executor;
    private final AtomicInteger full = new AtomicInteger();
    private final AtomicInteger notModified = new AtomicInteger();
    private final int uniquePieces;

    FeedFarm(int feeds, int itemsPerFeed, int sharedPerFeed, int sharedPool) throws IOException {
        GeneratedFeeds generated = new GeneratedFeeds(feeds, itemsPerFeed, sharedPerFeed, sharedPool);
        this.bodies.addAll(generated.bodies());
        this.uniquePieces = generated.uniquePieces();
        this.executor = Executors.newFixedThreadPool(8);
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 2048);
        server.createContext("/feed/", this::serve);
        server.setExecutor(executor);
        server.start();
    }

    private void serve(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        int n = Integer.parseInt(path.substring("/feed/".length(), path.length() - ".xml".length()));
        String etag = etag(n);
        try (exchange) {
            exchange.getResponseHeaders().set("ETag", etag);
            if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                notModified.incrementAndGet();
                exchange.sendResponseHeaders(304, -1);
                return;
            }
            full.incrementAndGet();
            byte[] body = bodies.get(n);
            exchange.getResponseHeaders().set("Content-Type", "application/rss+xml; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** The ETag feed n is served with; a request that sends it back gets a 304. */
    static String etag(int n) {
        return "\"v1-" + n + "\"";
    }

    URI feedUrl(int n) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/feed/" + n + ".xml");
    }

    int feeds() {
        return bodies.size();
    }

    long totalBytes() {
        return bodies.stream().mapToLong(b -> b.length).sum();
    }

    int uniquePieces() {
        return uniquePieces;
    }

    /** Responses with a body, and 304s, since the last call. */
    int[] takeCounts() {
        return new int[] {full.getAndSet(0), notModified.getAndSet(0)};
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}

package org.feedletter.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A WebSub hub for tests, on a free loopback port: records every request it gets at {@code /hub} (a publish ping is
 * a form POST) and answers 204, or the statuses a test queued, or holds the requests until released.
 */
public final class TestHub implements AutoCloseable {

    /** One request as the hub got it: method, content type, user agent and the form's fields (a name may repeat). */
    public record Ping(String method, String contentType, String userAgent, Map<String, List<String>> form,
            int answeredWith) {

        /** The first value of {@code field}, or null. */
        public String field(String name) {
            List<String> values = form.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Ping> pings = new CopyOnWriteArrayList<>();
    private final List<Ping> held = new CopyOnWriteArrayList<>();
    private final Deque<Integer> nextAnswers = new ConcurrentLinkedDeque<>();
    private final AtomicReference<CountDownLatch> hold = new AtomicReference<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    private TestHub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.setExecutor(threads);
        server.createContext("/hub", this::answer);
        server.start();
    }

    public static TestHub start() {
        try {
            return new TestHub();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hub");
    }

    /** The next requests are answered with these statuses, in order; then 204 again. */
    public TestHub answerNext(int... statuses) {
        for (int status : statuses) {
            nextAnswers.add(status);
        }
        return this;
    }

    /** From now on requests are held unanswered (and not recorded as answered) until {@link #release()}. */
    public TestHub holdRequests() {
        hold.set(new CountDownLatch(1));
        return this;
    }

    /** Answers the held requests (204) and those to come. */
    public void release() {
        CountDownLatch latch = hold.getAndSet(null);
        if (latch != null) {
            latch.countDown();
        }
    }

    /** Every request answered so far, in the order they were answered. */
    public List<Ping> pings() {
        return List.copyOf(pings);
    }

    /** The requests being held now. */
    public List<Ping> held() {
        return List.copyOf(held);
    }

    /** The topics ({@code hub.url}) of the requests answered so far, in order. */
    public List<String> topics() {
        return pings.stream().map(p -> p.field("hub.url")).toList();
    }

    /** Forgets the requests answered so far. */
    public void clear() {
        pings.clear();
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, List<String>> form = form(new String(exchange.getRequestBody().readAllBytes(),
                    StandardCharsets.UTF_8));
            String method = exchange.getRequestMethod();
            String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            String userAgent = exchange.getRequestHeaders().getFirst("User-Agent");
            CountDownLatch latch = hold.get();
            if (latch != null) {
                Ping waiting = new Ping(method, contentType, userAgent, form, 0);
                held.add(waiting);
                try {
                    latch.await(1, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } finally {
                    held.remove(waiting);
                }
            }
            Integer scripted = nextAnswers.poll();
            int status = scripted == null ? 204 : scripted;
            pings.add(new Ping(method, contentType, userAgent, form, status)); // recorded before the client has it
            exchange.sendResponseHeaders(status, -1);
        }
    }

    private static Map<String, List<String>> form(String body) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        if (body.isEmpty()) {
            return fields;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            fields.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return fields;
    }

    /** Stops listening: from now on a ping finds nobody there. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        release();
        server.stop(0);
        threads.shutdownNow();
    }
}

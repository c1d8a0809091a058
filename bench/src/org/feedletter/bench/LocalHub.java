package org.feedletter.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A WebSub hub for the latency benchmark (https://www.w3.org/TR/websub/), on the JDK's HTTP server, as small as one
 * can be and still do a hub's whole job: takes subscription requests at {@link #url()} (202), verifies intent by a GET
 * to the callback with a challenge, and keeps the subscriptions whose callback echoed it. A publisher's ping
 * ({@code hub.mode=publish}, {@code hub.url} the topic, as most hubs take it) is answered 204 at once; the hub then
 * fetches the topic and POSTs the document, whole, to every subscriber, signed ({@code X-Hub-Signature: sha256=...}
 * with the subscription's secret) and with the Link headers a hub sends. Each ping's timings are kept, keyed by the
 * number of entries the fetched document had (the publisher's {@code X-Feed-Entries} header).
 *
 * <p>Written for the benchmark rather than taken from the tests' {@code PushingHub}: that one pushes what a test
 * hands it and does not fetch on a ping, and bench/run's class path has no test classes.
 */
final class LocalHub implements AutoCloseable {

    /** One ping: when it came, when the hub had the document, when the subscriber answered the push (nanoTime). */
    record Delivery(int entries, long pingNanos, long fetchedNanos, long pushedNanos, int status) {}

    private record Subscription(String topic, String callback, String secret) {}

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "local-hub");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    /** Topic, then callback. */
    private final Map<String, Map<String, Subscription>> subscriptions = new ConcurrentHashMap<>();
    private final Map<Integer, Delivery> deliveries = new ConcurrentHashMap<>();
    /** How the hub reaches a callback: the public base URL mapped to the local web server. */
    private volatile UnaryOperator<String> reach = UnaryOperator.identity();

    LocalHub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.setExecutor(threads);
        server.createContext("/hub", this::handle);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hub");
    }

    void reach(UnaryOperator<String> mapping) {
        reach = mapping;
    }

    int subscribers(String topic) {
        return subscriptions.getOrDefault(topic, Map.of()).size();
    }

    /** The ping whose fetch found {@code entries} entries, or null (not yet, or none). */
    Delivery delivery(int entries) {
        return deliveries.get(entries);
    }

    private void handle(HttpExchange exchange) throws IOException {
        long received = System.nanoTime();
        try (exchange) {
            if (!exchange.getRequestMethod().equals("POST")) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            String mode = form.getOrDefault("hub.mode", "");
            switch (mode) {
                case "subscribe", "unsubscribe" -> {
                    Subscription asked = new Subscription(form.get("hub.topic"), form.get("hub.callback"),
                            form.get("hub.secret"));
                    if (asked.topic() == null || asked.callback() == null) {
                        exchange.sendResponseHeaders(400, -1);
                        return;
                    }
                    exchange.sendResponseHeaders(202, -1);
                    threads.execute(() -> verify(mode, asked, form.get("hub.lease_seconds")));
                }
                case "publish" -> {
                    String topic = form.getOrDefault("hub.url", form.get("hub.topic"));
                    if (topic == null) {
                        exchange.sendResponseHeaders(400, -1);
                        return;
                    }
                    exchange.sendResponseHeaders(204, -1);
                    threads.execute(() -> distribute(topic, received));
                }
                default -> exchange.sendResponseHeaders(400, -1);
            }
        }
    }

    /** Verification of intent: the subscription is kept (or dropped) only when the callback echoes the challenge. */
    private void verify(String mode, Subscription asked, String leaseSeconds) {
        String challenge = UUID.randomUUID().toString();
        StringBuilder url = new StringBuilder(reach.apply(asked.callback()))
                .append(asked.callback().contains("?") ? '&' : '?')
                .append("hub.mode=").append(mode)
                .append("&hub.topic=").append(URLEncoder.encode(asked.topic(), StandardCharsets.UTF_8))
                .append("&hub.challenge=").append(challenge);
        if (mode.equals("subscribe")) {
            url.append("&hub.lease_seconds=").append(leaseSeconds == null ? "864000" : leaseSeconds);
        }
        try {
            HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create(url.toString())).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() / 100 != 2 || !answer.body().equals(challenge)) {
                System.err.println("hub: " + mode + " of " + asked.callback() + " not confirmed: HTTP "
                        + answer.statusCode());
                return;
            }
            if (mode.equals("subscribe")) {
                subscriptions.computeIfAbsent(asked.topic(), t -> new ConcurrentHashMap<>()).put(asked.callback(), asked);
            } else {
                subscriptions.getOrDefault(asked.topic(), new ConcurrentHashMap<>()).remove(asked.callback());
            }
        } catch (IOException e) {
            System.err.println("hub: cannot verify " + asked.callback() + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Fetches the topic and pushes it to each subscriber, one after the other. */
    private void distribute(String topic, long pingNanos) {
        try {
            HttpResponse<byte[]> fetched = client.send(HttpRequest.newBuilder(URI.create(topic)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            long fetchedNanos = System.nanoTime();
            if (fetched.statusCode() != 200) {
                System.err.println("hub: fetching " + topic + " gave HTTP " + fetched.statusCode());
                return;
            }
            int entries = fetched.headers().firstValue("X-Feed-Entries").map(Integer::parseInt).orElse(-1);
            String type = fetched.headers().firstValue("Content-Type").orElse("application/atom+xml");
            byte[] body = fetched.body();
            for (Subscription s : subscriptions.getOrDefault(topic, Map.of()).values()) {
                HttpRequest push = HttpRequest.newBuilder(URI.create(reach.apply(s.callback())))
                        .header("Content-Type", type)
                        .header("Link", "<" + url() + ">; rel=\"hub\", <" + topic + ">; rel=\"self\"")
                        .header("X-Hub-Signature", signature(s.secret(), body))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build();
                int status = client.send(push, HttpResponse.BodyHandlers.discarding()).statusCode();
                deliveries.put(entries, new Delivery(entries, pingNanos, fetchedNanos, System.nanoTime(), status));
            }
        } catch (IOException e) {
            System.err.println("hub: distributing " + topic + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String signature(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> form(String body) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                fields.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return fields;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}

package org.feedletter.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A WebSub hub for the subscriber side's tests (https://www.w3.org/TR/websub/), on the JDK's HTTP server: takes
 * subscription requests at
 * {@link #url()}, answers them (202 unless told otherwise), then verifies the
 * intent by a GET to the callback, as a hub does; and pushes content to a subscriber's callback, signed as told.
 * Everything it received and sent is kept for the test to look at.
 */
public final class PushingHub implements AutoCloseable {

    /** A subscription request as the hub received it: the form's fields. */
    public record Request(String mode, String topic, String callback, String secret, String leaseSeconds) {}

    /**
     * A verification the hub made and how the subscriber answered it.
     *
     * @param echoed whether the answer was a 2xx whose body is the challenge sent
     */
    public record Verification(String callback, String mode, String topic, int status, String body, boolean echoed) {}

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final HttpClient client = HttpClient.newHttpClient();
    private final UnaryOperator<String> reach;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<Verification> verifications = new CopyOnWriteArrayList<>();
    private volatile int answer = 202;
    private volatile boolean verifying = true;
    private volatile long grantedLease = -1;

    /** @param reach how the hub reaches a callback URL (a public base URL mapped to the local server) */
    private PushingHub(UnaryOperator<String> reach) throws IOException {
        this.reach = reach;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.setExecutor(threads);
        server.createContext("/hub", this::subscription);
        server.start();
    }

    public static PushingHub start(UnaryOperator<String> reach) {
        try {
            return new PushingHub(reach);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hub");
    }

    /** Subscription requests are answered with this status from now on (503: the hub is down). */
    public PushingHub answering(int status) {
        answer = status;
        return this;
    }

    /** Whether an accepted request is verified at once; when not, the test verifies with {@link #verify}. */
    public PushingHub verifying(boolean verify) {
        verifying = verify;
        return this;
    }

    /** The lease the hub grants, in seconds; by default the one asked for. */
    public PushingHub granting(long seconds) {
        grantedLease = seconds;
        return this;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public List<Verification> verifications() {
        return List.copyOf(verifications);
    }

    private void subscription(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> form = parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            Request request = new Request(form.get("hub.mode"), form.get("hub.topic"), form.get("hub.callback"),
                    form.get("hub.secret"), form.get("hub.lease_seconds"));
            requests.add(request);
            int status = answer;
            exchange.sendResponseHeaders(status, -1);
            if (status == 202 && verifying) {
                threads.execute(() -> verify(request, request.mode(), request.topic()));
            }
        }
    }

    /** Sends a verification of intent for {@code request}'s callback now, with this mode and topic. */
    public Verification verify(Request request, String mode, String topic) {
        return verifyAt(request.callback(), mode, topic, request.leaseSeconds());
    }

    /** Sends a verification of intent to a callback, with a fresh challenge. */
    public Verification verifyAt(String callback, String mode, String topic, String askedLease) {
        String challenge = UUID.randomUUID().toString();
        Map<String, String> query = new LinkedHashMap<>();
        query.put("hub.mode", mode);
        query.put("hub.topic", topic);
        query.put("hub.challenge", challenge);
        if (mode.equals("subscribe")) {
            query.put("hub.lease_seconds", grantedLease > 0 ? Long.toString(grantedLease) : askedLease);
        }
        StringBuilder url = new StringBuilder(reach.apply(callback)).append(callback.contains("?") ? '&' : '?');
        query.forEach((name, value) -> url.append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)).append('&'));
        url.setLength(url.length() - 1);
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url.toString())).build(),
                    HttpResponse.BodyHandlers.ofString());
            Verification verification = new Verification(callback, mode, topic, response.statusCode(), response.body(),
                    response.statusCode() / 100 == 2 && response.body().equals(challenge));
            verifications.add(verification);
            return verification;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Tells the subscriber that the hub denied its subscription. */
    public int deny(Request request, String reason) {
        String url = reach.apply(request.callback()) + "?hub.mode=denied&hub.topic="
                + URLEncoder.encode(request.topic(), StandardCharsets.UTF_8) + "&hub.reason="
                + URLEncoder.encode(reason, StandardCharsets.UTF_8);
        try {
            return client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Pushes {@code body} to the subscriber of {@code request}, with this {@code X-Hub-Signature} (none when null),
     * and the Link headers a hub sends; returns the subscriber's status.
     */
    public int push(Request request, String contentType, byte[] body, String signature) {
        HttpRequest.Builder push = HttpRequest.newBuilder(URI.create(reach.apply(request.callback())))
                .header("Content-Type", contentType)
                .header("Link", "<" + url() + ">; rel=\"hub\", <" + request.topic() + ">; rel=\"self\"")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (signature != null) {
            push.header("X-Hub-Signature", signature);
        }
        try {
            return client.send(push.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The X-Hub-Signature a hub sends: {@code method=hex(HMAC(secret, body))}, method sha1, sha256, sha384 or sha512. */
    public static String signature(String method, String secret, byte[] body) {
        String algorithm = "Hmac" + method.toUpperCase(java.util.Locale.ROOT);
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
            return method + "=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> parse(String form) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : form.split("&")) {
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

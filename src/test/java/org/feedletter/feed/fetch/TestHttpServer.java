package org.feedletter.feed.fetch;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A real HTTP server on 127.0.0.1 and a free port, answering each path with a handler, and recording every request. */
final class TestHttpServer implements AutoCloseable {

    /** Answers one request. */
    interface Handler {
        void handle(HttpExchange exchange) throws Exception;
    }

    /**
     * What the server saw of one request.
     *
     * @param clientPort the client's port: the same port means the same, reused connection
     */
    record SeenRequest(String path, Headers headers, int clientPort) {
        String header(String name) {
            return headers.getFirst(name);
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Map<String, Handler> handlers = new ConcurrentHashMap<>();
    private final List<SeenRequest> seen = new CopyOnWriteArrayList<>();

    private TestHttpServer() throws IOException {
        // Without TCP_NODELAY the server's separate writes of head and body meet the client's delayed
        // ACK, and every keep-alive response waits 40 ms. Read once, when the first server starts.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
        server.setExecutor(threads);
        server.createContext("/", this::dispatch);
        server.start();
    }

    static TestHttpServer start() throws IOException {
        return new TestHttpServer();
    }

    TestHttpServer on(String path, Handler handler) {
        handlers.put(path, handler);
        return this;
    }

    /** The URL of a path, on host 127.0.0.1. */
    URI url(String path) {
        return URI.create("http://127.0.0.1:" + port() + path);
    }

    /** The URL of a path on host "localhost": the same server, another host for per-host limits. */
    URI urlOnLocalhost(String path) {
        return URI.create("http://localhost:" + port() + path);
    }

    int port() {
        return server.getAddress().getPort();
    }

    List<SeenRequest> requests() {
        return List.copyOf(seen);
    }

    long requestsTo(String path) {
        return seen.stream().filter(request -> request.path().equals(path)).count();
    }

    static void respond(HttpExchange exchange, int status, byte[] body, String... headerNamesAndValues) throws IOException {
        for (int i = 0; i < headerNamesAndValues.length; i += 2) {
            exchange.getResponseHeaders().add(headerNamesAndValues[i], headerNamesAndValues[i + 1]);
        }
        boolean noBody = body.length == 0 && (status == 304 || status == 204 || status >= 300);
        exchange.sendResponseHeaders(status, noBody ? -1 : body.length);
        if (!noBody) {
            exchange.getResponseBody().write(body);
        }
        exchange.close();
    }

    static void respond(HttpExchange exchange, int status, String body, String... headerNamesAndValues) throws IOException {
        respond(exchange, status, body.getBytes(java.nio.charset.StandardCharsets.UTF_8), headerNamesAndValues);
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    private void dispatch(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        Headers copy = new Headers();
        copy.putAll(exchange.getRequestHeaders());
        seen.add(new SeenRequest(path, copy, exchange.getRemoteAddress().getPort()));
        try (InputStream ignored = exchange.getRequestBody()) {
            Handler handler = handlers.get(path);
            if (handler == null) {
                respond(exchange, 404, "no handler for " + path);
            } else {
                handler.handle(exchange);
            }
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            exchange.close();
            throw new IOException(e);
        }
    }
}

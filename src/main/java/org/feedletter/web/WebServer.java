package org.feedletter.web;

import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.feedletter.config.WebConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The HTTP side: Jetty (its core API, no servlets) answering through a {@link Router}. */
public final class WebServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WebServer.class);

    private final Server server;
    private final ServerConnector connector;

    public WebServer(WebConfig config, Router router) {
        QueuedThreadPool threads = new QueuedThreadPool(64, 4);
        threads.setName("web");
        threads.setDaemon(true);
        this.server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        // One selector per core: the merged feed is served from memory, so the selectors are the bottleneck.
        this.connector = new ServerConnector(server, 1, Math.max(1, Runtime.getRuntime().availableProcessors()),
                new HttpConnectionFactory(http));
        connector.setAcceptQueueSize(1024);
        connector.setHost(config.bindAddress());
        connector.setPort(config.port());
        server.addConnector(connector);
        server.setHandler(new Dispatcher(router,
                new ClientAddresses(config.trustedProxies(), config.clientAddressHeader())));
        server.setErrorHandler(new ErrorPages());
        server.setStopTimeout(5_000);
    }

    public void start() throws Exception {
        server.start();
        log.info("web server listening on {}:{}", connector.getHost(), connector.getLocalPort());
    }

    /** The port actually bound (the configured one, or a free one when 0 was configured). */
    public int port() {
        return connector.getLocalPort();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            log.warn("stopping the web server failed", e);
        }
    }

    /** Finds the route; answers 404 or 405 itself; a route's failure becomes a 500 without details ({@link ErrorPages}). */
    private static final class Dispatcher extends Handler.Abstract {
        private final Router router;
        private final ClientAddresses clients;

        Dispatcher(Router router, ClientAddresses clients) {
            this.router = router;
            this.clients = clients;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            if (clients.trustsAny()) {
                request.setAttribute(Requests.CLIENT, clients.client(Requests.peer(request),
                        request.getHeaders().getValuesList(clients.headerName())));
            }
            // every answer, feeds and metrics too, is what its Content-Type says: no browser guesses otherwise
            response.getHeaders().put("X-Content-Type-Options", "nosniff");
            String path = Request.getPathInContext(request);
            var match = router.match(request.getMethod(), path);
            if (match.isEmpty()) {
                Requests.discardBody(request, response);
                if (router.hasPath(path)) {
                    response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD, POST");
                    ErrorPages.answer(response, callback, 405);
                } else {
                    ErrorPages.answer(response, callback, 404);
                }
                return true;
            }
            try {
                match.get().route().handle(request, response, callback, match.get().pathParameters());
            } catch (Requests.BadRequest e) {
                response.getHeaders().put(HttpHeader.CONNECTION, "close");
                ErrorPages.answer(response, callback, e.status(), e.getMessage());
            } catch (Exception e) {
                int clientError = clientError(e);
                if (clientError > 0 && !response.isCommitted()) {
                    // Jetty's own reading of the request refused it (a query that is not valid percent-encoding)
                    log.debug("{} {}: refused as Jetty read it: {}", request.getMethod(), path, e.toString());
                    response.reset();
                    response.getHeaders().put(HttpHeader.CONNECTION, "close");
                    ErrorPages.answer(response, callback, clientError);
                    return true;
                }
                log.error("{} {} failed", request.getMethod(), path, e);
                if (!response.isCommitted()) {
                    response.reset();
                    ErrorPages.answer(response, callback, 500);
                } else {
                    callback.failed(e);
                }
            }
            return true;
        }

        /** The 4xx status of Jetty's refusal of the request somewhere among the causes, else 0. */
        private static int clientError(Throwable failure) {
            for (Throwable t = failure; t != null; t = t.getCause()) {
                if (t instanceof HttpException http && http.getCode() >= 400 && http.getCode() < 500) {
                    return http.getCode();
                }
            }
            return 0;
        }
    }
}

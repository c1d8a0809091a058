package org.feedletter;

import java.util.function.Supplier;
import org.feedletter.config.WebConfig;
import org.feedletter.web.Router;
import org.feedletter.web.WebServer;

/**
 * The HTTP side while it runs: the web server and the merged feeds it serves, when the config has a web section. Part
 * of the service ({@link Service#start}); tests and benchmarks start it alone.
 */
public final class WebSide {

    private final LazyWork work;
    private final Supplier<Router> routes;
    private WebServer server;

    WebSide(LazyWork work, Supplier<Router> routes) {
        this.work = work;
        this.routes = routes;
    }

    /** Starts the web server (and the merged feeds it serves) when one is configured; once. */
    public void start() throws StartupException {
        WorkingParts.WebFeatures webFeatures = work.get().webFeatures();
        if (webFeatures == null || server != null) {
            return;
        }
        webFeatures.feeds().start();
        WebConfig config = webFeatures.web();
        server = new WebServer(config, routes.get());
        try {
            server.start();
        } catch (Exception e) {
            throw new StartupException("cannot serve HTTP on " + config.bindAddress() + ":" + config.port() + ": "
                    + Feedletter.rootMessage(e), e);
        }
        if (work.get().pushSubscriber() != null) {
            work.get().pushSubscriber().serving(); // its callbacks are answered now: it may subscribe
        }
    }

    /** The port the web server listens on, when it runs; -1 otherwise. */
    public int port() {
        return server == null ? -1 : server.port();
    }

    /** Rebuilds the merged feeds now when items changed (they also follow by themselves while served). */
    public void refreshMergedFeeds() {
        WorkingParts.WebFeatures webFeatures = work.get().webFeatures();
        if (webFeatures != null) {
            webFeatures.feeds().refresh();
        }
    }

    /** Stops serving, then the merged feeds (built with the working parts, started or not). */
    void close() {
        if (server != null) {
            server.close();
        }
        work.ifBuilt().map(WorkingParts::webFeatures).ifPresent(webFeatures -> webFeatures.feeds().close());
    }
}

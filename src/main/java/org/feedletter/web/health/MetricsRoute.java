package org.feedletter.web.health;

import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpHeader;
import org.feedletter.web.Responses;
import org.feedletter.web.Router;

/** {@code /metrics}: the Prometheus text exposition, produced at each scrape by whoever keeps the numbers. */
public final class MetricsRoute {

    private final Supplier<String> scrape;
    private final String contentType;

    public MetricsRoute(Supplier<String> scrape, String contentType) {
        this.scrape = scrape;
        this.contentType = contentType;
    }

    public void register(Router router) {
        router.get("/metrics", (request, response, callback, p) -> {
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
            Responses.text(response, callback, 200, contentType, scrape.get());
        });
    }
}

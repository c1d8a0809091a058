package org.feedletter.web.health;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.feedletter.web.Requests;
import org.feedletter.web.Responses;
import org.feedletter.web.Router;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /metrics}: the Prometheus text exposition, produced at each scrape by whoever keeps the numbers. With a
 * token ({@code web.metrics-token}) a scrape must send {@code Authorization: Bearer <token>}, else it gets 401;
 * without one, anyone who reaches the port may read them.
 */
public final class MetricsRoute {

    private static final Logger log = LoggerFactory.getLogger(MetricsRoute.class);

    private final Supplier<String> scrape;
    private final String contentType;
    /** SHA-256 of the token, or null when none is wanted: compared digest to digest, in constant time. */
    private final byte[] tokenDigest;

    public MetricsRoute(Supplier<String> scrape, String contentType) {
        this(scrape, contentType, "");
    }

    /** @param token empty for open metrics */
    public MetricsRoute(Supplier<String> scrape, String contentType, String token) {
        this.scrape = scrape;
        this.contentType = contentType;
        this.tokenDigest = token.isEmpty() ? null : sha256(token);
    }

    public void register(Router router) {
        router.get("/metrics", (request, response, callback, p) -> {
            if (!authorized(request)) {
                log.warn("metrics: scrape from {} refused: no or a wrong bearer token", Requests.clientAddress(request));
                response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer realm=\"feedletter metrics\"");
                Responses.error(response, callback, 401, "/metrics wants the web.metrics-token as "
                        + "Authorization: Bearer <token>");
                return;
            }
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
            Responses.text(response, callback, 200, contentType, scrape.get());
        });
    }

    private boolean authorized(Request request) {
        if (tokenDigest == null) {
            return true;
        }
        String authorization = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (authorization == null || authorization.length() < 7
                || !authorization.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
            return false;
        }
        return MessageDigest.isEqual(tokenDigest, sha256(authorization.substring(7).strip()));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}

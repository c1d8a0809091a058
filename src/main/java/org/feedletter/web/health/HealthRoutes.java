package org.feedletter.web.health;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.feedletter.web.Responses;
import org.feedletter.web.Router;

/**
 * Health for load balancers and orchestrators, as JSON. {@code /health/live}: the process answers (restart it when
 * it does not). {@code /health/ready} and {@code /health}: the database answers and the scheduler runs, 200 when
 * both do, 503 with the failing check named when not (send no work until it recovers).
 */
public final class HealthRoutes {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final BooleanSupplier databaseReachable;
    private final BooleanSupplier schedulerRunning;

    public HealthRoutes(BooleanSupplier databaseReachable, BooleanSupplier schedulerRunning) {
        this.databaseReachable = databaseReachable;
        this.schedulerRunning = schedulerRunning;
    }

    public void register(Router router) {
        router.get("/health", (request, response, callback, p) -> ready(response, callback));
        router.get("/health/ready", (request, response, callback, p) -> ready(response, callback));
        router.get("/health/live", (request, response, callback, p) ->
                answer(response, callback, 200, Map.of("status", "up")));
    }

    private void ready(Response response, Callback callback) throws JsonProcessingException {
        Map<String, String> checks = new LinkedHashMap<>();
        checks.put("database", databaseReachable.getAsBoolean() ? "up" : "down");
        checks.put("scheduler", schedulerRunning.getAsBoolean() ? "up" : "down");
        boolean up = !checks.containsValue("down");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", up ? "up" : "down");
        body.put("checks", checks);
        answer(response, callback, up ? 200 : 503, body);
    }

    private static void answer(Response response, Callback callback, int status, Map<String, ?> body)
            throws JsonProcessingException {
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        Responses.text(response, callback, status, "application/json", JSON.writeValueAsString(body) + "\n");
    }
}

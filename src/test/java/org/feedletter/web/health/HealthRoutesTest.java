package org.feedletter.web.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import org.feedletter.config.WebConfig;
import org.feedletter.web.Router;
import org.feedletter.web.WebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HealthRoutesTest {

    private final AtomicBoolean database = new AtomicBoolean(true);
    private final AtomicBoolean scheduler = new AtomicBoolean(true);
    private final HttpClient client = HttpClient.newHttpClient();
    private WebServer server;

    @BeforeEach
    void start() throws Exception {
        Router router = new Router();
        new HealthRoutes(database::get, scheduler::get).register(router);
        new MetricsRoute(() -> "feedletter_up 1.0\n", "text/plain; version=0.0.4; charset=utf-8").register(router);
        server = new WebServer(new WebConfig("127.0.0.1", 0, URI.create("http://localhost")), router);
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void readyWhenTheDatabaseAnswersAndTheSchedulerRuns() throws Exception {
        for (String path : new String[] {"/health", "/health/ready"}) {
            HttpResponse<String> health = get(path);
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.headers().firstValue("Content-Type")).contains("application/json");
            assertThat(health.body()).isEqualTo("{\"status\":\"up\",\"checks\":{\"database\":\"up\",\"scheduler\":\"up\"}}\n");
        }
    }

    @Test
    void notReadyNamesWhatIsDownButStaysAlive() throws Exception {
        database.set(false);

        HttpResponse<String> health = get("/health");

        assertThat(health.statusCode()).isEqualTo(503);
        assertThat(health.body()).isEqualTo("{\"status\":\"down\",\"checks\":{\"database\":\"down\",\"scheduler\":\"up\"}}\n");
        scheduler.set(false);
        assertThat(get("/health/ready").body()).contains("\"scheduler\":\"down\"");
        assertThat(get("/health/live").statusCode()).isEqualTo(200);
    }

    @Test
    void withATokenMetricsWantItAsABearerToken() throws Exception {
        String token = "scrape-token-0123456789";
        Router router = new Router();
        new MetricsRoute(() -> "feedletter_up 1.0\n", "text/plain; version=0.0.4; charset=utf-8", token)
                .register(router);
        try (WebServer guarded = new WebServer(new WebConfig("127.0.0.1", 0, URI.create("http://localhost")), router)) {
            guarded.start();
            URI metrics = URI.create("http://127.0.0.1:" + guarded.port() + "/metrics");

            for (String authorization : new String[] {null, "Bearer wrong-token-0123456789", "Bearer " + token + "x",
                    "Basic " + token, "Bearer", "bearer " + token.substring(1)}) {
                HttpRequest.Builder request = HttpRequest.newBuilder(metrics);
                if (authorization != null) {
                    request.header("Authorization", authorization);
                }
                HttpResponse<String> refused = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
                assertThat(refused.statusCode()).as(String.valueOf(authorization)).isEqualTo(401);
                assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                        value -> assertThat(value).startsWith("Bearer "));
                assertThat(refused.body()).startsWith("401 Unauthorized\n").doesNotContain("feedletter_up", token);
            }
            for (String authorization : new String[] {"Bearer " + token, "bearer  " + token}) {
                HttpResponse<String> scraped = client.send(HttpRequest.newBuilder(metrics)
                        .header("Authorization", authorization).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(scraped.statusCode()).as(authorization).isEqualTo(200);
                assertThat(scraped.body()).isEqualTo("feedletter_up 1.0\n");
            }
        }
    }

    @Test
    void metricsAreServedInThePrometheusTextFormat() throws Exception {
        HttpResponse<String> metrics = get("/metrics");

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type")).contains("text/plain; version=0.0.4; charset=utf-8");
        assertThat(metrics.body()).isEqualTo("feedletter_up 1.0\n");
    }
}

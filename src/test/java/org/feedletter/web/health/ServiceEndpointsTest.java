package org.feedletter.web.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.feedletter.Feedletter;
import org.feedletter.config.ConfigLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The running service answers health and metrics; without an admin password the admin pages are off. */
class ServiceEndpointsTest {

    @TempDir
    Path dir;

    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void theServiceIsReadyOnceItsSchedulerRunsAndServesItsMetrics() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path file = Files.writeString(dir.resolve("feedletter.yaml"), """
                database: { url: "jdbc:h2:mem:service-%s;DB_CLOSE_DELAY=-1" }
                schedule: { poll-every: 1h, editions-every: 1h, deliver-every: 1h }
                web: { port: %d, bind: 127.0.0.1, secret: "${FEEDLETTER_SECRET}" }
                mail: { transport: file, from: digest@example.org, outbox-dir: "%s" }
                """.formatted(UUID.randomUUID(), port, dir.resolve("outbox")));
        try (Feedletter feedletter = Feedletter.open(new ConfigLoader(Map.of("FEEDLETTER_SECRET", "0123456789abcdef0123456789abcdef")).load(file), Clock.systemUTC(), "n1")) {
            feedletter.service().start();

            HttpResponse<String> health = get(port, "/health");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"database\":\"up\"", "\"scheduler\":\"up\"");

            HttpResponse<String> metrics = get(port, "/metrics");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("feedletter_outbox_depth 0.0", "feedletter_feed_fetches_total{",
                    "jvm_memory_used_bytes{");

            HttpResponse<String> admin = get(port, "/admin");
            assertThat(admin.statusCode()).isEqualTo(404);
            assertThat(admin.body()).contains("The admin pages are off");
        }
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}

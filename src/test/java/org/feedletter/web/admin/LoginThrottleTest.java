package org.feedletter.web.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Password guessing is slowed down per client address. */
class LoginThrottleTest {

    @TempDir
    Path dir;

    @Test
    void afterTooManyWrongPasswordsAnAddressWaitsUntilTheOldestLeavesTheWindow() {
        LoginThrottle throttle = new LoginThrottle();
        Instant start = Instant.parse("2026-11-26T10:00:00Z");
        for (int i = 0; i < LoginThrottle.MAX_FAILURES; i++) {
            assertThat(throttle.waitFor("192.0.2.1", start.plusSeconds(i))).isEmpty();
            throttle.failed("192.0.2.1", start.plusSeconds(i));
        }

        assertThat(throttle.waitFor("192.0.2.1", start.plusSeconds(60))).contains(Duration.ofMinutes(14));
        assertThat(throttle.waitFor("192.0.2.2", start.plusSeconds(60))).as("another address").isEmpty();
        assertThat(throttle.waitFor("192.0.2.1", start.plus(Duration.ofMinutes(15)))).isEmpty();
    }

    @Test
    void overHttpTheAnswerIs429WithRetryAfter() throws Exception {
        try (AdminFixture admin = new AdminFixture(dir)) {
            HttpResponse<String> last = null;
            for (int i = 0; i <= LoginThrottle.MAX_FAILURES; i++) {
                last = admin.post("/admin/login", Map.of("Origin", admin.base()), Map.of("password", "guess-" + i));
            }

            assertThat(last.statusCode()).isEqualTo(429);
            assertThat(last.headers().firstValue("Retry-After")).isPresent();
            assertThat(last.body()).contains("Too many wrong passwords");
            assertThat(admin.post("/admin/login", Map.of("Origin", admin.base()),
                    Map.of("password", AdminFixture.PASSWORD)).statusCode()).as("even the right one, for now")
                    .isEqualTo(429);
        }
    }
}

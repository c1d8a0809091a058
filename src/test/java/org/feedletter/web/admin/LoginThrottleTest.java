package org.feedletter.web.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.feedletter.testing.FeedServer;
import org.feedletter.testing.MutableClock;
import org.feedletter.web.WebRig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Password guessing is slowed per client network and per known browser, never for everyone. */
class LoginThrottleTest {

    private static final Instant START = Instant.parse("2026-11-26T10:00:00Z");

    @TempDir
    Path dir;

    @Test
    void fiveWrongPasswordsAreFreeThenEachDoublesTheWaitUpToFifteenMinutes() {
        LoginThrottle throttle = new LoginThrottle();
        Instant now = START;
        for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
            assertThat(throttle.attempt("192.0.2.1", now)).as("attempt " + (i + 1)).isEmpty();
        }
        assertThat(throttle.attempt("192.0.2.1", now.plusSeconds(10))).contains(Duration.ofSeconds(20));
        assertThat(throttle.attempt("192.0.2.2", now.plusSeconds(10))).as("another address").isEmpty();

        List<Duration> waits = new java.util.ArrayList<>();
        for (int i = 0; i < 7; i++) {
            Duration wait = throttle.attempt("192.0.2.1", now).orElseThrow();
            waits.add(wait);
            now = now.plus(wait);
            assertThat(throttle.attempt("192.0.2.1", now)).as("once waited").isEmpty();
        }
        assertThat(waits).containsExactly(Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(2),
                Duration.ofMinutes(4), Duration.ofMinutes(8), Duration.ofMinutes(15), Duration.ofMinutes(15));
    }

    @Test
    void theRightPasswordStartsTheBucketAfreshAndAnHourWithoutFailuresForgetsIt() {
        LoginThrottle throttle = new LoginThrottle();
        for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
            throttle.attempt("a", START);
            throttle.attempt("b", START);
        }
        throttle.succeeded("a");

        assertThat(throttle.attempt("a", START)).isEmpty();
        assertThat(throttle.attempt("b", START)).isPresent();
        assertThat(throttle.attempt("b", START.plus(LoginThrottle.FORGET_AFTER))).isEmpty();
        assertThat(throttle.attempt("b", START.plus(LoginThrottle.FORGET_AFTER))).as("counting from one again")
                .isEmpty();
    }

    @Test
    void attemptsSentAtOnceCountBeforeTheyAreAnswered() {
        LoginThrottle throttle = new LoginThrottle();
        long admitted = java.util.stream.IntStream.range(0, 50).parallel()
                .filter(i -> throttle.attempt("192.0.2.1", START).isEmpty()).count();

        assertThat(admitted).isEqualTo(LoginThrottle.FREE_FAILURES);
    }

    /** Behind a trusted proxy (the test's own address), so X-Forwarded-For says who the client is. */
    static WebRig behindProxy(Path dir, MutableClock clock) throws Exception {
        return WebRig.start(dir, 2525, clock, "trusted-proxies: [127.0.0.1]",
                "admin: { password: \"${FEEDLETTER_ADMIN_PASSWORD}\" }", FeedServer.start(), List.of(),
                Map.of("FEEDLETTER_ADMIN_PASSWORD", AdminSessionsTest.PASSWORD));
    }

    static HttpResponse<String> login(WebRig rig, String from, String password, String... cookies) throws Exception {
        Map<String, String> headers = new java.util.HashMap<>(Map.of("Origin", rig.base(), "X-Forwarded-For", from));
        if (cookies.length > 0) {
            headers.put("Cookie", String.join("; ", cookies));
        }
        return rig.postWith("/admin/login", headers, "password", password);
    }

    @Test
    void overHttpAGuessingAddressWaitsWhileTheOwnerLogsInFromAnother() throws Exception {
        MutableClock clock = new MutableClock(START);
        try (WebRig rig = behindProxy(dir, clock)) {
            for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
                assertThat(login(rig, "203.0.113.7", "guess-" + i).statusCode()).isEqualTo(401);
            }

            HttpResponse<String> throttled = login(rig, "203.0.113.7", AdminSessionsTest.PASSWORD);
            assertThat(throttled.statusCode()).as("refused unread, even the right one").isEqualTo(429);
            assertThat(throttled.headers().firstValue("Retry-After")).contains("30");
            assertThat(throttled.body()).contains("Too many wrong passwords from your address. Try again in 30 seconds.");
            assertThat(throttled.headers().firstValue("Set-Cookie")).isEmpty();

            assertThat(login(rig, "198.51.100.2", AdminSessionsTest.PASSWORD).statusCode()).as("the owner elsewhere")
                    .isEqualTo(303);

            clock.advance(Duration.ofSeconds(30));
            assertThat(login(rig, "203.0.113.7", AdminSessionsTest.PASSWORD).statusCode()).as("once waited")
                    .isEqualTo(303);
        }
    }

    @Test
    void overHttpABrowserThatLoggedInBeforeIsNotSlowedByGuessesFromItsAddress() throws Exception {
        MutableClock clock = new MutableClock(START);
        try (WebRig rig = behindProxy(dir, clock)) {
            HttpResponse<String> first = login(rig, "203.0.113.7", AdminSessionsTest.PASSWORD);
            String device = first.headers().allValues("Set-Cookie").stream()
                    .filter(c -> c.startsWith(AdminAuth.DEVICE_COOKIE + "=")).findFirst().orElseThrow();
            assertThat(device).contains("Path=/admin/login", "HttpOnly", "SameSite=Strict", "Secure");
            String deviceCookie = device.substring(0, device.indexOf(';'));

            for (int i = 0; i < 12; i++) {
                login(rig, "203.0.113.7", "guess-" + i); // the same address, or a proxy shared with the attacker
            }
            assertThat(login(rig, "203.0.113.7", AdminSessionsTest.PASSWORD).statusCode()).isEqualTo(429);
            assertThat(login(rig, "203.0.113.7", AdminSessionsTest.PASSWORD, AdminAuth.DEVICE_COOKIE + "=forged.x")
                    .statusCode()).as("a forged device cookie").isEqualTo(429);

            HttpResponse<String> owner = login(rig, "203.0.113.7", AdminSessionsTest.PASSWORD, deviceCookie);
            assertThat(owner.statusCode()).as("the owner's browser").isEqualTo(303);
            assertThat(owner.headers().allValues("Set-Cookie")).as("keeps its device cookie")
                    .noneMatch(c -> c.startsWith(AdminAuth.DEVICE_COOKIE + "="));
        }
    }

    @Test
    void overHttpAnIpv6ClientCountsByItsSlash64() throws Exception {
        MutableClock clock = new MutableClock(START);
        try (WebRig rig = behindProxy(dir, clock)) {
            for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
                login(rig, "2001:db8:1:2::" + Integer.toHexString(i + 1), "guess");
            }

            assertThat(login(rig, "2001:db8:1:2:ffff::9", "guess").statusCode()).as("the same /64").isEqualTo(429);
            assertThat(login(rig, "2001:db8:1:3::1", AdminSessionsTest.PASSWORD).statusCode()).as("the next /64")
                    .isEqualTo(303);
        }
    }
}

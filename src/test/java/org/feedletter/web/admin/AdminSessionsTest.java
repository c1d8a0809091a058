package org.feedletter.web.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.feedletter.testing.FeedServer;
import org.feedletter.testing.MutableClock;
import org.feedletter.web.WebRig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A logout holds on every node sharing the database and after a restart; a session works until it expires. */
class AdminSessionsTest {

    static final String PASSWORD = "admin-password-for-session-tests";

    @TempDir
    Path dir;

    static WebRig start(Path dir, MutableClock clock) throws Exception {
        return WebRig.start(dir, 2525, clock, "", "admin: { password: \"${FEEDLETTER_ADMIN_PASSWORD}\", session: 2h }",
                FeedServer.start(), List.of(), Map.of("FEEDLETTER_ADMIN_PASSWORD", PASSWORD));
    }

    /** Logs in from our own page; the session cookie as "name=value". */
    static String login(WebRig rig) throws Exception {
        HttpResponse<String> response = rig.postWith("/admin/login", Map.of("Origin", rig.base()), "password", PASSWORD);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(303);
        String setCookie = response.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(AdminAuth.COOKIE + "=")).findFirst().orElseThrow();
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    static void logout(WebRig rig, String cookie) throws Exception {
        String csrf = AdminFixture.csrf(rig.get("/admin", "Cookie", cookie).body());
        HttpResponse<String> logout = rig.postWith("/admin/logout", Map.of("Origin", rig.base(), "Cookie", cookie),
                "csrf", csrf);
        assertThat(logout.statusCode()).isEqualTo(303);
    }

    static int status(WebRig rig, String cookie) throws Exception {
        return rig.get("/admin", "Cookie", cookie).statusCode();
    }

    @Test
    void aLoggedOutCookieStaysRefusedAfterARestartAndOnAnotherNode() throws Exception {
        MutableClock clock = MutableClock.at("2026-11-26T10:00:00Z");
        WebRig rig = start(dir, clock);
        try {
            String stolen = login(rig);
            String kept = login(rig);
            try (WebRig other = rig.anotherNode()) {
                assertThat(status(other, stolen)).as("a session works on every node").isEqualTo(200);

                logout(rig, stolen);

                assertThat(status(rig, stolen)).isEqualTo(401);
                assertThat(status(other, stolen)).as("on the other node").isEqualTo(401);
                assertThat(status(other, kept)).as("another session").isEqualTo(200);
            }

            rig = rig.restarted();

            assertThat(status(rig, stolen)).as("after a restart").isEqualTo(401);
            assertThat(status(rig, kept)).isEqualTo(200);
            clock.advance(Duration.ofHours(2));
            assertThat(status(rig, kept)).as("expired").isEqualTo(401);
        } finally {
            rig.close();
        }
    }
}

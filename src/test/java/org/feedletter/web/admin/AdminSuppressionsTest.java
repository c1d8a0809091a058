package org.feedletter.web.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Suppressions on the admin's subscribers page: listed with their evidence, added and lifted through CSRF-checked POSTs. */
class AdminSuppressionsTest {

    @TempDir
    static Path dir;

    private static AdminFixture admin;

    @BeforeAll
    static void start() throws Exception {
        admin = new AdminFixture(dir);
    }

    @AfterAll
    static void stop() {
        admin.close();
    }

    private Map<String, String> ownOrigin(String cookie) {
        return Map.of("Origin", admin.base(), "Cookie", cookie);
    }

    @Test
    void anAddressIsSuppressedListedWithItsEvidenceAndLifted() throws Exception {
        String cookie = admin.login();
        String csrf = AdminFixture.csrf(admin.get("/admin/subscribers", cookie).body());

        assertThat(admin.post("/admin/suppressions/add", ownOrigin(cookie), Map.of("csrf", "forged", "email",
                "alice@example.org")).statusCode()).isEqualTo(403);
        HttpResponse<String> suppressed = admin.post("/admin/suppressions/add", ownOrigin(cookie),
                Map.of("csrf", csrf, "email", "Alice@Example.org", "note", "complained by phone"));
        assertThat(suppressed.body()).contains("Address suppressed",
                "alice@example.org is never mailed again until the suppression is lifted.");

        String page = admin.get("/admin/subscribers", cookie).body();
        assertThat(page).contains("Suppressed addresses", "<td>alice@example.org</td><td>manual</td>"
                + "<td>complained by phone</td>", "action=\"/admin/suppressions/lift\"");
        assertThat(admin.feedletter.subscribers().findByEmail("alice@example.org").orElseThrow().state().name())
                .isEqualTo("BOUNCED");
        assertThat(admin.get("/admin/subscribers?q=alice", cookie).body())
                .contains("suppressed, manual: complained by phone", "Lift suppression");
        assertThat(admin.get("/metrics", null).body()).contains("feedletter_suppressions{reason=\"manual\"} 1.0");

        HttpResponse<String> lifted = admin.post("/admin/suppressions/lift", ownOrigin(cookie),
                Map.of("csrf", csrf, "email", "alice@example.org"));
        assertThat(lifted.body()).contains("Suppression lifted", "alice@example.org may be mailed again");
        assertThat(admin.get("/admin/subscribers", cookie).body()).contains("No address is suppressed.");
        assertThat(admin.feedletter.subscribers().findByEmail("alice@example.org").orElseThrow().state().name())
                .isEqualTo("ACTIVE");
        assertThat(admin.post("/admin/suppressions/lift", ownOrigin(cookie), Map.of("csrf", csrf, "email",
                "alice@example.org")).body()).contains("Nothing to lift");
    }

    @Test
    void thePageShowsEachEditionsRates() throws Exception {
        String page = admin.get("/admin/subscribers", admin.login()).body();

        assertThat(page).contains("Bounces and complaints per edition", "<td>quick-comment</td>");
    }
}

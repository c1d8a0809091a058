package org.feedletter.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.feedletter.store.StoredSubscriber;
import org.feedletter.subscribe.LinkTokens;
import org.feedletter.subscribe.LinkTokens.Claims;
import org.feedletter.subscribe.LinkTokens.Purpose;
import org.feedletter.testing.FeedServer;
import org.feedletter.testing.MutableClock;
import org.feedletter.web.RawHttp;
import org.feedletter.web.WebRig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attacks on the web side, against a real server: feedletter serving HTTP behind a reverse proxy it trusts (the
 * test's own address, so X-Forwarded-For names the client), with admin pages, a metrics token and a subscriber.
 * Each test attacks from its own addresses, so one's throttling never meets another's.
 */
class WebAttackTest {

    private static final String PASSWORD = "the-owners-admin-password";
    private static final String METRICS_TOKEN = "scrape-token-0123456789abcdef";
    private static final String COOKIE = "feedletter_admin";
    private static final String BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    @TempDir
    static Path dir;
    @TempDir
    Path ownDir;

    private static final MutableClock clock = MutableClock.at("2026-11-26T10:00:00Z");
    private static WebRig rig;

    @BeforeAll
    static void start() throws Exception {
        rig = start(dir, "127.0.0.1");
    }

    /** A node trusting {@code proxies} (YAML list items) as its reverse proxies. */
    private static WebRig start(Path dir, String proxies) throws Exception {
        return WebRig.start(dir, 2525, clock, "trusted-proxies: [" + proxies + "], metrics-token: "
                        + "\"${FEEDLETTER_METRICS_TOKEN}\"", """
                admin: { password: "${FEEDLETTER_ADMIN_PASSWORD}" }
                subscriptions: { per-client: 3 }
                subscribers:
                  - { email: alice@example.org, newsletters: [quick-comment] }
                """, FeedServer.start(), List.of(),
                Map.of("FEEDLETTER_ADMIN_PASSWORD", PASSWORD, "FEEDLETTER_METRICS_TOKEN", METRICS_TOKEN));
    }

    @AfterAll
    static void stop() {
        rig.close();
    }

    private static HttpResponse<String> login(WebRig rig, String from, String password) throws Exception {
        return rig.postWith("/admin/login", Map.of("Origin", rig.base(), "X-Forwarded-For", from),
                "password", password);
    }

    private static String sessionCookie(HttpResponse<String> login) {
        assertThat(login.statusCode()).as(login.body()).isEqualTo(303);
        String setCookie = login.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(COOKIE + "="))
                .findFirst().orElseThrow();
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    private static int adminPage(String cookie) throws Exception {
        return rig.get("/admin", "Cookie", cookie).statusCode();
    }

    @Test
    void aStolenSessionCookieIsWorthlessOnceItsOwnerLoggedOutEvenAfterARestart() throws Exception {
        String cookie = sessionCookie(login(rig, "198.51.100.10", PASSWORD));
        String stolen = cookie; // copied from the owner's browser
        String page = rig.get("/admin", "Cookie", cookie).body();
        String csrf = page.substring(page.indexOf("name=\"csrf\" value=\"") + 19);
        csrf = csrf.substring(0, csrf.indexOf('"'));
        assertThat(rig.postWith("/admin/logout", Map.of("Origin", rig.base(), "Cookie", cookie), "csrf", csrf)
                .statusCode()).isEqualTo(303);

        assertThat(adminPage(stolen)).isEqualTo(401);
        rig = rig.restarted();
        assertThat(adminPage(stolen)).as("after a restart").isEqualTo(401);
        assertThat(rig.post("/admin/poll", "csrf", csrf).statusCode()).isIn(401, 403);
    }

    @Test
    void guessingFromOneAddressNeverLocksOutTheOwnerOnAnother() throws Exception {
        int refused = 0;
        for (int i = 0; i < 30; i++) {
            int status = login(rig, "203.0.113.66", "guess-" + i).statusCode();
            assertThat(status).isIn(401, 429);
            refused += status == 429 ? 1 : 0;
        }
        assertThat(refused).as("all but the first five refused unread").isEqualTo(25);

        assertThat(login(rig, "198.51.100.20", PASSWORD).statusCode()).as("the owner").isEqualTo(303);
        HttpResponse<String> attacker = login(rig, "203.0.113.66", PASSWORD);
        assertThat(attacker.statusCode()).as("the right password, but from the guessing address").isEqualTo(429);
        clock.advance(Duration.ofSeconds(Long.parseLong(attacker.headers().firstValue("Retry-After").orElseThrow())));
        assertThat(login(rig, "203.0.113.66", "guess-again").statusCode()).as("one guess once waited")
                .isEqualTo(401);
    }

    @Test
    void whatAClientWritesIntoXForwardedForItselfDoesNotMakeItSomeoneElse() throws Exception {
        for (int i = 0; i < 10; i++) {
            // the proxy appends the address it saw (203.0.113.77) to whatever the client sent
            login(rig, "192.0.2." + i + ", 203.0.113.77", "guess-" + i);
        }

        assertThat(login(rig, "192.0.2.200, 203.0.113.77", "guess").statusCode()).isEqualTo(429);
    }

    @Test
    void xForwardedForFromAPeerThatIsNoTrustedProxyIsIgnored() throws Exception {
        try (WebRig direct = start(ownDir, "10.0.0.0/8")) {
            for (int i = 0; i < 5; i++) {
                login(direct, "192.0.2." + i, "guess-" + i);
            }
            assertThat(login(direct, "192.0.2.99", "guess").statusCode()).as("every spoofed address is the peer's")
                    .isEqualTo(429);

            for (int i = 0; i < 3; i++) {
                signUp(direct, "192.0.2." + i, "person" + i + "@example.org");
            }
            assertThat(signUp(direct, "192.0.2.99", "another@example.org").statusCode())
                    .as("the sign-up limit per client holds too").isEqualTo(429);
        }
    }

    private static HttpResponse<String> signUp(WebRig rig, String from, String email) throws Exception {
        return rig.postWith("/subscribe", Map.of("X-Forwarded-For", from), "email", email, "newsletter",
                "quick-comment", "frequency", "edition", "timeZone", "UTC", "website", "");
    }

    @Test
    void aTokenSpelledOtherwiseOpensNothing() throws Exception {
        StoredSubscriber alice = rig.feedletter.subscribers().findByEmail("alice@example.org").orElseThrow();
        LinkTokens tokens = new LinkTokens(WebRig.SECRET);
        String preferences = tokens.sign(new Claims(Purpose.PREFERENCES, alice.id(), alice.tokenVersion(), "", null));
        String unsubscribe = tokens.sign(new Claims(Purpose.UNSUBSCRIBE, alice.id(), alice.tokenVersion(),
                "quick-comment", null));
        assertThat(rig.get("/preferences?token=" + preferences).statusCode()).as("the genuine link").isEqualTo(200);

        for (String token : List.of(preferences, unsubscribe)) {
            String path = token == preferences ? "/preferences" : "/unsubscribe";
            for (String tampered : otherSpellings(token)) {
                assertThat(rig.get(path + "?token=" + tampered).statusCode()).as(path + " " + tampered)
                        .isEqualTo(400);
                assertThat(rig.post(path + "?token=" + tampered, "scope", "all", "action", "leave").statusCode())
                        .as("POST " + path + " " + tampered).isEqualTo(400);
            }
        }
        assertThat(rig.feedletter.subscribers().findByEmail("alice@example.org").orElseThrow().state())
                .isEqualTo(StoredSubscriber.State.ACTIVE);
    }

    /** The same bytes, spelled otherwise: unused bits set, padded (URL-encoded), in the standard alphabet. */
    private static List<String> otherSpellings(String token) {
        String payload = token.substring(0, token.indexOf('.'));
        String signature = token.substring(token.indexOf('.') + 1);
        char last = signature.charAt(signature.length() - 1);
        List<String> spellings = new ArrayList<>(List.of(
                payload + "." + signature.substring(0, signature.length() - 1)
                        + BASE64URL.charAt(BASE64URL.indexOf(last) ^ 1),
                token + "%3D",
                payload + "%3D." + signature));
        String standardAlphabet = token.replace("-", "%2B").replace("_", "%2F");
        if (!standardAlphabet.equals(token)) {
            spellings.add(standardAlphabet);
        }
        return spellings;
    }

    @Test
    void theMetricsWantTheTokenAndTheAdminCookieSpelledOtherwiseIsNoSession() throws Exception {
        assertThat(rig.get("/metrics").statusCode()).isEqualTo(401);
        assertThat(rig.get("/metrics").headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                v -> assertThat(v).startsWith("Bearer"));
        assertThat(rig.get("/metrics", "Authorization", "Bearer " + METRICS_TOKEN.substring(1)).statusCode())
                .isEqualTo(401);
        assertThat(rig.get("/metrics", "X-Forwarded-For", "127.0.0.1").statusCode()).as("no address is trusted")
                .isEqualTo(401);
        HttpResponse<String> scraped = rig.get("/metrics", "Authorization", "Bearer " + METRICS_TOKEN);
        assertThat(scraped.statusCode()).isEqualTo(200);
        assertThat(scraped.body()).contains("feedletter_");

        String cookie = sessionCookie(login(rig, "198.51.100.30", PASSWORD));
        char last = cookie.charAt(cookie.length() - 1);
        assertThat(adminPage(cookie.substring(0, cookie.length() - 1) + BASE64URL.charAt(BASE64URL.indexOf(last) ^ 1)))
                .isEqualTo(401);
        assertThat(adminPage(cookie)).isEqualTo(200);
    }

    @Test
    void malformedRequestsGetPlainPagesThatNameNothing() throws Exception {
        int port = URI.create(rig.base()).getPort();
        String body = "email=" + "x".repeat(100_000);
        Map<String, String> attacks = new HashMap<>(Map.of(
                "bad request line", "GARBAGE / \u0001\r\n\r\n",
                "bad header", "GET /subscribe HTTP/1.1\r\nHost: x\r\nBad Header: <script>\r\n\r\n",
                "oversize header", "GET /subscribe HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n",
                "unknown method", "PROPFIND /subscribe HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                "ambiguous path", "GET /archive/%2e%2e/admin HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                "unknown path", "GET /WEB-INF/web.xml HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                "form too large", "POST /subscribe HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: "
                        + "application/x-www-form-urlencoded\r\nContent-Length: " + body.length() + "\r\n\r\n" + body,
                "bad version", "GET /subscribe HTTP/9.9\r\nHost: x\r\n\r\n"));
        for (Map.Entry<String, String> attack : attacks.entrySet()) {
            String answer = RawHttp.exchange(port, attack.getValue());
            assertThat(answer).as(attack.getKey()).matches("(?s)HTTP/1\\.1 (4|5)\\d\\d .*")
                    .contains("\r\nContent-Type: text/plain; charset=utf-8\r\n", "\r\nX-Content-Type-Options: nosniff\r\n",
                            "\r\nContent-Security-Policy: default-src 'none'");
            assertThat(answer.toLowerCase()).as(attack.getKey()).doesNotContain("jetty", "java", "exception",
                    "eclipse", "<script>", "<html", "server:");
        }
    }

    /** A query that is not valid percent-encoding is the client's error (400), on every route that reads one. */
    @Test
    void queriesThatAreNotPercentEncodingAreBadRequestsNotServerErrors() throws Exception {
        int port = URI.create(rig.base()).getPort();
        for (String target : List.of("/feed.atom?%", "/feed.json?a=%E0%A4%A", "/subscribe?%", "/confirm?token=%zz",
                "/preferences?token=%", "/unsubscribe?token=%G0", "/admin/login?%")) {
            String answer = RawHttp.exchange(port, "GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            assertThat(answer).as(target).startsWith("HTTP/1.1 400 ").endsWith("\r\n\r\n400 Bad Request\n")
                    .contains("\r\nContent-Type: text/plain; charset=utf-8\r\n");
        }
    }

    @Test
    void aRouteThatFailsSaysSoPlainly() throws Exception {
        try (WebRig failing = start(ownDir, "127.0.0.1")) {
            String url = failing.feedletter.config().database().url();
            try (Connection h2 = DriverManager.getConnection(url, "sa", "")) {
                h2.createStatement().execute("SHUTDOWN"); // every query of the running server fails from now on
            }

            String answer = RawHttp.exchange(URI.create(failing.base()).getPort(),
                    "GET /archive HTTP/1.1\r\nHost: x\r\nAccept: text/html\r\nConnection: close\r\n\r\n");

            assertThat(answer).startsWith("HTTP/1.1 500 ").contains("\r\n\r\n500 Server Error\n");
            assertThat(answer.toLowerCase()).doesNotContain("jdbc", "h2", "sql", "java", "jetty", "exception");
        }
    }
}

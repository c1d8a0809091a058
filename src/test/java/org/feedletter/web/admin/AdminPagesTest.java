package org.feedletter.web.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.feedletter.store.Database;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin pages over HTTP: who gets in, which requests count as theirs, and what the pages show. */
class AdminPagesTest {

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
    void withoutCredentialsEveryPageIs401WithTheLoginForm() throws Exception {
        for (String page : new String[] {"/admin", "/admin/feeds", "/admin/newsletters", "/admin/subscribers",
                "/admin/items", "/admin/items/1"}) {
            HttpResponse<String> response = admin.get(page, null);
            assertThat(response.statusCode()).as(page).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).as(page).isPresent();
            assertThat(response.body()).as(page).contains("name=\"password\"", "value=\"" + page + "\"")
                    .doesNotContain("Site-wide");
        }
        assertThat(admin.post("/admin/poll", Map.of("Origin", admin.base()), Map.of()).statusCode()).isEqualTo(401);
    }

    @Test
    void aWrongPasswordIsRefusedAndTheRightOneGivesAStrictHttpOnlyCookie() throws Exception {
        HttpResponse<String> wrong = admin.post("/admin/login", Map.of("Origin", admin.base()),
                Map.of("password", "guess"));
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).contains("That is not the admin password.");

        HttpResponse<String> right = admin.post("/admin/login", Map.of("Origin", admin.base()),
                Map.of("password", AdminFixture.PASSWORD, "next", "/admin/feeds?page=1"));
        assertThat(right.statusCode()).isEqualTo(303);
        assertThat(right.headers().firstValue("Location")).contains("/admin/feeds?page=1");
        assertThat(right.headers().firstValue("Set-Cookie").orElseThrow()).startsWith(AdminAuth.COOKIE + "=")
                .contains("Path=/admin", "HttpOnly", "SameSite=Strict", "Secure");

        HttpResponse<String> elsewhere = admin.post("/admin/login", Map.of("Origin", admin.base()),
                Map.of("password", AdminFixture.PASSWORD, "next", "//evil.example/admin"));
        assertThat(elsewhere.headers().firstValue("Location")).contains("/admin");
    }

    @Test
    void aLoginFromAnotherSiteIsRefused() throws Exception {
        HttpResponse<String> response = admin.post("/admin/login", Map.of("Origin", "https://evil.example"),
                Map.of("password", AdminFixture.PASSWORD));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
    }

    @Test
    void aTamperedOrLoggedOutSessionIsNoSession() throws Exception {
        String cookie = admin.login();
        String tampered = cookie.substring(0, cookie.indexOf('=') + 1) + "9999999999" + cookie.substring(
                cookie.indexOf('.'));
        assertThat(admin.get("/admin", tampered).statusCode()).isEqualTo(401);

        String csrf = AdminFixture.csrf(admin.get("/admin", cookie).body());
        HttpResponse<String> logout = admin.post("/admin/logout", ownOrigin(cookie), Map.of("csrf", csrf));
        assertThat(logout.statusCode()).isEqualTo(303);
        assertThat(logout.headers().firstValue("Set-Cookie").orElseThrow()).contains("Expires=Thu, 01 Jan 1970");
        assertThat(admin.get("/admin", cookie).statusCode()).isEqualTo(401);
    }

    @Test
    void aSessionCookieSpelledOtherwiseIsNoSession() throws Exception {
        String cookie = admin.login();
        String name = cookie.substring(0, cookie.indexOf('=') + 1);
        String value = cookie.substring(name.length());
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        char last = value.charAt(value.length() - 1);
        // The 32-byte signature is 43 characters; the last one's lowest bit is unused: the same bytes.
        String sameBytes = value.substring(0, value.length() - 1) + alphabet.charAt(alphabet.indexOf(last) ^ 1);
        assertThat(admin.get("/admin", cookie).statusCode()).isEqualTo(200);

        assertThat(admin.get("/admin", name + sameBytes).statusCode()).as("unused bits set").isEqualTo(401);
        assertThat(admin.get("/admin", name + value + "=").statusCode()).as("padded").isEqualTo(401);
        assertThat(admin.get("/admin", name + "0" + value).statusCode()).as("expiry with a leading zero")
                .isEqualTo(401);
        String standardAlphabet = value.replace('-', '+').replace('_', '/');
        if (!standardAlphabet.equals(value)) {
            assertThat(admin.get("/admin", name + standardAlphabet).statusCode()).as("standard alphabet")
                    .isEqualTo(401);
        }
    }

    @Test
    void anActionNeedsOurOriginAndTheSessionsCsrfToken() throws Exception {
        String cookie = admin.login();
        String csrf = AdminFixture.csrf(admin.get("/admin", cookie).body());
        String otherSessionsToken = AdminFixture.csrf(admin.get("/admin", admin.login()).body());

        assertThat(admin.post("/admin/poll", Map.of("Origin", "https://evil.example", "Cookie", cookie),
                Map.of("csrf", csrf)).statusCode()).as("another site").isEqualTo(403);
        assertThat(admin.post("/admin/poll", Map.of("Origin", "null", "Cookie", cookie),
                Map.of("csrf", csrf)).statusCode()).as("an opaque origin").isEqualTo(403);
        assertThat(admin.post("/admin/poll", Map.of("Cookie", cookie), Map.of("csrf", csrf)).statusCode())
                .as("neither Origin nor Referer").isEqualTo(403);
        assertThat(admin.post("/admin/poll", ownOrigin(cookie), Map.of()).statusCode()).as("no token").isEqualTo(403);
        assertThat(admin.post("/admin/poll", ownOrigin(cookie), Map.of("csrf", otherSessionsToken)).statusCode())
                .as("another session's token").isEqualTo(403);

        HttpResponse<String> poll = admin.post("/admin/poll", Map.of("Referer", admin.base() + "/admin/feeds",
                "Cookie", cookie), Map.of("csrf", csrf));
        assertThat(poll.statusCode()).isEqualTo(200);
        assertThat(poll.body()).as("the poll's result, shown in place").containsPattern("Polled 3 feeds: \\d+ new items?")
                .contains("1 failed", "<tr id=\"failed-3\"><td>Broken", "HTTP 503");
    }

    @Test
    void aRefusedPostWhoseBodyComesLateStillLeavesTheConnectionForTheNextRequest() throws Exception {
        int port = URI.create(admin.base()).getPort();
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            String body = "csrf=forged";
            out.write(("POST /admin/poll HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: https://evil.example\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length()
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread.sleep(200); // the body in a later packet, as clients that send headers first do
            out.write((body + "GET /admin HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();

            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII));
            List<String> statusLines = new ArrayList<>();
            for (String line = in.readLine(); line != null && statusLines.size() < 2; line = in.readLine()) {
                if (line.startsWith("HTTP/1.1 ")) {
                    statusLines.add(line);
                }
            }
            assertThat(statusLines).hasSize(2);
            assertThat(statusLines.get(0)).startsWith("HTTP/1.1 403");
            assertThat(statusLines.get(1)).startsWith("HTTP/1.1 401");
        }
    }

    @Test
    void thePagesShowFeedHealthEditionsBouncesAndSubscribers() throws Exception {
        String cookie = admin.login();

        HttpResponse<String> overview = admin.get("/admin", cookie);
        assertThat(overview.statusCode()).isEqualTo(200);
        assertThat(overview.headers().firstValue("Content-Security-Policy")).contains(
                "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; "
                        + "frame-ancestors 'none'; base-uri 'none'");
        assertThat(overview.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(overview.body()).contains("<h1>Overview</h1>", "Broken", "HTTP 503", "The last 30 days",
                        "Items published", "Messages sent <span class=\"muted\">(2 in 30 days)</span>",
                        "Messages failed <span class=\"muted\">(0 in 30 days)</span>",
                        "Active subscribers <span class=\"muted\">(now ", "<line class=\"axis\"")
                .containsPattern("<svg class=\"daily \" [^>]*aria-label=\"Messages sent: 2 in 30 days, at most \\d+ a day\"")
                .containsPattern("<title>\\d{4}-\\d\\d-\\d\\d: 2 messages</title>")
                .doesNotContain("<script", "src=\"http", "<link ", "@import");

        String feeds = admin.get("/admin/feeds", cookie).body();
        assertThat(feeds).contains("3 feeds", "1 failing", "Site-wide", "Partner", "<svg class=\"chart\"",
                "entries</title>", "503");

        String newsletters = admin.get("/admin/newsletters", cookie).body();
        assertThat(newsletters).contains("Quick Comment digest", "Preview next edition", "bob@example.org",
                        "Every day at 08:00 (Europe/Stockholm, <code>0 0 8 * * ?</code>)")
                .containsPattern("next edition \\w{3} \\d{1,2} \\w{3} \\d{4}, 08:00 CES?T")
                .containsPattern("<td>1</td><td>\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC</td><td>sent</td><td>3</td>\\s*"
                        + "<td>2</td><td>0</td><td>0</td><td>0</td>");

        String subscribers = admin.get("/admin/subscribers?q=ALI", cookie).body();
        assertThat(subscribers).contains("alice@example.org", "active").doesNotContain("bob@example.org");
        assertThat(admin.get("/admin/subscribers?state=bounced", cookie).body()).contains("bob@example.org")
                .doesNotContain("alice@example.org");
    }

    @Test
    void theItemsPageListsAMergedItemAndExplainsEachOfItsSources() throws Exception {
        String cookie = admin.login();

        HttpResponse<String> list = admin.get("/admin/items", cookie);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("<h1>Items</h1>", "href=\"/admin/items\" class=\"active\"")
                .doesNotContain("<script");
        Matcher row = Pattern.compile("<tr id=\"item-(\\d+)\">\\s*<td><a href=\"/admin/items/\\1\">"
                + "Quick Comment: Central bank pauses</a>.*?</tr>", Pattern.DOTALL).matcher(list.body());
        assertThat(row.find()).as("the shared piece in the list").isTrue();
        assertThat(row.group()).contains("<td>2 <span class=\"merged\"");
        String id = row.group(1);

        String detail = admin.get("/admin/items/" + id, cookie).body();
        assertThat(detail).contains("<h1>Quick Comment: Central bank pauses</h1>",
                "https://think.example.org/qc/central-bank-pause", "Sources (2)", "Site-wide", "Partner",
                "partner-9001", "http://think.example.org/qc/central-bank-pause?utm_medium=partner&amp;utm_campaign=weekly",
                "<td class=\"rule\">new</td>", "no earlier item under this URL",
                "<td class=\"rule\">canonical-url</td>",
                "same canonical URL https://think.example.org/qc/central-bank-pause; item " + id,
                "<th>Shown from</th><td>Site-wide: the only entry on its own feed&#39;s site",
                "title \"central bank pauses\"", "<strong>shown</strong>");

        String partnerUrl = "http://think.example.org/qc/central-bank-pause?utm_medium=partner";
        String found = admin.get("/admin/items?q=" + URLEncoder.encode(partnerUrl, StandardCharsets.UTF_8), cookie)
                .body();
        assertThat(found).contains("id=\"item-" + id + "\"", "value=\"" + partnerUrl.replace("&", "&amp;") + "\"");
        assertThat(admin.get("/admin/items?q=" + id, cookie).body()).contains("id=\"item-" + id + "\"");
    }

    @Test
    void anUnknownItemIsNotFoundAndAQueryThatMatchesNothingIsShownEscaped() throws Exception {
        String cookie = admin.login();

        assertThat(admin.get("/admin/items/999999", cookie).statusCode()).isEqualTo(404);
        assertThat(admin.get("/admin/items/nope", cookie).statusCode()).isEqualTo(404);
        HttpResponse<String> none = admin.get("/admin/items?q="
                + URLEncoder.encode("https://nowhere.example/<script>", StandardCharsets.UTF_8), cookie);
        assertThat(none.statusCode()).isEqualTo(200);
        assertThat(none.body()).contains("No item matches “https://nowhere.example/&lt;script&gt;”.")
                .doesNotContain("<script", "<tr id=\"item-");
    }

    @Test
    void subscribersAreAddedRemovedAndExportedAsTheCliDoesIt() throws Exception {
        String cookie = admin.login();
        String csrf = AdminFixture.csrf(admin.get("/admin/subscribers", cookie).body());

        HttpResponse<String> added = admin.post("/admin/subscribers/add", ownOrigin(cookie),
                Map.of("csrf", csrf, "email", "Carol@Example.org", "newsletters", "quick-comment"));
        assertThat(added.statusCode()).isEqualTo(200);
        assertThat(added.body()).contains("Subscriber added", "carol@example.org: added");
        HttpResponse<String> typo = admin.post("/admin/subscribers/add", ownOrigin(cookie),
                Map.of("csrf", csrf, "email", "dave@example.org", "newsletters", "quick-coment"));
        assertThat(typo.body()).contains("Subscriber not added", "no newsletter quick-coment (did you mean "
                + "quick-comment?)");

        HttpResponse<String> csv = admin.get("/admin/subscribers.csv", cookie);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith(
                "text/csv"));
        assertThat(csv.headers().firstValue("Content-Disposition")).contains("attachment; filename=\"subscribers.csv\"");
        assertThat(csv.body()).startsWith("email,state,newsletters,").contains("carol@example.org,active,quick-comment,")
                .doesNotContain("dave@example.org");

        HttpResponse<String> removed = admin.post("/admin/subscribers/remove", ownOrigin(cookie),
                Map.of("csrf", csrf, "email", "carol@example.org"));
        assertThat(removed.body()).contains("carol@example.org gets no more newsletters.");
        assertThat(admin.get("/admin/subscribers.csv", cookie).body()).contains("carol@example.org,unsubscribed,");
        assertThat(admin.post("/admin/subscribers/remove", ownOrigin(cookie), Map.of("csrf", "forged", "email",
                "alice@example.org")).statusCode()).isEqualTo(403);
        assertThat(admin.get("/admin/subscribers.csv", null).statusCode()).isNotEqualTo(200);
    }

    @Test
    void feedsAreAddedPausedRenamedRetimedAndRemovedAsTheCliDoesIt() throws Exception {
        String cookie = admin.login();
        String csrf = AdminFixture.csrf(admin.get("/admin/feeds", cookie).body());

        HttpResponse<String> added = admin.post("/admin/feeds/add", ownOrigin(cookie), Map.of("csrf", csrf,
                "url", "https://partner.example.net/feed.xml", "name", "Partner review", "interval", "2h"));
        assertThat(added.body()).contains("Add a feed: done", "Added feed 4: Partner review, polled every 2h.");
        assertThat(admin.post("/admin/feeds/add", ownOrigin(cookie), Map.of("csrf", csrf, "url", "ftp://x.example/f"))
                .body()).contains("Add a feed: refused", "is not an http or https address");

        assertThat(admin.post("/admin/feeds/4/rename", ownOrigin(cookie), Map.of("csrf", csrf, "name", "Review"))
                .body()).contains("Feed 4 is now called Review.");
        assertThat(admin.post("/admin/feeds/4/interval", ownOrigin(cookie), Map.of("csrf", csrf, "interval", "15m"))
                .body()).contains("Feed 4 (Review) is polled every 15m from its next poll on.");
        assertThat(admin.post("/admin/feeds/4/interval", ownOrigin(cookie), Map.of("csrf", csrf, "interval", "often"))
                .body()).contains("Interval: refused", "Expected a duration like 500ms, 10s, 30m, 2h, 2d or PT30M, "
                + "got &#39;often&#39;.");
        assertThat(admin.post("/admin/feeds/1/rename", ownOrigin(cookie), Map.of("csrf", csrf, "name", "X"))
                .body()).contains("Rename: refused", "comes from the config file", "rename it there.");

        assertThat(admin.post("/admin/feeds/1/pause", ownOrigin(cookie), Map.of("csrf", csrf)).body())
                .contains("is paused: it is not polled until resumed");
        assertThat(admin.get("/admin/feeds", cookie).body()).contains("action=\"/admin/feeds/1/resume\"");
        assertThat(admin.post("/admin/feeds/1/resume", ownOrigin(cookie), Map.of("csrf", csrf)).body())
                .contains("is polled again, from now");

        assertThat(admin.post("/admin/feeds/4/remove", ownOrigin(cookie), Map.of("csrf", csrf)).body())
                .contains("Removed feed 4 (Review): it is no longer polled; its items stay.");
        assertThat(admin.get("/admin/feeds", cookie).body()).doesNotContain("Review").contains("3 feeds");
        assertThat(admin.post("/admin/feeds/1/pause", ownOrigin(cookie), Map.of("csrf", "forged")).statusCode())
                .isEqualTo(403);
    }

    @Test
    void failedMessagesAreQueuedAgainFromTheOverview() throws Exception {
        String cookie = admin.login();
        assertThat(admin.get("/admin", cookie).body()).doesNotContain("/admin/outbox/retry");
        // One message given up on, as the deliverer leaves it after a 5xx (the fixture's named in-memory database).
        Database database = Database.open(admin.feedletter.config().database());
        database.jdbi().useHandle(h -> h.execute("UPDATE outbox SET state = 'failed', last_error = '550 relay denied' "
                + "WHERE id = (SELECT MIN(id) FROM outbox)"));
        String overview = admin.get("/admin", cookie).body();
        assertThat(overview).containsPattern("Retry \\d+ failed messages?");
        long failed = admin.feedletter.outbox().countByState().getOrDefault("failed", 0L);
        assertThat(failed).isPositive();

        HttpResponse<String> retried = admin.post("/admin/outbox/retry", ownOrigin(cookie),
                Map.of("csrf", AdminFixture.csrf(overview)));

        assertThat(retried.statusCode()).isEqualTo(200);
        assertThat(retried.body()).contains(failed + (failed == 1 ? " failed message is" : " failed messages are")
                + " queued again");
        assertThat(admin.feedletter.outbox().countByState().getOrDefault("failed", 0L)).isZero();
        assertThat(admin.get("/admin", cookie).body()).doesNotContain("/admin/outbox/retry");
        assertThat(admin.post("/admin/outbox/retry", ownOrigin(cookie), Map.of("csrf", "forged")).statusCode())
                .isEqualTo(403);
        // The fixture is shared by this class's tests: the message goes back to how the others expect it.
        database.jdbi().useHandle(h -> h.execute("UPDATE outbox SET state = 'sent', last_error = NULL "
                + "WHERE id = (SELECT MIN(id) FROM outbox)"));
        database.close();
    }

    @Test
    void previewShowsTheNextEditionAndWhyEachItemIsInOrOut() throws Exception {
        String cookie = admin.login();
        String csrf = AdminFixture.csrf(admin.get("/admin/newsletters", cookie).body());

        HttpResponse<String> preview = admin.post("/admin/newsletters/quick-comment/preview", ownOrigin(cookie),
                Map.of("csrf", csrf, "email", "alice@example.org"));

        assertThat(preview.statusCode()).isEqualTo(200);
        assertThat(preview.body()).contains("Next edition of Quick Comment digest", "alice@example.org",
                "Nothing was", "no category or title prefix among [quick comment]");
        assertThat(admin.post("/admin/newsletters/nope/preview", ownOrigin(cookie), Map.of("csrf", csrf))
                .statusCode()).isEqualTo(404);
    }

    @Test
    void resendingAConfirmationQueuesOneForAPendingSubscriberOnly() throws Exception {
        String cookie = admin.login();
        String csrf = AdminFixture.csrf(admin.get("/admin/subscribers", cookie).body());
        long alice = admin.feedletter.subscribers().findByEmail("alice@example.org").orElseThrow().id();
        long bob = admin.feedletter.subscribers().findByEmail("bob@example.org").orElseThrow().id();
        // The fixture's named in-memory H2 database, opened a second time beside feedletter's own pool.
        Database database = Database.open(admin.feedletter.config().database());
        database.jdbi().useHandle(h -> h.execute("UPDATE subscribers SET state = 'pending' WHERE id = ?", alice));

        HttpResponse<String> pending = admin.post("/admin/subscribers/" + alice + "/resend-confirmation",
                ownOrigin(cookie), Map.of("csrf", csrf));
        HttpResponse<String> active = admin.post("/admin/subscribers/" + bob + "/resend-confirmation",
                ownOrigin(cookie), Map.of("csrf", csrf));

        assertThat(pending.statusCode()).isEqualTo(200);
        assertThat(pending.body()).contains("Confirmation sent", "confirmation queued for alice@example.org");
        assertThat(active.body()).contains("Confirmation not sent", "only pending subscribers get a confirmation");
        long queued = database.jdbi().withHandle(h -> h.createQuery(
                "SELECT COUNT(*) FROM outbox WHERE kind = 'confirm' AND subscriber_id = :s").bind("s", alice)
                .mapTo(Long.class).one());
        database.close();
        assertThat(queued).isEqualTo(1);
    }
}

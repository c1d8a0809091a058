package org.feedletter.web.subscriberpages;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.feedletter.testing.FeedServer;
import org.feedletter.testing.Mails;
import org.feedletter.testing.MutableClock;
import org.feedletter.web.WebRig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signing up, confirming from the mail GreenMail received, getting a digest with personal links and list
 * headers, and leaving by one click, over real HTTP and SMTP.
 */
class SubscribeFlowTest {

    private static final Pattern LINK = Pattern.compile("https://news\\.example\\.org/[^\\s\"<>]+");

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path dir;

    private WebRig rig;
    private final MutableClock clock = MutableClock.at("2026-11-26T10:00:00Z");

    @BeforeEach
    void start() throws Exception {
        rig = WebRig.start(dir, greenMail.getSmtp().getPort(), clock,
                "subscriptions: { resend-after: 10m, per-client: 6, per-address: 3 }", FeedServer.start(), List.of());
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    private HttpResponse<String> signUp(String email, String... newsletters) throws Exception {
        String[] fields = new String[8 + newsletters.length * 2];
        int i = 0;
        for (String field : new String[] {"email", email, "frequency", "edition", "timeZone", "Europe/Oslo",
                "website", ""}) {
            fields[i++] = field;
        }
        for (String n : newsletters) {
            fields[i++] = "newsletter";
            fields[i++] = n;
        }
        return rig.post("/subscribe", fields);
    }

    private List<Mails.Received> mailsTo(String address) {
        return Mails.readAll(greenMail.getReceivedMessages()).stream().filter(m -> m.to().equals(address)).toList();
    }

    private static String link(String text, String path) {
        Matcher matcher = LINK.matcher(text);
        while (matcher.find()) {
            if (matcher.group().startsWith("https://news.example.org" + path)) {
                return matcher.group();
            }
        }
        throw new AssertionError("no link to " + path + " in:\n" + text);
    }

    private static String hidden(String html, String name) {
        Matcher matcher = Pattern.compile("name=\"" + name + "\" value=\"([^\"]*)\"").matcher(html);
        assertThat(matcher.find()).as("hidden field " + name).isTrue();
        return matcher.group(1);
    }

    /** Signs up, delivers the confirmation, follows its link and presses the button. */
    private void subscribeAndConfirm(String email) throws Exception {
        assertThat(signUp(email, "quick-comment").statusCode()).isEqualTo(200);
        rig.feedletter.cycle().runOnce(false);
        List<Mails.Received> mails = mailsTo(email.toLowerCase());
        String confirm = link(mails.get(mails.size() - 1).text(), "/confirm");
        HttpResponse<String> page = rig.get(rig.local(confirm));
        assertThat(page.statusCode()).isEqualTo(200);
        HttpResponse<String> confirmed = rig.post("/confirm", "token", hidden(page.body(), "token"));
        assertThat(confirmed.body()).contains("You are subscribed");
    }

    @Test
    void aConfirmedSubscriberGetsDigestsWithPersonalLinksAndLeavesWithOneClick() throws Exception {
        HttpResponse<String> form = rig.get("/subscribe");
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).contains("<label for=\"email\">", "name=\"newsletter\"", "value=\"daily\"",
                "<select id=\"timeZone\"", "Europe/Stockholm");

        HttpResponse<String> answer = signUp("Carol@Example.org", "quick-comment");
        assertThat(answer.body()).contains("Check your inbox");
        rig.feedletter.cycle().runOnce(false); // delivers the confirmation; records the backlog as seen
        Mails.Received confirmation = mailsTo("carol@example.org").get(0);
        assertThat(confirmation.subject()).isEqualTo("Please confirm your subscription");
        String confirmLink = link(confirmation.text(), "/confirm?token=");

        HttpResponse<String> confirmPage = rig.get(rig.local(confirmLink));
        assertThat(confirmPage.body()).contains("Confirm my subscription").contains("Quick Comment digest");
        assertThat(confirmPage.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(rig.post("/confirm", "token", hidden(confirmPage.body(), "token")).body())
                .contains("You are subscribed");

        rig.feeds.serveResource("/site-wide.rss", "application/rss+xml", "/pipeline/site-wide-2.rss");
        clock.set(java.time.Instant.parse("2026-11-27T07:00:30Z"));
        rig.feedletter.cycle().runOnce(true);
        List<Mails.Received> digests = mailsTo("carol@example.org").stream()
                .filter(m -> m.subject().startsWith("Quick Comment digest")).toList();
        assertThat(digests).hasSize(1);
        MimeMessage digest = digests.get(0).message();
        String unsubscribe = link(digests.get(0).text(), "/unsubscribe?token=");
        assertThat(MimeUtility.unfold(digest.getHeader("List-Unsubscribe")[0])).startsWith("<" + unsubscribe + ">, <mailto:");
        assertThat(digest.getHeader("List-Unsubscribe-Post")[0]).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(link(digests.get(0).html(), "/preferences?token=")).isNotEmpty();
        String archive = link(digests.get(0).text(), "/archive/");
        assertThat(rig.get(rig.local(archive)).body()).contains("Budget deal reached").doesNotContain("carol")
                .doesNotContain("token=");

        HttpResponse<String> unsubscribePage = rig.get(rig.local(unsubscribe));
        assertThat(unsubscribePage.body()).contains("<button type=\"submit\" id=\"unsubscribe\">");
        assertThat(rig.get(rig.local(unsubscribe)).body()).as("a GET never unsubscribes").contains("Stop sending");

        HttpResponse<String> oneClick = rig.post(rig.local(unsubscribe), "List-Unsubscribe", "One-Click");
        assertThat(oneClick.statusCode()).isEqualTo(200);
        assertThat(oneClick.body()).contains("You are unsubscribed");

        rig.feeds.serveResource("/quick-comment.atom", "application/atom+xml", "/pipeline/quick-comment-2.atom");
        clock.set(java.time.Instant.parse("2026-11-28T07:00:30Z"));
        int before = greenMail.getReceivedMessages().length;
        rig.feedletter.cycle().runOnce(true);
        assertThat(mailsTo("carol@example.org")).hasSize(2);
        assertThat(greenMail.getReceivedMessages().length).isEqualTo(before);
    }

    @Test
    void theAnswerNeverTellsWhetherAnAddressWasSubscribedAndConfirmationsAreNotResentTooSoon() throws Exception {
        subscribeAndConfirm("dave@example.org");
        int mails = mailsTo("dave@example.org").size();
        clock.advance(Duration.ofMinutes(11)); // past the resend interval of the confirmation

        HttpResponse<String> again = signUp("DAVE@example.org", "everything");
        HttpResponse<String> stranger = signUp("erin@example.org", "everything");
        assertThat(again.statusCode()).isEqualTo(stranger.statusCode());
        assertThat(again.body().replace("DAVE@example.org", "X")).isEqualTo(stranger.body().replace("erin@example.org", "X"));
        rig.feedletter.cycle().runOnce(false);
        List<Mails.Received> toDave = mailsTo("dave@example.org");
        assertThat(toDave).hasSize(mails + 1);
        assertThat(toDave.get(toDave.size() - 1).subject()).isEqualTo("You are already subscribed");
        assertThat(toDave.get(toDave.size() - 1).text()).contains("/preferences?token=").doesNotContain("Everything");

        signUp("erin@example.org", "everything");
        rig.feedletter.cycle().runOnce(false);
        assertThat(mailsTo("erin@example.org")).as("asked twice within the resend interval").hasSize(1);
        clock.advance(Duration.ofMinutes(11));
        signUp("erin@example.org", "everything");
        rig.feedletter.cycle().runOnce(false);
        assertThat(mailsTo("erin@example.org")).hasSize(2);
    }

    @Test
    void aSuppressedAddressGetsTheSameAnswerAndNoConfirmation() throws Exception {
        rig.feedletter.bounces().suppress("frank@example.org", "complained to the mailbox provider", "cli");

        HttpResponse<String> suppressed = signUp("Frank@example.org", "quick-comment");
        HttpResponse<String> stranger = signUp("gina@example.org", "quick-comment");
        assertThat(suppressed.statusCode()).isEqualTo(stranger.statusCode());
        assertThat(suppressed.body().replace("Frank@example.org", "X"))
                .isEqualTo(stranger.body().replace("gina@example.org", "X"));
        rig.feedletter.cycle().runOnce(false);

        assertThat(mailsTo("frank@example.org")).isEmpty();
        assertThat(mailsTo("gina@example.org")).hasSize(1);
        assertThat(rig.feedletter.subscribers().findByEmail("frank@example.org")).isEmpty();
    }

    @Test
    void badInputGetsTheFormBackWithAMessageAndNothingIsStored() throws Exception {
        HttpResponse<String> bad = signUp("not-an-address", "quick-comment");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("not an email address").contains("value=\"not-an-address\"");
        assertThat(signUp("ok@example.org").body()).contains("choose at least one newsletter");
        assertThat(rig.post("/subscribe", "email", "x@example.org", "newsletter", "quick-comment", "frequency",
                "hourly", "timeZone", "Mars/Olympus").body()).contains("choose each edition, daily or weekly")
                .contains("choose a time zone");
        assertThat(signUp("a\u0007b@example.org", "quick-comment").body()).contains("control characters");
        assertThat(signUp("ann@bücher.example", "quick-comment").statusCode()).as("IDN domains are accepted")
                .isEqualTo(200);
        rig.feedletter.cycle().runOnce(false);
        assertThat(Mails.readAll(greenMail.getReceivedMessages())).extracting(Mails.Received::to)
                .containsExactly("ann@xn--bcher-kva.example");
    }

    @Test
    void theHoneypotAndTheRateLimitsKeepBotsFromSendingMail() throws Exception {
        HttpResponse<String> bot = rig.post("/subscribe", "email", "victim@example.org", "newsletter", "quick-comment",
                "frequency", "edition", "timeZone", "UTC", "website", "http://spam.example");
        assertThat(bot.body()).contains("Check your inbox");
        for (int i = 0; i < 3; i++) {
            signUp("target@example.org", "quick-comment"); // per-address limit is 3 an hour
        }
        assertThat(signUp("other@example.org", "quick-comment").statusCode()).isEqualTo(200);
        assertThat(signUp("more@example.org", "quick-comment").statusCode()).isEqualTo(200);
        HttpResponse<String> tooMany = signUp("last@example.org", "quick-comment");
        assertThat(tooMany.statusCode()).as("the 7th form from one client in an hour").isEqualTo(429);
        rig.feedletter.cycle().runOnce(false);
        assertThat(Mails.readAll(greenMail.getReceivedMessages())).extracting(Mails.Received::to)
                .containsExactlyInAnyOrder("target@example.org", "other@example.org", "more@example.org");
    }

    @Test
    void forgedExpiredAndRevokedLinksDoNothing() throws Exception {
        assertThat(signUp("fay@example.org", "quick-comment").statusCode()).isEqualTo(200);
        rig.feedletter.cycle().runOnce(false);
        String confirm = link(mailsTo("fay@example.org").get(0).text(), "/confirm?token=");
        String token = confirm.substring(confirm.indexOf("token=") + 6);
        String forged = token.substring(0, token.indexOf('.')) + "." + "A".repeat(43);

        assertThat(rig.get("/confirm?token=" + forged).statusCode()).isEqualTo(400);
        assertThat(rig.post("/confirm", "token", forged).body()).contains("This link does not work");
        assertThat(rig.get("/unsubscribe?token=" + token).statusCode()).as("a confirm token is no unsubscribe token")
                .isEqualTo(400);
        clock.advance(Duration.ofHours(49));
        assertThat(rig.post("/confirm", "token", token).body()).as("expired").contains("This link does not work");
    }

    @Test
    void preferencesChangeNewslettersFrequencyAndTimeZoneOrLeaveEverything() throws Exception {
        subscribeAndConfirm("gus@example.org");
        rig.feeds.serveResource("/site-wide.rss", "application/rss+xml", "/pipeline/site-wide-2.rss");
        clock.set(java.time.Instant.parse("2026-11-27T07:00:30Z"));
        rig.feedletter.cycle().runOnce(true);
        Mails.Received digest = mailsTo("gus@example.org").get(mailsTo("gus@example.org").size() - 1);
        String preferences = link(digest.text(), "/preferences?token=");

        HttpResponse<String> page = rig.get(rig.local(preferences));
        assertThat(page.body()).contains("gus@example.org").contains("value=\"quick-comment\" checked");
        String token = hidden(page.body(), "token");
        HttpResponse<String> saved = rig.post("/preferences", "token", token, "newsletter", "everything",
                "frequency", "weekly", "timeZone", "Asia/Tokyo", "action", "save");
        assertThat(saved.body()).contains("Your preferences are saved").contains("value=\"everything\" checked")
                .contains("value=\"weekly\" checked").contains("value=\"Asia/Tokyo\" selected");

        HttpResponse<String> left = rig.post("/preferences", "token", token, "action", "leave");
        assertThat(left.body()).contains("You are unsubscribed");
        assertThat(rig.feedletter.subscribers().roster().list(java.util.Optional.empty()).stream()
                .filter(l -> l.subscriber().email().equals("gus@example.org")).findFirst().orElseThrow()
                .subscriber().state().name()).isEqualTo("UNSUBSCRIBED");
    }

    @Test
    void theArchiveListsSentEditionsAndShowsOneWithoutPersonalLinks() throws Exception {
        subscribeAndConfirm("hal@example.org");
        rig.feeds.serveResource("/site-wide.rss", "application/rss+xml", "/pipeline/site-wide-2.rss");
        clock.set(java.time.Instant.parse("2026-11-27T07:00:30Z"));
        rig.feedletter.cycle().runOnce(true);

        HttpResponse<String> archive = rig.get("/archive");
        assertThat(archive.statusCode()).isEqualTo(200);
        assertThat(archive.body()).contains("Quick Comment digest").contains("27 November 2026")
                .containsPattern("<td[^>]*>Quick Comment: [^<]+( and \\d+ more)?</td>");
        Matcher edition = Pattern.compile("href=\"(/archive/\\d+)\"").matcher(archive.body());
        assertThat(edition.find()).isTrue();
        HttpResponse<String> page = rig.get(edition.group(1));
        assertThat(page.body()).contains("Quick Comment: Budget deal reached").doesNotContain("Unsubscribe")
                .doesNotContain("hal@example.org")
                .contains("<a href=\"/archive\">All editions</a>", "<a href=\"/subscribe?newsletter=quick-comment\">Get "
                        + "Quick Comment digest by email</a>");
        assertThat(rig.get("/archive/999999").statusCode()).isEqualTo(404);
    }
}

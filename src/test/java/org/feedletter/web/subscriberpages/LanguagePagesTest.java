package org.feedletter.web.subscriberpages;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
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
 * Newsletters in English, Swedish and Ukrainian on one site: the sign-up page in the language the browser asks for
 * among them, the confirmation mail and the confirm pages in the language of the newsletter signed up for.
 */
class LanguagePagesTest {

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
                WebRig.SWEDISH_AND_UKRAINIAN_NEWSLETTERS, FeedServer.start(), List.of());
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    @Test
    void theSignUpPageIsInTheLanguageTheBrowserAsksForAmongTheNewsletters() throws Exception {
        HttpResponse<String> swedish = rig.get("/subscribe", "Accept-Language", "sv-SE,sv;q=0.9,en;q=0.5");
        assertThat(swedish.body()).contains("<html lang=\"sv\" dir=\"ltr\">", "<h1>Prenumerera</h1>",
                "Hur ofta", "Tidszon").doesNotContain("How often");
        assertThat(swedish.headers().firstValue("Content-Language")).contains("sv");
        assertThat(swedish.headers().firstValue("Vary")).contains("Accept-Language");

        assertThat(rig.get("/subscribe", "Accept-Language", "uk, ru;q=0.5").body())
                .contains("<html lang=\"uk\" dir=\"ltr\">", "<h1>Підписатися</h1>", "Часовий пояс");
        assertThat(rig.get("/subscribe", "Accept-Language", "fi, ja;q=0.5").body()).as("none of theirs: the first's")
                .contains("<html lang=\"en\" dir=\"ltr\">", "<h1>Subscribe</h1>");
        assertThat(rig.get("/subscribe").body()).contains("<html lang=\"en\"");
        assertThat(rig.get("/subscribe?newsletter=veckobrev").body()).as("the preselected newsletter's language")
                .contains("<html lang=\"sv\"");
        assertThat(rig.get("/subscribe", "Accept-Language", "sv").body()).as("each newsletter's title in its own")
                .contains("lang=\"uk\" dir=\"auto\">Тиждень</label>");
    }

    @Test
    void theFormsProblemsAreInThePagesLanguage() throws Exception {
        HttpResponse<String> bad = rig.postWith("/subscribe", java.util.Map.of("Accept-Language", "sv"),
                "email", "inte-en-adress", "frequency", "hourly", "timeZone", "Mars/Olympus");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("Kontrollera formuläret: ingenting har sparats.",
                "”inte-en-adress” är ingen e-postadress", "välj minst ett nyhetsbrev",
                "välj varje utgåva, dagligen eller veckovis", "välj en tidszon i listan");
    }

    @Test
    void theConfirmationMailAndPagesAreInTheNewslettersLanguage() throws Exception {
        HttpResponse<String> sent = rig.postWith("/subscribe", java.util.Map.of("Accept-Language", "sv"),
                "email", "ida@example.org", "newsletter", "veckobrev", "frequency", "edition",
                "timeZone", "Europe/Stockholm", "website", "");
        assertThat(sent.body()).contains("<h1 id=\"check-inbox\">Titta i din inkorg</h1>");
        rig.feedletter.cycle().runOnce(false);

        Mails.Received mail = Mails.readAll(greenMail.getReceivedMessages()).stream()
                .filter(m -> m.to().equals("ida@example.org")).findFirst().orElseThrow();
        assertThat(mail.subject()).isEqualTo("Bekräfta din prenumeration");
        assertThat(mail.message().getHeader("Subject")[0]).as("encoded for the header").startsWith("=?UTF-8?B?");
        assertThat(mail.html()).contains("<html lang=\"sv\" dir=\"ltr\">", "Bekräfta min prenumeration");
        assertThat(mail.text()).contains("Någon, kanske du, har bett att ida@example.org ska få:", "Veckobrevet",
                "inom 2 dagar:").doesNotContain("Someone");

        String confirm = link(mail.text(), "/confirm?token=");
        assertThat(rig.get(rig.local(confirm)).body()).as("no Accept-Language: the subscriber's newsletters' language")
                .contains("<html lang=\"sv\"", "<h1>Bekräfta din prenumeration</h1>", "Bekräfta att ida@example.org");
        String token = confirm.substring(confirm.indexOf("token=") + 6);
        assertThat(rig.post("/confirm", "token", token).body()).contains("Nu prenumererar du");
        assertThat(rig.get("/confirm?token=broken", "Accept-Language", "uk").body()).as("a bad link")
                .contains("<html lang=\"uk\"", "Це посилання не працює");

        clock.advance(java.time.Duration.ofHours(2));
        rig.post("/subscribe", "email", "ida@example.org", "newsletter", "veckobrev", "frequency", "edition",
                "timeZone", "Europe/Stockholm", "website", "");
        rig.feedletter.cycle().runOnce(false);
        List<Mails.Received> toIda = Mails.readAll(greenMail.getReceivedMessages()).stream()
                .filter(m -> m.to().equals("ida@example.org")).toList();
        Mails.Received already = toIda.get(toIda.size() - 1);
        assertThat(already.subject()).isEqualTo("Du prenumererar redan");
        String preferences = link(already.text(), "/preferences?token=");
        HttpResponse<String> page = rig.get(rig.local(preferences), "Accept-Language", "en");
        assertThat(page.body()).as("English asked, but all of hers are Swedish")
                .contains("<html lang=\"sv\"", "<h1>Dina inställningar</h1>", "För ida@example.org.",
                        "En sammanfattning i veckan", "Avsluta alla prenumerationer");
        String their = preferences.substring(preferences.indexOf("token=") + 6);
        assertThat(rig.post("/preferences", "token", their, "action", "save", "newsletter", "veckobrev",
                "frequency", "weekly", "timeZone", "Europe/Stockholm").body())
                .contains("Dina inställningar är sparade.");
        assertThat(rig.post("/preferences", "token", their, "action", "save", "newsletter", "veckobrev",
                "frequency", "hourly", "timeZone", "Europe/Stockholm").body())
                .contains("välj varje utgåva, dagligen eller veckovis");
        assertThat(rig.post("/preferences", "token", their, "action", "leave").body())
                .contains("<h1 id=\"unsubscribed\">Din prenumeration är avslutad</h1>",
                        "ida@example.org kommer inte längre att få något av våra nyhetsbrev.");
    }

    @Test
    void eachNewslettersFeedSaysItsLanguageAndTheArchiveShowsEachInItsOwn() throws Exception {
        assertThat(rig.get("/newsletters/veckobrev/feed.atom").body()).contains("xml:lang=\"sv\"");
        assertThat(rig.get("/newsletters/tyzhden/feed.rss").body()).contains("<language>uk</language>");
        assertThat(rig.get("/newsletters/veckobrev/feed.json").body()).contains("\"language\":\"sv\"");
        assertThat(rig.get("/feed.atom").body()).as("the merged feed's newsletters differ").doesNotContain("xml:lang");

        HttpResponse<String> archive = rig.get("/archive", "Accept-Language", "uk");
        assertThat(archive.body()).contains("<html lang=\"uk\"", "<h1>Архів</h1>",
                "<section lang=\"sv\" dir=\"ltr\">", "Ingen utgåva har gått ut ännu.",
                "<section lang=\"en\" dir=\"ltr\">", "No edition has gone out yet.");
        assertThat(archive.headers().firstValue("Vary")).contains("Accept-Language");
        assertThat(rig.get("/", "Accept-Language", "sv").body()).contains("<html lang=\"sv\"", "Tidigare utgåvor");
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
}

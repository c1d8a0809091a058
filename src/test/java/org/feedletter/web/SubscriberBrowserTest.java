package org.feedletter.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.feedletter.testing.Browser;
import org.feedletter.testing.FeedServer;
import org.feedletter.testing.Mails;
import org.feedletter.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * A person in a real browser (headless Chromium): subscribes, confirms from the mail, gets a digest, leaves with
 * its unsubscribe link, and gets nothing after. Screenshots of each page go to target/screenshots/.
 */
class SubscriberBrowserTest {

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path dir;

    @Test
    void subscribeConfirmReceiveUnsubscribeAndReceiveNothingMore() throws Exception {
        MutableClock clock = MutableClock.at("2026-11-26T10:00:00Z");
        try (WebRig rig = WebRig.start(dir, greenMail.getSmtp().getPort(), clock, "", FeedServer.start(), List.of());
                Browser browser = Browser.start()) {
            WebDriver page = browser.driver();
            page.get(rig.base() + "/subscribe");
            browser.screenshot("1-subscribe");
            assertThat(page.findElement(By.cssSelector("#timeZone option:checked")).getAttribute("value"))
                    .as("the page's time-zone script ran under its Content-Security-Policy")
                    .isEqualTo(Browser.TIME_ZONE);
            page.findElement(By.id("email")).sendKeys("Ida@Example.org");
            page.findElement(By.id("newsletter-quick-comment")).click();
            browser.clickAndLoad(page.findElement(By.cssSelector("button[type=submit]")));
            assertThat(page.findElement(By.id("check-inbox")).getText()).isEqualTo("Check your inbox");
            browser.screenshot("2-check-your-inbox");

            rig.feedletter.cycle().runOnce(false); // sends the confirmation; the backlog counts as seen
            page.get(rig.local(link(onlyMailTo("ida@example.org").text(), "/confirm?token=")));
            browser.screenshot("3-confirm");
            browser.clickAndLoad(page.findElement(By.id("confirm")));
            assertThat(page.findElement(By.id("message-title")).getText()).isEqualTo("You are subscribed");
            browser.screenshot("4-confirmed");

            rig.feeds.serveResource("/site-wide.rss", "application/rss+xml", "/pipeline/site-wide-2.rss");
            clock.set(Instant.parse("2026-11-27T07:00:30Z")); // the next edition is due
            rig.feedletter.cycle().runOnce(true);
            List<Mails.Received> digests = digestsTo("ida@example.org");
            assertThat(digests).hasSize(1);
            assertThat(digests.get(0).text()).contains("Quick Comment: Budget deal reached");

            page.get(rig.local(link(digests.get(0).text(), "/unsubscribe?token=")));
            browser.screenshot("5-unsubscribe");
            browser.clickAndLoad(page.findElement(By.id("unsubscribe")));
            assertThat(page.findElement(By.id("unsubscribed")).getText()).isEqualTo("You are unsubscribed");
            browser.screenshot("6-unsubscribed");

            assertThat(rig.feedletter.subscribers().roster().list(Optional.empty())).singleElement()
                    .satisfies(l -> assertThat(l.subscriber().state().name()).isEqualTo("UNSUBSCRIBED"));
            rig.feeds.serveResource("/quick-comment.atom", "application/atom+xml", "/pipeline/quick-comment-2.atom");
            clock.set(Instant.parse("2026-11-28T07:00:30Z"));
            rig.feedletter.cycle().runOnce(true);
            assertThat(digestsTo("ida@example.org")).hasSize(1);
        }
    }

    private static Mails.Received onlyMailTo(String address) {
        List<Mails.Received> mails = Mails.readAll(greenMail.getReceivedMessages()).stream()
                .filter(m -> m.to().equals(address)).toList();
        assertThat(mails).hasSize(1);
        return mails.get(0);
    }

    private static List<Mails.Received> digestsTo(String address) {
        return Mails.readAll(greenMail.getReceivedMessages()).stream()
                .filter(m -> m.to().equals(address) && m.subject().startsWith("Quick Comment digest")).toList();
    }

    private static String link(String text, String path) {
        Matcher matcher = Pattern.compile(Pattern.quote(WebRig.PUBLIC_BASE + path) + "[^\\s\"<>]+").matcher(text);
        assertThat(matcher.find()).as("a link to " + path + " in:\n" + text).isTrue();
        return matcher.group();
    }
}

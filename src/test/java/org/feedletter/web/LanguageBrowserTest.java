package org.feedletter.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.nio.file.Path;
import java.util.List;
import org.feedletter.testing.Browser;
import org.feedletter.testing.FeedServer;
import org.feedletter.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * A reader whose browser prefers Ukrainian, then Swedish, on a site with English, Swedish and Ukrainian newsletters:
 * the sign-up page comes in Ukrainian, its problems too; one who prefers Swedish gets it in Swedish. Screenshots go
 * to target/screenshots/.
 */
class LanguageBrowserTest {


    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path dir;

    @Test
    void theSignUpPageInTheLanguageTheBrowserPrefers() throws Exception {
        try (WebRig rig = WebRig.start(dir, greenMail.getSmtp().getPort(), MutableClock.at("2026-11-26T10:00:00Z"),
                WebRig.SWEDISH_AND_UKRAINIAN_NEWSLETTERS, FeedServer.start(), List.of())) {
            try (Browser browser = Browser.start("uk-UA,uk;q=0.9,sv;q=0.8,en;q=0.5")) {
                WebDriver page = browser.driver();
                page.get(rig.base() + "/subscribe");
                browser.screenshot("language-1-subscribe-uk");
                assertThat(page.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("uk");
                assertThat(page.findElement(By.tagName("h1")).getText()).isEqualTo("Підписатися");
                assertThat(page.findElement(By.cssSelector("label[for=timeZone]")).getText()).isEqualTo("Часовий пояс");

                browser.clickAndLoad(page.findElement(By.cssSelector("button[type=submit]")));
                browser.screenshot("language-2-problems-uk");
                assertThat(page.findElement(By.cssSelector("p.error[role=alert]")).getText())
                        .isEqualTo("Перевірте форму: нічого не збережено.");
                assertThat(page.findElement(By.id("email-problem")).getText())
                        .isEqualTo("вкажіть адресу електронної пошти");
            }
            try (Browser browser = Browser.start("sv-SE,sv;q=0.9,en;q=0.5")) {
                WebDriver page = browser.driver();
                page.get(rig.base() + "/subscribe");
                browser.screenshot("language-3-subscribe-sv");
                assertThat(page.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("sv");
                assertThat(page.findElement(By.tagName("h1")).getText()).isEqualTo("Prenumerera");
                assertThat(page.findElement(By.cssSelector("label[for=newsletter-tyzhden]")).getAttribute("lang"))
                        .as("a newsletter's title marked in its own language").isEqualTo("uk");
            }
        }
    }
}

package org.feedletter.web.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.feedletter.testing.Browser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebDriver;

/**
 * The admin pages in headless Chromium: log in, look at every page (an item's sources among them), preview the next edition and poll now, with a
 * screenshot of each in target/screenshots/. The browser enforces the pages' Content-Security-Policy, so a page
 * that needed anything from elsewhere would show it.
 */
class AdminBrowserTest {

    @TempDir
    Path dir;

    @Test
    void anOperatorLogsInLooksAroundPreviewsAndPolls() throws Exception {
        try (AdminFixture admin = new AdminFixture(dir); Browser browser = Browser.start()) {
            WebDriver page = browser.driver();

            page.get(admin.base() + "/admin/feeds");
            assertThat(page.findElement(By.tagName("h1")).getText()).isEqualTo("Log in");
            browser.screenshot("admin-login");
            page.findElement(By.id("password")).sendKeys(AdminFixture.PASSWORD);
            browser.clickAndLoad(page.findElement(By.cssSelector("form button[type=submit]")));

            assertThat(page.getCurrentUrl()).endsWith("/admin/feeds");
            assertThat(page.findElement(By.tagName("h1")).getText()).isEqualTo("Feeds");
            assertThat(page.findElements(By.cssSelector("svg.chart rect"))).hasSizeGreaterThanOrEqualTo(30);
            assertThat(page.findElement(By.cssSelector("#feed-3 td.problem")).getText()).contains("HTTP 503");
            browser.screenshot("admin-feeds");

            browser.clickAndLoad(page.findElement(By.linkText("Overview")));
            assertThat(page.findElement(By.tagName("h1")).getText()).isEqualTo("Overview");
            browser.screenshot("admin-overview");

            browser.clickAndLoad(page.findElement(By.linkText("Subscribers")));
            assertThat(page.findElement(By.tagName("body")).getText()).contains("alice@example.org", "bob@example.org");
            browser.screenshot("admin-subscribers");

            browser.clickAndLoad(page.findElement(By.linkText("Items")));
            assertThat(page.findElement(By.tagName("h1")).getText()).isEqualTo("Items");
            browser.screenshot("admin-items");
            browser.clickAndLoad(page.findElement(By.linkText("Quick Comment: Central bank pauses")));
            assertThat(page.findElement(By.tagName("body")).getText()).contains("Sources (2)", "canonical-url");
            browser.screenshot("admin-item");

            browser.clickAndLoad(page.findElement(By.linkText("Newsletters")));
            assertThat(page.findElement(By.tagName("body")).getText()).contains("Bounced addresses", "bob@example.org");
            browser.screenshot("admin-newsletters");
            browser.clickAndLoad(page.findElement(By.cssSelector("#newsletter-quick-comment button[type=submit]")));

            assertThat(page.findElement(By.tagName("h1")).getText()).isEqualTo("Next edition of Quick Comment digest");
            assertThat(page.findElement(By.tagName("body")).getText()).contains("Subject: Quick Comment digest");
            page.switchTo().frame(page.findElement(By.cssSelector("iframe.digest")));
            assertThat(page.findElement(By.tagName("h1")).getText()).as("the digest, rendered in its frame")
                    .isEqualTo("Quick Comment digest");
            page.switchTo().defaultContent();
            browser.screenshot("admin-preview");

            page.get(admin.base() + "/admin");
            browser.clickAndLoad(page.findElement(By.cssSelector("form[action='/admin/poll'] button")));
            assertThat(page.findElement(By.cssSelector("[role=status]")).getText())
                    .startsWith("Polled 3 feeds:").contains("1 failed");
            browser.screenshot("admin-poll-now");

            browser.clickAndLoad(page.findElement(By.cssSelector("nav.admin form button")));
            assertThat(page.findElement(By.tagName("h1")).getText()).isEqualTo("Log in");
        }
    }

    @Test
    void onAPhoneEveryPageFitsItsWidthAndLogOutIsWithinReach() throws Exception {
        try (AdminFixture admin = new AdminFixture(dir); Browser browser = Browser.start()) {
            WebDriver page = browser.driver();
            page.manage().window().setSize(new Dimension(390, 844));
            page.get(admin.base() + "/admin");
            page.findElement(By.id("password")).sendKeys(AdminFixture.PASSWORD);
            browser.clickAndLoad(page.findElement(By.cssSelector("form button[type=submit]")));

            for (String path : new String[] {"/admin", "/admin/feeds", "/admin/newsletters", "/admin/subscribers",
                "/admin/items"}) {
                page.get(admin.base() + path);
                long viewport = (Long) ((JavascriptExecutor) page).executeScript("return window.innerWidth;");
                long content = (Long) ((JavascriptExecutor) page).executeScript(
                        "return document.documentElement.scrollWidth;");
                assertThat(content).as(path + " overflows the phone's width").isLessThanOrEqualTo(viewport);
                Rectangle logout = page.findElement(By.cssSelector("nav.admin form button")).getRect();
                assertThat(logout.getX() + logout.getWidth()).as(path + ": Log out within the screen")
                        .isLessThanOrEqualTo((int) viewport);
                browser.screenshot("admin-phone" + path.replace('/', '-'));
            }
        }
    }
}

package org.feedletter.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Assumptions;
import java.time.Duration;
import java.util.Map;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium from Debian's packages, driven through Debian's chromedriver: nothing is downloaded at test
 * time. Without Chromium the test is skipped with the reason, unless {@code -Dfeedletter.requireBrowser=true}
 * (CI) makes it a failure.
 */
public final class Browser implements AutoCloseable {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    /** The time zone the browser runs in. */
    public static final String TIME_ZONE = "Europe/Oslo";

    private final WebDriver driver;
    private final Path profile;

    private Browser(WebDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    public static Browser start() throws IOException {
        return start(null);
    }

    /**
     * A browser whose user prefers these languages, as its settings would say ("sv-SE,sv;q=0.9,en;q=0.5"): sent as
     * Accept-Language with every request.
     */
    public static Browser start(String acceptLanguage) throws IOException {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present) {
            String reason = "no headless browser: install Debian's chromium and chromium-driver "
                    + "(apt-get install chromium chromium-driver), as .ci/run does";
            if (Boolean.getBoolean("feedletter.requireBrowser")) {
                throw new AssertionError(reason);
            }
            System.out.println("SKIPPED: " + reason);
            Assumptions.assumeTrue(false, reason);
        }
        Path profile = Files.createTempDirectory("chromium-profile");
        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--disable-quic", "--no-first-run", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--window-size=1200,1000",
                        "--user-data-dir=" + profile);
        if (acceptLanguage != null) {
            String languages = acceptLanguage.replaceAll(";q=[0-9.]+", "");
            options.addArguments("--lang=" + languages.split(",")[0].strip(), "--accept-lang=" + languages);
            options.setExperimentalOption("prefs", Map.of("intl.accept_languages", languages));
        }
        // A fixed time zone other than the service's default, so a page script that reads it shows that it ran.
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().withEnvironment(Map.of("TZ", TIME_ZONE)).build();
        return new Browser(new ChromeDriver(service, options), profile);
    }

    public WebDriver driver() {
        return driver;
    }

    /**
     * Clicks something that loads a new page and waits until the new page has loaded. A click can return before the
     * browser has left the page, and a lookup made then finds the old page (CI saw this after a form POST). The old
     * page is marked with a script variable that the new page does not have; while the browser is between pages,
     * the driver may answer with errors of several kinds (stale element, "node does not belong to the document",
     * no such execution context), so any driver error during the wait means "not there yet".
     */
    public void clickAndLoad(WebElement element) {
        JavascriptExecutor js = (JavascriptExecutor) driver;
        js.executeScript("window.feedletterOldPage = true;");
        element.click();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!newPageLoaded(js)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the page did not change within 30 s of the click; still at "
                        + driver.getCurrentUrl());
            }
            sleep();
        }
    }

    private static boolean newPageLoaded(JavascriptExecutor js) {
        try {
            return Boolean.TRUE.equals(js.executeScript(
                    "return window.feedletterOldPage === undefined && document.readyState === 'complete';"));
        } catch (WebDriverException betweenPages) {
            return false;
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for a page", e);
        }
    }

    /** Saves what the browser shows as target/screenshots/{name}.png. */
    public Path screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
        Path target = SCREENSHOTS.resolve(name + ".png");
        Files.copy(shot, target, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    @Override
    public void close() {
        driver.quit();
    }
}

package org.feedletter.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.feedletter.config.WebConfig;
import org.feedletter.web.Responses;
import org.feedletter.web.Router;
import org.feedletter.web.WebServer;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** The browser the end-to-end tests use really starts, loads a page from our server and takes a screenshot. */
class BrowserSmokeTest {

    @Test
    void chromiumLoadsAPageFromOurServer() throws Exception {
        Router router = new Router().get("/", (request, response, callback, p) ->
                Responses.html(response, callback, 200, "<!DOCTYPE html><title>hi</title><h1 id=greeting>Hello</h1>"));
        try (WebServer server = new WebServer(new WebConfig("127.0.0.1", 0, URI.create("http://localhost")), router);
                Browser browser = Browser.start()) {
            server.start();
            browser.driver().get("http://127.0.0.1:" + server.port() + "/");

            assertThat(browser.driver().findElement(By.id("greeting")).getText()).isEqualTo("Hello");
            assertThat(browser.screenshot("browser-smoke")).exists();
        }
    }
}

package org.feedletter.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import org.feedletter.testing.FeedServer;
import org.feedletter.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PageSecurityTest {

    @TempDir
    Path dir;

    @Test
    void aPageMayRunOnlyTheInlineScriptsItWasRenderedWith() throws Exception {
        String script = "\nvar x = 1;\n";
        String policy = PageSecurity.policy("<p>Hi</p><script>" + script + "</script>");
        String hash = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(script.getBytes(StandardCharsets.UTF_8)));

        assertThat(policy).contains("default-src 'none'", "frame-ancestors 'none'", "script-src 'sha256-" + hash + "'");
        assertThat(PageSecurity.policy("<p>No script</p>")).doesNotContain("script-src");
    }

    @Test
    void everyPublicHtmlPageSendsAPolicyAndNoSniff() throws Exception {
        try (WebRig rig = WebRig.start(dir, 2525, MutableClock.at("2026-11-26T10:00:00Z"), "", FeedServer.start(),
                List.of())) {
            int pages = 0;
            for (String path : List.of("/subscribe", "/archive", "/confirm?token=not-a-token",
                    "/preferences?token=not-a-token", "/unsubscribe?token=not-a-token")) {
                HttpResponse<String> page = rig.get(path);
                if (!page.headers().firstValue("Content-Type").orElse("").startsWith("text/html")) {
                    continue; // not a page (a 404 in plain text, say)
                }
                pages++;
                assertThat(page.headers().firstValue("Content-Security-Policy")).as(path)
                        .hasValueSatisfying(csp -> assertThat(csp).contains("default-src 'none'",
                                "frame-ancestors 'none'"));
                assertThat(page.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
                if (page.body().contains("<script>")) {
                    assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).as(path)
                            .contains("script-src 'sha256-");
                }
            }
            assertThat(pages).as("HTML pages checked").isGreaterThanOrEqualTo(4);
            for (String path : List.of("/feed.atom", "/feed.rss", "/feed.json", "/sources.opml", "/metrics",
                    "/no-such-page")) {
                assertThat(rig.get(path).headers().firstValue("X-Content-Type-Options")).as("every answer: " + path)
                        .hasValue("nosniff");
            }
            assertThat(rig.get("/subscribe").body()).as("the time-zone script is still there").contains("<script>");
        }
    }
}

package org.feedletter.bounce;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.feedletter.Feedletter;
import org.feedletter.config.ConfigLoader;
import org.feedletter.testing.FeedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * feedletter as configured: the bounces section turns on VERP for what the service sends, the mailbox it reads, the
 * Mailgun webhook it serves, and the metrics that show rates per edition with their warnings.
 */
class BounceServiceTest {

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(new ServerSetup[] {
            ServerSetupTest.SMTP.dynamicPort(), ServerSetupTest.IMAP.dynamicPort()});

    private static final String SECRET = "0123456789abcdef0123456789abcdef";
    private static final String MAILGUN_KEY = "key-0123456789";

    @TempDir
    Path dir;

    @Test
    void theConfiguredServiceSignsEnvelopesReadsTheMailboxServesTheWebhookAndWarnsInTheMetrics() throws Exception {
        greenMail.setUser("bounces@example.org", "bounces", "mailbox-pw");
        try (FeedServer feeds = FeedServer.start()
                .serveResource("/site-wide.rss", "application/rss+xml", "/pipeline/site-wide.rss")) {
            Path file = Files.writeString(dir.resolve("feedletter.yaml"), """
                    database: { url: "jdbc:h2:mem:bounces-%s;DB_CLOSE_DELAY=-1" }
                    web: { port: %d, secret: "${FEEDLETTER_SECRET}" }
                    mail: { host: 127.0.0.1, port: %d, security: none, from: "Quick Comments <digest@example.org>" }
                    bounces:
                      address: bounces@example.org
                      mailgun-signing-key: "${MAILGUN_SIGNING_KEY}"
                      mailbox: { host: 127.0.0.1, port: %d, security: none, username: bounces,
                                 password: "${BOUNCE_MAILBOX_PASSWORD}", every: 1h }
                    feeds:
                      - { url: "%s", name: Site-wide }
                    newsletters:
                      - { id: quick-comment, schedule: "0 0 8 * * ?" }
                    subscribers:
                      - { email: alice@example.net, newsletters: [quick-comment] }
                      - { email: bob@example.net, newsletters: [quick-comment] }
                    """.formatted(UUID.randomUUID(), freePort(), greenMail.getSmtp().getPort(), greenMail.getImap().getPort(),
                    feeds.url("/site-wide.rss")));
            try (Feedletter feedletter = Feedletter.open(new ConfigLoader(Map.of("FEEDLETTER_SECRET", SECRET,
                    "MAILGUN_SIGNING_KEY", MAILGUN_KEY, "BOUNCE_MAILBOX_PASSWORD", "mailbox-pw")).load(file),
                    Clock.systemUTC(), "bounce-node")) {
                feedletter.cycle().runOnce(true);
                MimeMessage toAlice = Arrays.stream(greenMail.getReceivedMessages())
                        .filter(m -> header(m, "To").contains("alice@example.net")).findFirst().orElseThrow();
                String envelope = header(toAlice, "Return-Path").replaceAll("[<>\\s]", "");
                assertThat(envelope).matches("bounces\\+[0-9a-z]+-[0-9a-f]{16}@example\\.org");

                greenMail.getUserManager().getUserByEmail("bounces@example.org").deliver(new MimeMessage(
                        Session.getInstance(new Properties()), new ByteArrayInputStream(BounceFixture.dsn("svc-1",
                        envelope, "alice@example.net", toAlice.getMessageID(), "5.1.1", "550 5.1.1 no such user"))));
                feedletter.bounces().tick();
                assertThat(feedletter.bounces().about("alice@example.net", 5).inForce()).hasValueSatisfying(s ->
                        assertThat(s.reason()).isEqualTo("hard"));

                String metrics = feedletter.metrics().scrape();
                assertThat(metrics).contains("feedletter_delivery_reports{kind=\"hard\",newsletter=\"quick-comment\"} 1.0")
                        .contains("feedletter_edition_bounce_rate{newsletter=\"quick-comment\"} 0.5")
                        .contains("feedletter_edition_bounce_warning{newsletter=\"quick-comment\"} 1.0")
                        .contains("feedletter_edition_complaint_warning{newsletter=\"quick-comment\"} 0.0")
                        .contains("feedletter_suppressions{reason=\"hard\"} 1.0")
                        .contains("feedletter_bounce_mailbox_messages_total{outcome=\"recorded\"} 1.0");
                assertThat(feedletter.bounces().editionHealth(5)).singleElement().satisfies(h ->
                        assertThat(h.warnings()).singleElement().asString().contains("bounces 50.00 % of 2 sent"));

                feedletter.web().start();
                long now = System.currentTimeMillis() / 1000;
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(MAILGUN_KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                String signature = HexFormat.of().formatHex(mac.doFinal((now + "tok").getBytes(StandardCharsets.UTF_8)));
                String body = """
                        {"signature":{"timestamp":"%d","token":"tok","signature":"%s"},
                         "event-data":{"event":"complained","id":"mg-1","recipient":"bob@example.net"}}
                        """.formatted(now, signature);
                HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + feedletter.web().port() + "/webhooks/mailgun"))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(answer.statusCode()).isEqualTo(200);
                assertThat(feedletter.bounces().about("bob@example.net", 5).inForce()).hasValueSatisfying(s ->
                        assertThat(s.reason()).isEqualTo("complaint"));
                assertThat(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                                + feedletter.web().port() + "/webhooks/ses")).POST(HttpRequest.BodyPublishers.ofString("{}"))
                        .build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                        .as("SES is not configured").isEqualTo(404);
            }
        }
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String header(MimeMessage message, String name) {
        try {
            String value = message.getHeader(name, ",");
            return value == null ? "" : value;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

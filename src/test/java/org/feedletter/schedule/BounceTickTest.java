package org.feedletter.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.feedletter.Feedletter;
import org.feedletter.config.ConfigLoader;
import org.feedletter.testing.Waiting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The service reads the bounce mailbox on its own, on the bounces.mailbox.every tick. */
class BounceTickTest {

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(new ServerSetup[] {
            ServerSetupTest.SMTP.dynamicPort(), ServerSetupTest.IMAP.dynamicPort()});

    @TempDir
    Path dir;

    @Test
    void theMailboxIsReadOnItsTick() throws Exception {
        GreenMailUser bounces = greenMail.setUser("bounces@example.org", "bounces", "pw");
        bounces.deliver(new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream("""
                From: Kim <kim@example.net>\r
                To: bounces@example.org\r
                Subject: Automatic reply: Quick Comment digest\r
                Auto-Submitted: auto-replied\r
                Message-ID: <ooo-1@example.net>\r
                \r
                I am away.\r
                """.getBytes(StandardCharsets.US_ASCII))));
        Path file = Files.writeString(dir.resolve("feedletter.yaml"), """
                database: { url: "jdbc:h2:mem:tick-%s;DB_CLOSE_DELAY=-1" }
                mail: { host: 127.0.0.1, port: %d, security: none, from: digest@example.org }
                schedule: { poll-every: 1h, editions-every: 1h, deliver-every: 1h }
                bounces:
                  envelope: message-id
                  mailbox: { host: 127.0.0.1, port: %d, security: none, username: bounces, password: "${PW}",
                             every: 1s }
                newsletters:
                  - { id: quick-comment, schedule: "0 0 8 * * ?" }
                """.formatted(UUID.randomUUID(), greenMail.getSmtp().getPort(), greenMail.getImap().getPort()));
        try (Feedletter feedletter = Feedletter.open(new ConfigLoader(Map.of("PW", "pw")).load(file),
                Clock.systemUTC(), "tick-node")) {
            feedletter.service().start();

            Waiting.until(Duration.ofSeconds(30), () -> !feedletter.bounces().recentReports(5).isEmpty());

            assertThat(feedletter.bounces().recentReports(5)).singleElement().satisfies(r -> {
                assertThat(r.kind()).isEqualTo("none");
                assertThat(r.decision()).isEqualTo("not a bounce: recorded only");
            });
        }
    }
}

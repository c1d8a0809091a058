package org.feedletter.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.feedletter.Feedletter;
import org.feedletter.config.ConfigLoader;
import org.feedletter.config.DatabaseConfig;
import org.feedletter.testing.FeedServer;
import org.feedletter.testing.Mails;
import org.feedletter.testing.TestDatabases;
import org.feedletter.testing.Waiting;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service as it runs: Quartz, on its JDBC job store in our database (clustered on PostgreSQL), ticks the
 * pipeline without help.
 */
@Tag("database")
class ServiceTicksTest {

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path dir;

    @Test
    void theTicksPollBuildAndDeliverOnTheirOwn() throws Exception {
        DatabaseConfig database = TestDatabases.freshConfig();
        try (FeedServer server = FeedServer.start()
                .serveResource("/site-wide.rss", "application/rss+xml", "/pipeline/site-wide.rss")) {
            Path file = dir.resolve("feedletter.yaml");
            Files.writeString(file, """
                    database: { url: "%s", username: "%s" }
                    mail: { transport: smtp, host: 127.0.0.1, port: %d, security: none, from: "digest@example.org" }
                    schedule: { poll-every: 1s, editions-every: 1s, deliver-every: 1s }
                    feeds:
                      - { url: "%s", interval: 1h }
                    newsletters:
                      - { id: quick-comment, include: { categories: ["Quick Comment"] }, schedule: "0 0 8 * * ?" }
                    subscribers:
                      - { email: alice@example.org, newsletters: [quick-comment] }
                    """.formatted(database.url(), database.username(), greenMail.getSmtp().getPort(),
                    server.url("/site-wide.rss")));
            try (Feedletter feedletter = Feedletter.open(new ConfigLoader(Map.of()).load(file), Clock.systemUTC(), "t")) {
                feedletter.service().start();

                Waiting.until(Duration.ofSeconds(30), () -> greenMail.getReceivedMessages().length > 0);

                assertThat(Mails.read(greenMail.getReceivedMessages()[0]).text())
                        .contains("Quick Comment: Central bank pauses");
                assertThat(server.answered("/site-wide.rss", 200)).isEqualTo(1);
            }
        }
    }
}

package org.feedletter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.feedletter.cli.CliFixture.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code feedletter mail test ADDRESS}: one message through the configured transport, the server's answer shown. */
class MailCommandTest {

    @TempDir
    Path dir;

    private Path config(int port) throws Exception {
        return Files.writeString(dir.resolve("feedletter.yaml"), """
                database: { url: "jdbc:h2:file:%s" }
                mail: { transport: smtp, host: 127.0.0.1, port: %d, security: none, from: "Digest <digest@example.org>" }
                """.formatted(dir.resolve("data/feedletter"), port));
    }

    @Test
    void theMessageReachesTheServerAndItsAnswerIsPrinted() throws Exception {
        GreenMail greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        try {
            Result sent = CliFixture.runWithout("mail", "test", "bob@example.org", "--config",
                    config(greenMail.getSmtp().getPort()).toString());

            assertThat(sent.exit()).as(sent.err()).isZero();
            assertThat(sent.out()).contains("Sending a test message to bob@example.org through SMTP")
                    .containsPattern("Sent\\. The server answered: 250 ");
            MimeMessage[] received = greenMail.getReceivedMessages();
            assertThat(received).hasSize(1);
            assertThat(received[0].getSubject()).isEqualTo("feedletter test message");
            assertThat(received[0].getAllRecipients()[0].toString()).isEqualTo("bob@example.org");
            assertThat(Files.exists(dir.resolve("data"))).as("the database is not touched").isFalse();
        } finally {
            greenMail.stop();
        }
    }

    @Test
    void noServerListeningIsAFailureThatSaysWhy() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Result refused = CliFixture.runWithout("mail", "test", "bob@example.org", "--config",
                config(closedPort).toString());

        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("Not sent; could not be handed over:", "127.0.0.1:" + closedPort);
    }

    @Test
    void aMalformedAddressIsAUsageError() throws Exception {
        Result bad = CliFixture.runWithout("mail", "test", "bob@@example", "--config", config(25).toString());

        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("'bob@@example' is not an email address");
    }

    @Test
    void retryQueuesFailedMessagesAgainAndRunOnceSendsThem() throws Exception {
        try (CliFixture cli = new CliFixture(dir, "/site-wide.rss")) {
            cli.run("poll");
            try (org.feedletter.Feedletter feedletter = org.feedletter.Feedletter.open(
                    new org.feedletter.config.ConfigLoader(java.util.Map.of()).load(cli.config),
                    java.time.Clock.systemUTC(), "test-node")) {
                feedletter.editions().buildNow(feedletter.config().newsletters().get(0));
                try (org.feedletter.testing.StoreBehind store = org.feedletter.testing.StoreBehind.of(
                        feedletter.config())) {
                    for (org.feedletter.store.OutboxRow row : store.outbox().claim("test-node",
                            java.time.Instant.now(), java.time.Duration.ofMinutes(5), 10)) {
                        store.outbox().markFailed(row.id(), "test-node", "550 5.7.1 relay access denied");
                    }
                }
            }
            assertThat(cli.run("status").out()).contains("1 failed");

            Result retried = cli.run("mail", "retry");

            assertThat(retried.exit()).as(retried.err()).isZero();
            assertThat(retried.out()).contains("Queued 1 failed message again");
            assertThat(cli.run("mail", "retry").out()).contains("No message had failed.");
            assertThat(cli.run("run", "--once").exit()).isZero();
            assertThat(cli.outboxFiles()).isEqualTo(1);
            assertThat(cli.run("status").out()).contains("1 sent, 0 failed");
        }
    }
}

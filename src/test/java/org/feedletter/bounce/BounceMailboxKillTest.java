package org.feedletter.bounce;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.feedletter.config.DatabaseConfig;
import org.feedletter.testing.FeedletterProcess;
import org.feedletter.testing.Postgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bounce mailbox's guarantee, shown the hard way: {@code feedletter mail read-bounces} in a process of its own is
 * killed with SIGKILL in the middle of a mailbox of 400 messages, then run again. Every message ends up recorded
 * exactly once and out of the inbox. The database is PostgreSQL, which the test reads while the process runs.
 */
class BounceMailboxKillTest {

    private static final int MESSAGES = 400;
    private static final List<String> JVM_OPTIONS = List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.IMAP.dynamicPort());

    @TempDir
    Path dir;

    private static long count(DatabaseConfig database, String sql) {
        try (Connection c = DriverManager.getConnection(database.url(), database.username(), database.password());
                ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            return 0; // not migrated yet
        }
    }

    private static byte[] autoReply(int i) {
        return ("From: Reader " + i + " <reader" + i + "@example.net>\r\nTo: bounces@example.org\r\n"
                + "Subject: Automatic reply: Quick Comment digest\r\nAuto-Submitted: auto-replied\r\n"
                + "Message-ID: <ooo-" + i + "@example.net>\r\n\r\nAway until Monday.\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void killedMidRoundEveryMessageIsRecordedOnceAndLeavesTheInbox() throws Exception {
        Postgres.requireReachable();
        DatabaseConfig database = Postgres.freshSchema();
        try {
            GreenMailUser user = greenMail.setUser("bounces@example.org", "bounces", "");
            Session session = Session.getInstance(new Properties());
            for (int i = 0; i < MESSAGES; i++) {
                user.deliver(new MimeMessage(session, new ByteArrayInputStream(autoReply(i))));
            }
            Path config = Files.writeString(dir.resolve("feedletter.yaml"), """
                    database: { url: "%s", username: "%s" }
                    mail: { transport: file, from: digest@example.org, outbox-dir: "%s" }
                    bounces:
                      envelope: message-id
                      mailbox: { host: 127.0.0.1, port: %d, security: none, username: bounces,
                                 password: "${BOUNCE_MAILBOX_PASSWORD:-}" }
                    newsletters:
                      - { id: quick-comment, schedule: "0 0 8 * * ?" }
                    """.formatted(database.url(), database.username(), dir.resolve("outbox"),
                    greenMail.getImap().getPort()));

            try (FeedletterProcess first = FeedletterProcess.start(dir.resolve("first.log"), JVM_OPTIONS, "mail",
                    "read-bounces", "--config", config.toString())) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (count(database, "SELECT COUNT(*) FROM delivery_reports") < MESSAGES / 6
                        && first.process().isAlive() && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                first.signal("KILL");
                assertThat(first.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
                assertThat(first.process().exitValue()).as("killed mid-round, not finished; its log:%n%s",
                        first.lastLines(30)).isEqualTo(137);
            }
            long recordedBeforeTheKill = count(database, "SELECT COUNT(*) FROM delivery_reports");
            assertThat(recordedBeforeTheKill).isBetween(1L, (long) MESSAGES - 1);
            assertThat(greenMail.getManagers().getImapHostManager().getInbox(user).getMessageCount()).isPositive();

            try (FeedletterProcess second = FeedletterProcess.start(dir.resolve("second.log"), JVM_OPTIONS, "mail",
                    "read-bounces", "--config", config.toString())) {
                assertThat(second.process().waitFor(180, TimeUnit.SECONDS)).isTrue();
                assertThat(second.process().exitValue()).as(second.lastLines(30)).isZero();
                assertThat(Files.readString(second.output())).contains("recorded before");
            }

            assertThat(count(database, "SELECT COUNT(*) FROM delivery_reports")).isEqualTo(MESSAGES);
            assertThat(count(database, "SELECT COUNT(DISTINCT report_key) FROM delivery_reports")).isEqualTo(MESSAGES);
            var inbox = greenMail.getManagers().getImapHostManager().getInbox(user);
            assertThat(inbox.getMessageCount()).as("nothing left in the inbox").isZero();
            assertThat(greenMail.getManagers().getImapHostManager().getFolder(user, "feedletter-processed")
                    .getMessageCount()).as("each copied once; a batch twice when the kill fell between its copy "
                            + "and its flags (50 at most)").isBetween(MESSAGES, MESSAGES + 50);
        } finally {
            Postgres.drop(database);
        }
    }
}

package org.feedletter;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.feedletter.config.DatabaseConfig;
import org.feedletter.testing.FeedletterProcess;
import org.feedletter.testing.Postgres;
import org.feedletter.testing.ScriptedSmtpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The delivery guarantee, shown the hard way: a send to 1,000 subscribers from a feedletter process that is killed
 * with SIGKILL three times in the middle of it and started again each time. Every subscriber gets the edition;
 * only messages in flight at a kill (at most the concurrency per kill) arrive twice, and a repeat carries the
 * same Message-ID.
 */
class CrashSafetyTest {

    private static final int SUBSCRIBERS = 1000;
    private static final int CONCURRENCY = 4;
    private static final int[] KILL_AFTER = {100, 400, 700};
    /** Short-lived processes: the quick compiler only, which halves their start-up CPU on a busy 2-core machine. */
    private static final List<String> JVM_OPTIONS = List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path dir;

    private Path config() throws Exception {
        Path feed = dir.resolve("feed.rss");
        Files.writeString(feed, """
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0"><channel><title>Institute</title><link>https://example.org/</link>
                <item><title>Central bank pauses</title><link>https://example.org/p/1</link>
                  <pubDate>Wed, 25 Nov 2026 09:00:00 GMT</pubDate><description>One.</description></item>
                <item><title>Arctic shipping lanes</title><link>https://example.org/p/2</link>
                  <pubDate>Wed, 25 Nov 2026 10:00:00 GMT</pubDate><description>Two.</description></item>
                </channel></rss>
                """);
        String subscribers = IntStream.rangeClosed(1, SUBSCRIBERS)
                .mapToObj(i -> "  - { email: %s, newsletters: [digest] }".formatted(reader(i)))
                .collect(Collectors.joining("\n"));
        Path config = dir.resolve("feedletter.yaml");
        // The default claim timeout (10 min): the next run takes a killed one's claims back at once all the same.
        Files.writeString(config, """
                database: { url: "jdbc:h2:file:%s" }
                mail: { transport: smtp, host: 127.0.0.1, port: %d, security: none, from: "digest@example.org" }
                delivery: { concurrency: %d }
                feeds:
                  - { url: "%s", name: Institute }
                newsletters:
                  - { id: digest, title: Digest, schedule: "0 0 8 * * ?" }
                subscribers:
                %s
                """.formatted(dir.resolve("data/feedletter"), greenMail.getSmtp().getPort(), CONCURRENCY, feed.toUri(),
                subscribers));
        return config;
    }

    private static String reader(int i) {
        return "reader%04d@example.org".formatted(i);
    }

    private FeedletterProcess runOnce(Path config, int run) throws Exception {
        return FeedletterProcess.start(dir.resolve("run-" + run + ".log"), JVM_OPTIONS, "run", "--once",
                "--config", config.toString());
    }

    /** How many copies each recipient has received so far (GreenMail lists messages by mailbox, not by arrival). */
    private static Map<String, Integer> copiesByRecipient() throws Exception {
        Map<String, Integer> copies = new HashMap<>();
        for (MimeMessage message : greenMail.getReceivedMessages()) {
            copies.merge(message.getAllRecipients()[0].toString(), 1, Integer::sum);
        }
        return copies;
    }

    @Test
    void killedThreeTimesMidSendEveryoneGetsTheEditionAndOnlyMessagesInFlightAtAKillArriveTwice() throws Exception {
        Path config = config();
        List<Map<String, Integer>> atKill = new ArrayList<>();
        for (int run = 0; run < KILL_AFTER.length; run++) {
            try (FeedletterProcess process = runOnce(config, run)) {
                assertThat(greenMail.waitForIncomingEmail(90_000, KILL_AFTER[run]))
                        .as("run %d reached %d messages; the end of its log:%n%s", run, KILL_AFTER[run], process.lastLines(40))
                        .isTrue();
                process.signal("KILL");
                assertThat(process.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
                assertThat(process.process().exitValue()).as("killed, not finished").isEqualTo(137);
            }
            // Let GreenMail store what was on the wire. (No waiting for claims: the next run takes them back.)
            Thread.sleep(2_500);
            atKill.add(copiesByRecipient());
        }
        try (FeedletterProcess last = runOnce(config, KILL_AFTER.length)) {
            assertThat(last.process().waitFor(120, TimeUnit.SECONDS))
                    .as("the last run ended within 120 s; the end of its log:%n%s", last.lastLines(40)).isTrue();
            assertThat(last.process().exitValue()).as(Files.readString(last.output())).isZero();
        }

        Map<String, Integer> copies = copiesByRecipient();
        assertThat(copies).as("every subscriber got the edition").hasSize(SUBSCRIBERS)
                .containsKeys(IntStream.rangeClosed(1, SUBSCRIBERS).mapToObj(CrashSafetyTest::reader).toArray(String[]::new));
        assertThat(copies.values()).as("nobody got it three times").allMatch(n -> n <= 2);
        Set<String> repeated = copies.keySet().stream().filter(to -> copies.get(to) == 2).collect(Collectors.toSet());
        Map<String, Set<String>> messageIds = new HashMap<>();
        for (MimeMessage message : greenMail.getReceivedMessages()) {
            messageIds.computeIfAbsent(message.getAllRecipients()[0].toString(), k -> new HashSet<>())
                    .add(message.getMessageID());
        }
        assertThat(repeated).as("a repeat carries the same Message-ID").allMatch(to -> messageIds.get(to).size() == 1);
        // A repeat's first copy went out from a process that was then killed, and the copy after it from a later
        // process: per kill, at most one message per connection was in flight.
        Set<String> accountedFor = new HashSet<>();
        Map<String, Integer> before = Map.of();
        for (int kill = 0; kill < atKill.size(); kill++) {
            Map<String, Integer> seenBefore = before;
            Map<String, Integer> now = atKill.get(kill);
            Set<String> inFlight = repeated.stream()
                    .filter(to -> !seenBefore.containsKey(to) && now.getOrDefault(to, 0) == 1).collect(Collectors.toSet());
            assertThat(inFlight).as("repeats of messages in flight at kill %d", kill + 1).hasSizeLessThanOrEqualTo(CONCURRENCY);
            accountedFor.addAll(inFlight);
            before = now;
        }
        assertThat(accountedFor).as("every repeat began just before a kill").isEqualTo(repeated);
    }

    /**
     * A node killed while its messages wait on a slow server, then started again with the same config: its claims are
     * its dead predecessor's, so it sends them at once instead of after the claim timeout (10 min, left as it is).
     * The server never answered DATA before the kill, so nothing went out twice.
     */
    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aNodeRestartedAfterAKillSendsWhatItsKilledPredecessorHadClaimedAtOnceAndNothingTwice(String store)
            throws Exception {
        int subscribers = 20;
        int concurrency = 2;
        DatabaseConfig database = store.equals("h2")
                ? new DatabaseConfig("jdbc:h2:file:" + dir.resolve("data/feedletter"), "", "", 4)
                : Postgres.freshSchema();
        try (ScriptedSmtpServer smtp = ScriptedSmtpServer.onFreePort().holdAtData().start()) {
            Path config = restartConfig(database, smtp.port(), subscribers, concurrency);
            try (FeedletterProcess first = service(config, "first")) {
                waitUpTo(Duration.ofSeconds(90), () -> smtp.heldCount() == concurrency || !first.process().isAlive());
                assertThat(smtp.heldCount()).as("messages waiting at DATA; the log:%n%s", first.lastLines(40))
                        .isEqualTo(concurrency);
                Thread.sleep(2_000); // H2 writes commits to its file within a second; the claims must be there
                first.signal("KILL");
                assertThat(first.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
                assertThat(first.process().exitValue()).as("killed").isEqualTo(137);
            }
            assertThat(sendingRows(database)).as("rows the killed process held").isEqualTo(subscribers);
            smtp.releaseHeld();
            assertThat(smtp.received()).isEmpty();

            try (FeedletterProcess second = service(config, "second")) {
                waitUpTo(Duration.ofSeconds(60), () -> recipients(smtp).size() == subscribers
                        || !second.process().isAlive());
                assertThat(recipients(smtp)).as("every subscriber within a minute of the restart; the log:%n%s",
                        second.lastLines(40)).hasSize(subscribers);
                assertThat(Files.readString(second.output()))
                        .contains("took back " + subscribers + " messages claimed by");
                second.signal("INT");
                assertThat(second.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
            }
            Map<String, Long> copies = smtp.received().stream()
                    .collect(Collectors.groupingBy(r -> r.recipients().get(0), Collectors.counting()));
            assertThat(copies.values()).as("copies per subscriber").allMatch(n -> n == 1);
            assertThat(smtp.received().stream().map(ScriptedSmtpServer.Received::messageId).distinct())
                    .hasSize(subscribers);
        } finally {
            if (store.equals("postgresql")) {
                Postgres.drop(database);
            }
        }
    }

    private Path restartConfig(DatabaseConfig database, int port, int subscribers, int concurrency) throws Exception {
        Path feed = Files.writeString(dir.resolve("feed.rss"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0"><channel><title>Institute</title><link>https://example.org/</link>
                <item><title>Central bank pauses</title><link>https://example.org/p/1</link>
                  <pubDate>Wed, 25 Nov 2026 09:00:00 GMT</pubDate><description>One.</description></item>
                </channel></rss>
                """);
        String list = IntStream.rangeClosed(1, subscribers)
                .mapToObj(i -> "  - { email: %s, newsletters: [digest] }".formatted(reader(i)))
                .collect(Collectors.joining("\n"));
        // No claim-timeout: the default 10 minutes stands.
        return Files.writeString(dir.resolve("restart.yaml"), """
                database: { url: "%s", username: "%s" }
                mail: { transport: smtp, host: 127.0.0.1, port: %d, security: none, from: "digest@example.org" }
                delivery: { concurrency: %d }
                feeds:
                  - { url: "%s", name: Institute }
                newsletters:
                  - { id: digest, title: Digest, schedule: "0 0 8 * * ?" }
                subscribers:
                %s
                """.formatted(database.url(), database.username(), port, concurrency, feed.toUri(), list));
    }

    private FeedletterProcess service(Path config, String name) throws Exception {
        return FeedletterProcess.start(dir.resolve(name + ".log"), JVM_OPTIONS, "run", "--config", config.toString());
    }

    /** Returns when the condition holds or the time is up; the assertion after it says what was wrong. */
    private static void waitUpTo(Duration limit, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < end) {
            Thread.sleep(200);
        }
    }

    private static Set<String> recipients(ScriptedSmtpServer smtp) {
        return smtp.received().stream().map(r -> r.recipients().get(0)).collect(Collectors.toSet());
    }

    /** Read from the database file (or schema) once the process that held it is gone. */
    private static int sendingRows(DatabaseConfig database) throws Exception {
        try (Connection c = DriverManager.getConnection(database.url(),
                database.username().isEmpty() ? "sa" : database.username(), database.password());
                ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM outbox WHERE state = 'sending'")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}

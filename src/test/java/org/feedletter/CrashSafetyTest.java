package org.feedletter;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.feedletter.testing.FeedletterProcess;
import org.junit.jupiter.api.Test;
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
        // A short claim timeout, so a killed process's claims are taken back by the next run soon after.
        Files.writeString(config, """
                database: { url: "jdbc:h2:file:%s" }
                mail: { transport: smtp, host: 127.0.0.1, port: %d, security: none, from: "digest@example.org" }
                delivery: { concurrency: %d, claim-timeout: 2s }
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
            // Let the dead process's claims go stale (claim-timeout 2s), and GreenMail store what was on the wire.
            Thread.sleep(2_500);
            atKill.add(copiesByRecipient());
        }
        try (FeedletterProcess last = runOnce(config, KILL_AFTER.length)) {
            assertThat(last.process().waitFor(120, TimeUnit.SECONDS)).isTrue();
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
}

package org.feedletter.web.mergedfeed;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.feedletter.testing.TestHub;
import org.feedletter.testing.Waiting;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The pings to a WebSub hub, over real HTTP to a hub the test runs: what they say, retries, coalescing. */
class HubNotifierTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final List<Duration> QUICK = List.of(Duration.ofMillis(20), Duration.ofMillis(40));
    private static final String ATOM = "https://news.example.org/feed.atom";
    private static final String RSS = "https://news.example.org/feed.rss";
    private static final String JSON = "https://news.example.org/feed.json";

    private final TestHub hub = TestHub.start();
    private final List<String> outcomes = new CopyOnWriteArrayList<>();
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger notifierLog = (Logger) LoggerFactory.getLogger(HubNotifier.class);
    private HubNotifier notifier;

    @BeforeEach
    void captureTheLog() {
        log.start();
        notifierLog.addAppender(log);
    }

    @AfterEach
    void tearDown() {
        notifierLog.detachAppender(log);
        if (notifier != null) {
            notifier.close();
        }
        hub.close();
    }

    private HubNotifier notifier(URI hubUrl) {
        notifier = new HubNotifier(hubUrl, "feedletter-test", Duration.ofSeconds(5), Duration.ofSeconds(10),
                outcomes::add, QUICK);
        return notifier;
    }

    private void waitUntilDone() throws InterruptedException {
        Waiting.until(WAIT, () -> notifier.unfinished() == 0);
    }

    private List<String> warnings() {
        return log.list.stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage)
                .toList();
    }

    @Test
    void aPingIsAFormPostNamingTheTopicAsHubUrlAndHubTopic() throws Exception {
        notifier(hub.url()).changed(List.of(ATOM));
        waitUntilDone();

        assertThat(hub.pings()).singleElement().satisfies(ping -> {
            assertThat(ping.method()).isEqualTo("POST");
            assertThat(ping.contentType()).isEqualTo("application/x-www-form-urlencoded");
            assertThat(ping.userAgent()).isEqualTo("feedletter-test");
            assertThat(ping.form()).containsOnlyKeys("hub.mode", "hub.url", "hub.topic");
            assertThat(ping.field("hub.mode")).isEqualTo("publish");
            assertThat(ping.form().get("hub.url")).containsExactly(ATOM);
            assertThat(ping.form().get("hub.topic")).containsExactly(ATOM);
        });
        assertThat(outcomes).containsExactly("sent");
        assertThat(warnings()).isEmpty();
    }

    @Test
    void aHubAnswering500Then503IsTriedAgainAndEachFailureIsOneWarningWithTheStatus() throws Exception {
        hub.answerNext(500, 503);

        notifier(hub.url()).changed(List.of(ATOM));
        waitUntilDone();

        assertThat(hub.pings()).extracting(TestHub.Ping::answeredWith).containsExactly(500, 503, 204);
        assertThat(hub.topics()).containsOnly(ATOM);
        assertThat(outcomes).containsExactly("retried", "retried", "sent");
        assertThat(warnings()).hasSize(2);
        assertThat(warnings().get(0)).contains(hub.url().toString(), ATOM, "HTTP 500", "trying again");
        assertThat(warnings().get(1)).contains(hub.url().toString(), "HTTP 503");
    }

    @Test
    void afterTheLastRetryItGivesUp() throws Exception {
        hub.answerNext(502, 502, 502, 502);

        notifier(hub.url()).changed(List.of(ATOM));
        waitUntilDone();

        assertThat(hub.pings()).hasSize(1 + QUICK.size());
        assertThat(outcomes).containsExactly("retried", "retried", "failed");
        assertThat(warnings()).hasSize(3).last().asString().contains("HTTP 502", "not trying again");
    }

    @Test
    void aRefusalIsNotTriedAgainNorIsARedirectFollowed() throws Exception {
        hub.answerNext(400, 301);

        notifier(hub.url()).changed(List.of(ATOM, RSS));
        waitUntilDone();

        assertThat(hub.pings()).extracting(TestHub.Ping::answeredWith).containsExactly(400, 301);
        assertThat(outcomes).containsExactly("failed", "failed");
        assertThat(warnings()).hasSize(2);
        assertThat(warnings().get(0)).contains("HTTP 400", "not trying again");
        assertThat(warnings().get(1)).contains("HTTP 301", "redirects are not followed");
    }

    @Test
    void aHubNobodyAnswersAtIsTriedAgainThenGivenUpWithoutHoldingUpTheCaller() throws Exception {
        URI nobody;
        try (ServerSocket socket = new ServerSocket(0)) {
            nobody = URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/hub");
        }

        notifier(nobody).changed(List.of(ATOM));
        waitUntilDone();

        assertThat(outcomes).containsExactly("retried", "retried", "failed");
        assertThat(warnings()).hasSize(3).allSatisfy(w -> assertThat(w).contains(nobody.toString(), "no answer"));
    }

    @Test
    void aTopicWithAPingWaitingIsNotQueuedAgainButOneBeingSentIs() throws Exception {
        hub.holdRequests();
        notifier(hub.url()).changed(List.of(ATOM));
        Waiting.until(WAIT, () -> hub.held().size() == 1); // the Atom ping is being sent

        notifier.changed(List.of(RSS, JSON));
        notifier.changed(List.of(RSS, ATOM, JSON));
        notifier.changed(List.of(RSS, ATOM));
        assertThat(notifier.unfinished()).as("one in flight, RSS, JSON and Atom again waiting").isEqualTo(4);
        hub.release();
        waitUntilDone();

        assertThat(hub.topics()).containsExactly(ATOM, RSS, JSON, ATOM);
        assertThat(outcomes).containsExactly("sent", "sent", "sent", "sent");
    }

    @Test
    void afterCloseNothingIsSent() throws Exception {
        notifier(hub.url()).close();

        notifier.changed(List.of(ATOM));

        assertThat(notifier.unfinished()).isZero();
        assertThat(hub.pings()).isEmpty();
    }
}

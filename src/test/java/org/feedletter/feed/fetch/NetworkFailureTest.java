package org.feedletter.feed.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.feedletter.feed.fetch.FetchResult.Failed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Servers that refuse, do not exist, stall, drip or hang up: each ends as a Failed value, in time. */
@Timeout(20)
class NetworkFailureTest {

    private static final Duration SHORT = Duration.ofMillis(300);
    private static final Duration LONG = Duration.ofSeconds(10);

    @Test
    void refusedConnectionFailsNamingTheHostAndPort() throws IOException {
        int port;
        try (ServerSocket closedSoon = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closedSoon.getLocalPort();
        }
        URI url = URI.create("http://127.0.0.1:" + port + "/feed");

        Failed failed = (Failed) fetch(TestSettings.fast(), url);

        assertThat(failed.message()).isEqualTo("connection refused by 127.0.0.1:" + port + " for " + url);
        assertThat(failed.status()).isZero();
    }

    @Test
    void unknownHostFails() {
        URI url = URI.create("http://feed.example.invalid/rss");

        Failed failed = (Failed) fetch(TestSettings.fast(), url);

        assertThat(failed.message()).isEqualTo("unknown host feed.example.invalid in " + url);
    }

    @Test
    void aServerThatDoesNotSpeakHttpIsNotQuoted() throws Exception {
        // What an SMTP server says first: the fetch error must not store and show it (see EgressTest for keeping
        // feeds away from such servers in the first place).
        try (RawServer server = RawServer.start(socket -> {
            RawServer.send(socket, "220 mail.internal.example ESMTP Postfix (Debian/GNU)\r\n");
            socket.getInputStream().read();
        })) {
            Failed failed = (Failed) fetch(TestSettings.fast(), server.url("/feed"));

            assertThat(failed.message()).isEqualTo("the answer from " + server.url("/").getAuthority() + " for "
                    + server.url("/feed") + " is not valid HTTP");
        }
    }

    @Test
    void serverThatNeverAnswersIsStoppedByTheDeadlineAndTheConnectionClosed() throws Exception {
        CountDownLatch clientHungUp = new CountDownLatch(1);
        try (RawServer server = RawServer.start(socket -> {
            if (socket.getInputStream().read() < 0) {
                clientHungUp.countDown();
            }
        })) {
            Failed failed = (Failed) fetch(TestSettings.withTimeouts(LONG, SHORT), server.url("/feed"));

            assertThat(failed.message()).isEqualTo("timed out after 300 ms waiting for a response from " + server.url("/feed"));
            assertThat(clientHungUp.await(5, TimeUnit.SECONDS)).as("the client closed the connection").isTrue();
        }
    }

    @Test
    void serverThatDripsTheBodyForeverIsStoppedByTheDeadline() throws Exception {
        try (RawServer server = RawServer.start(socket -> {
            RawServer.send(socket, "HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nContent-Length: 100000\r\n\r\n");
            while (true) {
                RawServer.send(socket, "<");
                Thread.sleep(20);
            }
        })) {
            Failed failed = (Failed) fetch(TestSettings.withTimeouts(LONG, SHORT), server.url("/feed"));

            assertThat(failed.message()).isEqualTo("timed out after 300 ms reading " + server.url("/feed"));
            assertThat(failed.status()).isEqualTo(200);
        }
    }

    @Test
    void serverThatDripsTheHeadersForeverIsStoppedByTheDeadline() throws Exception {
        try (RawServer server = RawServer.start(socket -> {
            RawServer.send(socket, "HTTP/1.1 200 OK\r\n");
            while (true) {
                RawServer.send(socket, "X");
                Thread.sleep(20);
            }
        })) {
            Failed failed = (Failed) fetch(TestSettings.withTimeouts(LONG, SHORT), server.url("/feed"));

            assertThat(failed.message()).startsWith("timed out after 300 ms");
        }
    }

    @Test
    void serverThatStallsMidBodyIsStoppedByTheReadTimeout() throws Exception {
        try (RawServer server = RawServer.start(socket -> {
            RawServer.send(socket, "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n<rss>");
            Thread.sleep(60_000);
        })) {
            Failed failed = (Failed) fetch(TestSettings.withTimeouts(SHORT, LONG), server.url("/feed"));

            assertThat(failed.message()).isEqualTo("timed out after 300 ms with no data reading " + server.url("/feed"));
        }
    }

    @Test
    void connectionClosedHalfWayThroughTheBodyFails() throws Exception {
        try (RawServer server = RawServer.start(socket ->
                RawServer.send(socket, "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n<rss><channel>"))) {
            Failed failed = (Failed) fetch(TestSettings.fast(), server.url("/feed"));

            assertThat(failed.message())
                    .isEqualTo("connection closed by " + SafeUrl.hostKey(server.url("/feed")) + " before the whole response from " + server.url("/feed"));
        }
    }

    @Test
    void connectionClosedBeforeAnyResponseFails() throws Exception {
        try (RawServer server = RawServer.start(socket -> {})) {
            Failed failed = (Failed) fetch(TestSettings.fast(), server.url("/feed"));

            assertThat(failed.message()).contains(server.url("/feed").toString());
            assertThat(failed.status()).isZero();
        }
    }

    private static FetchResult fetch(org.feedletter.config.FetchSettings settings, URI url) {
        try (FeedFetcher fetcher = new FeedFetcher(settings)) {
            return fetcher.fetch(FetchRequest.unconditional(url));
        }
    }
}

package org.feedletter.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.feedletter.config.MailConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WriteDeadlinesTest {

    private final WriteDeadlines deadlines = new WriteDeadlines(Duration.ofMillis(20));

    @AfterEach
    void stop() {
        deadlines.shutdownNow();
    }

    @Test
    void aPassedDeadlineRunsItsTaskAndGivesItsResult() throws Exception {
        ScheduledFuture<String> due = deadlines.schedule(() -> "write timed out", 50, TimeUnit.MILLISECONDS);

        assertThat(due.get(10, TimeUnit.SECONDS)).isEqualTo("write timed out");
        assertThat(due.isDone()).isTrue();
        assertThat(deadlines.pending()).isZero();
    }

    @Test
    void aCancelledDeadlineIsForgottenAndNeverRuns() throws Exception {
        AtomicBoolean ran = new AtomicBoolean();
        ScheduledFuture<?> cancelled = deadlines.schedule(() -> ran.set(true), 10, TimeUnit.MILLISECONDS);
        assertThat(cancelled.cancel(false)).isTrue();
        assertThat(deadlines.pending()).isZero();

        // a later deadline has run, so the earlier one would have too
        deadlines.schedule(() -> "later", 40, TimeUnit.MILLISECONDS).get(10, TimeUnit.SECONDS);
        assertThat(ran).isFalse();
        assertThat(cancelled.isCancelled()).isTrue();
    }

    @Test
    void onlyOneOffTasksAreTaken() {
        assertThatThrownBy(() -> deadlines.scheduleAtFixedRate(() -> { }, 1, 1, TimeUnit.SECONDS))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> deadlines.execute(() -> { })).isInstanceOf(UnsupportedOperationException.class);
    }

    /**
     * A server that takes DATA and then reads nothing more: the message's bytes fill both sockets' buffers and the
     * write blocks. The write timeout closes the socket, and the send ends as "try again later".
     */
    @Test
    void aServerThatStopsReadingMidMessageEndsTheSendAsTryAgainLater() throws Exception {
        try (ServerSocket server = new ServerSocket()) {
            server.setReceiveBufferSize(4096);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            CountDownLatch done = new CountDownLatch(1);
            Thread stalling = new Thread(() -> stallAfterData(server, done), "stalling-smtp-server");
            stalling.setDaemon(true);
            stalling.start();
            Properties extra = new Properties();
            extra.put("mail.smtp.writetimeout", "300");
            extra.put("mail.smtp.executor.writetimeout", deadlines);
            SmtpTransport transport = new SmtpTransport(new MailConfig(MailConfig.Transport.SMTP, "127.0.0.1",
                    server.getLocalPort(), MailConfig.Security.NONE, "", "", "Digest <digest@example.org>",
                    Path.of("unused")), extra);
            MimeMessage message = new MimeMessage(transport.session());
            message.setFrom(new InternetAddress("digest@example.org"));
            message.setText("x".repeat(100).concat("\r\n").repeat(320_000)); // 32 MB: more than any socket buffers

            MailSender sender = transport.open();
            try {
                SendResult result = assertTimeoutPreemptively(Duration.ofSeconds(60),
                        () -> sender.send(message, new InternetAddress("alice@example.org")));

                assertThat(result).isInstanceOf(SendResult.RetryLater.class);
            } finally {
                done.countDown(); // first: a send still blocked (the test failing) ends when the server lets go
                sender.close();
            }
        }
    }

    private static void stallAfterData(ServerSocket server, CountDownLatch done) {
        try (Socket client = server.accept()) {
            BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(),
                    StandardCharsets.US_ASCII));
            OutputStream out = client.getOutputStream();
            out.write("220 stalling.example ESMTP\r\n".getBytes(StandardCharsets.US_ASCII));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith("DATA")) {
                    out.write("354 go ahead\r\n".getBytes(StandardCharsets.US_ASCII));
                    done.await(); // and read nothing more
                    return;
                }
                out.write((line.startsWith("QUIT") ? "221 bye\r\n" : "250 ok\r\n").getBytes(StandardCharsets.US_ASCII));
            }
        } catch (Exception ignored) {
            // the client closed the connection: what the test waits for
        }
    }
}

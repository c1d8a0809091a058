package org.feedletter.bench;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An SMTP sink that keeps what it accepts, for the latency benchmark: each message's bytes, its recipient, and the
 * moment (System.nanoTime) its final dot was read, just before the {@code 250} that accepts it. Unlike
 * {@link SmtpSink} it is not built for speed: a line reader, one thread per connection.
 */
final class RecordingSmtpSink implements AutoCloseable {

    /** A message as accepted: {@code acceptedNanos} is taken before the 250 goes out. */
    record Accepted(long acceptedNanos, String recipient, byte[] message) {}

    private final ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "recording-smtp-sink");
        t.setDaemon(true);
        return t;
    });
    private final BlockingQueue<Accepted> accepted = new LinkedBlockingQueue<>();

    RecordingSmtpSink() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.execute(this::acceptAll);
    }

    int port() {
        return server.getLocalPort();
    }

    /** The next message accepted, waiting up to {@code millis}; null when none came. */
    Accepted next(long millis) throws InterruptedException {
        return accepted.poll(Math.max(0, millis), TimeUnit.MILLISECONDS);
    }

    private void acceptAll() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                socket.setTcpNoDelay(true);
                threads.execute(() -> talk(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void talk(Socket socket) {
        try (socket) {
            // ISO-8859-1: one char per byte, so the message's bytes come back as they were sent.
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.ISO_8859_1));
            OutputStream out = socket.getOutputStream();
            reply(out, "220 latency-sink ESMTP");
            String recipient = null;
            String line;
            while ((line = in.readLine()) != null) {
                String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase(Locale.ROOT) : line;
                switch (command) {
                    case "EHLO" -> reply(out, "250-latency-sink\r\n250-8BITMIME\r\n250 SIZE 52428800");
                    case "MAIL" -> {
                        recipient = null;
                        reply(out, "250 2.1.0 Ok");
                    }
                    case "RCPT" -> {
                        recipient = line.replaceFirst("(?i)^RCPT TO:\\s*<?([^>]*)>?.*$", "$1");
                        reply(out, "250 2.1.5 Ok");
                    }
                    case "DATA" -> {
                        reply(out, "354 go ahead");
                        ByteArrayOutputStream message = new ByteArrayOutputStream(32 * 1024);
                        while ((line = in.readLine()) != null && !line.equals(".")) {
                            String unstuffed = line.startsWith(".") ? line.substring(1) : line;
                            message.writeBytes((unstuffed + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                        }
                        if (line == null) {
                            return;
                        }
                        accepted.add(new Accepted(System.nanoTime(), recipient, message.toByteArray()));
                        reply(out, "250 2.0.0 Ok: queued");
                    }
                    case "QUIT" -> {
                        reply(out, "221 bye");
                        return;
                    }
                    default -> reply(out, "250 2.0.0 Ok");
                }
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
        threads.shutdownNow();
    }
}

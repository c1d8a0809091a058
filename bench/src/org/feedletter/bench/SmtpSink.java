package org.feedletter.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The fastest SMTP server we can write in a few lines, for benchmarks: accepts every command and every message,
 * reads DATA to the final dot and forgets it, counting messages and bytes. One thread per connection; replies go out
 * when the client waits for them, so pipelining clients are not slowed by it.
 */
final class SmtpSink implements AutoCloseable {

    private static final byte[] CRLF_DOT_CRLF = {'\r', '\n', '.', '\r', '\n'};

    private final ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "smtp-sink");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong messages = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final long delayMillis;

    SmtpSink() throws IOException {
        this(0);
    }

    /** A sink that waits {@code delayMillis} before accepting each message, like a remote provider's round trip. */
    SmtpSink(long delayMillis) throws IOException {
        this.delayMillis = delayMillis;
        server = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
        threads.execute(this::acceptAll);
    }

    int port() {
        return server.getLocalPort();
    }

    long messages() {
        return messages.get();
    }

    long bytes() {
        return bytes.get();
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
            Input in = new Input(socket.getInputStream());
            OutputStream out = new BufferedOutputStream(socket.getOutputStream());
            reply(out, "220 sink ESMTP");
            String line;
            while ((line = in.readLine()) != null) {
                String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase(Locale.ROOT) : line;
                switch (command) {
                    case "EHLO" -> reply(out, "250-sink\r\n250-8BITMIME\r\n250 SIZE 52428800");
                    case "DATA" -> {
                        reply(out, "354 go ahead");
                        bytes.addAndGet(in.skipToDot());
                        if (delayMillis > 0) {
                            sleep();
                        }
                        messages.incrementAndGet();
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

    private void sleep() throws IOException {
        try {
            Thread.sleep(delayMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("sink closing", e);
        }
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** A buffered reader of the client's bytes, unsynchronized: one thread per connection. */
    private static final class Input {
        private final InputStream in;
        private final byte[] buffer = new byte[64 * 1024];
        private int position;
        private int limit;

        Input(InputStream in) {
            this.in = in;
        }

        private boolean fill() throws IOException {
            limit = in.read(buffer);
            position = 0;
            return limit > 0;
        }

        String readLine() throws IOException {
            StringBuilder line = new StringBuilder(64);
            while (position < limit || fill()) {
                byte b = buffer[position++];
                if (b == '\n') {
                    int end = line.length() > 0 && line.charAt(line.length() - 1) == '\r' ? line.length() - 1 : line.length();
                    return line.substring(0, end);
                }
                line.append((char) (b & 0xff));
            }
            return null;
        }

        /** Skips up to and including CRLF.CRLF (the message starts after the 354, as if after a CRLF). */
        long skipToDot() throws IOException {
            int matched = 2;
            long count = 0;
            while (position < limit || fill()) {
                byte b = buffer[position++];
                count++;
                if (b == CRLF_DOT_CRLF[matched]) {
                    if (++matched == CRLF_DOT_CRLF.length) {
                        return count;
                    }
                } else {
                    matched = b == '\r' ? 1 : 0;
                }
            }
            throw new IOException("connection closed in DATA");
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        threads.shutdownNow();
    }
}

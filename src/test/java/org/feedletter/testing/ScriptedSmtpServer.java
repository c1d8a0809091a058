package org.feedletter.testing;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A small SMTP server whose answers a test scripts: per recipient (250, 451, 550 ...), to MAIL FROM, dropping the
 * connection in the middle of DATA or right after the final dot, holding messages until the test lets them go,
 * STARTTLS with login, and being down, then up again on the same port. It keeps what it took: envelope and bytes.
 * GreenMail covers the friendly cases; this one covers the hostile ones.
 */
public final class ScriptedSmtpServer implements AutoCloseable {

    /** A message the server took (answered 250 after DATA, or would have: see {@link #dropAfterData}). */
    public record Received(String mailFrom, List<String> recipients, byte[] data, boolean overTls, String login) {

        public MimeMessage message() {
            try {
                return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(data));
            } catch (Exception e) {
                throw new IllegalStateException("cannot read a received message", e);
            }
        }

        public String messageId() {
            try {
                return message().getMessageID();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static final String OK = "250 2.0.0 Ok";

    private final int port;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "scripted-smtp");
        t.setDaemon(true);
        return t;
    });
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Map<String, Deque<String>> recipientReplies = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger mailFromCommands = new AtomicInteger();
    private final AtomicInteger authCommands = new AtomicInteger();
    private final AtomicInteger dropsDuringData = new AtomicInteger();
    private final AtomicInteger dropsAfterData = new AtomicInteger();
    private final AtomicInteger held = new AtomicInteger();
    private volatile String mailFromReply = "250 2.1.0 Ok";
    private volatile SSLContext tls;
    private volatile String user;
    private volatile String password;
    private volatile CountDownLatch hold;
    private volatile CountDownLatch holdAtData;
    private volatile ServerSocket listener;

    private ScriptedSmtpServer(int port) {
        this.port = port;
    }

    /** A server on a free port of 127.0.0.1, not yet listening: connections are refused until {@link #start()}. */
    public static ScriptedSmtpServer onFreePort() {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return new ScriptedSmtpServer(probe.getLocalPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts listening (again, after {@link #stop()}) on the same port. */
    public synchronized ScriptedSmtpServer start() {
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
            listener = socket;
            threads.execute(() -> acceptAll(socket));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops listening and drops every open connection, as a server that went down. */
    public synchronized void stop() {
        closeQuietly(listener);
        listener = null;
        open.forEach(ScriptedSmtpServer::closeQuietly);
    }

    public int port() {
        return port;
    }

    /** Answers RCPT TO for this address with these replies in turn; the last one repeats. Others get 250. */
    public ScriptedSmtpServer answerRecipient(String address, String... replies) {
        recipientReplies.put(address.toLowerCase(Locale.ROOT), new ArrayDeque<>(List.of(replies)));
        return this;
    }

    /** Answers every MAIL FROM with this reply, e.g. "553 5.7.1 sender not allowed"; "250 ..." restores it. */
    public ScriptedSmtpServer answerMailFrom(String reply) {
        mailFromReply = reply;
        return this;
    }

    /** The next {@code times} messages: the connection is closed half-way through DATA (the message is lost). */
    public ScriptedSmtpServer dropDuringData(int times) {
        dropsDuringData.set(times);
        return this;
    }

    /** The next {@code times} messages: taken in full, then the connection is closed before the reply. */
    public ScriptedSmtpServer dropAfterData(int times) {
        dropsAfterData.set(times);
        return this;
    }

    /** Offers STARTTLS with this context and, when user is given, requires login after it. */
    public ScriptedSmtpServer withStartTls(SSLContext context, String user, String password) {
        this.tls = context;
        this.user = user;
        this.password = password;
        return this;
    }

    /**
     * Requires login and offers it without STARTTLS, as a server does that has none, or one whose STARTTLS someone
     * in between struck from its answer.
     */
    public ScriptedSmtpServer withLoginInTheClear(String user, String password) {
        this.tls = null;
        this.user = user;
        this.password = password;
        return this;
    }

    /** From now on a message's final dot is answered only when {@link #releaseHeld()} is called. */
    public ScriptedSmtpServer holdMessages() {
        hold = new CountDownLatch(1);
        return this;
    }

    /**
     * From now on DATA is answered only when {@link #releaseHeld()} is called: the client waits with the message
     * unsent, as with a slow server, and nothing of it is taken if the client is gone by then.
     */
    public ScriptedSmtpServer holdAtData() {
        holdAtData = new CountDownLatch(1);
        return this;
    }

    /** How many messages wait for their reply (or, with {@link #holdAtData}, for the answer to DATA) now. */
    public int heldCount() {
        return held.get();
    }

    public void releaseHeld() {
        for (CountDownLatch latch : new CountDownLatch[] {hold, holdAtData}) {
            if (latch != null) {
                latch.countDown();
            }
        }
        hold = null;
        holdAtData = null;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public int connections() {
        return connections.get();
    }

    public int mailFromCommands() {
        return mailFromCommands.get();
    }

    /** How many AUTH commands clients sent, whatever their credentials. */
    public int authCommands() {
        return authCommands.get();
    }

    @Override
    public void close() {
        stop();
        releaseHeld();
        threads.shutdownNow();
    }

    private void acceptAll(ServerSocket socket) {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                open.add(client);
                connections.incrementAndGet();
                threads.execute(() -> {
                    try {
                        new Conversation(client).talk();
                    } catch (IOException | InterruptedException e) {
                        // the client or the script ended the conversation
                    } finally {
                        open.remove(client);
                        closeQuietly(client);
                    }
                });
            } catch (IOException e) {
                return; // closed by stop()
            }
        }
    }

    private String recipientReply(String address) {
        Deque<String> replies = recipientReplies.get(address.toLowerCase(Locale.ROOT));
        if (replies == null) {
            return "250 2.1.5 Ok";
        }
        synchronized (replies) {
            return replies.size() > 1 ? replies.removeFirst() : replies.getFirst();
        }
    }

    private static boolean takeOne(AtomicInteger counter) {
        return counter.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            if (closeable != null) {
                closeable.close();
            }
        } catch (Exception ignored) {
            // closing is all we wanted
        }
    }

    /** One SMTP conversation. */
    private final class Conversation {
        private Socket socket;
        private InputStream in;
        private OutputStream out;
        private boolean overTls;
        private String login;
        private String mailFrom;
        private final List<String> recipients = new ArrayList<>();

        Conversation(Socket socket) throws IOException {
            use(socket);
        }

        private void use(Socket s) throws IOException {
            socket = s;
            in = new BufferedInputStream(s.getInputStream());
            out = s.getOutputStream();
        }

        void talk() throws IOException, InterruptedException {
            reply("220 scripted.test ESMTP");
            String line;
            while ((line = readLine()) != null) {
                String upper = line.toUpperCase(Locale.ROOT);
                if (upper.startsWith("EHLO")) {
                    ehlo();
                } else if (upper.startsWith("HELO")) {
                    reply("250 scripted.test");
                } else if (upper.equals("STARTTLS") && tls != null && !overTls) {
                    reply("220 2.0.0 Ready to start TLS");
                    startTls();
                } else if (upper.startsWith("AUTH ")) {
                    authenticate(line.substring(5).trim());
                } else if (upper.startsWith("MAIL FROM:")) {
                    mailFrom(line);
                } else if (upper.startsWith("RCPT TO:")) {
                    recipient(line);
                } else if (upper.equals("DATA")) {
                    if (!data()) {
                        return;
                    }
                } else if (upper.equals("RSET")) {
                    mailFrom = null;
                    recipients.clear();
                    reply(OK);
                } else if (upper.equals("NOOP")) {
                    reply(OK);
                } else if (upper.equals("QUIT")) {
                    reply("221 2.0.0 Bye");
                    return;
                } else {
                    reply("502 5.5.2 Command not recognised");
                }
            }
        }

        private void ehlo() throws IOException {
            List<String> lines = new ArrayList<>(List.of("scripted.test", "8BITMIME", "SIZE 52428800"));
            if (tls != null && !overTls) {
                lines.add("STARTTLS");
            }
            if (user != null && (overTls || tls == null)) {
                lines.add("AUTH PLAIN LOGIN");
            }
            for (int i = 0; i < lines.size(); i++) {
                reply("250" + (i == lines.size() - 1 ? " " : "-") + lines.get(i));
            }
        }

        private void startTls() throws IOException {
            SSLSocket secure = (SSLSocket) tls.getSocketFactory().createSocket(socket,
                    socket.getInetAddress().getHostAddress(), socket.getPort(), true);
            secure.setUseClientMode(false);
            secure.startHandshake();
            use(secure);
            overTls = true;
            mailFrom = null;
            recipients.clear();
        }

        private void authenticate(String rest) throws IOException {
            authCommands.incrementAndGet();
            String[] parts = rest.split(" ", 2);
            String mechanism = parts[0].toUpperCase(Locale.ROOT);
            String given;
            String secret;
            if (mechanism.equals("PLAIN")) {
                String response = parts.length > 1 ? parts[1] : challenge("");
                String[] fields = decode(response).split("\u0000", -1);
                given = fields.length == 3 ? fields[1] : "";
                secret = fields.length == 3 ? fields[2] : "";
            } else if (mechanism.equals("LOGIN")) {
                given = decode(parts.length > 1 ? parts[1] : challenge("VXNlcm5hbWU6"));
                secret = decode(challenge("UGFzc3dvcmQ6"));
            } else {
                reply("504 5.5.4 Unrecognized authentication type");
                return;
            }
            if (given.equals(user) && secret.equals(password)) {
                login = given;
                reply("235 2.7.0 Authentication successful");
            } else {
                reply("535 5.7.8 Authentication credentials invalid");
            }
        }

        private String challenge(String prompt) throws IOException {
            reply("334 " + prompt);
            String answer = readLine();
            return answer == null ? "" : answer;
        }

        private void mailFrom(String line) throws IOException {
            mailFromCommands.incrementAndGet();
            if (user != null && login == null) {
                reply("530 5.7.0 Authentication required");
                return;
            }
            String answer = mailFromReply;
            if (answer.startsWith("2")) {
                mailFrom = address(line);
                recipients.clear();
            }
            reply(answer);
        }

        private void recipient(String line) throws IOException {
            if (mailFrom == null) {
                reply("503 5.5.1 Need MAIL first");
                return;
            }
            String address = address(line);
            String answer = recipientReply(address);
            if (answer.startsWith("2")) {
                recipients.add(address);
            }
            reply(answer);
        }

        /** @return false when the script dropped the connection */
        private boolean data() throws IOException, InterruptedException {
            if (recipients.isEmpty()) {
                reply("554 5.5.1 No valid recipients");
                return true;
            }
            await(holdAtData);
            reply("354 End data with <CR><LF>.<CR><LF>");
            if (takeOne(dropsDuringData)) {
                for (int i = 0; i < 5; i++) {
                    readLine();
                }
                return false;
            }
            byte[] data = readData();
            if (data == null) {
                return false;
            }
            received.add(new Received(mailFrom, List.copyOf(recipients), data, overTls, login));
            mailFrom = null;
            recipients.clear();
            if (takeOne(dropsAfterData)) {
                return false;
            }
            await(hold);
            reply("250 2.0.0 Ok: queued as " + received.size());
            return true;
        }

        private void await(CountDownLatch latch) throws InterruptedException {
            if (latch != null) {
                held.incrementAndGet();
                try {
                    latch.await(1, TimeUnit.MINUTES);
                } finally {
                    held.decrementAndGet();
                }
            }
        }

        /** The message up to the lone dot, dots unstuffed, or null when the client went away. */
        private byte[] readData() throws IOException {
            ByteArrayOutputStream data = new ByteArrayOutputStream();
            String line;
            while ((line = readLine()) != null) {
                if (line.equals(".")) {
                    return data.toByteArray();
                }
                data.writeBytes((line.startsWith("..") ? line.substring(1) : line).getBytes(StandardCharsets.ISO_8859_1));
                data.writeBytes(new byte[] {'\r', '\n'});
            }
            return null;
        }

        private String readLine() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream(128);
            int b;
            while ((b = in.read()) != -1) {
                if (b == '\n') {
                    byte[] bytes = line.toByteArray();
                    int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                    return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
                }
                line.write(b);
            }
            return null;
        }

        private void reply(String text) throws IOException {
            out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        private String address(String command) {
            int start = command.indexOf('<');
            int end = command.indexOf('>', start + 1);
            return start >= 0 && end > start ? command.substring(start + 1, end)
                    : command.substring(command.indexOf(':') + 1).trim();
        }

        private String decode(String base64) {
            try {
                return new String(Base64.getDecoder().decode(base64.trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return "";
            }
        }
    }
}

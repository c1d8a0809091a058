package org.feedletter.bounce;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.feedletter.config.BounceConfig;
import org.feedletter.config.MailConfig;
import org.feedletter.store.BounceStore.Recorded;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the bounce mailbox over IMAP or POP3 (Jakarta Mail, TLS unless the server is this machine): every message
 * is read into a report, recorded with its decision in one transaction under the report's key, and only then moved
 * to the processed folder (IMAP) or deleted (POP3), in batches. A crash between the two leaves the message in the mailbox; read
 * again, its key is found and nothing is recorded twice, and it is moved then. A message that cannot be recorded
 * (the database is away) stays for the next round; one that cannot be read is recorded as no report, and moved.
 */
public final class BounceMailbox {

    private static final Logger log = LoggerFactory.getLogger(BounceMailbox.class);
    /** Recorded messages moved out together. */
    private static final int MOVE_BATCH = 50;

    /** Runs after a message's report is recorded and before the message is moved: tests crash there. */
    @FunctionalInterface
    interface Checkpoint {
        void recorded(Message message) throws MessagingException;
    }

    private final BounceConfig.Mailbox settings;
    private final ReportParser parser;
    private final ReportRecorder recorder;
    private final Session session;
    private final Checkpoint checkpoint;

    public BounceMailbox(BounceConfig.Mailbox settings, ReportParser parser, ReportRecorder recorder) {
        this(settings, parser, recorder, new Properties(), message -> { });
    }

    /** @param extra session properties on top of the settings', e.g. to trust a test server's certificate */
    BounceMailbox(BounceConfig.Mailbox settings, ReportParser parser, ReportRecorder recorder, Properties extra,
            Checkpoint checkpoint) {
        this.settings = settings;
        this.parser = parser;
        this.recorder = recorder;
        Properties properties = properties(settings);
        properties.putAll(extra);
        this.session = Session.getInstance(properties);
        this.checkpoint = checkpoint;
    }

    /** What one round through the mailbox did. */
    public record Summary(int read, int recorded, int recordedBefore, int suppressed, int failed, String problem) {
        @Override
        public String toString() {
            return problem != null ? problem : read + " read, " + recorded + " recorded (" + suppressed
                    + " suppressed an address), " + recordedBefore + " recorded before, " + failed + " failed";
        }
    }

    private String protocol() {
        String base = settings.protocol().name().toLowerCase(Locale.ROOT);
        return settings.security() == MailConfig.Security.SSL ? base + "s" : base;
    }

    private static Properties properties(BounceConfig.Mailbox settings) {
        String base = settings.protocol().name().toLowerCase(Locale.ROOT);
        String p = settings.security() == MailConfig.Security.SSL ? base + "s" : base;
        Properties props = new Properties();
        props.put("mail." + p + ".connectiontimeout", "15000");
        props.put("mail." + p + ".timeout", "60000");
        props.put("mail." + p + ".writetimeout", "60000");
        switch (settings.security()) {
            case SSL -> props.put("mail." + p + ".ssl.checkserveridentity", "true");
            case STARTTLS -> {
                props.put("mail." + p + ".starttls.enable", "true");
                props.put("mail." + p + ".starttls.required", "true");
                props.put("mail." + p + ".ssl.checkserveridentity", "true");
            }
            case NONE -> { }
        }
        return props;
    }

    /** One round: every message in the folder, each recorded once and then moved or deleted. */
    public synchronized Summary read() {
        int read = 0;
        int recorded = 0;
        int before = 0;
        int suppressed = 0;
        int failed = 0;
        try (Store store = session.getStore(protocol())) {
            store.connect(settings.host(), settings.port(), settings.username(), settings.password());
            Folder folder = store.getFolder(settings.folder());
            if (!folder.exists()) {
                return problem("the bounce mailbox has no folder " + settings.folder());
            }
            Folder processed = processedFolder(store);
            folder.open(Folder.READ_WRITE);
            try {
                Message[] messages = folder.getMessages();
                FetchProfile flags = new FetchProfile();
                flags.add(FetchProfile.Item.FLAGS);
                folder.fetch(messages, flags); // one round trip for every message's flags, not one each
                List<Message> done = new ArrayList<>();
                for (Message message : messages) {
                    if (message.isSet(Flags.Flag.DELETED)) {
                        continue; // moved in a round that died before the expunge
                    }
                    read++;
                    Recorded outcome;
                    try {
                        byte[] raw = bytes(message);
                        outcome = recorder.recordMailboxReport(key(message, raw), parser.parse(raw));
                    } catch (IOException | MessagingException | RuntimeException e) {
                        failed++;
                        log.warn("bounce mailbox message {}: not recorded, left for the next round: {}",
                                message.getMessageNumber(), e.toString());
                        continue;
                    }
                    if (outcome.fresh()) {
                        recorded++;
                    } else {
                        before++;
                    }
                    if (outcome.suppressedNow()) {
                        suppressed++;
                    }
                    checkpoint.recorded(message);
                    done.add(message);
                    if (done.size() == MOVE_BATCH) {
                        moveOut(folder, processed, done);
                    }
                }
                moveOut(folder, processed, done);
            } finally {
                folder.close(true); // expunges (IMAP) or deletes on QUIT (POP3) what was recorded and moved
            }
        } catch (AuthenticationFailedException e) {
            return problem("bounce mailbox " + settings.describe() + ": login refused: " + oneLine(e.getMessage()));
        } catch (MessagingException e) {
            return problem("bounce mailbox " + settings.describe() + ": " + rootMessage(e));
        }
        Summary summary = new Summary(read, recorded, before, suppressed, failed, null);
        if (read > 0) {
            log.info("bounce mailbox {}: {}", settings.describe(), summary);
        }
        return summary;
    }

    /**
     * Moves recorded messages out of the folder, a batch at a time (one COPY and one STORE for many): copied to the
     * processed folder (IMAP) and flagged deleted, expunged when the folder closes. Messages recorded but not yet
     * moved when the process dies are read again next round, and found recorded.
     */
    private static void moveOut(Folder folder, Folder processed, List<Message> done) throws MessagingException {
        if (done.isEmpty()) {
            return;
        }
        Message[] batch = done.toArray(new Message[0]);
        if (processed != null) {
            folder.copyMessages(batch, processed);
        }
        folder.setFlags(batch, new Flags(Flags.Flag.DELETED), true);
        done.clear();
    }

    /** IMAP: the processed folder, made when missing. POP3 has one folder: processed messages are deleted. */
    private Folder processedFolder(Store store) throws MessagingException {
        if (settings.protocol() != BounceConfig.Protocol.IMAP) {
            return null;
        }
        Folder processed = store.getFolder(settings.processedFolder());
        if (!processed.exists() && !processed.create(Folder.HOLDS_MESSAGES)) {
            throw new MessagingException("cannot create the folder " + settings.processedFolder());
        }
        return processed;
    }

    private Summary problem(String problem) {
        log.warn(problem);
        return new Summary(0, 0, 0, 0, 0, problem);
    }

    private static byte[] bytes(Message message) throws IOException, MessagingException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toByteArray();
    }

    /**
     * The report's identity: its own Message-ID, which mail systems make unique; a hash of its bytes when it has
     * none. The same message read twice has the same key.
     */
    static String key(Message message, byte[] raw) throws MessagingException {
        String[] ids = message.getHeader("Message-ID");
        if (ids != null && ids.length > 0 && !ids[0].isBlank()) {
            return ids[0].strip();
        }
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return oneLine(root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage());
    }

    private static String oneLine(String s) {
        return s == null ? "" : new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)
                .replaceAll("[\\r\\n]+", " ").strip();
    }
}

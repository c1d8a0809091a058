package org.feedletter.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Bounces and complaints (the {@code bounces} section): how reports are tied to our mail, where they are read, and
 * when an address is suppressed. Without the section feedletter only counts the SMTP server's refusals at send time,
 * as {@code delivery.bounce-after} says.
 *
 * @param envelope VERP: each message's envelope sender is {@code address} with a signed tag for its outbox row;
 *     MESSAGE_ID: the envelope sender stays the From address and reports are matched by the Message-ID they quote
 * @param address where bounces go, e.g. bounces@example.org (VERP: its mailbox must take bounces+anything@); empty
 *     with MESSAGE_ID
 * @param secret signs the VERP tags; web.secret unless set
 * @param softLimit soft bounces within {@code softWindow} that suppress an address
 * @param complaintWarning the share of an edition's messages complained about above which feedletter warns
 * @param bounceWarning the share of an edition's messages that bounced above which feedletter warns
 * @param mailbox the bounce mailbox to read, if any
 * @param sesTopics the Amazon SNS topic ARNs whose notifications /webhooks/ses takes; empty: that webhook is off
 * @param mailgunSigningKey the Mailgun webhook signing key; empty: /webhooks/mailgun is off
 */
public record BounceConfig(
        Envelope envelope,
        String address,
        String secret,
        int softLimit,
        Duration softWindow,
        double complaintWarning,
        double bounceWarning,
        Optional<Mailbox> mailbox,
        List<String> sesTopics,
        String mailgunSigningKey) {

    public static final int DEFAULT_SOFT_LIMIT = 3;
    public static final Duration DEFAULT_SOFT_WINDOW = Duration.ofDays(14);
    /** 0.1 %: where the large mailbox providers start to act on complaints. */
    public static final double DEFAULT_COMPLAINT_WARNING = 0.001;
    /** 5 %: where mail services review an account. */
    public static final double DEFAULT_BOUNCE_WARNING = 0.05;

    public enum Envelope { VERP, MESSAGE_ID }

    public enum Protocol { IMAP, POP3 }

    public BounceConfig {
        sesTopics = List.copyOf(sesTopics);
    }

    /**
     * The bounce mailbox, read every {@code every}: each message is recorded, then moved to {@code processedFolder}
     * (IMAP) or deleted (POP3).
     */
    public record Mailbox(Protocol protocol, String host, int port, MailConfig.Security security, String username,
            String password, String folder, String processedFolder, Duration every) {

        public static final Duration DEFAULT_EVERY = Duration.ofMinutes(5);

        public String describe() {
            return protocol.name().toLowerCase(java.util.Locale.ROOT) + " " + username + "@" + host + ":" + port
                    + " (" + security.name().toLowerCase(java.util.Locale.ROOT) + ")";
        }

        @Override
        public String toString() {
            return "Mailbox[" + describe() + ", folder=" + folder + ", processedFolder=" + processedFolder
                    + ", every=" + every + ", password=" + (password.isEmpty() ? "" : "****") + "]";
        }
    }

    @Override
    public String toString() {
        return "BounceConfig[envelope=" + envelope + ", address=" + address + ", softLimit=" + softLimit
                + ", softWindow=" + softWindow + ", mailbox=" + mailbox + ", sesTopics=" + sesTopics
                + ", mailgun=" + (mailgunSigningKey.isEmpty() ? "off" : "on") + "]";
    }
}

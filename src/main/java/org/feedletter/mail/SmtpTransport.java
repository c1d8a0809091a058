package org.feedletter.mail;

import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.eclipse.angus.mail.util.MailConnectException;
import org.feedletter.config.MailConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SMTP through Jakarta Mail (Eclipse Angus): STARTTLS or SSL, login when configured, one connection per sender,
 * reused from message to message. Each outcome is classified for the deliverer: accepted, try again later (4xx,
 * a dropped connection), refused for good (5xx for the recipient or message), or a problem with the server or
 * our account (cannot connect, login refused, sender refused) that would fail every message alike.
 */
public final class SmtpTransport implements MailTransport {

    private static final Logger log = LoggerFactory.getLogger(SmtpTransport.class);

    private final MailConfig config;
    private final Session session;

    public SmtpTransport(MailConfig config) {
        this(config, new Properties());
    }

    /** @param extra session properties on top of the config's, e.g. for a test server's self-signed certificate */
    SmtpTransport(MailConfig config, Properties extra) {
        this.config = config;
        Properties properties = properties(config);
        properties.putAll(extra);
        this.session = Session.getInstance(properties);
        if (config.sendsLoginInClear() && config.allowLoginWithoutTls()) {
            log.warn("the SMTP login as {} goes to {} unencrypted (security: none, {}: true)", config.username(),
                    config.host(), MailConfig.ALLOW_LOGIN_WITHOUT_TLS);
        }
    }

    private static Properties properties(MailConfig config) {
        Properties p = new Properties();
        p.put("mail.smtp.host", config.host());
        p.put("mail.smtp.port", String.valueOf(config.port()));
        p.put("mail.smtp.connectiontimeout", "15000");
        p.put("mail.smtp.timeout", "60000");
        p.put("mail.smtp.writetimeout", "60000");
        p.put("mail.smtp.executor.writetimeout", WriteDeadlines.SHARED); // not a thread woken at every write
        p.put("mail.smtp.quitwait", "false");
        p.put("mail.smtp.socketFactory", new NoDelaySockets()); // TLS, when used, is layered on these sockets
        p.put("mail.smtp.auth", String.valueOf(!config.username().isEmpty()));
        switch (config.security()) {
            case STARTTLS -> {
                p.put("mail.smtp.starttls.enable", "true");
                // Never carry on in the clear: a server, or someone in between, that does not offer STARTTLS gets
                // neither the login nor a message.
                p.put("mail.smtp.starttls.required", "true");
                p.put("mail.smtp.ssl.checkserveridentity", "true");
            }
            case SSL -> {
                p.put("mail.smtp.ssl.enable", "true");
                p.put("mail.smtp.ssl.checkserveridentity", "true");
            }
            case NONE -> { }
        }
        return p;
    }

    /** The session messages for this transport are built in. */
    public Session session() {
        return session;
    }

    @Override
    public MailSender open() {
        return new SmtpSender();
    }

    @Override
    public String describe() {
        return "SMTP " + config.host() + ":" + config.port() + " (" + switch (config.security()) {
            case NONE -> "without TLS";
            default -> config.security().name().toLowerCase(java.util.Locale.ROOT);
        } + ")";
    }

    private final class SmtpSender implements MailSender {
        private SMTPTransport transport;

        @Override
        public SendResult send(MimeMessage message, InternetAddress recipient) {
            boolean reused = transport != null;
            if (!reused) {
                SendResult failure = connect();
                if (failure != null) {
                    return failure;
                }
            }
            try {
                transport.sendMessage(message, new Address[] {recipient});
                return new SendResult.Sent(transport.getLastServerResponse());
            } catch (MailFromFailed e) {
                disconnect();
                // Nothing of this message was sent yet. A reused connection may simply have been closed or limited
                // by the server ("421 too many messages"): one fresh connection decides.
                return reused ? send(message, recipient) : new SendResult.ConnectionProblem(e.getMessage());
            } catch (MessagingException e) {
                return classify(e, recipient);
            } catch (IllegalStateException e) { // the server closed the connection between messages
                disconnect();
                return new SendResult.RetryLater("connection to " + describe() + " was closed: " + e.getMessage());
            }
        }

        private SendResult connect() {
            try {
                SMTPTransport t = new SenderAwareTransport(session);
                String user = config.username().isEmpty() ? null : config.username();
                String password = config.username().isEmpty() ? null : config.password();
                t.connect(config.host(), config.port(), user, password);
                transport = t;
                return null;
            } catch (AuthenticationFailedException e) {
                return new SendResult.ConnectionProblem("SMTP login as " + config.username() + " refused by "
                        + describe() + ": " + oneLine(e.getMessage()));
            } catch (MessagingException e) {
                return new SendResult.ConnectionProblem("cannot connect to " + describe() + ": " + rootMessage(e));
            }
        }

        private SendResult classify(MessagingException e, InternetAddress recipient) {
            SMTPAddressFailedException address = addressFailure(e);
            if (address != null) {
                String reason = "recipient " + recipient + " refused: " + oneLine(address.getMessage());
                return address.getReturnCode() >= 500 ? new SendResult.Rejected(reason) : new SendResult.RetryLater(reason);
            }
            if (e instanceof SMTPSendFailedException refused && refused.getReturnCode() > 0) {
                String reason = "message refused: " + oneLine(refused.getMessage());
                return refused.getReturnCode() >= 500 ? new SendResult.Rejected(reason) : new SendResult.RetryLater(reason);
            }
            if (e instanceof MailConnectException) {
                disconnect();
                return new SendResult.ConnectionProblem("cannot connect to " + describe() + ": " + rootMessage(e));
            }
            // An I/O failure mid-message: the server may or may not have taken it. Retry on a new connection;
            // the stable Message-ID lets a repeat be recognised.
            disconnect();
            return new SendResult.RetryLater("connection to " + describe() + " failed: " + rootMessage(e));
        }

        /** The per-recipient refusal inside a SendFailedException chain, if there is one. */
        private SMTPAddressFailedException addressFailure(MessagingException e) {
            Exception next = e;
            while (next instanceof MessagingException m) {
                if (m instanceof SMTPAddressFailedException address) {
                    return address;
                }
                next = m.getNextException();
            }
            return null;
        }

        private void disconnect() {
            if (transport != null) {
                try {
                    transport.close();
                } catch (MessagingException ignored) {
                    // it is broken already; we only drop it
                }
                transport = null;
            }
        }

        @Override
        public void close() {
            disconnect();
        }
    }

    /**
     * Tells a refused or failed MAIL FROM apart from the rest: that command concerns the sender and the connection,
     * not this recipient or message, so its failure pauses delivery instead of failing rows one by one.
     */
    private final class SenderAwareTransport extends SMTPTransport {
        SenderAwareTransport(Session session) {
            super(session, new URLName("smtp", null, -1, null, null, null));
        }

        @Override
        protected void mailFrom() throws MessagingException {
            try {
                super.mailFrom();
            } catch (SMTPSendFailedException e) {
                throw new MailFromFailed("the sender address was refused by " + describe() + ": "
                        + oneLine(e.getMessage()), e);
            } catch (MessagingException e) {
                throw new MailFromFailed("connection to " + describe() + " failed at MAIL FROM: " + rootMessage(e), e);
            }
        }
    }

    /** MAIL FROM was refused or could not be sent; nothing of the message went out. */
    private static final class MailFromFailed extends MessagingException {
        MailFromFailed(String message, Exception cause) {
            super(message, cause);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return oneLine(root == e ? message : message + " (" + root.getClass().getSimpleName() + ")");
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("[\\r\\n]+", " ").strip();
    }
}

package org.feedletter.mail;

/**
 * Where messages go: an SMTP server, or files. Opens one {@link MailSender} per delivery worker. Each is registered
 * under its config name in {@link MailTransports}.
 */
public interface MailTransport {

    MailSender open();

    /** For the operator, e.g. "SMTP smtp.example.org:587 (starttls)" or "files in data/outbox". */
    String describe();
}

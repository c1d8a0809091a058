package org.feedletter.mail;

import org.feedletter.config.MailConfig;

/** Where messages go: an SMTP server, or files. Opens one {@link MailSender} per delivery worker. */
public interface MailTransport {

    MailSender open();

    /** For the operator, e.g. "SMTP smtp.example.org:587 (starttls)" or "files in data/outbox". */
    String describe();

    /** The transport the config names. */
    static MailTransport of(MailConfig mail) {
        return mail.transport() == MailConfig.Transport.FILE ? new FileTransport(mail.outboxDir())
                : new SmtpTransport(mail);
    }
}

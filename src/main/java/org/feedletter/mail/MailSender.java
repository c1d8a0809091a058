package org.feedletter.mail;

import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/** One connection to the mail server (or one writer of files), used by one thread at a time, reused. */
public interface MailSender extends AutoCloseable {

    SendResult send(MimeMessage message, InternetAddress recipient);

    @Override
    void close();
}

package org.feedletter.mail;

import jakarta.mail.internet.MimeMessage;
import org.feedletter.store.OutboxRow;

/** Builds the message an outbox row stands for, at the moment it is sent. */
@FunctionalInterface
public interface OutboxMessages {

    MimeMessage messageFor(OutboxRow row) throws UnsendableMessage;
}

package org.feedletter.mail;

import jakarta.mail.internet.MimeMessage;
import java.util.Map;
import org.feedletter.store.OutboxRow;

/** Builds each outbox row's message with the builder for its kind ("digest", "confirm"). */
public final class MessagesByKind implements OutboxMessages {

    private final Map<String, OutboxMessages> byKind;

    public MessagesByKind(Map<String, OutboxMessages> byKind) {
        this.byKind = Map.copyOf(byKind);
    }

    @Override
    public MimeMessage messageFor(OutboxRow row) throws UnsendableMessage {
        OutboxMessages messages = byKind.get(row.kind());
        if (messages == null) {
            throw new UnsendableMessage("outbox row " + row.id() + " has a kind nothing sends: " + row.kind(), null);
        }
        return messages.messageFor(row);
    }
}

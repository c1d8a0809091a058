package org.feedletter.testing;

import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reading received messages in tests. */
public final class Mails {

    private Mails() {}

    /** A received digest: recipient, subject, Message-ID, and both parts of its multipart/alternative body. */
    public record Received(String to, String subject, String messageId, String text, String html, MimeMessage message) {}

    public static Received read(MimeMessage message) {
        try {
            MimeMultipart parts = (MimeMultipart) message.getContent();
            Address[] to = message.getRecipients(MimeMessage.RecipientType.TO);
            return new Received(to[0].toString(), message.getSubject(), message.getMessageID(),
                    (String) parts.getBodyPart(0).getContent(), (String) parts.getBodyPart(1).getContent(), message);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read a received message", e);
        }
    }

    public static List<Received> readAll(MimeMessage[] messages) {
        List<Received> all = new ArrayList<>();
        for (MimeMessage message : messages) {
            all.add(read(message));
        }
        return all;
    }

    /** Recipient -> their messages. */
    public static Map<String, List<Received>> byRecipient(MimeMessage[] messages) {
        Map<String, List<Received>> by = new TreeMap<>();
        for (Received received : readAll(messages)) {
            by.computeIfAbsent(received.to(), k -> new ArrayList<>()).add(received);
        }
        return by;
    }

    public static int occurrences(String text, String part) {
        int count = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
            count++;
        }
        return count;
    }
}

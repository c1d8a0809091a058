package org.feedletter.subscribe;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.feedletter.digest.LinkMaker;
import org.feedletter.digest.RecipientLinks;

/**
 * Links for a service without a web side: unsubscribing is a mail to the sender. Used when no web base URL is
 * configured; with one, subscribers get signed one-click links instead.
 */
public final class MailtoLinks implements LinkMaker {

    private final String senderAddress;

    public MailtoLinks(String senderAddress) {
        this.senderAddress = senderAddress;
    }

    @Override
    public RecipientLinks linksFor(long subscriberId, String email, String newsletterId, Long editionId) {
        String mailto = "mailto:" + senderAddress + "?subject="
                + URLEncoder.encode("unsubscribe " + newsletterId, StandardCharsets.UTF_8).replace("+", "%20");
        return new RecipientLinks(mailto, mailto, null, null);
    }
}

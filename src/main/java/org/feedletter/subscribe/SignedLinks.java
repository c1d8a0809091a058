package org.feedletter.subscribe;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.feedletter.config.WebConfig;
import org.feedletter.digest.LinkMaker;
import org.feedletter.digest.RecipientLinks;
import org.feedletter.store.SubscriberStore;
import org.feedletter.subscribe.LinkTokens.Claims;
import org.feedletter.subscribe.LinkTokens.Purpose;

/**
 * Personal links for a service with a web side: a signed one-click unsubscribe URL (RFC 8058) for the
 * newsletter, a mailto fallback for List-Unsubscribe, a signed preferences URL and the edition in the archive.
 */
public final class SignedLinks implements LinkMaker {

    private final WebConfig web;
    private final LinkTokens tokens;
    private final SubscriberStore subscribers;
    private final MailtoLinks mailto;

    public SignedLinks(WebConfig web, LinkTokens tokens, SubscriberStore subscribers, MailtoLinks mailto) {
        this.web = web;
        this.tokens = tokens;
        this.subscribers = subscribers;
        this.mailto = mailto;
    }

    @Override
    public RecipientLinks linksFor(long subscriberId, String email, String newsletterId, Long editionId) {
        return linksFor(subscriberId, email, newsletterId, editionId, null);
    }

    @Override
    public RecipientLinks linksFor(long subscriberId, String email, String newsletterId, Long editionId,
            Long sinceEditionId) {
        int version = subscribers.tokenVersion(subscriberId);
        return new RecipientLinks(
                unsubscribeUrl(subscriberId, version, newsletterId),
                mailto.linksFor(subscriberId, email, newsletterId, editionId).unsubscribeMailto(),
                preferencesUrl(subscriberId, version),
                editionId == null ? null : web.absolute("/archive/" + editionId
                        + (sinceEditionId == null ? "" : "?since=" + sinceEditionId)));
    }

    public String unsubscribeUrl(long subscriberId, int version, String newsletterId) {
        return web.absolute("/unsubscribe?token=" + encode(tokens.sign(
                new Claims(Purpose.UNSUBSCRIBE, subscriberId, version, newsletterId, null))));
    }

    public String preferencesUrl(long subscriberId, int version) {
        return web.absolute("/preferences?token=" + encode(tokens.sign(
                new Claims(Purpose.PREFERENCES, subscriberId, version, "", null))));
    }

    private static String encode(String token) {
        return URLEncoder.encode(token, StandardCharsets.UTF_8);
    }
}

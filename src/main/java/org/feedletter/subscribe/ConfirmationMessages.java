package org.feedletter.subscribe;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.feedletter.config.NewsletterConfig;
import org.feedletter.config.WebConfig;
import org.feedletter.digest.RenderedDigest;
import org.feedletter.lang.NewsletterLanguages;
import org.feedletter.mail.MessageComposer;
import org.feedletter.mail.OutboxMessages;
import org.feedletter.mail.UnsendableMessage;
import org.feedletter.store.OutboxRow;
import org.feedletter.store.StoredSubscriber.State;
import org.feedletter.store.StoredSubscriber;
import org.feedletter.store.SubscriberStore;
import org.feedletter.subscribe.LinkTokens.Claims;
import org.feedletter.subscribe.LinkTokens.Purpose;

/**
 * The mail behind an outbox row of kind "confirm", built when it is sent: for a pending subscriber, the link that
 * confirms the address (signed, expiring); for one who is already active, a note with their preferences link,
 * so that the sign-up form never tells a stranger whether an address was subscribed. In the language of the
 * subscriber's newsletters (the first one's, where they differ: a mail has no browser to ask).
 */
public final class ConfirmationMessages implements OutboxMessages {

    private final SubscriberStore subscribers;
    private final List<NewsletterConfig> newsletters;
    private final WebConfig web;
    private final LinkTokens tokens;
    private final SignedLinks links;
    private final Duration confirmWithin;
    private final MessageComposer composer;
    private final InstantSource clock;
    private final ConfirmationMail mail;

    public ConfirmationMessages(SubscriberStore subscribers, List<NewsletterConfig> newsletters, WebConfig web,
            LinkTokens tokens, SignedLinks links, Duration confirmWithin, Optional<Path> operatorTemplates,
            MessageComposer composer, InstantSource clock) {
        this.subscribers = subscribers;
        this.newsletters = List.copyOf(newsletters);
        this.web = web;
        this.tokens = tokens;
        this.links = links;
        this.confirmWithin = confirmWithin;
        this.composer = composer;
        this.clock = clock;
        this.mail = new ConfirmationMail(operatorTemplates);
    }

    @Override
    public MimeMessage messageFor(OutboxRow row) throws UnsendableMessage {
        StoredSubscriber subscriber = subscribers.find(row.subscriberId())
                .orElseThrow(() -> new UnsendableMessage("subscriber " + row.subscriberId() + " no longer exists", null));
        List<String> ids = subscribers.newslettersOf(subscriber.id());
        boolean alreadySubscribed;
        String link;
        if (subscriber.state() == State.ACTIVE) {
            alreadySubscribed = true;
            link = links.preferencesUrl(subscriber.id(), subscriber.tokenVersion());
        } else if (subscriber.state() == State.PENDING) {
            alreadySubscribed = false;
            String token = tokens.sign(new Claims(Purpose.CONFIRM, subscriber.id(), subscriber.tokenVersion(), "",
                    clock.instant().plus(confirmWithin)));
            link = web.absolute("/confirm?token=" + token);
        } else {
            throw new UnsendableMessage("not sent: the subscriber is " + subscriber.state().name().toLowerCase()
                    + " again", null);
        }
        RenderedDigest rendered = mail.render(new ConfirmationMail.Content(alreadySubscribed,
                subscriber.displayEmail(), titles(ids), link, confirmWithin, web.absolute("/subscribe")),
                NewsletterLanguages.forMail(newsletters, ids));
        try {
            return composer.compose(rendered, new InternetAddress(row.email(), true), row.messageId(),
                    Map.of("Auto-Submitted", "auto-generated"), Date.from(clock.instant()));
        } catch (AddressException e) {
            throw new UnsendableMessage("not a valid address: " + row.email() + " (" + e.getMessage() + ")", e);
        } catch (MessagingException e) {
            throw new UnsendableMessage("cannot build the message: " + e.getMessage(), e);
        }
    }

    /** Loads the templates once, so a broken one stops start-up. */
    public void check() {
        mail.check();
    }

    private List<String> titles(List<String> ids) {
        List<String> titles = new ArrayList<>();
        for (NewsletterConfig n : newsletters) {
            if (ids.contains(n.id())) {
                titles.add(n.title());
            }
        }
        return titles;
    }
}

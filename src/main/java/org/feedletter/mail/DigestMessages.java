package org.feedletter.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.InstantSource;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.feedletter.config.NewsletterConfig;
import org.feedletter.digest.DigestContent;
import org.feedletter.digest.DigestLoader;
import org.feedletter.digest.DigestRenderer;
import org.feedletter.digest.DigestRenderer.TemplateProblem;
import org.feedletter.digest.LinkMaker;
import org.feedletter.digest.Recipient;
import org.feedletter.digest.RecipientLinks;
import org.feedletter.store.EditionStore;
import org.feedletter.store.OutboxRow;

/**
 * Renders a digest for one outbox row: the edition's content (loaded once and shared by all its recipients)
 * with the recipient's own links and time zone, into a MIME message with list headers.
 */
public final class DigestMessages implements OutboxMessages {

    private static final int CACHED_EDITIONS = 16;

    private final DigestLoader contents;
    private final DigestRenderer renderer;
    private final LinkMaker links;
    private final MessageComposer composer;
    private final String listDomain;
    private final InstantSource clock;
    private final Map<Editions, DigestContent> contentByEdition = new LinkedHashMap<>(32, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Editions, DigestContent> eldest) {
            return size() > CACHED_EDITIONS;
        }
    };

    /**
     * @param moreUrl newsletter id -> where readers find items beyond max-items (the merged feed), or null
     * @param listDomain the domain part of List-Id, e.g. the sender's domain
     */
    public DigestMessages(EditionStore editions, List<NewsletterConfig> newsletters, DigestRenderer renderer,
            LinkMaker links, MessageComposer composer, Function<String, String> moreUrl, String listDomain,
            InstantSource clock) {
        this.contents = new DigestLoader(editions, newsletters, moreUrl);
        this.renderer = renderer;
        this.links = links;
        this.composer = composer;
        this.listDomain = listDomain;
        this.clock = clock;
    }

    @Override
    public MimeMessage messageFor(OutboxRow row) throws UnsendableMessage {
        if (row.editionId() == null) {
            throw new UnsendableMessage("outbox row " + row.id() + " is a digest without an edition", null);
        }
        DigestContent content = content(new Editions(row.sinceEditionId(), row.editionId()));
        NewsletterConfig newsletter = content.newsletter();
        RecipientLinks personal = links.linksFor(row.subscriberId(), row.email(), newsletter.id(), row.editionId(),
                row.sinceEditionId());
        try {
            var digest = renderer.render(content, new Recipient(row.displayEmail(), row.timeZone(), personal));
            return composer.compose(digest, new InternetAddress(row.email(), true), row.messageId(),
                    listHeaders(newsletter, personal), Date.from(clock.instant()));
        } catch (TemplateProblem e) {
            throw new UnsendableMessage(e.getMessage(), e);
        } catch (AddressException e) {
            throw new UnsendableMessage("not a valid address: " + row.email() + " (" + e.getMessage() + ")", e);
        } catch (MessagingException e) {
            throw new UnsendableMessage("cannot build the message: " + e.getMessage(), e);
        }
    }

    private Map<String, String> listHeaders(NewsletterConfig newsletter, RecipientLinks personal) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("List-Id", listPhrase(newsletter.title()) + " <" + newsletter.id() + "." + listDomain + ">");
        String unsubscribe = personal.unsubscribe();
        if (unsubscribe != null && unsubscribe.startsWith("https://")) {
            headers.put("List-Unsubscribe", "<" + unsubscribe + ">"
                    + (personal.unsubscribeMailto() == null ? "" : ", <" + personal.unsubscribeMailto() + ">"));
            headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        } else if (personal.unsubscribeMailto() != null) {
            headers.put("List-Unsubscribe", "<" + personal.unsubscribeMailto() + ">");
        }
        headers.put("Auto-Submitted", "auto-generated");
        return headers;
    }

    /** One edition, or a periodic digest's editions after {@code since} up to {@code upto}. */
    private record Editions(Long since, long upto) {}

    /** The List-Id's display part: quoted when plain ASCII, else RFC 2047 encoded words (see {@link HeaderText}). */
    static String listPhrase(String title) {
        return HeaderText.phrase(title);
    }

    private DigestContent content(Editions wanted) throws UnsendableMessage {
        synchronized (contentByEdition) {
            DigestContent cached = contentByEdition.get(wanted);
            if (cached != null) {
                return cached;
            }
        }
        DigestContent content;
        try {
            content = contents.load(wanted.since(), wanted.upto());
        } catch (DigestLoader.MissingContent e) {
            throw new UnsendableMessage(e.getMessage(), e);
        }
        synchronized (contentByEdition) {
            contentByEdition.put(wanted, content);
        }
        return content;
    }
}

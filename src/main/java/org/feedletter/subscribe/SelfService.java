package org.feedletter.subscribe;

import java.time.InstantSource;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.feedletter.config.NewsletterConfig;
import org.feedletter.store.StoredSubscriber;
import org.feedletter.store.StoredSubscriber.Frequency;
import org.feedletter.store.SubscriberStore;
import org.feedletter.store.SubscriberChangeStore;
import org.feedletter.store.SubscriberChangeStore.ConfirmOutcome;
import org.feedletter.subscribe.LinkTokens.Claims;
import org.feedletter.subscribe.LinkTokens.Purpose;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a subscriber does through the signed links in their mail, with no login: confirm, change preferences,
 * leave. A link is honoured when its signature holds, it has not expired, and its token version is the
 * subscriber's current one.
 */
public final class SelfService {

    private static final Logger log = LoggerFactory.getLogger(SelfService.class);

    private final LinkTokens tokens;
    private final SubscriberStore subscribers;
    private final SubscriberChangeStore subscriptions;
    private final List<NewsletterConfig> newsletters;
    private final InstantSource clock;

    public SelfService(LinkTokens tokens, SubscriberStore subscribers, SubscriberChangeStore subscriptions,
            List<NewsletterConfig> newsletters, InstantSource clock) {
        this.tokens = tokens;
        this.subscribers = subscribers;
        this.subscriptions = subscriptions;
        this.newsletters = List.copyOf(newsletters);
        this.clock = clock;
    }

    /**
     * Whom a link is for, with what they take now.
     *
     * @param newsletterId the newsletter an unsubscribe link leaves; empty for other links
     */
    public record Holder(StoredSubscriber subscriber, List<String> newsletters, String newsletterId) {}

    /** The holder of a valid link for this purpose; empty for a forged, expired, revoked or unknown one. */
    public Optional<Holder> holder(String token, Purpose purpose) {
        Optional<Claims> claims = tokens.verify(token, purpose, clock.instant());
        if (claims.isEmpty()) {
            return Optional.empty();
        }
        return subscribers.find(claims.get().subscriberId())
                .filter(s -> s.tokenVersion() == claims.get().tokenVersion())
                .map(s -> new Holder(s, subscribers.newslettersOf(s.id()), claims.get().newsletterId()));
    }

    public Optional<ConfirmOutcome> confirm(String token) {
        return holder(token, Purpose.CONFIRM).map(h -> {
            ConfirmOutcome outcome = subscriptions.confirm(h.subscriber().id(), clock.instant());
            log.info("subscriber {}: confirmation {}", h.subscriber().id(), outcome.name().toLowerCase());
            return outcome;
        });
    }

    /**
     * One-click unsubscribe (RFC 8058) from the newsletter the link names, or from everything with {@code all}.
     *
     * @return the holder as they were, or empty for an invalid link
     */
    public Optional<Holder> unsubscribe(String token, boolean all) {
        return holder(token, Purpose.UNSUBSCRIBE).map(h -> {
            leave(h, all || h.newsletterId().isEmpty() ? null : h.newsletterId());
            return h;
        });
    }

    /** Leaving everything from the preferences page. */
    public Optional<Holder> unsubscribeAll(String preferencesToken) {
        return holder(preferencesToken, Purpose.PREFERENCES).map(h -> {
            leave(h, null);
            return h;
        });
    }

    private void leave(Holder h, String newsletterId) {
        if (subscriptions.unsubscribe(h.subscriber().id(), newsletterId, clock.instant())) {
            log.info("subscriber {} unsubscribed from {}", h.subscriber().id(),
                    newsletterId == null ? "everything" : newsletterId);
        }
    }

    /** What the preferences form sent. */
    public record PreferencesForm(List<String> newsletters, String frequency, String timeZone) {}

    /** What saving preferences did. */
    public sealed interface Saved {}

    public record Updated(Holder now) implements Saved {}

    public record Invalid(Map<String, String> problems) implements Saved {}

    public record BadLink() implements Saved {}

    public Saved savePreferences(String token, PreferencesForm form) {
        Optional<Holder> holder = holder(token, Purpose.PREFERENCES);
        if (holder.isEmpty()) {
            return new BadLink();
        }
        Map<String, String> problems = new LinkedHashMap<>();
        List<String> known = newsletters.stream().map(NewsletterConfig::id).toList();
        if (!known.containsAll(form.newsletters())) {
            problems.put("newsletters", Signups.NO_SUCH_NEWSLETTER);
        }
        Optional<Frequency> frequency = Signups.frequency(form.frequency(), problems);
        Optional<ZoneId> zone = Signups.zone(form.timeZone(), problems);
        if (!problems.isEmpty()) {
            return new Invalid(problems);
        }
        long id = holder.get().subscriber().id();
        List<String> chosen = known.stream().filter(form.newsletters()::contains).toList();
        subscriptions.updatePreferences(id, chosen, frequency.get(), zone.get(), clock.instant());
        log.info("subscriber {} changed preferences: {} {} {}", id, chosen, frequency.get(), zone.get());
        return new Updated(holder(token, Purpose.PREFERENCES).orElseThrow());
    }
}

package org.feedletter.subscribe;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.feedletter.config.NewsletterConfig;
import org.feedletter.config.SubscriptionSettings;
import org.feedletter.limits.SlidingWindowLimit;
import org.feedletter.store.StoredSubscriber.Frequency;
import org.feedletter.store.SubscriberChangeStore;
import org.feedletter.store.SubscriberChangeStore.SignUp;
import org.feedletter.store.SubscriberChangeStore.SignUpOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sign-up form's feature: checks what was typed, keeps bots and floods out (a honeypot field, a limit per
 * client address and per email address), and records a pending subscriber whose confirmation mail goes through
 * the outbox. Whatever happened to an address, the answer is the same, so it never tells whether an address
 * was subscribed.
 */
public final class Signups {

    private static final Logger log = LoggerFactory.getLogger(Signups.class);
    /** The problem of a newsletter id that is not configured (the other of the field: none chosen). */
    public static final String NO_SUCH_NEWSLETTER = "there is no such newsletter";

    private final SubscriberChangeStore store;
    private final List<NewsletterConfig> newsletters;
    private final SubscriptionSettings settings;
    private final String messageIdDomain;
    private final InstantSource clock;
    private final SlidingWindowLimit perClient;
    private final SlidingWindowLimit perAddress;

    public Signups(SubscriberChangeStore store, List<NewsletterConfig> newsletters, SubscriptionSettings settings,
            String messageIdDomain, InstantSource clock) {
        this.store = store;
        this.newsletters = List.copyOf(newsletters);
        this.settings = settings;
        this.messageIdDomain = messageIdDomain;
        this.clock = clock;
        this.perClient = new SlidingWindowLimit(settings.perClientPerHour(), Duration.ofHours(1), clock);
        this.perAddress = new SlidingWindowLimit(settings.perAddressPerHour(), Duration.ofHours(1), clock);
    }

    /** What the form gets back. */
    public sealed interface Answer {}

    /** Taken (or silently dropped): "check your inbox". */
    public record Accepted(String email) implements Answer {}

    /** Something typed is wrong: the form again, with a message per field and nothing stored. */
    public record Invalid(Map<String, String> problems) implements Answer {}

    /** This client has sent the form too often. */
    public record TooMany() implements Answer {}

    public Answer signUp(SignUpForm form, String clientAddress) {
        if (!perClient.tryAcquire(clientAddress)) {
            log.info("sign-up from {} refused: more than {} in an hour", clientAddress, settings.perClientPerHour());
            return new TooMany();
        }
        Map<String, String> problems = new LinkedHashMap<>();
        EmailAddress.Result email = EmailAddress.parse(form.email());
        email.address().ifPresentOrElse(a -> { }, () -> problems.put("email", email.problem()));
        List<String> chosen = chosenNewsletters(form.newsletters(), problems);
        Optional<Frequency> frequency = frequency(form.frequency(), problems);
        Optional<ZoneId> zone = zone(form.timeZone(), problems);
        if (!problems.isEmpty()) {
            return new Invalid(problems);
        }
        EmailAddress address = email.address().get();
        if (form.honeypot() != null && !form.honeypot().isBlank()) {
            log.info("sign-up from {} dropped: the hidden field was filled in", clientAddress);
            return new Accepted(address.display());
        }
        if (!perAddress.tryAcquire(address.normalized())) {
            log.info("sign-up from {} dropped: that address was asked for too often", clientAddress);
            return new Accepted(address.display());
        }
        SignUpOutcome outcome = store.signUp(new SignUp(address.normalized(), address.display(), zone.get(),
                frequency.get(), chosen), clock.instant(), settings.resendAfter(), messageIdDomain);
        log.info("sign-up from {}: {}", clientAddress, outcome.name().toLowerCase(Locale.ROOT).replace('_', ' '));
        return new Accepted(address.display());
    }

    /** An operator's "resend confirmation": the address it went to, or empty when the subscriber is not pending. */
    public Optional<String> resendConfirmation(long subscriberId) {
        Optional<String> sentTo = store.resendConfirmation(subscriberId, clock.instant(), messageIdDomain);
        sentTo.ifPresent(email -> log.info("subscriber {}: confirmation queued again by an operator", subscriberId));
        return sentTo;
    }

    private List<String> chosenNewsletters(List<String> asked, Map<String, String> problems) {
        List<String> known = newsletters.stream().map(NewsletterConfig::id).toList();
        List<String> chosen = known.size() == 1 && asked.isEmpty() ? known
                : known.stream().filter(asked::contains).toList();
        if (chosen.isEmpty()) {
            problems.put("newsletters", "choose at least one newsletter");
        } else if (!known.containsAll(asked)) {
            problems.put("newsletters", NO_SUCH_NEWSLETTER);
        }
        return chosen;
    }

    static Optional<Frequency> frequency(String text, Map<String, String> problems) {
        for (Frequency f : Frequency.values()) {
            if (f.name().equalsIgnoreCase(text == null ? "" : text.strip())) {
                return Optional.of(f);
            }
        }
        problems.put("frequency", "choose each edition, daily or weekly");
        return Optional.empty();
    }

    static Optional<ZoneId> zone(String text, Map<String, String> problems) {
        try {
            if (text != null && !text.isBlank() && text.length() < 64) {
                return Optional.of(ZoneId.of(text.strip()));
            }
        } catch (DateTimeException e) {
            // reported below
        }
        problems.put("timeZone", "choose a time zone from the list");
        return Optional.empty();
    }
}

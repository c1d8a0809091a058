package org.feedletter.store;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.feedletter.store.StoredSubscriber.Frequency;
import org.feedletter.store.StoredSubscriber.State;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * A subscriber's life as they lead it themselves: signing up (pending, with a confirmation mail in the outbox),
 * confirming, changing preferences, leaving; and what the operator does from the command line. Each change is
 * one transaction holding the subscriber's row lock, so two requests for one address never interleave.
 */
public final class SubscriberChangeStore {

    private static final String COLUMNS = "id, email, display_email, state, time_zone, frequency, origin, "
            + "consecutive_bounces, created_at, confirmed_at, unsubscribed_at, token_version";

    private final Jdbi jdbi;
    private final Database database;

    public SubscriberChangeStore(Database database) {
        this.jdbi = database.jdbi();
        this.database = database;
    }

    /** What a sign-up did; the web answer is the same for all of them, so it reveals nothing. */
    public enum SignUpOutcome {
        /** A new pending subscriber, with a confirmation queued. */
        CREATED,
        /** A pending (or former) subscriber, asked again: choices updated, a confirmation queued. */
        CONFIRMATION_QUEUED,
        /** Already active: nothing changed; a note with their preferences link queued. */
        NOTE_QUEUED,
        /** A confirmation or note went out less than the resend interval ago: nothing queued. */
        TOO_SOON,
        /** The address is suppressed (it bounced, or complained): nothing changed, nothing queued. */
        SUPPRESSED
    }

    /** What someone asked for on the sign-up form. */
    public record SignUp(String email, String displayEmail, ZoneId timeZone, Frequency frequency,
            List<String> newsletters) {}

    /**
     * Records a sign-up: a new address becomes a pending subscriber; a pending, unsubscribed or bounced one takes
     * the new choices and becomes pending; an active one is left as it is (the form proves nothing about who
     * filled it in). At most one confirmation (or note) is queued per {@code resendAfter}.
     */
    public SignUpOutcome signUp(SignUp request, Instant now, Duration resendAfter, String messageIdDomain) {
        for (int attempt = 1; ; attempt++) {
            try {
                return durable(jdbi.inTransaction(h -> signUp(h, request, now, resendAfter, messageIdDomain)));
            } catch (RuntimeException e) {
                if (attempt >= 2 || !SqlErrors.isUniqueViolation(e)) {
                    throw e; // the second attempt finds the row the other request inserted
                }
            }
        }
    }

    private static SignUpOutcome signUp(Handle h, SignUp request, Instant now, Duration resendAfter, String domain) {
        Optional<StoredSubscriber> existing = lockByEmail(h, request.email());
        if (BounceStore.active(h, request.email()).isPresent()) {
            return SignUpOutcome.SUPPRESSED;
        }
        if (existing.isEmpty()) {
            long id = h.createUpdate("INSERT INTO subscribers (email, display_email, state, time_zone, frequency, "
                            + "origin, consecutive_bounces, created_at) VALUES (:email, :display, 'pending', :tz, "
                            + ":frequency, 'signup', 0, :now)")
                    .bind("email", request.email())
                    .bind("display", request.displayEmail())
                    .bind("tz", request.timeZone().getId())
                    .bind("frequency", SubscriberStore.lower(request.frequency()))
                    .bind("now", now)
                    .executeAndReturnGeneratedKeys("id")
                    .mapTo(Long.class)
                    .one();
            replaceSubscriptions(h, id, request.newsletters(), now);
            queueConfirmation(h, id, now, domain);
            return SignUpOutcome.CREATED;
        }
        StoredSubscriber subscriber = existing.get();
        Optional<Instant> last = lastConfirmation(h, subscriber.id());
        boolean tooSoon = last.isPresent() && last.get().plus(resendAfter).isAfter(now);
        if (subscriber.state() == State.ACTIVE) {
            if (tooSoon) {
                return SignUpOutcome.TOO_SOON;
            }
            queueConfirmation(h, subscriber.id(), now, domain);
            return SignUpOutcome.NOTE_QUEUED;
        }
        h.createUpdate("UPDATE subscribers SET state = 'pending', display_email = :display, time_zone = :tz, "
                        + "frequency = :frequency, consecutive_bounces = 0 WHERE id = :id")
                .bind("display", request.displayEmail())
                .bind("tz", request.timeZone().getId())
                .bind("frequency", SubscriberStore.lower(request.frequency()))
                .bind("id", subscriber.id())
                .execute();
        replaceSubscriptions(h, subscriber.id(), request.newsletters(), now);
        if (tooSoon) {
            return SignUpOutcome.TOO_SOON;
        }
        queueConfirmation(h, subscriber.id(), now, domain);
        return SignUpOutcome.CONFIRMATION_QUEUED;
    }

    /**
     * Queues a pending subscriber's confirmation again, because an operator asked (so the resend interval does not
     * apply). Empty when there is no such subscriber or they are not pending; else their address.
     */
    public Optional<String> resendConfirmation(long subscriberId, Instant now, String domain) {
        return durable(jdbi.inTransaction(h -> {
            Optional<StoredSubscriber> subscriber = lock(h, subscriberId);
            if (subscriber.isEmpty() || subscriber.get().state() != State.PENDING
                    || BounceStore.active(h, subscriber.get().email()).isPresent()) {
                return Optional.empty();
            }
            queueConfirmation(h, subscriberId, now, domain);
            return Optional.of(subscriber.get().email());
        }));
    }

    /** The result of a change a subscriber or operator just made, once it is durable (see Database#flushCommits). */
    private <T> T durable(T result) {
        database.flushCommits();
        return result;
    }

    /** The outbox row that becomes a confirmation (or, for an active subscriber, a note) when it is sent. */
    private static void queueConfirmation(Handle h, long subscriberId, Instant now, String domain) {
        String random = UUID.randomUUID().toString().substring(0, 8);
        h.createUpdate("INSERT INTO outbox (kind, subscriber_id, message_id, state, attempts, next_attempt_at, "
                        + "created_at) VALUES ('confirm', :s, :mid, 'queued', 0, :now, :now)")
                .bind("s", subscriberId)
                .bind("mid", "<confirm-" + subscriberId + "-" + now.toEpochMilli() + "-" + random + "@" + domain + ">")
                .bind("now", now)
                .execute();
    }

    private static Optional<Instant> lastConfirmation(Handle h, long subscriberId) {
        return h.createQuery("SELECT MAX(created_at) FROM outbox WHERE subscriber_id = :s AND kind = 'confirm'")
                .bind("s", subscriberId)
                .mapTo(Instant.class)
                .findOne();
    }

    /** What confirming a link did. */
    public enum ConfirmOutcome { CONFIRMED, ALREADY_ACTIVE, NOT_PENDING }

    /** A pending subscriber becomes active; periodic digests start from the newest edition there is now. */
    public ConfirmOutcome confirm(long subscriberId, Instant now) {
        return durable(jdbi.inTransaction(h -> {
            Optional<StoredSubscriber> subscriber = lock(h, subscriberId);
            if (subscriber.isEmpty() || subscriber.get().state() == State.UNSUBSCRIBED
                    || subscriber.get().state() == State.BOUNCED) {
                return ConfirmOutcome.NOT_PENDING;
            }
            if (subscriber.get().state() == State.ACTIVE) {
                return ConfirmOutcome.ALREADY_ACTIVE;
            }
            h.createUpdate("UPDATE subscribers SET state = 'active', confirmed_at = :now, unsubscribed_at = NULL "
                            + "WHERE id = :id")
                    .bind("now", now)
                    .bind("id", subscriberId)
                    .execute();
            restartPeriodicDigests(h, subscriberId);
            return ConfirmOutcome.CONFIRMED;
        }));
    }

    /**
     * Leaves one newsletter, or all when {@code newsletterId} is null; leaving the last one unsubscribes the
     * address. Queued digests of what was left are cancelled.
     *
     * @return false when there was nothing to leave
     */
    public boolean unsubscribe(long subscriberId, String newsletterId, Instant now) {
        return durable(jdbi.inTransaction(h -> {
            Optional<StoredSubscriber> subscriber = lock(h, subscriberId);
            if (subscriber.isEmpty() || subscriber.get().state() == State.UNSUBSCRIBED) {
                return false;
            }
            List<String> current = newslettersOf(h, subscriberId);
            List<String> leaving = newsletterId == null ? current
                    : current.contains(newsletterId) ? List.of(newsletterId) : List.of();
            removeSubscriptions(h, subscriberId, leaving);
            if (leaving.size() == current.size()) {
                h.createUpdate("UPDATE subscribers SET state = 'unsubscribed', unsubscribed_at = :now WHERE id = :id")
                        .bind("now", now)
                        .bind("id", subscriberId)
                        .execute();
                cancelQueuedDigests(h, subscriberId, null);
                return true;
            }
            return !leaving.isEmpty();
        }));
    }

    /** New choices from the preferences page; no newsletters at all means leaving. */
    public void updatePreferences(long subscriberId, List<String> newsletters, Frequency frequency, ZoneId zone,
            Instant now) {
        if (newsletters.isEmpty()) {
            unsubscribe(subscriberId, null, now);
            return;
        }
        jdbi.useTransaction(h -> {
            StoredSubscriber subscriber = lock(h, subscriberId).orElseThrow();
            List<String> current = newslettersOf(h, subscriberId);
            removeSubscriptions(h, subscriberId, current.stream().filter(n -> !newsletters.contains(n)).toList());
            addSubscriptions(h, subscriberId, newsletters.stream().filter(n -> !current.contains(n)).toList(), now);
            // The link came from their own mailbox: someone who left and chooses newsletters again is back.
            h.createUpdate("UPDATE subscribers SET frequency = :frequency, time_zone = :tz, state = CASE WHEN "
                            + "state = 'unsubscribed' THEN 'active' ELSE state END, unsubscribed_at = NULL WHERE id = :id")
                    .bind("frequency", SubscriberStore.lower(frequency))
                    .bind("tz", zone.getId())
                    .bind("id", subscriberId)
                    .execute();
            if (subscriber.state() == State.UNSUBSCRIBED
                    || subscriber.frequency() == Frequency.EDITION && frequency != Frequency.EDITION) {
                restartPeriodicDigests(h, subscriberId);
            } else if (subscriber.frequency() != frequency || !subscriber.timeZone().equals(zone)) {
                h.createUpdate("UPDATE subscriptions SET next_digest_at = NULL WHERE subscriber_id = :s")
                        .bind("s", subscriberId)
                        .execute();
            }
        });
        database.flushCommits();
    }

    /** What adding a subscriber from the command line or a file did. */
    public enum AddOutcome { ADDED, UPDATED, REFUSED_UNSUBSCRIBED, REFUSED_SUPPRESSED }

    /**
     * An operator adds an address, active at once (they vouch for its consent). Someone who unsubscribed is not
     * brought back unless {@code overrideUnsubscribe}; a suppressed address not at all (an operator lifts the
     * suppression first); an active subscriber gains the newsletters.
     */
    public AddOutcome add(SignUp request, String origin, boolean overrideUnsubscribe, Instant now) {
        return durable(jdbi.inTransaction(h -> {
            Optional<StoredSubscriber> existing = lockByEmail(h, request.email());
            if (BounceStore.active(h, request.email()).isPresent()) {
                return AddOutcome.REFUSED_SUPPRESSED;
            }
            if (existing.isPresent() && existing.get().state() == State.UNSUBSCRIBED && !overrideUnsubscribe) {
                return AddOutcome.REFUSED_UNSUBSCRIBED;
            }
            if (existing.isEmpty()) {
                long id = h.createUpdate("INSERT INTO subscribers (email, display_email, state, time_zone, frequency, "
                                + "origin, consecutive_bounces, created_at, confirmed_at) VALUES (:email, :display, "
                                + "'active', :tz, :frequency, :origin, 0, :now, :now)")
                        .bind("email", request.email())
                        .bind("display", request.displayEmail())
                        .bind("tz", request.timeZone().getId())
                        .bind("frequency", SubscriberStore.lower(request.frequency()))
                        .bind("origin", origin)
                        .bind("now", now)
                        .executeAndReturnGeneratedKeys("id")
                        .mapTo(Long.class)
                        .one();
                addSubscriptions(h, id, request.newsletters(), now);
                return AddOutcome.ADDED;
            }
            long id = existing.get().id();
            h.createUpdate("UPDATE subscribers SET state = 'active', confirmed_at = COALESCE(confirmed_at, :now), "
                            + "unsubscribed_at = NULL, consecutive_bounces = 0 WHERE id = :id")
                    .bind("now", now)
                    .bind("id", id)
                    .execute();
            List<String> current = newslettersOf(h, id);
            addSubscriptions(h, id, request.newsletters().stream().filter(n -> !current.contains(n)).toList(), now);
            return AddOutcome.UPDATED;
        }));
    }

    /** Makes every link in mails sent so far stop working. */
    public void revokeLinks(long subscriberId) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE subscribers SET token_version = token_version + 1 WHERE id = :id")
                .bind("id", subscriberId)
                .execute());
        database.flushCommits();
    }

    /** Forgets a subscriber entirely: their outbox rows, subscriptions and the row itself. */
    public boolean erase(long subscriberId) {
        return durable(jdbi.inTransaction(h -> {
            h.createUpdate("DELETE FROM outbox WHERE subscriber_id = :s").bind("s", subscriberId).execute();
            h.createUpdate("DELETE FROM subscriptions WHERE subscriber_id = :s").bind("s", subscriberId).execute();
            return h.createUpdate("DELETE FROM subscribers WHERE id = :s").bind("s", subscriberId).execute() == 1;
        }));
    }

    /** A subscriber with their newsletters, for listing and export. */
    public record Listed(StoredSubscriber subscriber, List<String> newsletters) {}

    /** Every subscriber (or those in one state), by address. */
    public List<Listed> list(Optional<State> state) {
        return jdbi.withHandle(h -> {
            Map<Long, List<String>> newsletters = new LinkedHashMap<>();
            h.createQuery("SELECT subscriber_id, newsletter_id FROM subscriptions ORDER BY newsletter_id")
                    .map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getString(2)))
                    .forEach(e -> newsletters.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
            var query = h.createQuery("SELECT " + COLUMNS + " FROM subscribers"
                    + (state.isPresent() ? " WHERE state = :state" : "") + " ORDER BY email");
            state.ifPresent(s -> query.bind("state", SubscriberStore.lower(s)));
            return query.map(SubscriberStore::map)
                    .map(s -> new Listed(s, List.copyOf(newsletters.getOrDefault(s.id(), List.of()))))
                    .list();
        });
    }

    /** Periodic digests start over from the newest edition of each newsletter, due at the next local hour. */
    private static void restartPeriodicDigests(Handle h, long subscriberId) {
        h.createUpdate("UPDATE subscriptions SET next_digest_at = NULL, last_edition_id = (SELECT "
                        + "COALESCE(MAX(e.id), 0) FROM editions e WHERE e.newsletter_id = subscriptions.newsletter_id) "
                        + "WHERE subscriber_id = :s")
                .bind("s", subscriberId)
                .execute();
    }

    private static void replaceSubscriptions(Handle h, long subscriberId, List<String> newsletters, Instant now) {
        h.createUpdate("DELETE FROM subscriptions WHERE subscriber_id = :s").bind("s", subscriberId).execute();
        addSubscriptions(h, subscriberId, newsletters, now);
    }

    private static void addSubscriptions(Handle h, long subscriberId, Collection<String> newsletters, Instant now) {
        for (String newsletter : newsletters) {
            h.createUpdate("INSERT INTO subscriptions (subscriber_id, newsletter_id, created_at, last_edition_id) "
                            + "SELECT :s, :n, :now, (SELECT COALESCE(MAX(e.id), 0) FROM editions e WHERE e.newsletter_id = :n) "
                            + "WHERE NOT EXISTS (SELECT 1 FROM subscriptions WHERE subscriber_id = :s "
                            + "AND newsletter_id = :n)")
                    .bind("s", subscriberId)
                    .bind("n", newsletter)
                    .bind("now", now)
                    .execute();
        }
    }

    private static void removeSubscriptions(Handle h, long subscriberId, List<String> newsletters) {
        for (String newsletter : newsletters) {
            h.createUpdate("DELETE FROM subscriptions WHERE subscriber_id = :s AND newsletter_id = :n")
                    .bind("s", subscriberId)
                    .bind("n", newsletter)
                    .execute();
            cancelQueuedDigests(h, subscriberId, newsletter);
        }
    }

    /** Digests still waiting in the outbox for what the subscriber left: they never go out. */
    private static void cancelQueuedDigests(Handle h, long subscriberId, String newsletterId) {
        var update = h.createUpdate("UPDATE outbox SET state = 'cancelled', last_error = 'not sent: the subscriber "
                + "left' WHERE subscriber_id = :s AND kind = 'digest' AND state = 'queued'"
                + (newsletterId == null ? "" : " AND edition_id IN (SELECT id FROM editions WHERE newsletter_id = :n)"));
        update.bind("s", subscriberId);
        if (newsletterId != null) {
            update.bind("n", newsletterId);
        }
        update.execute();
    }

    private static List<String> newslettersOf(Handle h, long subscriberId) {
        return h.createQuery("SELECT newsletter_id FROM subscriptions WHERE subscriber_id = :s ORDER BY newsletter_id")
                .bind("s", subscriberId)
                .mapTo(String.class)
                .list();
    }

    private static Optional<StoredSubscriber> lock(Handle h, long subscriberId) {
        return h.createQuery("SELECT " + COLUMNS + " FROM subscribers WHERE id = :id FOR UPDATE")
                .bind("id", subscriberId)
                .map(SubscriberStore::map)
                .findOne();
    }

    private static Optional<StoredSubscriber> lockByEmail(Handle h, String email) {
        return h.createQuery("SELECT " + COLUMNS + " FROM subscribers WHERE email = :email FOR UPDATE")
                .bind("email", email)
                .map(SubscriberStore::map)
                .findOne();
    }
}

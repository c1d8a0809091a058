package org.feedletter.store;

import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.feedletter.store.PushSubscription.State;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * The push_subscriptions table (WebSub, the subscriber side): each feed's subscription at its hub, and the feeds'
 * poll times that a live subscription stretches. Every change that answers a hub's request names the subscription by
 * its callback id, so an answer meant for an earlier subscription of the feed changes nothing.
 */
public final class PushStore {

    private static final String COLUMNS = "feed_id, hub, topic, callback_id, secret, state, requested_at, lease_until, "
            + "next_attempt_at, failures, last_error, last_push_at, pushes_accepted, pushes_refused";
    private static final int CHUNK = 500;

    private final Jdbi jdbi;

    public PushStore(Database database) {
        this.jdbi = database.jdbi();
    }

    public Optional<PushSubscription> find(long feedId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM push_subscriptions WHERE feed_id = :id")
                .bind("id", feedId).map(PushStore::map).findOne());
    }

    public Optional<PushSubscription> byCallback(String callbackId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM push_subscriptions "
                        + "WHERE callback_id = :callback")
                .bind("callback", callbackId).map(PushStore::map).findOne());
    }

    /** The subscriptions of these feeds (those that have one). */
    public List<PushSubscription> forFeeds(Collection<Long> feedIds) {
        List<Long> ids = List.copyOf(feedIds);
        List<PushSubscription> found = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += CHUNK) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
            found.addAll(jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM push_subscriptions "
                            + "WHERE feed_id IN (<ids>)")
                    .bindList("ids", chunk).map(PushStore::map).list()));
        }
        return found;
    }

    /** Every subscription, by feed id. */
    public List<PushSubscription> all() {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM push_subscriptions ORDER BY feed_id")
                .map(PushStore::map).list());
    }

    /**
     * The subscriptions that need something done by {@code now}: a renewal or retry due, a lease that ended, a
     * verification or an unsubscription not answered since {@code unansweredSince}, a feed that was removed.
     */
    public List<PushSubscription> due(Instant now, Instant unansweredSince) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM push_subscriptions WHERE "
                        + "(state IN ('live', 'failed', 'lapsed') AND next_attempt_at <= :now) "
                        + "OR (state = 'live' AND lease_until <= :now) "
                        + "OR (state IN ('subscribing', 'unsubscribing') AND requested_at <= :since) "
                        + "OR (state <> 'unsubscribing' AND feed_id IN (SELECT id FROM feeds WHERE state = 'removed')) "
                        + "ORDER BY feed_id")
                .bind("now", now).bind("since", unansweredSince).map(PushStore::map).list());
    }

    /**
     * A new subscription of the feed is asked for, with a new callback id and secret: whatever the feed had before is
     * replaced (failures in a row are kept, for the backoff).
     */
    public void subscribing(long feedId, URI hub, String topic, String callbackId, String secret, Instant now) {
        SqlErrors.retryingUniqueViolations(() -> jdbi.inTransaction(h -> {
            int updated = h.createUpdate("UPDATE push_subscriptions SET hub = :hub, topic = :topic, "
                            + "callback_id = :callback, secret = :secret, state = 'subscribing', requested_at = :now, "
                            + "lease_until = NULL, next_attempt_at = NULL WHERE feed_id = :id")
                    .bind("id", feedId).bind("hub", hub.toString()).bind("topic", topic).bind("callback", callbackId)
                    .bind("secret", secret).bind("now", now).execute();
            if (updated == 0) {
                h.createUpdate("INSERT INTO push_subscriptions (feed_id, hub, topic, callback_id, secret, state, "
                                + "requested_at, failures) VALUES (:id, :hub, :topic, :callback, :secret, 'subscribing', "
                                + ":now, 0)")
                        .bind("id", feedId).bind("hub", hub.toString()).bind("topic", topic)
                        .bind("callback", callbackId).bind("secret", secret).bind("now", now).execute();
            }
            return updated;
        }));
    }

    /**
     * Takes a due renewal or retry for this node: moves its next attempt to {@code holdUntil} if it is still the one
     * seen. False when another node took it first.
     */
    public boolean claimAttempt(String callbackId, Instant seen, Instant now, Instant holdUntil) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE push_subscriptions SET next_attempt_at = :hold, "
                        + "requested_at = :now WHERE callback_id = :callback AND next_attempt_at = :seen")
                .bind("callback", callbackId).bind("seen", seen).bind("now", now).bind("hold", holdUntil)
                .execute()) == 1;
    }

    /**
     * The hub verified the subscription (or its renewal): live until {@code leaseUntil}, to be renewed at
     * {@code renewAt}. False when no subscription being asked for or live has this callback.
     */
    public boolean verified(String callbackId, Instant leaseUntil, Instant renewAt) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE push_subscriptions SET state = 'live', "
                        + "lease_until = :lease, next_attempt_at = :renew, failures = 0, last_error = NULL "
                        + "WHERE callback_id = :callback AND state IN ('subscribing', 'live')")
                .bind("callback", callbackId).bind("lease", leaseUntil).bind("renew", renewAt).execute()) == 1;
    }

    /**
     * Asking for the subscription failed (the hub refused or could not be reached, denied it, or never verified it):
     * FAILED, asked again at {@code retryAt}; unless it is live and its lease still runs, when it stays live and only
     * the renewal is retried (no later than the lease's end).
     */
    public void failed(String callbackId, String error, Instant now, Instant retryAt) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE push_subscriptions SET "
                        + "state = CASE WHEN state = 'live' AND lease_until > :now THEN 'live' ELSE 'failed' END, "
                        + "next_attempt_at = CASE WHEN state = 'live' AND lease_until > :now AND lease_until < :retry "
                        + "THEN lease_until ELSE :retry END, "
                        + "failures = failures + 1, last_error = :error WHERE callback_id = :callback "
                        + "AND state IN ('subscribing', 'live')")
                .bind("callback", callbackId).bind("error", truncate(error)).bind("now", now).bind("retry", retryAt)
                .execute());
    }

    /** The hub denied the subscription: FAILED, whatever its state, asked again at {@code retryAt}. */
    public boolean denied(String callbackId, String error, Instant retryAt) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE push_subscriptions SET state = 'failed', "
                        + "next_attempt_at = :retry, failures = failures + 1, last_error = :error "
                        + "WHERE callback_id = :callback AND state <> 'unsubscribing'")
                .bind("callback", callbackId).bind("error", truncate(error)).bind("retry", retryAt).execute()) == 1;
    }

    /** A live subscription's lease ended without a renewal: LAPSED, asked again at once. */
    public boolean lapsed(String callbackId, Instant now) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE push_subscriptions SET state = 'lapsed', "
                        + "next_attempt_at = :now, last_error = COALESCE(last_error, 'the lease ended without a renewal') "
                        + "WHERE callback_id = :callback AND state = 'live' AND lease_until <= :now")
                .bind("callback", callbackId).bind("now", now).execute()) == 1;
    }

    /** An unsubscription of the feed's subscription is asked for; the row goes when the hub verifies it. */
    public boolean unsubscribing(String callbackId, Instant now) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE push_subscriptions SET state = 'unsubscribing', "
                        + "requested_at = :now, next_attempt_at = NULL WHERE callback_id = :callback")
                .bind("callback", callbackId).bind("now", now).execute()) == 1;
    }

    /** Forgets a subscription: unsubscribed, or given up. */
    public boolean delete(String callbackId) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM push_subscriptions WHERE callback_id = :callback")
                .bind("callback", callbackId).execute()) == 1;
    }

    /** A push arrived on this callback: taken in, or refused (bad or missing signature, unreadable). */
    public void pushed(String callbackId, boolean accepted, String error, Instant now) {
        jdbi.useHandle(h -> {
            if (accepted) {
                h.createUpdate("UPDATE push_subscriptions SET pushes_accepted = pushes_accepted + 1, "
                                + "last_push_at = :now WHERE callback_id = :callback")
                        .bind("callback", callbackId).bind("now", now).execute();
            } else {
                h.createUpdate("UPDATE push_subscriptions SET pushes_refused = pushes_refused + 1, last_error = :error "
                                + "WHERE callback_id = :callback")
                        .bind("callback", callbackId).bind("error", truncate(error)).execute();
            }
        });
    }

    /** Subscriptions per state. */
    public Map<String, Long> countByState() {
        Map<String, Long> counts = new HashMap<>();
        jdbi.useHandle(h -> h.createQuery("SELECT state, COUNT(*) FROM push_subscriptions GROUP BY state")
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2)))
                .forEach(e -> counts.put(e.getKey(), e.getValue())));
        return counts;
    }

    /**
     * A feed's next poll no earlier than {@code at} (a live subscription's safety net); one statement per feed, in
     * one batch.
     */
    public void pollNoEarlierThan(Map<Long, Instant> atByFeed) {
        if (atByFeed.isEmpty()) {
            return;
        }
        jdbi.useTransaction(h -> {
            PreparedBatch batch = h.prepareBatch("UPDATE feeds SET next_poll_at = :at WHERE id = :id "
                    + "AND next_poll_at < :at AND state = 'active'");
            atByFeed.forEach((id, at) -> batch.bind("id", id).bind("at", at).add());
            batch.execute();
        });
    }

    /** A feed's next poll no later than {@code at}: its subscription failed or lapsed, so it is polled as before. */
    public void pollNoLaterThan(long feedId, Instant at) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE feeds SET next_poll_at = :at WHERE id = :id AND next_poll_at > :at")
                .bind("id", feedId).bind("at", at).execute());
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 2000 ? s : s.substring(0, 1999) + "…";
    }

    private static PushSubscription map(ResultSet rs, StatementContext ctx) throws SQLException {
        var instant = ctx.findColumnMapperFor(Instant.class).orElseThrow();
        return new PushSubscription(
                rs.getLong("feed_id"),
                URI.create(rs.getString("hub")),
                rs.getString("topic"),
                rs.getString("callback_id"),
                rs.getString("secret"),
                State.valueOf(rs.getString("state").toUpperCase(Locale.ROOT)),
                instant.map(rs, "requested_at", ctx),
                instant.map(rs, "lease_until", ctx),
                instant.map(rs, "next_attempt_at", ctx),
                rs.getInt("failures"),
                rs.getString("last_error"),
                instant.map(rs, "last_push_at", ctx),
                rs.getLong("pushes_accepted"),
                rs.getLong("pushes_refused"));
    }
}

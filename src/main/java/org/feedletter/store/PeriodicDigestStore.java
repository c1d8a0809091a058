package org.feedletter.store;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.feedletter.store.StoredSubscriber.Frequency;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Daily and weekly digests. Each subscription keeps the newest edition its subscriber has had
 * ({@code last_edition_id}) and when their next digest is due ({@code next_digest_at}). When it is due, one outbox
 * row covers the newsletter's sent editions after the last one up to the newest ({@code since_edition_id} ..
 * {@code edition_id}); an item enters a newsletter's editions once, so each item comes once.
 */
public final class PeriodicDigestStore {

    /** When a subscriber's next periodic digest is due, in their own time zone. */
    @FunctionalInterface
    public interface NextDigest {
        Instant after(Instant now, ZoneId zone, Frequency frequency);
    }

    /** What one pass did: subscriptions looked at, digests queued, schedules (re)started. */
    public record Queued(int handled, int digests, int scheduled) {}

    private record Due(long subscriberId, String newsletterId, Long lastEditionId, Instant nextDigestAt) {}

    private record Recipient(ZoneId zone, Frequency frequency) {}

    private final Jdbi jdbi;
    private final Database database;

    public PeriodicDigestStore(Database database) {
        this.jdbi = database.jdbi();
        this.database = database;
    }

    /**
     * Queues the digests that are due, for up to {@code limit} subscriptions, in one transaction that skips rows
     * another node holds: every subscription is handled by one node once per due time.
     */
    public Queued queueDue(Instant now, int limit, String messageIdDomain, NextDigest next) {
        Queued queued = jdbi.inTransaction(h -> {
            List<Due> due = h.createQuery("SELECT subscriber_id, newsletter_id, last_edition_id, next_digest_at "
                            + "FROM subscriptions WHERE (next_digest_at IS NULL OR next_digest_at <= :now) "
                            + "AND subscriber_id IN (SELECT id FROM subscribers WHERE state = 'active' "
                            + "AND frequency IN ('daily', 'weekly')) ORDER BY subscriber_id, newsletter_id "
                            + "LIMIT :limit FOR UPDATE SKIP LOCKED")
                    .bind("now", now)
                    .bind("limit", limit)
                    .map((rs, ctx) -> new Due(rs.getLong(1), rs.getString(2), rs.getObject(3, Long.class),
                            ctx.findColumnMapperFor(Instant.class).orElseThrow().map(rs, 4, ctx)))
                    .list();
            if (due.isEmpty()) {
                return new Queued(0, 0, 0);
            }
            Map<Long, Recipient> recipients = recipients(h, due);
            int digests = 0;
            int scheduled = 0;
            for (Due d : due) {
                Recipient r = recipients.get(d.subscriberId());
                Long last = d.lastEditionId();
                if (d.nextDigestAt() == null || last == null) {
                    if (last == null) { // seeded before periodic digests existed: start from now
                        Long newest = newestEdition(h, d.newsletterId(), null);
                        last = newest == null ? 0L : newest;
                    }
                    scheduled++;
                } else {
                    Long newest = newestEdition(h, d.newsletterId(), last);
                    if (newest != null && queue(h, d, newest, last, messageIdDomain, now)) {
                        digests++;
                        last = newest;
                    }
                }
                h.createUpdate("UPDATE subscriptions SET last_edition_id = :last, next_digest_at = :next "
                                + "WHERE subscriber_id = :s AND newsletter_id = :n")
                        .bind("last", last)
                        .bind("next", next.after(now, r.zone(), r.frequency()))
                        .bind("s", d.subscriberId())
                        .bind("n", d.newsletterId())
                        .execute();
            }
            return new Queued(due.size(), digests, scheduled);
        });
        if (queued.digests() > 0) {
            database.flushCommits(); // queued digests must outlive a killed process
        }
        return queued;
    }

    private static Map<Long, Recipient> recipients(Handle h, List<Due> due) {
        return h.createQuery("SELECT id, time_zone, frequency FROM subscribers WHERE id IN (<ids>)")
                .bindList("ids", due.stream().map(Due::subscriberId).distinct().toList())
                .map((rs, ctx) -> Map.entry(rs.getLong(1), new Recipient(ZoneId.of(rs.getString(2)),
                        Frequency.valueOf(rs.getString(3).toUpperCase(Locale.ROOT)))))
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** The newest edition of the newsletter that went out to subscribers, after {@code after} when given. */
    private static Long newestEdition(Handle h, String newsletterId, Long after) {
        return h.createQuery("SELECT MAX(id) FROM editions WHERE newsletter_id = :n AND state = 'sent' AND id > :after")
                .bind("n", newsletterId)
                .bind("after", after == null ? 0L : after)
                .mapTo(Long.class)
                .findOne()
                .orElse(null);
    }

    /** One row for the range; the unique (edition, subscriber) key makes a second node's attempt a no-op. */
    private static boolean queue(Handle h, Due d, long newest, Long since, String domain, Instant now) {
        return h.createUpdate("INSERT INTO outbox (kind, edition_id, since_edition_id, subscriber_id, message_id, "
                        + "state, attempts, next_attempt_at, created_at) SELECT 'digest', :edition, :since, :s, :mid, "
                        + "'queued', 0, :now, :now WHERE NOT EXISTS (SELECT 1 FROM outbox WHERE edition_id = :edition "
                        + "AND subscriber_id = :s)")
                .bind("edition", newest)
                .bind("since", since)
                .bind("s", d.subscriberId())
                .bind("mid", "<edition-" + newest + ".subscriber-" + d.subscriberId() + "@" + domain + ">")
                .bind("now", now)
                .execute() == 1;
    }
}

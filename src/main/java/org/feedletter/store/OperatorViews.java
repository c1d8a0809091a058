package org.feedletter.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.feedletter.store.StoredSubscriber.State;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Read-only views for operators ({@code feedletter status}, the admin pages): what the tables say about feed health,
 * editions and their delivery, bounces and subscribers. Nothing here writes.
 */
public final class OperatorViews {

    private static final long DAY_SECONDS = Duration.ofDays(1).toSeconds();
    private static final String EDITION_DELIVERY = "SELECT e.id, e.newsletter_id, e.slot_at, e.built_at, e.state, "
            + "e.item_count, e.more_count, "
            + "SUM(CASE WHEN o.state = 'sent' THEN 1 ELSE 0 END) AS sent, "
            + "SUM(CASE WHEN o.state IN ('queued', 'sending') THEN 1 ELSE 0 END) AS waiting, "
            + "SUM(CASE WHEN o.state = 'failed' THEN 1 ELSE 0 END) AS failed, "
            + "SUM(CASE WHEN o.state = 'cancelled' THEN 1 ELSE 0 END) AS cancelled "
            + "FROM editions e LEFT JOIN outbox o ON o.edition_id = e.id ";
    private static final String EDITION_GROUPING = "GROUP BY e.id, e.newsletter_id, e.slot_at, e.built_at, e.state, "
            + "e.item_count, e.more_count ORDER BY e.built_at DESC, e.id DESC LIMIT :limit";

    private final Jdbi jdbi;

    public OperatorViews(Database database) {
        this.jdbi = database.jdbi();
    }

    /** An edition and where its messages are. {@code waiting} counts queued and sending. */
    public record EditionDelivery(StoredEdition edition, long sent, long waiting, long failed, long cancelled) {}

    /** The newest editions of one newsletter, with their delivery counts. */
    public List<EditionDelivery> editions(String newsletterId, int limit) {
        return jdbi.withHandle(h -> h.createQuery(EDITION_DELIVERY + "WHERE e.newsletter_id = :n " + EDITION_GROUPING)
                .bind("n", newsletterId)
                .bind("limit", limit)
                .map(OperatorViews::editionDelivery)
                .list());
    }

    /** The newest editions of every newsletter, with their delivery counts. */
    public List<EditionDelivery> recentEditions(int limit) {
        return jdbi.withHandle(h -> h.createQuery(EDITION_DELIVERY + EDITION_GROUPING)
                .bind("limit", limit)
                .map(OperatorViews::editionDelivery)
                .list());
    }

    private static EditionDelivery editionDelivery(ResultSet rs, StatementContext ctx) throws SQLException {
        var instant = ctx.findColumnMapperFor(Instant.class).orElseThrow();
        StoredEdition edition = new StoredEdition(rs.getLong("id"), rs.getString("newsletter_id"),
                instant.map(rs, "slot_at", ctx), instant.map(rs, "built_at", ctx), rs.getString("state"),
                rs.getInt("item_count"), rs.getInt("more_count"));
        return new EditionDelivery(edition, rs.getLong("sent"), rs.getLong("waiting"), rs.getLong("failed"),
                rs.getLong("cancelled"));
    }

    /**
     * How many entries each feed brought per day (UTC), over the last {@code days} days up to {@code now}: index 0
     * is the oldest day, the last index today. Counts every entry new to the feed, duplicates of other feeds' items
     * included: it shows the feed's activity.
     */
    public Map<Long, int[]> entriesPerDay(List<Long> feedIds, Instant now, int days) {
        Map<Long, int[]> perFeed = new HashMap<>();
        feedIds.forEach(id -> perFeed.put(id, new int[days]));
        if (feedIds.isEmpty()) {
            return perFeed;
        }
        long today = Math.floorDiv(now.getEpochSecond(), DAY_SECONDS);
        Instant since = Instant.ofEpochSecond((today - days + 1) * DAY_SECONDS);
        jdbi.useHandle(h -> h.createQuery("SELECT feed_id, first_seen_at FROM item_sources "
                        + "WHERE feed_id IN (<feeds>) AND first_seen_at >= :since")
                .bindList("feeds", feedIds)
                .bind("since", since)
                .map((rs, ctx) -> Map.entry(rs.getLong(1),
                        ctx.findColumnMapperFor(Instant.class).orElseThrow().map(rs, 2, ctx)))
                .forEach(entry -> {
                    long day = Math.floorDiv(entry.getValue().getEpochSecond(), DAY_SECONDS);
                    int index = (int) (day - (today - days + 1));
                    if (index >= 0 && index < days) {
                        perFeed.get(entry.getKey())[index]++;
                    }
                }));
        return perFeed;
    }

    /** Items by the day they were published (UTC), over the last {@code days} days, oldest first. */
    public int[] itemsPublishedPerDay(Instant now, int days) {
        return perDay("SELECT published_at FROM items WHERE published_at >= :since AND published_at <= :now", now, days);
    }

    /** Messages the mail server accepted, by the day it did. */
    public int[] messagesSentPerDay(Instant now, int days) {
        return perDay("SELECT sent_at FROM outbox WHERE state = 'sent' AND sent_at >= :since AND sent_at <= :now", now,
                days);
    }

    /** Messages given up on, by the day of their last attempt (the time the outbox row was last due). */
    public int[] messagesFailedPerDay(Instant now, int days) {
        return perDay("SELECT next_attempt_at FROM outbox WHERE state = 'failed' AND next_attempt_at >= :since "
                + "AND next_attempt_at <= :now", now, days);
    }

    /**
     * Subscribers active at the end of each day: confirmed (or added) by then and not unsubscribed by then. One
     * that bounced since is not counted on any day (the store keeps no date for a bounce).
     */
    public int[] activeSubscribersPerDay(Instant now, int days) {
        long today = Math.floorDiv(now.getEpochSecond(), DAY_SECONDS);
        int[] active = new int[days];
        jdbi.useHandle(h -> h.createQuery("SELECT COALESCE(confirmed_at, created_at), unsubscribed_at FROM subscribers "
                        + "WHERE state IN ('active', 'unsubscribed')")
                .map((rs, ctx) -> {
                    var instants = ctx.findColumnMapperFor(Instant.class).orElseThrow();
                    return new Instant[] {instants.map(rs, 1, ctx), instants.map(rs, 2, ctx)};
                })
                .forEach(span -> {
                    for (int i = 0; i < days; i++) {
                        Instant endOfDay = Instant.ofEpochSecond((today - days + 2 + i) * DAY_SECONDS);
                        if (span[0] != null && span[0].isBefore(endOfDay)
                                && (span[1] == null || !span[1].isBefore(endOfDay))) {
                            active[i]++;
                        }
                    }
                }));
        return active;
    }

    /** How many of a query's timestamps (its one column, bound :since and :now) fall on each day, oldest first. */
    private int[] perDay(String sql, Instant now, int days) {
        long today = Math.floorDiv(now.getEpochSecond(), DAY_SECONDS);
        Instant since = Instant.ofEpochSecond((today - days + 1) * DAY_SECONDS);
        int[] counts = new int[days];
        jdbi.useHandle(h -> h.createQuery(sql)
                .bind("since", since)
                .bind("now", now)
                .map((rs, ctx) -> ctx.findColumnMapperFor(Instant.class).orElseThrow().map(rs, 1, ctx))
                .forEach(at -> {
                    int index = (int) (Math.floorDiv(at.getEpochSecond(), DAY_SECONDS) - (today - days + 1));
                    if (index >= 0 && index < days) {
                        counts[index]++;
                    }
                }));
        return counts;
    }

    /** An item in a list: what names it, when it arrived, and how many feed entries carried it. */
    public record ItemSummary(long id, String title, String canonicalUrl, Instant firstSeenAt, int sources) {

        /** True when entries from more than one place were merged into this item. */
        public boolean merged() {
            return sources > 1;
        }
    }

    /** The items first seen most recently, newest first, each with its number of sources. */
    public List<ItemSummary> recentItems(int limit) {
        return itemSummaries("SELECT id, title, canonical_url, first_seen_at FROM items "
                + "ORDER BY first_seen_at DESC, id DESC LIMIT :limit", q -> q.bind("limit", limit));
    }

    /** These items, newest first, each with its number of sources. */
    public List<ItemSummary> itemSummaries(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return itemSummaries("SELECT id, title, canonical_url, first_seen_at FROM items WHERE id IN (<ids>)",
                q -> q.bindList("ids", List.copyOf(ids)));
    }

    /** One statement: the items picked first, so the count only touches their sources. */
    private List<ItemSummary> itemSummaries(String pick, Consumer<Query> bind) {
        return jdbi.withHandle(h -> {
            Query query = h.createQuery("SELECT i.id, i.title, i.canonical_url, i.first_seen_at, "
                    + "COUNT(s.item_id) AS sources FROM (" + pick + ") i "
                    + "LEFT JOIN item_sources s ON s.item_id = i.id "
                    + "GROUP BY i.id, i.title, i.canonical_url, i.first_seen_at "
                    + "ORDER BY i.first_seen_at DESC, i.id DESC");
            bind.accept(query);
            return query.map((rs, ctx) -> new ItemSummary(rs.getLong("id"), rs.getString("title"),
                    rs.getString("canonical_url"),
                    ctx.findColumnMapperFor(Instant.class).orElseThrow().map(rs, "first_seen_at", ctx),
                    rs.getInt("sources"))).list();
        });
    }

    /** An address that bounced, with the last delivery error it had. */
    public record BouncedAddress(long subscriberId, String email, int consecutiveBounces, String lastError) {}

    /** Bounced subscribers of a newsletter, most bounces first. */
    public List<BouncedAddress> bounced(String newsletterId, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT s.id, s.email, s.consecutive_bounces, "
                        + "(SELECT o.last_error FROM outbox o WHERE o.subscriber_id = s.id AND o.state = 'failed' "
                        + "ORDER BY o.id DESC LIMIT 1) AS last_error "
                        + "FROM subscribers s JOIN subscriptions sub ON sub.subscriber_id = s.id "
                        + "WHERE sub.newsletter_id = :n AND s.state = 'bounced' "
                        + "ORDER BY s.consecutive_bounces DESC, s.email LIMIT :limit")
                .bind("n", newsletterId)
                .bind("limit", limit)
                .map((rs, ctx) -> new BouncedAddress(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getString(4)))
                .list());
    }

    /** Active subscribers who get each edition of the newsletter as it is built: who a send now would go to. */
    public int editionRecipients(String newsletterId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM subscribers s "
                        + "JOIN subscriptions sub ON sub.subscriber_id = s.id "
                        + "WHERE sub.newsletter_id = :n AND s.state = 'active' AND s.frequency = 'edition'")
                .bind("n", newsletterId)
                .mapTo(Integer.class)
                .one());
    }

    /** A subscriber with the newsletters they take. */
    public record SubscriberSummary(StoredSubscriber subscriber, List<String> newsletters) {}

    /**
     * Subscribers whose address contains {@code text} (any case; empty for all), optionally in one state, ordered
     * by address.
     */
    public List<SubscriberSummary> searchSubscribers(String text, State state, int limit) {
        String pattern = "%" + escapeLike(text.strip().toLowerCase(Locale.ROOT)) + "%";
        List<StoredSubscriber> found = jdbi.withHandle(h -> h.createQuery("SELECT " + SubscriberStore.COLUMNS + " FROM subscribers WHERE email LIKE :pattern ESCAPE '\\' "
                        + (state == null ? "" : "AND state = :state ") + "ORDER BY email LIMIT :limit")
                .bind("pattern", pattern)
                .bind("state", state == null ? null : SubscriberStore.lower(state))
                .bind("limit", limit)
                .map(SubscriberStore::map)
                .list());
        Map<Long, List<String>> newsletters = newslettersOf(found.stream().map(StoredSubscriber::id).toList());
        return found.stream()
                .map(s -> new SubscriberSummary(s, newsletters.getOrDefault(s.id(), List.of())))
                .toList();
    }

    private Map<Long, List<String>> newslettersOf(List<Long> subscriberIds) {
        Map<Long, List<String>> bySubscriber = new HashMap<>();
        if (subscriberIds.isEmpty()) {
            return bySubscriber;
        }
        jdbi.useHandle(h -> h.createQuery("SELECT subscriber_id, newsletter_id FROM subscriptions "
                        + "WHERE subscriber_id IN (<ids>) ORDER BY newsletter_id")
                .bindList("ids", subscriberIds)
                .map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getString(2)))
                .forEach(e -> bySubscriber.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue())));
        return bySubscriber;
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}

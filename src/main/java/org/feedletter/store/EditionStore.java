package org.feedletter.store;

import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.feedletter.config.NewsletterConfig;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.StatementContext;

/** The newsletters, editions and edition_items tables. */
public final class EditionStore {

    private static final String COLUMNS = "id, newsletter_id, slot_at, built_at, state, item_count, more_count";

    private final Jdbi jdbi;
    private final Database database;

    public EditionStore(Database database) {
        this.jdbi = database.jdbi();
        this.database = database;
    }

    /** Makes sure every configured newsletter has its row (which holds its schedule state). */
    public void syncNewsletters(List<NewsletterConfig> newsletters, Instant now) {
        SqlErrors.retryingUniqueViolations(() -> jdbi.inTransaction(h -> {
            for (NewsletterConfig n : newsletters) {
                int updated = h.createUpdate("UPDATE newsletters SET title = :title WHERE id = :id")
                        .bind("id", n.id()).bind("title", n.title()).execute();
                if (updated == 0) {
                    h.createUpdate("INSERT INTO newsletters (id, title, created_at) VALUES (:id, :title, :now)")
                            .bind("id", n.id()).bind("title", n.title()).bind("now", now).execute();
                }
            }
            return newsletters.size();
        }));
    }

    /** The last schedule slot handled for a newsletter, or empty when it has never had one. */
    public Optional<Instant> lastSlot(String newsletterId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT last_slot_at FROM newsletters WHERE id = :id")
                .bind("id", newsletterId)
                .mapTo(Instant.class)
                .findOne());
    }

    /**
     * Runs {@code work} in one transaction holding the newsletter's row lock, so that on any number of nodes only
     * one builds its edition for a slot; the work re-checks the slot under the lock.
     */
    public <T> T withNewsletterLocked(String newsletterId, Function<EditionTransaction, T> work) {
        T result = jdbi.inTransaction(h -> {
            Instant lastSlot = h.createQuery("SELECT last_slot_at FROM newsletters WHERE id = :id FOR UPDATE")
                    .bind("id", newsletterId)
                    .mapTo(Instant.class)
                    .findOne()
                    .orElse(null);
            return work.apply(new EditionTransaction(h, newsletterId, lastSlot));
        });
        database.flushCommits(); // an edition and its queued messages must outlive a killed process
        return result;
    }

    public Optional<StoredEdition> find(long editionId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM editions WHERE id = :id")
                .bind("id", editionId)
                .map(EditionStore::map)
                .findOne());
    }

    /** Newest first. */
    public List<StoredEdition> recent(String newsletterId, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM editions WHERE newsletter_id = :n "
                        + "ORDER BY built_at DESC, id DESC LIMIT :limit")
                .bind("n", newsletterId)
                .bind("limit", limit)
                .map(EditionStore::map)
                .list());
    }

    /** The editions that went out to subscribers (not those only recorded as seen), newest first. */
    public List<StoredEdition> sent(String newsletterId, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM editions WHERE newsletter_id = :n "
                        + "AND state = 'sent' ORDER BY built_at DESC, id DESC LIMIT :limit")
                .bind("n", newsletterId)
                .bind("limit", limit)
                .map(EditionStore::map)
                .list());
    }

    /** A periodic digest's editions: the newsletter's sent editions after {@code afterId} up to {@code uptoId}. */
    public List<StoredEdition> sentBetween(String newsletterId, long afterId, long uptoId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM editions WHERE newsletter_id = :n "
                        + "AND state = 'sent' AND id > :after AND id <= :upto ORDER BY id DESC")
                .bind("n", newsletterId)
                .bind("after", afterId)
                .bind("upto", uptoId)
                .map(EditionStore::map)
                .list());
    }

    /** The items several editions list, newest edition first, each in its order. */
    public List<StoredItem> listedItems(List<Long> editionIds) {
        if (editionIds.isEmpty()) {
            return List.of();
        }
        return jdbi.withHandle(h -> h.createQuery("SELECT " + ItemStore.COLUMNS + " FROM edition_items ei "
                        + "JOIN items i ON i.id = ei.item_id WHERE ei.edition_id IN (<editions>) AND ei.listed "
                        + "ORDER BY ei.edition_id DESC, ei.position")
                .bindList("editions", editionIds)
                .map(ItemStore::map)
                .list());
    }

    /** The title of the first item each of these editions lists, by edition id (for an archive's list). */
    public Map<Long, String> leadTitles(List<Long> editionIds) {
        if (editionIds.isEmpty()) {
            return Map.of();
        }
        Map<Long, String> titles = new HashMap<>();
        jdbi.useHandle(h -> h.createQuery("SELECT ei.edition_id, i.title FROM edition_items ei JOIN items i "
                        + "ON i.id = ei.item_id WHERE ei.edition_id IN (<editions>) AND ei.listed AND ei.position = "
                        + "(SELECT MIN(e2.position) FROM edition_items e2 WHERE e2.edition_id = ei.edition_id "
                        + "AND e2.listed)")
                .bindList("editions", editionIds)
                .map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getString(2)))
                .forEach(e -> titles.putIfAbsent(e.getKey(), e.getValue())));
        return titles;
    }

    /** The items an edition lists, in its order. */
    public List<StoredItem> listedItems(long editionId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + ItemStore.COLUMNS + " FROM edition_items ei "
                        + "JOIN items i ON i.id = ei.item_id WHERE ei.edition_id = :edition AND ei.listed "
                        + "ORDER BY ei.position")
                .bind("edition", editionId)
                .map(ItemStore::map)
                .list());
    }

    /**
     * The updates several editions list, newest edition first, each in its order: the items as they are now, without
     * their HTML content.
     */
    public List<ListedUpdate> listedUpdates(List<Long> editionIds) {
        if (editionIds.isEmpty()) {
            return List.of();
        }
        return jdbi.withHandle(h -> h.createQuery("SELECT " + ItemStore.COLUMNS.replace("i.content_html",
                                "NULL AS content_html") + ", eu.title_changed, eu.old_title, eu.text_revised "
                        + "FROM edition_updates eu JOIN items i ON i.id = eu.item_id "
                        + "WHERE eu.edition_id IN (<editions>) ORDER BY eu.edition_id DESC, eu.position")
                .bindList("editions", editionIds)
                .map((rs, ctx) -> new ListedUpdate(ItemStore.map(rs, ctx), rs.getBoolean("title_changed"),
                        rs.getString("old_title"), rs.getBoolean("text_revised")))
                .list());
    }

    /** Writing an edition, under the newsletter's lock. */
    public static final class EditionTransaction {
        private final Handle h;
        private final String newsletterId;
        private final Instant lastSlot;

        EditionTransaction(Handle h, String newsletterId, Instant lastSlot) {
            this.h = h;
            this.newsletterId = newsletterId;
            this.lastSlot = lastSlot;
        }

        /** As read under the lock; null when the newsletter has never had a slot. */
        public Instant lastSlot() {
            return lastSlot;
        }

        /**
         * Items first seen or changed at or after {@code since} (all when null) that this newsletter has not had yet,
         * newest first, without their HTML content: the candidates for its next edition. An item changes when an
         * entry joins it or changes, so one its filter left out before is looked at again when, say, the publisher's
         * own entry brings the category the filter asks for. The lower bound keeps the scan short (an item's
         * changed_at is its first-seen time or later); NOT EXISTS is what makes each item enter a newsletter once.
         */
        public List<StoredItem> candidates(Instant since) {
            // Without the HTML: filters need titles, categories and excerpts, and a first edition sees every item.
            return h.createQuery("SELECT " + ItemStore.COLUMNS.replace("i.content_html", "NULL AS content_html")
                            + " FROM items i WHERE i.changed_at >= :since "
                            + "AND NOT EXISTS (SELECT 1 FROM edition_items ei WHERE ei.newsletter_id = :n "
                            + "AND ei.item_id = i.id) ORDER BY i.published_at DESC, i.id DESC")
                    .bind("n", newsletterId)
                    .bind("since", since == null ? Instant.EPOCH : since)
                    .map(ItemStore::map)
                    .list();
        }

        /** The URLs of the feeds that carried these items, for filters by feed. */
        public Map<Long, List<URI>> feedUrlsOf(Collection<Long> itemIds) {
            return ItemStore.feedUrlsOf(h, itemIds);
        }

        /**
         * Revisions made at or after {@code since} of items this newsletter listed in an edition that went out
         * before the revision, and that no edition of it listed as an update yet (a listing covers its item's
         * revisions up to the one it names); by item, oldest first.
         */
        public List<PendingRevision> pendingRevisions(Instant since) {
            return h.createQuery("SELECT r.id, r.item_id, r.revised_at, r.old_title, r.title_changed, r.text_change "
                            + "FROM item_revisions r WHERE r.revised_at >= :since "
                            + "AND EXISTS (SELECT 1 FROM edition_items ei JOIN editions e ON e.id = ei.edition_id "
                            + "WHERE ei.newsletter_id = :n AND ei.item_id = r.item_id AND ei.listed "
                            + "AND e.state = 'sent' AND e.built_at < r.revised_at) "
                            + "AND NOT EXISTS (SELECT 1 FROM edition_updates eu WHERE eu.newsletter_id = :n "
                            + "AND eu.item_id = r.item_id AND eu.revision_id >= r.id) "
                            + "ORDER BY r.item_id, r.id")
                    .bind("n", newsletterId)
                    .bind("since", since == null ? Instant.EPOCH : since)
                    .map((rs, ctx) -> new PendingRevision(rs.getLong(1), rs.getLong(2),
                            ctx.findColumnMapperFor(Instant.class).orElseThrow().map(rs, 3, ctx), rs.getString(4),
                            rs.getBoolean(5), rs.getDouble(6)))
                    .list();
        }

        /** Items as they are now, without their HTML content, in no particular order. */
        public List<StoredItem> items(Collection<Long> itemIds) {
            if (itemIds.isEmpty()) {
                return List.of();
            }
            return h.createQuery("SELECT " + ItemStore.COLUMNS.replace("i.content_html", "NULL AS content_html")
                            + " FROM items i WHERE i.id IN (<ids>)")
                    .bindList("ids", List.copyOf(itemIds))
                    .map(ItemStore::map)
                    .list();
        }

        public long insertEdition(Instant slot, Instant now, boolean send, int itemCount, int moreCount) {
            return h.createUpdate("INSERT INTO editions (newsletter_id, slot_at, built_at, state, item_count, more_count) "
                            + "VALUES (:n, :slot, :now, :state, :items, :more)")
                    .bind("n", newsletterId)
                    .bind("slot", slot)
                    .bind("now", now)
                    .bind("state", send ? "sent" : "skipped")
                    .bind("items", itemCount)
                    .bind("more", moreCount)
                    .executeAndReturnGeneratedKeys("id")
                    .mapTo(Long.class)
                    .one();
        }

        /** Records the items in edition order; the first {@code listed} are shown, the rest only counted. */
        public void insertItems(long editionId, List<Long> itemIds, int listed) {
            if (itemIds.isEmpty()) {
                return;
            }
            PreparedBatch batch = h.prepareBatch("INSERT INTO edition_items (newsletter_id, item_id, edition_id, "
                    + "position, listed) VALUES (:n, :item, :edition, :position, :listed)");
            for (int i = 0; i < itemIds.size(); i++) {
                batch.bind("n", newsletterId).bind("item", itemIds.get(i)).bind("edition", editionId)
                        .bind("position", i).bind("listed", i < listed).add();
            }
            batch.execute();
        }

        /** Records the updates the edition lists, in its order. */
        public void insertUpdates(long editionId, List<EditionUpdate> updates) {
            if (updates.isEmpty()) {
                return;
            }
            PreparedBatch batch = h.prepareBatch("INSERT INTO edition_updates (newsletter_id, edition_id, item_id, "
                    + "revision_id, position, title_changed, old_title, text_revised) VALUES (:n, :edition, :item, "
                    + ":revision, :position, :titleChanged, :oldTitle, :textRevised)");
            for (int i = 0; i < updates.size(); i++) {
                EditionUpdate u = updates.get(i);
                batch.bind("n", newsletterId).bind("edition", editionId).bind("item", u.itemId())
                        .bind("revision", u.revisionId()).bind("position", i).bind("titleChanged", u.titleChanged())
                        .bind("oldTitle", u.oldTitle()).bind("textRevised", u.textRevised()).add();
            }
            batch.execute();
        }

        /**
         * Queues one digest per active subscriber of the newsletter who takes each edition, in one statement.
         * The Message-ID is derived from edition and subscriber, so it is the same on every attempt.
         *
         * @return how many were queued
         */
        public int queueDigests(long editionId, String messageIdDomain, Instant now) {
            return h.createUpdate("INSERT INTO outbox (kind, edition_id, subscriber_id, message_id, state, attempts, "
                            + "next_attempt_at, created_at) SELECT 'digest', :edition, s.id, "
                            + "CONCAT('<edition-', :edition, '.subscriber-', s.id, '@', :domain, '>'), 'queued', 0, :now, :now "
                            + "FROM subscribers s JOIN subscriptions sub ON sub.subscriber_id = s.id "
                            + "WHERE sub.newsletter_id = :n AND s.state = 'active' AND s.frequency = 'edition'")
                    .bind("edition", editionId)
                    .bind("domain", messageIdDomain)
                    .bind("now", now)
                    .bind("n", newsletterId)
                    .execute();
        }

        /**
         * Editions of this newsletter that went out to subscribers (not those only recorded as seen) built at or
         * after {@code since}: what an as-published newsletter's daily cap counts.
         */
        public int sentSince(Instant since) {
            return h.createQuery("SELECT COUNT(*) FROM editions WHERE newsletter_id = :n AND state = 'sent' "
                            + "AND built_at >= :since")
                    .bind("n", newsletterId)
                    .bind("since", since)
                    .mapTo(Integer.class)
                    .one();
        }

        /**
         * Records the slot handled: for a cron newsletter its last schedule slot; for an as-published one the time of
         * its last edition or of its last check that found nothing waiting, so the next check reads only what
         * changed since (less {@code EditionBuilder}'s margin).
         */
        public void setLastSlot(Instant slot) {
            h.createUpdate("UPDATE newsletters SET last_slot_at = :slot WHERE id = :id")
                    .bind("slot", slot)
                    .bind("id", newsletterId)
                    .execute();
        }
    }

    private static StoredEdition map(ResultSet rs, StatementContext ctx) throws SQLException {
        var instant = ctx.findColumnMapperFor(Instant.class).orElseThrow();
        return new StoredEdition(rs.getLong("id"), rs.getString("newsletter_id"), instant.map(rs, "slot_at", ctx),
                instant.map(rs, "built_at", ctx), rs.getString("state"), rs.getInt("item_count"),
                rs.getInt("more_count"));
    }
}

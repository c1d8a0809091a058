package org.feedletter.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * The delivery_reports and suppressions tables: each bounce or complaint recorded once under its key, the policy's
 * decision taken in the same transaction, and the addresses in force as suppressed. A suppressed address is held
 * back here as well as where mail is queued: {@link SubscriberChangeStore} and {@link SubscriberStore#seed} refuse
 * it, the outbox claim marks it, so nothing reaches it until an operator lifts the suppression.
 */
public final class BounceStore {

    private static final String REPORT_COLUMNS = "id, report_key, source, kind, email, subscriber_id, outbox_id, "
            + "edition_id, newsletter_id, matched_by, status, diagnostic, decision, received_at";
    private static final String SUPPRESSION_COLUMNS = "id, email, active_email, reason, evidence, report_id, "
            + "created_at, created_by, lifted_at, lifted_by";
    private static final String CANCELLED = "not sent: the address is suppressed";

    private final Jdbi jdbi;
    private final Database database;

    public BounceStore(Database database) {
        this.jdbi = database.jdbi();
        this.database = database;
    }

    /** The message a report is about, found by its outbox row (VERP) or its Message-ID. */
    public record Sent(long outboxId, long subscriberId, String email, Long editionId, String newsletterId,
            String messageId) {}

    public Optional<Sent> sentByOutboxId(long outboxId) {
        return sent("o.id = :v", outboxId);
    }

    public Optional<Sent> sentByMessageId(String messageId) {
        return sent("o.message_id = :v", messageId);
    }

    private Optional<Sent> sent(String where, Object value) {
        return jdbi.withHandle(h -> h.createQuery("SELECT o.id, o.subscriber_id, s.email, o.edition_id, "
                        + "e.newsletter_id, o.message_id FROM outbox o JOIN subscribers s ON s.id = o.subscriber_id "
                        + "LEFT JOIN editions e ON e.id = o.edition_id WHERE " + where)
                .bind("v", value)
                .map((rs, ctx) -> new Sent(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getObject(4, Long.class),
                        rs.getString(5), rs.getString(6)))
                .findOne());
    }

    /** A subscriber's address by id, for reports tied to the subscriber but no message (a signed link). */
    public Optional<String> emailOf(long subscriberId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT email FROM subscribers WHERE id = :id")
                .bind("id", subscriberId)
                .mapTo(String.class)
                .findOne());
    }

    /** A subscriber's id by address, for reports that name only the recipient (webhooks). */
    public Optional<Long> subscriberIdByEmail(String email) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id FROM subscribers WHERE email = :e")
                .bind("e", email)
                .mapTo(Long.class)
                .findOne());
    }

    /**
     * A report about one recipient, before it is recorded.
     *
     * @param key unique per report and recipient: recording the same key again does nothing
     * @param kind hard, soft, complaint or none
     * @param matchedBy how it was tied to our mail: verp, message-id, address, outbox or none
     */
    public record NewReport(String key, String source, String kind, String email, Long subscriberId, Long outboxId,
            Long editionId, String newsletterId, String matchedBy, String status, String diagnostic,
            Instant receivedAt) {}

    /** What the policy decided about one report: suppress (with a reason and evidence) or not, and why in words. */
    public record Decision(String suppressReason, String evidence, String words) {
        public static Decision none(String words) {
            return new Decision(null, null, words);
        }
    }

    /** Decides about a report inside the transaction that records it, knowing the address's recent soft bounces. */
    @FunctionalInterface
    public interface Policy {
        /**
         * @param softBounces soft bounces of this address within the window, this one included
         * @param suppressed the address is suppressed already
         */
        Decision decide(NewReport report, int softBounces, boolean suppressed);
    }

    /** How recording one report ended. */
    public record Recorded(NewReport report, boolean fresh, String decision, boolean suppressedNow) {}

    /**
     * Records reports (those of one report message, all or none) and the policy's decisions, in one transaction.
     * A key recorded before is skipped: processing a message again after a crash changes nothing.
     */
    public List<Recorded> record(List<NewReport> reports, Duration softWindow, Policy policy) {
        List<Recorded> recorded = SqlErrors.retryingUniqueViolations(() -> jdbi.inTransaction(h ->
                reports.stream().map(r -> record(h, r, softWindow, policy)).toList()));
        database.flushCommits();
        return recorded;
    }

    private static Recorded record(Handle h, NewReport r, Duration softWindow, Policy policy) {
        Optional<String> earlier = h.createQuery("SELECT decision FROM delivery_reports WHERE report_key = :k")
                .bind("k", r.key())
                .mapTo(String.class)
                .findOne();
        if (earlier.isPresent()) {
            return new Recorded(r, false, earlier.get(), false);
        }
        int soft = r.email() == null ? 0 : h.createQuery("SELECT COUNT(*) FROM delivery_reports WHERE email = :e "
                        + "AND kind = 'soft' AND received_at > :since")
                .bind("e", r.email())
                .bind("since", r.receivedAt().minus(softWindow))
                .mapTo(Integer.class)
                .one() + ("soft".equals(r.kind()) ? 1 : 0);
        boolean suppressed = r.email() != null && active(h, r.email()).isPresent();
        Decision decision = policy.decide(r, soft, suppressed);
        long id = h.createUpdate("INSERT INTO delivery_reports (report_key, source, kind, email, subscriber_id, "
                        + "outbox_id, edition_id, newsletter_id, matched_by, status, diagnostic, decision, received_at) "
                        + "VALUES (:key, :source, :kind, :email, :subscriber, :outbox, :edition, :newsletter, "
                        + ":matched, :status, :diagnostic, :decision, :at)")
                .bind("key", truncate(r.key(), 600))
                .bind("source", r.source())
                .bind("kind", r.kind())
                .bind("email", truncate(r.email(), 320))
                .bind("subscriber", r.subscriberId())
                .bind("outbox", r.outboxId())
                .bind("edition", r.editionId())
                .bind("newsletter", r.newsletterId())
                .bind("matched", r.matchedBy())
                .bind("status", truncate(r.status(), 32))
                .bind("diagnostic", truncate(r.diagnostic(), 2000))
                .bind("decision", truncate(decision.words(), 500))
                .bind("at", r.receivedAt())
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one();
        boolean suppressedNow = decision.suppressReason() != null && r.email() != null
                && suppress(h, r.email(), decision.suppressReason(), decision.evidence(), id, r.source(), r.receivedAt());
        return new Recorded(r, true, decision.words(), suppressedNow);
    }

    /** A suppression, in force while {@code liftedAt} is null. */
    public record Suppression(long id, String email, String reason, String evidence, Long reportId, Instant createdAt,
            String createdBy, Instant liftedAt, String liftedBy) {
        public boolean inForce() {
            return liftedAt == null;
        }
    }

    /**
     * Suppresses an address (an operator's decision, or the policy's): the subscriber, if any, becomes bounced and
     * their queued mail is cancelled.
     *
     * @return false when it was suppressed already (the earlier decision stands)
     */
    public boolean suppress(String email, String reason, String evidence, String by, Instant now) {
        boolean done = SqlErrors.retryingUniqueViolations(() -> jdbi.inTransaction(h ->
                suppress(h, email, reason, evidence, null, by, now)));
        database.flushCommits();
        return done;
    }

    private static boolean suppress(Handle h, String email, String reason, String evidence, Long reportId, String by,
            Instant now) {
        if (active(h, email).isPresent()) {
            return false;
        }
        h.createUpdate("INSERT INTO suppressions (email, active_email, reason, evidence, report_id, created_at, "
                        + "created_by) VALUES (:e, :e, :reason, :evidence, :report, :now, :by)")
                .bind("e", email)
                .bind("reason", reason)
                .bind("evidence", truncate(evidence == null ? "" : evidence, 2000))
                .bind("report", reportId)
                .bind("now", now)
                .bind("by", truncate(by, 200))
                .execute();
        h.createUpdate("UPDATE subscribers SET state = 'bounced' WHERE email = :e AND state IN ('active', 'pending')")
                .bind("e", email)
                .execute();
        h.createUpdate("UPDATE outbox SET state = 'cancelled', last_error = :why WHERE state = 'queued' "
                        + "AND subscriber_id IN (SELECT id FROM subscribers WHERE email = :e)")
                .bind("why", CANCELLED)
                .bind("e", email)
                .execute();
        return true;
    }

    /**
     * Lifts the suppression in force for an address, as an operator decided; a subscriber it had bounced becomes
     * active again (pending, if they never confirmed).
     *
     * @return the suppression lifted, or empty when none was in force
     */
    public Optional<Suppression> lift(String email, String by, Instant now) {
        Optional<Suppression> lifted = jdbi.inTransaction(h -> {
            Optional<Suppression> active = active(h, email);
            if (active.isEmpty()) {
                return active;
            }
            h.createUpdate("UPDATE suppressions SET active_email = NULL, lifted_at = :now, lifted_by = :by "
                            + "WHERE id = :id")
                    .bind("now", now)
                    .bind("by", truncate(by, 200))
                    .bind("id", active.get().id())
                    .execute();
            h.createUpdate("UPDATE subscribers SET state = CASE WHEN confirmed_at IS NULL THEN 'pending' "
                            + "ELSE 'active' END, consecutive_bounces = 0 WHERE email = :e AND state = 'bounced'")
                    .bind("e", email)
                    .execute();
            return active;
        });
        database.flushCommits();
        return lifted;
    }

    /** The suppression in force for an address, if there is one. */
    public Optional<Suppression> suppression(String email) {
        return jdbi.withHandle(h -> active(h, email));
    }

    /** The suppressions in force among some addresses, by address. */
    public java.util.Map<String, Suppression> suppressionsOf(java.util.Collection<String> emails) {
        if (emails.isEmpty()) {
            return java.util.Map.of();
        }
        java.util.Map<String, Suppression> found = new java.util.HashMap<>();
        jdbi.useHandle(h -> h.createQuery("SELECT " + SUPPRESSION_COLUMNS + " FROM suppressions "
                        + "WHERE active_email IN (<emails>)")
                .bindList("emails", List.copyOf(emails))
                .map(BounceStore::suppressionOf)
                .forEach(x -> found.put(x.email(), x)));
        return found;
    }

    /** Every suppression an address had, newest first, lifted ones included. */
    public List<Suppression> suppressionHistory(String email) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + SUPPRESSION_COLUMNS + " FROM suppressions "
                        + "WHERE email = :e ORDER BY created_at DESC, id DESC")
                .bind("e", email)
                .map(BounceStore::suppressionOf)
                .list());
    }

    /** The suppressions in force, newest first. */
    public List<Suppression> suppressions(int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + SUPPRESSION_COLUMNS + " FROM suppressions "
                        + "WHERE active_email IS NOT NULL ORDER BY created_at DESC, id DESC LIMIT :limit")
                .bind("limit", limit)
                .map(BounceStore::suppressionOf)
                .list());
    }

    static Optional<Suppression> active(Handle h, String email) {
        return h.createQuery("SELECT " + SUPPRESSION_COLUMNS + " FROM suppressions WHERE active_email = :e")
                .bind("e", email)
                .map(BounceStore::suppressionOf)
                .findOne();
    }

    /** A report as recorded, with the decision taken about it. */
    public record StoredReport(long id, String key, String source, String kind, String email, Long subscriberId,
            Long outboxId, Long editionId, String newsletterId, String matchedBy, String status, String diagnostic,
            String decision, Instant receivedAt) {}

    /** The reports about an address, newest first. */
    public List<StoredReport> reportsAbout(String email, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + REPORT_COLUMNS + " FROM delivery_reports "
                        + "WHERE email = :e ORDER BY received_at DESC, id DESC LIMIT :limit")
                .bind("e", email)
                .bind("limit", limit)
                .map(BounceStore::reportOf)
                .list());
    }

    /** The newest reports of all, newest first. */
    public List<StoredReport> recentReports(int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + REPORT_COLUMNS + " FROM delivery_reports "
                        + "ORDER BY received_at DESC, id DESC LIMIT :limit")
                .bind("limit", limit)
                .map(BounceStore::reportOf)
                .list());
    }

    /**
     * One edition's messages handed to the mail server (sent, or refused for good while sending) and the distinct
     * recipients who bounced or complained about them.
     */
    public record EditionRates(long editionId, String newsletterId, Instant builtAt, long sent, long hard, long soft,
            long complaints) {}

    /** The newest editions that were mailed, with their bounce and complaint counts. */
    public List<EditionRates> editionRates(int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT e.id, e.newsletter_id, e.built_at, "
                        + "(SELECT COUNT(*) FROM outbox o WHERE o.edition_id = e.id AND o.state IN ('sent', 'failed')) AS sent, "
                        + "(SELECT COUNT(DISTINCT r.email) FROM delivery_reports r WHERE r.edition_id = e.id "
                        + "AND r.kind = 'hard') AS hard, "
                        + "(SELECT COUNT(DISTINCT r.email) FROM delivery_reports r WHERE r.edition_id = e.id "
                        + "AND r.kind = 'soft') AS soft, "
                        + "(SELECT COUNT(DISTINCT r.email) FROM delivery_reports r WHERE r.edition_id = e.id "
                        + "AND r.kind = 'complaint') AS complaints "
                        + "FROM editions e WHERE e.state = 'sent' ORDER BY e.built_at DESC, e.id DESC LIMIT :limit")
                .bind("limit", limit)
                .map((rs, ctx) -> new EditionRates(rs.getLong(1), rs.getString(2),
                        ctx.findColumnMapperFor(Instant.class).orElseThrow().map(rs, 3, ctx), rs.getLong(4),
                        rs.getLong(5), rs.getLong(6), rs.getLong(7)))
                .list());
    }

    /** Reports per newsletter ("" for those tied to none) and kind, since the beginning: for the metrics. */
    public record KindCount(String newsletterId, String kind, long count) {}

    public List<KindCount> countsByNewsletterAndKind() {
        return jdbi.withHandle(h -> h.createQuery("SELECT COALESCE(newsletter_id, '') AS n, kind, COUNT(*) "
                        + "FROM delivery_reports GROUP BY COALESCE(newsletter_id, ''), kind")
                .map((rs, ctx) -> new KindCount(rs.getString(1), rs.getString(2), rs.getLong(3)))
                .list());
    }

    /** Suppressions in force per reason: for the metrics. */
    public List<KindCount> suppressedByReason() {
        return jdbi.withHandle(h -> h.createQuery("SELECT reason, COUNT(*) FROM suppressions "
                        + "WHERE active_email IS NOT NULL GROUP BY reason")
                .map((rs, ctx) -> new KindCount("", rs.getString(1), rs.getLong(2)))
                .list());
    }

    private static Suppression suppressionOf(ResultSet rs, StatementContext ctx) throws SQLException {
        var instant = ctx.findColumnMapperFor(Instant.class).orElseThrow();
        return new Suppression(rs.getLong("id"), rs.getString("email"), rs.getString("reason"),
                rs.getString("evidence"), rs.getObject("report_id", Long.class), instant.map(rs, "created_at", ctx),
                rs.getString("created_by"), instant.map(rs, "lifted_at", ctx), rs.getString("lifted_by"));
    }

    private static StoredReport reportOf(ResultSet rs, StatementContext ctx) throws SQLException {
        var instant = ctx.findColumnMapperFor(Instant.class).orElseThrow();
        return new StoredReport(rs.getLong("id"), rs.getString("report_key"), rs.getString("source"),
                rs.getString("kind"), rs.getString("email"), rs.getObject("subscriber_id", Long.class),
                rs.getObject("outbox_id", Long.class), rs.getObject("edition_id", Long.class),
                rs.getString("newsletter_id"), rs.getString("matched_by"), rs.getString("status"),
                rs.getString("diagnostic"), rs.getString("decision"), instant.map(rs, "received_at", ctx));
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}

package org.feedletter.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.feedletter.store.StoredSubscriber.State;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.jdbi.v3.core.statement.Update;

/**
 * The outbox: one row per message, worked off by deliverers on any number of nodes. A row is claimed
 * (queued -> sending, with owner and time) in a transaction that skips rows others hold; a claim older than
 * the claim timeout is taken back, so a dead node's rows go out from another. A process starting on the machine of
 * a dead one takes that one's claims back at once ({@link #enrol}).
 */
public final class OutboxStore {

    private static final Logger log = LoggerFactory.getLogger(OutboxStore.class);

    private final Jdbi jdbi;
    private final String durabilityBarrier;
    private final SentJournal journal;

    /** On an H2 file, the first one also records the sent marks a killed process left in the journal. */
    public OutboxStore(Database database) {
        this.jdbi = database.jdbi();
        this.durabilityBarrier = database.dialect().durabilityBarrier();
        this.journal = durabilityBarrier == null ? null : database.sentJournal();
        if (journal != null) {
            journal.replayOnce(this::replay, () -> jdbi.useHandle(h -> h.execute(durabilityBarrier)));
        }
    }

    /** Marks sent what the journal says was sent and the database lost with a killed process. */
    private void replay(List<SentMark> marks) {
        int[] replayed = jdbi.inTransaction(h -> {
            PreparedBatch update = h.prepareBatch("UPDATE outbox SET state = 'sent', sent_at = :at, server_reply = :reply, "
                    + "attempts = attempts + 1, last_error = NULL, claimed_by = NULL, claimed_at = NULL "
                    + "WHERE id = :id AND state <> 'sent'");
            marks.forEach(m -> update.bind("at", m.at()).bind("reply", truncate(m.serverReply(), 1000))
                    .bind("id", m.id()).add());
            return marks.isEmpty() ? new int[0] : update.execute();
        });
        int restored = Arrays.stream(replayed).sum();
        if (restored > 0) {
            log.warn("outbox: {} messages recorded as sent from the journal of a process that stopped abruptly", restored);
        }
    }

    /**
     * Before a process claims anything under {@code node}: takes back the rows held by processes of this machine
     * that are gone (see {@link ProcessIdentity#isGoneAsSeenFrom}), so that a node restarted after a crash sends
     * its previous process's rows at once; then records this process as the one behind {@code node}.
     *
     * <p>Why not by node name alone: the default node id is host and process id, new on every start; and a name
     * shared by two live processes (a command run beside the service, two containers given one host name) would
     * have each take the other's rows while they are on their way. The operating system knows which processes
     * still run; that is asked instead, and only about processes of this machine and user. Claims of other
     * machines, of live processes and of processes never recorded here wait for the claim timeout as before.
     *
     * @return the number of rows taken back, by the node that held them
     */
    public Map<String, Integer> enrol(String node, ProcessIdentity self, Instant now) {
        Map<String, Integer> takenBack = new LinkedHashMap<>();
        for (Holder holder : holdersOfClaims()) {
            if (holder.process().isGoneAsSeenFrom(self)) {
                int rows = takeBack(holder, now);
                if (rows > 0) {
                    takenBack.put(holder.node(), rows);
                }
            }
        }
        SqlErrors.retryingUniqueViolations(() -> jdbi.inTransaction(h -> {
            // Rows of gone processes of this machine say nothing any more; other machines' are theirs to judge.
            for (Holder gone : holders(h, "SELECT node, host, boot_id, os_user, pid, started_at FROM claim_holders "
                    + "WHERE host = :host AND boot_id = :boot AND node <> :node", self, node)) {
                if (gone.process().isGoneAsSeenFrom(self)) {
                    h.createUpdate("DELETE FROM claim_holders WHERE node = :node AND pid = :pid AND started_at = :started "
                                    + "AND NOT EXISTS (SELECT 1 FROM outbox WHERE state = 'sending' AND claimed_by = :node)")
                            .bind("node", gone.node()).bind("pid", gone.process().pid())
                            .bind("started", gone.process().startedAt()).execute();
                }
            }
            int updated = bindProcess(h.createUpdate("UPDATE claim_holders SET host = :host, boot_id = :boot, "
                    + "os_user = :user, pid = :pid, started_at = :started, enrolled_at = :now WHERE node = :node"),
                    node, self, now).execute();
            if (updated == 0) {
                bindProcess(h.createUpdate("INSERT INTO claim_holders (node, host, boot_id, os_user, pid, started_at, "
                        + "enrolled_at) VALUES (:node, :host, :boot, :user, :pid, :started, :now)"), node, self, now)
                        .execute();
            }
            return updated;
        }));
        if (durabilityBarrier != null) {
            jdbi.useHandle(h -> h.execute(durabilityBarrier)); // on file before this process's first claim
        }
        takenBack.forEach((holder, rows) -> log.warn("outbox: took back {} messages claimed by {}, a process of this "
                + "machine that is no longer running; they go out now, without waiting for the claim timeout", rows, holder));
        return takenBack;
    }

    private static Update bindProcess(Update update, String node, ProcessIdentity process, Instant now) {
        return update.bind("node", node).bind("host", process.host()).bind("boot", process.bootId())
                .bind("user", process.user()).bind("pid", process.pid()).bind("started", process.startedAt())
                .bind("now", now);
    }

    /** A node id that holds claims, and the process recorded behind it. */
    private record Holder(String node, ProcessIdentity process) {}

    private List<Holder> holdersOfClaims() {
        return jdbi.withHandle(h -> holders(h, "SELECT DISTINCT c.node, c.host, c.boot_id, c.os_user, c.pid, c.started_at "
                + "FROM claim_holders c JOIN outbox o ON o.claimed_by = c.node WHERE o.state = 'sending'", null, null));
    }

    private static List<Holder> holders(Handle h, String sql, ProcessIdentity self, String node) {
        var query = h.createQuery(sql);
        if (self != null) {
            query.bind("host", self.host()).bind("boot", self.bootId()).bind("node", node);
        }
        return query.map((rs, ctx) -> new Holder(rs.getString("node"), new ProcessIdentity(rs.getString("host"),
                        rs.getString("boot_id"), rs.getString("os_user"), rs.getLong("pid"),
                        ctx.findColumnMapperFor(Instant.class).orElseThrow().map(rs, "started_at", ctx))))
                .list();
    }

    /**
     * The holder's rows back to the queue, due now, without using an attempt, like a claim that timed out. Only
     * while the holder's record is still the one judged gone: a new process enrolled under the same node id in the
     * meantime may have claimed rows of its own.
     */
    private int takeBack(Holder holder, Instant now) {
        return jdbi.withHandle(h -> {
            int rows = h.createUpdate("UPDATE outbox SET state = 'queued', next_attempt_at = :now, claimed_by = NULL, "
                            + "claimed_at = NULL WHERE state = 'sending' AND claimed_by = :node AND EXISTS (SELECT 1 "
                            + "FROM claim_holders c WHERE c.node = :node AND c.pid = :pid AND c.started_at = :started)")
                    .bind("now", now)
                    .bind("node", holder.node())
                    .bind("pid", holder.process().pid())
                    .bind("started", holder.process().startedAt())
                    .execute();
            if (rows > 0 && durabilityBarrier != null) {
                h.execute(durabilityBarrier);
            }
            return rows;
        });
    }

    /** Claims up to {@code limit} due rows, the oldest first. */
    public List<OutboxRow> claim(String node, Instant now, Duration claimTimeout, int limit) {
        return claim(node, now, claimTimeout, limit, 0);
    }

    /**
     * Claims up to {@code limit} due rows numbered after {@code afterId} (0: from the start), the oldest first. The
     * rows are read in id order, and a claim stepped over every row ever sent before it reached a due one, so each
     * cost more as the outbox's history grew (docs/BENCHMARKS.md, "Send, eighth session"). Now a sender going
     * through an edition passes the last id it claimed, and a claim from the start begins at the oldest row not
     * yet done (found through the index on state); the sender claims from the start again once the rows after its
     * mark run out, for retries and rows given back.
     */
    public List<OutboxRow> claim(String node, Instant now, Duration claimTimeout, int limit, long afterId) {
        return jdbi.inTransaction(h -> {
            long after = afterId;
            if (after == 0) {
                Long oldest = h.createQuery("SELECT MIN(id) FROM outbox WHERE state IN ('queued', 'sending')")
                        .mapTo(Long.class).one();
                if (oldest == null) {
                    return List.of();
                }
                after = oldest - 1;
            }
            List<Long> ids = h.createQuery("SELECT id FROM outbox WHERE id > :after AND ((state = 'queued' AND "
                            + "next_attempt_at <= :now) OR (state = 'sending' AND claimed_at < :stale)) ORDER BY id "
                            + "LIMIT :limit FOR UPDATE SKIP LOCKED")
                    .bind("after", after)
                    .bind("now", now)
                    .bind("stale", now.minus(claimTimeout))
                    .bind("limit", limit)
                    .mapTo(Long.class)
                    .list();
            if (ids.isEmpty()) {
                return List.of();
            }
            h.createUpdate("UPDATE outbox SET state = 'sending', claimed_by = :node, claimed_at = :now WHERE id IN (<ids>)")
                    .bind("node", node)
                    .bind("now", now)
                    .bindList("ids", ids)
                    .execute();
            return h.createQuery("SELECT o.id, o.kind, o.edition_id, o.since_edition_id, o.subscriber_id, s.email, "
                            + "s.display_email, s.time_zone, s.state, s.consecutive_bounces, o.message_id, o.attempts, "
                            + "o.created_at, EXISTS (SELECT 1 FROM suppressions x WHERE x.active_email = s.email) AS suppressed "
                            + "FROM outbox o JOIN subscribers s ON s.id = o.subscriber_id "
                            + "WHERE o.id IN (<ids>) ORDER BY o.id")
                    .bindList("ids", ids)
                    .map(OutboxStore::map)
                    .list();
        });
    }

    /** @return false when this node's claim was taken back meanwhile (it was too slow); the row is left alone */
    public boolean markSent(long id, String node, String serverReply, Instant now) {
        return markSent(List.of(new SentMark(id, serverReply, now)), node).get(0);
    }

    /** A message the server accepted: its row, what the server said, and when. */
    public record SentMark(long id, String serverReply, Instant at) {}

    /**
     * Marks rows sent in one transaction, made durable once: how concurrent senders share the cost of a commit.
     *
     * @return for each mark, false when this node's claim had been taken back (that row is left alone)
     */
    public List<Boolean> markSent(List<SentMark> marks, String node) {
        // Plain JDBC: one of these per message sent is the hot path of delivery; JDBI's binding cost as much as H2.
        // Durable before returning: on H2 through the journal (or a CHECKPOINT), on PostgreSQL by the commit.
        return jdbi.withHandle(h -> {
            int[] changed = h.inTransaction(tx -> {
                try (PreparedStatement update = tx.getConnection().prepareStatement("UPDATE outbox SET state = 'sent', "
                        + "sent_at = ?, server_reply = ?, attempts = attempts + 1, last_error = NULL, claimed_by = NULL, "
                        + "claimed_at = NULL WHERE id = ? AND claimed_by = ? AND state = 'sending'")) {
                    for (SentMark mark : marks) {
                        update.setObject(1, mark.at().atOffset(ZoneOffset.UTC));
                        update.setString(2, truncate(mark.serverReply(), 1000));
                        update.setLong(3, mark.id());
                        update.setString(4, node);
                        update.addBatch();
                    }
                    return update.executeBatch();
                } catch (SQLException e) {
                    throw new UnableToExecuteStatementException(e, null);
                }
            });
            List<Boolean> recorded = new ArrayList<>(changed.length);
            List<SentMark> committed = new ArrayList<>(changed.length);
            for (int i = 0; i < changed.length; i++) {
                recorded.add(changed[i] == 1);
                if (changed[i] == 1) {
                    committed.add(marks.get(i));
                }
            }
            if (journal == null) {
                if (durabilityBarrier != null) {
                    h.execute(durabilityBarrier);
                }
            } else if (!committed.isEmpty() && journal.append(committed)) {
                journal.flushed(() -> h.execute(durabilityBarrier));
            }
            return recorded;
        });
    }

    /** A temporary failure: back to the queue until {@code nextAttempt}. */
    public boolean markRetry(long id, String node, String error, Instant nextAttempt) {
        return recorded(h -> h.createUpdate("UPDATE outbox SET state = 'queued', attempts = attempts + 1, "
                        + "last_error = :error, next_attempt_at = :next, claimed_by = NULL, claimed_at = NULL "
                        + "WHERE id = :id AND claimed_by = :node AND state = 'sending'")
                .bind("error", truncate(error, 2000))
                .bind("next", nextAttempt)
                .bind("id", id)
                .bind("node", node)
                .execute());
    }

    /** Given up for good, with the reason. */
    public boolean markFailed(long id, String node, String error) {
        return recorded(h -> h.createUpdate("UPDATE outbox SET state = 'failed', attempts = attempts + 1, "
                        + "last_error = :error, claimed_by = NULL, claimed_at = NULL "
                        + "WHERE id = :id AND claimed_by = :node AND state = 'sending'")
                .bind("error", truncate(error, 2000))
                .bind("id", id)
                .bind("node", node)
                .execute());
    }

    /**
     * Queues every message given up on (failed) again, as if new: all its attempts ahead of it and its age counted
     * from now, so that a fixed mail server or a corrected address gets what the outage kept back. A failed message
     * was never accepted by the server, so this sends nothing twice; one to a subscriber who left meanwhile is
     * cancelled when its turn comes.
     *
     * @return how many were queued again
     */
    public int retryFailed(Instant now) {
        int queued = jdbi.withHandle(h -> h.createUpdate("UPDATE outbox SET state = 'queued', attempts = 0, "
                        + "next_attempt_at = :now, created_at = :now, claimed_by = NULL, claimed_at = NULL "
                        + "WHERE state = 'failed'")
                .bind("now", now)
                .execute());
        if (queued > 0 && durabilityBarrier != null) {
            jdbi.useHandle(h -> h.execute(durabilityBarrier)); // an operator's decision: on file at once
        }
        return queued;
    }

    /** Not sent, and nothing is wrong with the message (e.g. the subscriber left meanwhile). */
    public boolean markCancelled(long id, String node, String reason) {
        return recorded(h -> h.createUpdate("UPDATE outbox SET state = 'cancelled', last_error = :reason, "
                        + "claimed_by = NULL, claimed_at = NULL WHERE id = :id AND claimed_by = :node "
                        + "AND state = 'sending'")
                .bind("reason", reason)
                .bind("id", id)
                .bind("node", node)
                .execute());
    }

    /**
     * Back to the queue until {@code retryAt} without using an attempt, with the reason: the server could take no
     * message (cannot connect, login or sender refused), which is no fault of this one.
     */
    public boolean postpone(long id, String node, String reason, Instant retryAt) {
        return recorded(h -> h.createUpdate("UPDATE outbox SET state = 'queued', last_error = :reason, "
                        + "next_attempt_at = :at, claimed_by = NULL, claimed_at = NULL "
                        + "WHERE id = :id AND claimed_by = :node AND state = 'sending'")
                .bind("reason", truncate(reason, 2000))
                .bind("at", retryAt)
                .bind("id", id)
                .bind("node", node)
                .execute());
    }

    /** Hands claimed rows back untouched (shutdown, or delivery paused), without counting an attempt. */
    public void release(List<Long> ids, String node, Instant retryAt) {
        if (ids.isEmpty()) {
            return;
        }
        jdbi.useHandle(h -> h.createUpdate("UPDATE outbox SET state = 'queued', next_attempt_at = :at, "
                        + "claimed_by = NULL, claimed_at = NULL WHERE id IN (<ids>) AND claimed_by = :node "
                        + "AND state = 'sending'")
                .bind("at", retryAt)
                .bind("node", node)
                .bindList("ids", ids)
                .execute());
    }

    /** Runs one outcome update and makes it durable before the next message goes out. */
    private boolean recorded(HandleCallback<Integer, RuntimeException> update) {
        return jdbi.withHandle(h -> {
            int changed = update.withHandle(h);
            if (durabilityBarrier != null) {
                h.execute(durabilityBarrier);
            }
            return changed == 1;
        });
    }

    /** Rows per state: queued, sending, sent, failed, cancelled. */
    public Map<String, Long> countByState() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String state : List.of("queued", "sending", "sent", "failed", "cancelled")) {
            counts.put(state, 0L);
        }
        jdbi.useHandle(h -> h.createQuery("SELECT state, COUNT(*) FROM outbox GROUP BY state")
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2)))
                .forEach(e -> counts.put(e.getKey(), e.getValue())));
        return counts;
    }

    /** The most recent errors, newest first: "id, subscriber email, state, error". */
    public List<OutboxError> lastErrors(int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT o.id, s.email, o.state, o.attempts, o.last_error "
                        + "FROM outbox o JOIN subscribers s ON s.id = o.subscriber_id WHERE o.last_error IS NOT NULL "
                        + "ORDER BY o.id DESC LIMIT :limit")
                .bind("limit", limit)
                .map((rs, ctx) -> new OutboxError(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                        rs.getString(5)))
                .list());
    }

    public record OutboxError(long id, String email, String state, int attempts, String error) {}

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    private static OutboxRow map(ResultSet rs, StatementContext ctx) throws SQLException {
        var instant = ctx.findColumnMapperFor(Instant.class).orElseThrow();
        return new OutboxRow(
                rs.getLong("id"),
                rs.getString("kind"),
                rs.getObject("edition_id", Long.class),
                rs.getObject("since_edition_id", Long.class),
                rs.getLong("subscriber_id"),
                rs.getString("email"),
                rs.getString("display_email"),
                ZoneId.of(rs.getString("time_zone")),
                State.valueOf(rs.getString("state").toUpperCase(Locale.ROOT)),
                rs.getInt("consecutive_bounces"),
                rs.getString("message_id"),
                rs.getInt("attempts"),
                instant.map(rs, "created_at", ctx),
                rs.getBoolean("suppressed"));
    }
}

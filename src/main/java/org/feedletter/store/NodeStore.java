package org.feedletter.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * The nodes table: every node sharing the database says it is alive on each tick and counts what it did, so an
 * operator can see the cluster (and tests can see that work was spread).
 */
public final class NodeStore {

    private static final String COLUMNS = "id, started_at, last_seen_at, feeds_polled, items_new, editions_built, "
            + "messages_sent, last_poll_at, last_edition_at, last_delivery_at, stopped_at";

    private final Jdbi jdbi;

    public NodeStore(Database database) {
        this.jdbi = database.jdbi();
    }

    /** How long the row of a node that stopped cleanly is kept: `run --once` from cron leaves one per tick. */
    static final Duration KEPT_AFTER_STOPPING = Duration.ofDays(7);

    /**
     * A node starting: its row is created, or reset when the id was used before. Rows of nodes that stopped cleanly
     * over {@link #KEPT_AFTER_STOPPING} ago go (a killed node's row stays: it never said it stopped).
     */
    public void started(String node, Instant now) {
        jdbi.useTransaction(h -> {
            h.createUpdate("DELETE FROM nodes WHERE stopped_at < :cutoff")
                    .bind("cutoff", now.minus(KEPT_AFTER_STOPPING)).execute();
            int updated = h.createUpdate("UPDATE nodes SET started_at = :now, last_seen_at = :now, stopped_at = NULL "
                            + "WHERE id = :id")
                    .bind("id", node).bind("now", now).execute();
            if (updated == 0) {
                h.createUpdate("INSERT INTO nodes (id, started_at, last_seen_at) VALUES (:id, :now, :now)")
                        .bind("id", node).bind("now", now).execute();
            }
        });
    }

    public void polled(String node, int feeds, int newItems, Instant now) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE nodes SET last_seen_at = :now, feeds_polled = feeds_polled + :feeds, "
                        + "items_new = items_new + :items, last_poll_at = CASE WHEN :feeds > 0 THEN :now ELSE last_poll_at END "
                        + "WHERE id = :id")
                .bind("id", node).bind("now", now).bind("feeds", feeds).bind("items", newItems).execute());
    }

    public void builtEditions(String node, int editions, Instant now) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE nodes SET last_seen_at = :now, editions_built = editions_built + :n, "
                        + "last_edition_at = CASE WHEN :n > 0 THEN :now ELSE last_edition_at END WHERE id = :id")
                .bind("id", node).bind("now", now).bind("n", editions).execute());
    }

    public void delivered(String node, int sent, Instant now) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE nodes SET last_seen_at = :now, messages_sent = messages_sent + :n, "
                        + "last_delivery_at = CASE WHEN :n > 0 THEN :now ELSE last_delivery_at END WHERE id = :id")
                .bind("id", node).bind("now", now).bind("n", sent).execute());
    }

    /** A node stopping cleanly: said so on its row, so that status does not take it for a running one. */
    public void stopped(String node, Instant now) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE nodes SET last_seen_at = :now, stopped_at = :now WHERE id = :id")
                .bind("id", node).bind("now", now).execute());
    }

    /** Most recently seen first. */
    public List<NodeActivity> list() {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM nodes ORDER BY last_seen_at DESC, id")
                .map(NodeStore::map)
                .list());
    }

    /**
     * What one node has done since it started.
     *
     * @param stoppedAt when it stopped cleanly; null while it runs, or when it was killed
     */
    public record NodeActivity(String id, Instant startedAt, Instant lastSeenAt, long feedsPolled, long itemsNew,
            long editionsBuilt, long messagesSent, Instant lastPollAt, Instant lastEditionAt, Instant lastDeliveryAt,
            Instant stoppedAt) {}

    private static NodeActivity map(ResultSet rs, StatementContext ctx) throws SQLException {
        var instant = ctx.findColumnMapperFor(Instant.class).orElseThrow();
        return new NodeActivity(rs.getString("id"), instant.map(rs, "started_at", ctx), instant.map(rs, "last_seen_at", ctx),
                rs.getLong("feeds_polled"), rs.getLong("items_new"), rs.getLong("editions_built"),
                rs.getLong("messages_sent"), instant.map(rs, "last_poll_at", ctx), instant.map(rs, "last_edition_at", ctx),
                instant.map(rs, "last_delivery_at", ctx), instant.map(rs, "stopped_at", ctx));
    }
}

package org.feedletter.store;

import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.feedletter.config.FeedConfig;
import org.feedletter.store.StoredFeed.FeedOrigin;
import org.feedletter.store.StoredFeed.FeedState;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.StatementContext;

/** The feeds table: which feeds exist, their fetch validators and health, and who polls them when. */
public final class FeedStore {

    private static final String COLUMNS = "id, config_url, url, name, origin, interval_seconds, title, etag, "
            + "last_modified, state, next_poll_at, last_polled_at, last_success_at, last_status, failures, last_error";

    private final Jdbi jdbi;

    public FeedStore(Database database) {
        this.jdbi = database.jdbi();
    }

    /**
     * Makes the table agree with the config file: new feeds are added and due at once, changed names and
     * intervals updated, feeds no longer in the file marked removed (their items and provenance stay).
     */
    public void syncConfigFeeds(List<FeedConfig> feeds, Instant now) {
        // Read first, write only what differs: every command opens the store, and a config of a thousand feeds cost
        // a thousand updates each time although it rarely changes.
        record Stored(String name, int intervalSeconds, String state) {}
        SqlErrors.retryingUniqueViolations(() -> jdbi.inTransaction(h -> {
            Map<String, Stored> stored = new HashMap<>();
            h.createQuery("SELECT config_url, name, interval_seconds, state FROM feeds WHERE origin = 'config'")
                    .map((rs, ctx) -> Map.entry(rs.getString(1), new Stored(rs.getString(2), rs.getInt(3),
                            rs.getString(4))))
                    .forEach(e -> stored.put(e.getKey(), e.getValue()));
            Set<String> configured = new HashSet<>();
            PreparedBatch changes = h.prepareBatch("UPDATE feeds SET name = :name, interval_seconds = :interval, "
                    + "state = CASE WHEN state = 'removed' THEN 'active' ELSE state END WHERE config_url = :configUrl");
            for (FeedConfig feed : feeds) {
                String configUrl = feed.url().toString();
                configured.add(configUrl);
                Stored was = stored.get(configUrl);
                int interval = (int) feed.interval().toSeconds();
                if (was == null) {
                    insert(h, configUrl, feed.url(), feed.name(), FeedOrigin.CONFIG, feed.interval(), now);
                } else if (!Objects.equals(was.name(), feed.name()) || was.intervalSeconds() != interval
                        || was.state().equals("removed")) {
                    changes.bind("name", feed.name()).bind("interval", interval).bind("configUrl", configUrl).add();
                }
            }
            if (changes.size() > 0) {
                changes.execute();
            }
            List<String> gone = stored.entrySet().stream()
                    .filter(e -> !configured.contains(e.getKey()) && !e.getValue().state().equals("removed"))
                    .map(Map.Entry::getKey).toList();
            if (!gone.isEmpty()) {
                h.createUpdate("UPDATE feeds SET state = 'removed' WHERE origin = 'config' AND config_url IN (<urls>)")
                        .bindList("urls", gone)
                        .execute();
            }
            return gone.size();
        }));
    }

    /** Adds a feed at run time (not from the config file); it is due at once. */
    public StoredFeed add(URI url, String name, Duration interval, Instant now) {
        long id = jdbi.inTransaction(h -> insert(h, null, url, name, FeedOrigin.ADDED, interval, now));
        return find(id).orElseThrow();
    }

    /**
     * Stops polling a feed added at run time; its items and their provenance stay. A feed from the config file is
     * removed from the file instead.
     *
     * @return false when no such feed added at run time is current
     */
    public boolean remove(long id) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE feeds SET state = 'removed' WHERE id = :id "
                        + "AND origin = 'added' AND state <> 'removed'")
                .bind("id", id)
                .execute()) == 1;
    }

    /** Stops polling a feed until {@link #resume}; a feed that is gone or removed stays so. */
    public boolean pause(long id) {
        return update("UPDATE feeds SET state = 'paused' WHERE id = :id AND state = 'active'", id);
    }

    /** Polls a paused (or gone) feed again, at once. */
    public boolean resume(long id, Instant now) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE feeds SET state = 'active', next_poll_at = :now, "
                        + "failures = CASE WHEN state = 'gone' THEN 0 ELSE failures END "
                        + "WHERE id = :id AND state IN ('paused', 'gone')")
                .bind("id", id).bind("now", now).execute()) == 1;
    }

    /** A feed added at run time gets another name (a config feed's comes from the file). */
    public boolean rename(long id, String name) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE feeds SET name = :name WHERE id = :id AND origin = 'added'")
                .bind("id", id).bind("name", name).execute()) == 1;
    }

    /** A feed added at run time is polled this often from its next poll on. */
    public boolean setInterval(long id, Duration interval) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE feeds SET interval_seconds = :seconds WHERE id = :id "
                        + "AND origin = 'added'")
                .bind("id", id).bind("seconds", (int) interval.toSeconds()).execute()) == 1;
    }

    private boolean update(String sql, long id) {
        return jdbi.withHandle(h -> h.createUpdate(sql).bind("id", id).execute()) == 1;
    }

    private static long insert(Handle h, String configUrl, URI url, String name, FeedOrigin origin, Duration interval,
            Instant now) {
        return h.createUpdate("INSERT INTO feeds (config_url, url, name, origin, interval_seconds, state, next_poll_at, "
                        + "failures, created_at) VALUES (:configUrl, :url, :name, :origin, :interval, 'active', :now, 0, :now)")
                .bind("configUrl", configUrl)
                .bind("url", url.toString())
                .bind("name", name)
                .bind("origin", origin.name().toLowerCase(Locale.ROOT))
                .bind("interval", (int) interval.toSeconds())
                .bind("now", now)
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one();
    }

    public Optional<StoredFeed> find(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM feeds WHERE id = :id")
                .bind("id", id)
                .map(FeedStore::map)
                .findOne());
    }

    public Optional<StoredFeed> findByUrl(String url) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM feeds WHERE url = :url OR config_url = :url "
                        + "ORDER BY id LIMIT 1")
                .bind("url", url)
                .map(FeedStore::map)
                .findOne());
    }

    /** Every feed that is not removed, in id order. */
    public List<StoredFeed> listCurrent() {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM feeds WHERE state <> 'removed' ORDER BY id")
                .map(FeedStore::map)
                .list());
    }

    /**
     * Claims up to {@code limit} active feeds due by {@code now} for this node, so no other node polls them
     * until the claim runs out or is released by recording the poll. With {@code dueOnly} false every active
     * feed not claimed elsewhere is taken ({@code run --once}).
     */
    public List<StoredFeed> claim(String node, Instant now, Duration claimFor, int limit, boolean dueOnly) {
        return jdbi.inTransaction(h -> {
            List<StoredFeed> claimed = h.createQuery("SELECT " + COLUMNS + " FROM feeds WHERE state = 'active' "
                            + (dueOnly ? "AND next_poll_at <= :now " : "")
                            + "AND (claimed_until IS NULL OR claimed_until < :now) "
                            + "ORDER BY next_poll_at, id LIMIT :limit FOR UPDATE SKIP LOCKED")
                    .bind("now", now)
                    .bind("limit", limit)
                    .map(FeedStore::map)
                    .list();
            // A batch by id, not "WHERE id IN (...)": H2 checks every row against the whole list, which for the
            // 1,000 feeds of a full poll was a million comparisons (a sixth of a warm poll's time when measured;
            // docs/BENCHMARKS.md, "Poll: 1,000 feeds").
            PreparedBatch update = h.prepareBatch(
                    "UPDATE feeds SET claimed_by = :node, claimed_until = :until WHERE id = :id");
            for (StoredFeed feed : claimed) {
                update.bind("node", node).bind("until", now.plus(claimFor)).bind("id", feed.id()).add();
            }
            if (update.size() > 0) {
                update.execute();
            }
            return claimed.stream().sorted(Comparator.comparingLong(StoredFeed::id)).toList();
        });
    }

    /**
     * Records how polls ended, in one transaction: on success the validators are kept and the error count reset;
     * on failure the failure is counted and described and the next poll pushed back. Either way the claim is
     * released and the next poll time set.
     */
    public void record(List<FeedPoll> polls) {
        if (polls.isEmpty()) {
            return;
        }
        jdbi.useTransaction(h -> {
            PreparedBatch succeeded = h.prepareBatch("UPDATE feeds SET url = :url, title = COALESCE(:title, title), "
                    + "site_link = COALESCE(:siteLink, site_link), etag = :etag, last_modified = :lastModified, "
                    + "last_polled_at = :at, last_success_at = :at, last_status = :status, failures = 0, "
                    + "last_error = :message, next_poll_at = :next, claimed_by = NULL, claimed_until = NULL WHERE id = :id");
            PreparedBatch failed = h.prepareBatch("UPDATE feeds SET url = :url, last_polled_at = :at, "
                    + "last_status = :status, failures = failures + 1, last_error = :message, next_poll_at = :next, "
                    + "state = CASE WHEN state = 'paused' THEN state ELSE :state END, claimed_by = NULL, "
                    + "claimed_until = NULL WHERE id = :id");
            for (FeedPoll poll : polls) {
                if (poll.result() == FeedPoll.Result.OK) {
                    succeeded.bind("title", poll.title()).bind("siteLink", poll.siteLink()).bind("etag", poll.etag())
                            .bind("lastModified", poll.lastModified());
                    bindCommon(succeeded, poll).add();
                } else {
                    failed.bind("state", poll.result() == FeedPoll.Result.GONE ? "gone" : "active");
                    bindCommon(failed, poll).add();
                }
            }
            if (succeeded.size() > 0) {
                succeeded.execute();
            }
            if (failed.size() > 0) {
                failed.execute();
            }
        });
    }

    private static PreparedBatch bindCommon(PreparedBatch batch, FeedPoll poll) {
        return batch.bind("id", poll.feedId())
                .bind("url", poll.url().toString())
                .bind("at", poll.at())
                .bind("status", poll.status())
                .bind("message", truncate(poll.message(), 2000))
                .bind("next", poll.nextPollAt());
    }

    /**
     * How one poll of one feed ended, to be recorded on its row.
     *
     * @param url where the feed is now (a permanent redirect or a discovered feed changes it)
     * @param message the error, or a note for the operator; null when all went well
     */
    public record FeedPoll(long feedId, URI url, Instant at, Integer status, String title, String siteLink, String etag,
            String lastModified, String message, Instant nextPollAt, Result result) {

        public enum Result { OK, FAILED, GONE }
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    private static StoredFeed map(ResultSet rs, StatementContext ctx) throws SQLException {
        var instant = ctx.findColumnMapperFor(Instant.class).orElseThrow();
        return new StoredFeed(
                rs.getLong("id"),
                rs.getString("config_url"),
                URI.create(rs.getString("url")),
                rs.getString("name"),
                FeedOrigin.valueOf(rs.getString("origin").toUpperCase(Locale.ROOT)),
                Duration.ofSeconds(rs.getInt("interval_seconds")),
                rs.getString("title"),
                rs.getString("etag"),
                rs.getString("last_modified"),
                FeedState.valueOf(rs.getString("state").toUpperCase(Locale.ROOT)),
                instant.map(rs, "next_poll_at", ctx),
                instant.map(rs, "last_polled_at", ctx),
                instant.map(rs, "last_success_at", ctx),
                rs.getObject("last_status", Integer.class),
                rs.getInt("failures"),
                rs.getString("last_error"));
    }
}

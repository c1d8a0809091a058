package org.feedletter.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.feedletter.store.StoredSubscriber.Frequency;
import org.feedletter.store.StoredSubscriber.State;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/** The subscribers and subscriptions tables. Addresses arrive here already checked and case-folded. */
public final class SubscriberStore {

    static final String COLUMNS = "id, email, display_email, state, time_zone, frequency, origin, "
            + "consecutive_bounces, created_at, confirmed_at, unsubscribed_at, token_version";

    private final Jdbi jdbi;

    public SubscriberStore(Database database) {
        this.jdbi = database.jdbi();
    }

    /**
     * Seeds a subscriber from the config file: created active when new. An existing subscriber keeps their
     * state (someone who unsubscribed stays unsubscribed); an active one gains newsletters added in the file.
     *
     * @return true when the subscriber was created
     */
    public boolean seed(String email, String displayEmail, ZoneId timeZone, List<String> newsletters, Instant now) {
        return seedOutcome(email, displayEmail, timeZone, newsletters, now) == Seeded.CREATED;
    }

    /** What seeding one subscriber from the config did. */
    public enum Seeded { CREATED, KEPT, SUPPRESSED }

    /** As {@link #seed}, telling a suppressed address (neither created nor given newsletters) from the rest. */
    public Seeded seedOutcome(String email, String displayEmail, ZoneId timeZone, List<String> newsletters,
            Instant now) {
        return SqlErrors.retryingUniqueViolations(() -> jdbi.inTransaction(h -> {
            if (BounceStore.active(h, email).isPresent()) {
                return Seeded.SUPPRESSED;
            }
            Optional<StoredSubscriber> existing = findByEmail(h, email);
            if (existing.isPresent() && existing.get().state() != State.ACTIVE) {
                return Seeded.KEPT;
            }
            long id = existing.isPresent() ? existing.get().id()
                    : insert(h, email, displayEmail, State.ACTIVE, timeZone, Frequency.EDITION, "config", now);
            addSubscriptions(h, id, newsletters, now);
            return existing.isEmpty() ? Seeded.CREATED : Seeded.KEPT;
        }));
    }

    private static long insert(Handle h, String email, String displayEmail, State state, ZoneId timeZone,
            Frequency frequency, String origin, Instant now) {
        return h.createUpdate("INSERT INTO subscribers (email, display_email, state, time_zone, frequency, origin, "
                        + "consecutive_bounces, created_at, confirmed_at) VALUES (:email, :display, :state, :tz, "
                        + ":frequency, :origin, 0, :now, :confirmed)")
                .bind("email", email)
                .bind("display", displayEmail)
                .bind("state", lower(state))
                .bind("tz", timeZone.getId())
                .bind("frequency", lower(frequency))
                .bind("origin", origin)
                .bind("now", now)
                .bind("confirmed", state == State.ACTIVE ? now : null)
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one();
    }

    private static void addSubscriptions(Handle h, long subscriberId, List<String> newsletters, Instant now) {
        for (String newsletter : newsletters) {
            h.createUpdate("INSERT INTO subscriptions (subscriber_id, newsletter_id, created_at) "
                            + "SELECT :s, :n, :now WHERE NOT EXISTS (SELECT 1 FROM subscriptions "
                            + "WHERE subscriber_id = :s AND newsletter_id = :n)")
                    .bind("s", subscriberId)
                    .bind("n", newsletter)
                    .bind("now", now)
                    .execute();
        }
    }

    public Optional<StoredSubscriber> find(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM subscribers WHERE id = :id")
                .bind("id", id)
                .map(SubscriberStore::map)
                .findOne());
    }

    public Optional<StoredSubscriber> findByEmail(String email) {
        return jdbi.withHandle(h -> findByEmail(h, email));
    }

    private static Optional<StoredSubscriber> findByEmail(Handle h, String email) {
        return h.createQuery("SELECT " + COLUMNS + " FROM subscribers WHERE email = :email")
                .bind("email", email)
                .map(SubscriberStore::map)
                .findOne();
    }

    /** The version signed into the subscriber's links (0 for someone unknown). */
    public int tokenVersion(long subscriberId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT token_version FROM subscribers WHERE id = :id")
                .bind("id", subscriberId)
                .mapTo(Integer.class)
                .findOne()
                .orElse(0));
    }

    public List<String> newslettersOf(long subscriberId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT newsletter_id FROM subscriptions WHERE subscriber_id = :s "
                        + "ORDER BY newsletter_id")
                .bind("s", subscriberId)
                .mapTo(String.class)
                .list());
    }

    /** Subscribers per state, for status pages. */
    public Map<State, Long> countByState() {
        Map<State, Long> counts = new TreeMap<>();
        jdbi.useHandle(h -> h.createQuery("SELECT state, COUNT(*) FROM subscribers GROUP BY state")
                .map((rs, ctx) -> Map.entry(State.valueOf(rs.getString(1).toUpperCase(Locale.ROOT)), rs.getLong(2)))
                .forEach(e -> counts.put(e.getKey(), e.getValue())));
        return counts;
    }

    /** A permanent delivery failure: counted, and after {@code bounceAfter} in a row the address is bounced. */
    public void recordPermanentFailure(long subscriberId, int bounceAfter, Instant now) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE subscribers SET consecutive_bounces = consecutive_bounces + 1, "
                        + "state = CASE WHEN consecutive_bounces + 1 >= :limit AND state = 'active' THEN 'bounced' "
                        + "ELSE state END WHERE id = :id")
                .bind("limit", bounceAfter)
                .bind("id", subscriberId)
                .execute());
    }

    public void resetBounces(long subscriberId) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE subscribers SET consecutive_bounces = 0 WHERE id = :id "
                        + "AND consecutive_bounces > 0")
                .bind("id", subscriberId)
                .execute());
    }

    static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    static StoredSubscriber map(ResultSet rs, StatementContext ctx) throws SQLException {
        var instant = ctx.findColumnMapperFor(Instant.class).orElseThrow();
        return new StoredSubscriber(
                rs.getLong("id"),
                rs.getString("email"),
                rs.getString("display_email"),
                State.valueOf(rs.getString("state").toUpperCase(Locale.ROOT)),
                ZoneId.of(rs.getString("time_zone")),
                Frequency.valueOf(rs.getString("frequency").toUpperCase(Locale.ROOT)),
                rs.getString("origin"),
                rs.getInt("consecutive_bounces"),
                instant.map(rs, "created_at", ctx),
                instant.map(rs, "confirmed_at", ctx),
                instant.map(rs, "unsubscribed_at", ctx),
                rs.getInt("token_version"));
    }
}

package org.feedletter.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import org.feedletter.store.Database;

/** Many subscribers at once, for benchmarks that need a populated database quickly. */
final class BenchSubscribers {

    private BenchSubscribers() {}

    /**
     * The subscribers in batched INSERTs, each active and subscribed, as a bulk import would write them: seeding
     * 100,000 one transaction at a time would make this benchmark mostly about its own set-up.
     */
    static void insert(Database database, int subscribers, String newsletter, ZoneId zone, Instant now) throws Exception {
        try (Connection c = database.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO subscribers (email, display_email, state, "
                    + "time_zone, frequency, origin, consecutive_bounces, created_at, confirmed_at) "
                    + "VALUES (?, ?, 'active', ?, 'edition', 'bench', 0, ?, ?)")) {
                Timestamp at = Timestamp.from(now);
                for (int i = 0; i < subscribers; i++) {
                    String email = SendBenchmark.reader(i);
                    insert.setString(1, email);
                    insert.setString(2, email);
                    insert.setString(3, zone.getId());
                    insert.setTimestamp(4, at);
                    insert.setTimestamp(5, at);
                    insert.addBatch();
                    if (i % 1000 == 999) {
                        insert.executeBatch();
                    }
                }
                insert.executeBatch();
            }
            try (PreparedStatement subscribe = c.prepareStatement("INSERT INTO subscriptions (subscriber_id, "
                    + "newsletter_id, created_at) SELECT id, ?, ? FROM subscribers")) {
                subscribe.setString(1, newsletter);
                subscribe.setTimestamp(2, Timestamp.from(now));
                subscribe.executeUpdate();
            }
            c.commit();
        }
    }

}

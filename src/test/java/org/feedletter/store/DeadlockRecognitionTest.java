package org.feedletter.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.feedletter.config.DatabaseConfig;
import org.feedletter.testing.Postgres;
import org.feedletter.testing.TestDatabases;
import org.junit.jupiter.api.Test;

/**
 * Ingest runs a transaction again when the database broke a deadlock by rolling it back; this checks that a real
 * deadlock, on each database, is recognised as one.
 */
class DeadlockRecognitionTest {

    @Test
    void aDeadlockOnH2IsRecognised() throws Exception {
        try (Database database = TestDatabases.h2()) {
            assertThat(SqlErrors.isDeadlock(deadlock(database))).isTrue();
        }
    }

    @Test
    void aDeadlockOnPostgresIsRecognised() throws Exception {
        DatabaseConfig config = Postgres.freshSchema();
        try (Database database = Database.open(config)) {
            assertThat(SqlErrors.isDeadlock(deadlock(database))).isTrue();
        } finally {
            Postgres.drop(config);
        }
    }

    @Test
    void aUniqueViolationIsNotADeadlock() {
        assertThat(SqlErrors.isDeadlock(new SQLException("duplicate key", "23505"))).isFalse();
    }

    /** Two transactions each lock one row and then ask for the other's: one of them fails, with what it got. */
    private static SQLException deadlock(Database database) throws Exception {
        try (Connection a = database.dataSource().getConnection(); Connection b = database.dataSource().getConnection()) {
            try (Statement setup = a.createStatement()) {
                setup.execute("CREATE TABLE deadlock_rows (id INT PRIMARY KEY, v INT)");
                setup.execute("INSERT INTO deadlock_rows VALUES (1, 0), (2, 0)");
            }
            a.setAutoCommit(false);
            b.setAutoCommit(false);
            a.createStatement().executeUpdate("UPDATE deadlock_rows SET v = 1 WHERE id = 1");
            b.createStatement().executeUpdate("UPDATE deadlock_rows SET v = 1 WHERE id = 2");
            CountDownLatch asking = new CountDownLatch(1);
            CompletableFuture<SQLException> first = CompletableFuture.supplyAsync(() -> {
                asking.countDown();
                return update(a, 2);
            });
            asking.await();
            Thread.sleep(300); // a waits for b's row before b asks for a's
            SQLException second = update(b, 1);
            SQLException other = first.get(30, TimeUnit.SECONDS);
            a.rollback();
            b.rollback();
            assertThat(second == null || other == null).as("exactly one of the two is rolled back").isTrue();
            return second != null ? second : other;
        }
    }

    private static SQLException update(Connection connection, int id) {
        try {
            connection.createStatement().executeUpdate("UPDATE deadlock_rows SET v = 2 WHERE id = " + id);
            return null;
        } catch (SQLException e) {
            try {
                connection.rollback(); // lets the other one go on
            } catch (SQLException ignored) {
                // the test reports the first failure
            }
            return e;
        }
    }
}

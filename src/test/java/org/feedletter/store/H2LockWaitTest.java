package org.feedletter.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.feedletter.config.DatabaseConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On H2 an ingest waits for another's near-duplicate lock until that one commits (up to ten seconds): H2's own default
 * gave up after one second and failed feeds of a large first poll.
 */
class H2LockWaitTest {

    @TempDir
    Path dir;

    @Test
    void aRowLockHeldLongerThanH2sDefaultTimeoutIsWaitedFor() throws Exception {
        try (Database database = Database.open(new DatabaseConfig("jdbc:h2:file:" + dir.resolve("db"), "", "", 4));
                Connection holder = database.dataSource().getConnection();
                Connection waiter = database.dataSource().getConnection()) {
            holder.setAutoCommit(false);
            waiter.setAutoCommit(false);
            holder.createStatement().executeQuery("SELECT slot FROM dedup_locks WHERE slot = 0 FOR UPDATE").close();

            CountDownLatch asking = new CountDownLatch(1);
            CompletableFuture<Integer> waited = CompletableFuture.supplyAsync(() -> {
                asking.countDown();
                try (ResultSet rs = waiter.createStatement().executeQuery(
                        "SELECT slot FROM dedup_locks WHERE slot = 0 FOR UPDATE")) {
                    rs.next();
                    return rs.getInt(1);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            asking.await();
            Thread.sleep(2_500); // longer than H2's default lock timeout of one second
            holder.commit();

            assertThat(waited.get(30, TimeUnit.SECONDS)).isEqualTo(0);
            waiter.commit();
        }
    }

    @Test
    void anOperatorsOwnLockTimeoutInTheUrlIsKept() {
        assertThat(Dialect.H2.tuneUrl("jdbc:h2:file:./data/f;LOCK_TIMEOUT=5000")).contains(";LOCK_TIMEOUT=5000")
                .doesNotContain("LOCK_TIMEOUT=" + Dialect.LOCK_TIMEOUT_MILLIS);
    }
}

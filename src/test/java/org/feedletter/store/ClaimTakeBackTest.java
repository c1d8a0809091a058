package org.feedletter.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.feedletter.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A process that starts takes back the outbox claims of processes of its own machine that are gone, at once; every
 * other claim (another machine's, a live process's, one it cannot be sure of) waits for the claim timeout. The
 * processes are real: short-lived children of this test, and the test's own JVM.
 */
class ClaimTakeBackTest {

    private static final Duration CLAIM_TIMEOUT = Duration.ofMinutes(10);

    private final Database database = TestDatabases.fresh();
    private final OutboxStore outbox = new OutboxStore(database);
    private final ProcessIdentity self = ProcessIdentity.current();
    /** Whole milliseconds: the database keeps microseconds, and a rounded-up time would not be due yet. */
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    @AfterEach
    void close() {
        database.close();
    }

    /** A real process of this machine, started by the test. */
    private static Process child() throws Exception {
        return new ProcessBuilder("sleep", "120").start();
    }

    private ProcessIdentity identityOf(Process process) {
        return new ProcessIdentity(self.host(), self.bootId(), self.user(), process.pid(),
                process.info().startInstant().orElseThrow());
    }

    private static void end(Process process) throws Exception {
        process.destroyForcibly();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    /** {@code count} messages queued, then claimed by {@code node} (enrolled as {@code process}), a minute ago. */
    private List<Long> claimedBy(String node, ProcessIdentity process, int count) {
        database.jdbi().useHandle(h -> {
            long subscriber = h.createUpdate("INSERT INTO subscribers (email, display_email, state, time_zone, frequency, "
                            + "origin, consecutive_bounces, created_at) VALUES (:e, :e, 'active', 'UTC', 'edition', "
                            + "'config', 0, :at)")
                    .bind("e", node + "@example.org").bind("at", now).executeAndReturnGeneratedKeys("id")
                    .mapTo(Long.class).one();
            for (int i = 0; i < count; i++) {
                h.createUpdate("INSERT INTO outbox (kind, subscriber_id, message_id, state, attempts, next_attempt_at, "
                                + "created_at) VALUES ('digest', :s, :m, 'queued', 2, :at, :at)")
                        .bind("s", subscriber).bind("m", "<" + node + "-" + i + "@example.org>")
                        .bind("at", now.minus(Duration.ofMinutes(1))).execute();
            }
        });
        outbox.enrol(node, process, now.minus(Duration.ofMinutes(1)));
        List<OutboxRow> rows = outbox.claim(node, now.minus(Duration.ofMinutes(1)), CLAIM_TIMEOUT, count);
        assertThat(rows).hasSize(count);
        return rows.stream().map(OutboxRow::id).toList();
    }

    private Map<String, Long> states() {
        return outbox.countByState();
    }

    private String holderOf(long id) {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT claimed_by FROM outbox WHERE id = :id")
                .bind("id", id).mapTo(String.class).one());
    }

    @Test
    void theClaimsOfAGoneProcessOfThisMachineAreTakenBackAtOnceAndGoOutWithoutUsingAnAttempt() throws Exception {
        Process previous = child();
        List<Long> ids = claimedBy("host-" + previous.pid(), identityOf(previous), 3);
        end(previous);

        Map<String, Integer> takenBack = outbox.enrol("host-" + ProcessHandle.current().pid(), self, now);

        assertThat(takenBack).containsExactly(Map.entry("host-" + previous.pid(), 3));
        assertThat(states()).containsEntry("queued", 3L).containsEntry("sending", 0L);
        List<OutboxRow> claimed = outbox.claim("host-" + ProcessHandle.current().pid(), now, CLAIM_TIMEOUT, 10);
        assertThat(claimed).extracting(OutboxRow::id).containsExactlyElementsOf(ids);
        assertThat(claimed).allMatch(row -> row.attempts() == 2);
    }

    @Test
    void aProcessRestartedUnderTheSameNodeIdTakesBackWhatItsPredecessorHeld() throws Exception {
        // In a container the JVM is often process 1 every time, so the default node id (host and pid) repeats.
        Process previous = child();
        claimedBy("node-1", identityOf(previous), 2);
        end(previous);

        assertThat(outbox.enrol("node-1", self, now)).containsExactly(Map.entry("node-1", 2));
        assertThat(states()).containsEntry("queued", 2L).containsEntry("sending", 0L);
    }

    @Test
    void theClaimsOfALiveProcessOfThisMachineWaitForTheClaimTimeout() throws Exception {
        Process running = child();
        try {
            List<Long> ids = claimedBy("cli-" + running.pid(), identityOf(running), 2);
            claimedBy("other-node-in-this-jvm", self, 1);

            assertThat(outbox.enrol("service", self, now)).isEmpty();

            assertThat(states()).containsEntry("sending", 3L);
            assertThat(outbox.claim("service", now, CLAIM_TIMEOUT, 10)).isEmpty();
            assertThat(holderOf(ids.get(0))).isEqualTo("cli-" + running.pid());
        } finally {
            end(running);
        }
    }

    @Test
    void anotherMachinesClaimsAreNotTakenBeforeTheClaimTimeoutEvenWhenItsProcessIdRunsNothingHere() throws Exception {
        Process gone = child();
        end(gone); // a process id that names no process on this machine
        ProcessIdentity elsewhere = new ProcessIdentity("node-b.example.org", "0f6e4a4e-0000-4000-8000-000000000001",
                self.user(), gone.pid(), now.minus(Duration.ofHours(1)));
        ProcessIdentity sameNameOtherBoot = new ProcessIdentity(self.host(), "0f6e4a4e-0000-4000-8000-000000000002",
                self.user(), gone.pid(), now.minus(Duration.ofHours(1)));
        ProcessIdentity otherUser = new ProcessIdentity(self.host(), self.bootId(), self.user() + "-other", gone.pid(),
                now.minus(Duration.ofHours(1)));
        ProcessIdentity noBootId = new ProcessIdentity(self.host(), "", self.user(), gone.pid(),
                now.minus(Duration.ofHours(1)));
        claimedBy("node-b", elsewhere, 1);
        claimedBy("twin", sameNameOtherBoot, 1);
        claimedBy("other-user", otherUser, 1);
        claimedBy("no-boot-id", noBootId, 1);

        assertThat(outbox.enrol("node-a", self, now)).isEmpty();

        assertThat(states()).containsEntry("sending", 4L);
        assertThat(outbox.claim("node-a", now.plus(Duration.ofMinutes(8)), CLAIM_TIMEOUT, 10))
                .as("9 minutes after the claims").isEmpty();
        assertThat(outbox.claim("node-a", now.plus(Duration.ofMinutes(10)), CLAIM_TIMEOUT, 10))
                .as("past the claim timeout").hasSize(4);
    }

    /**
     * A sender going through an edition claims on from the last row it claimed, so it does not step over every row
     * already sent; a row before that mark is claimed when it claims from the start again.
     */
    @Test
    void aClaimAfterAMarkTakesOnlyTheRowsAfterIt() {
        List<Long> ids = claimedBy("node-a", self, 6);
        outbox.release(ids, "node-a", now.minus(Duration.ofMinutes(1)));

        List<OutboxRow> after = outbox.claim("node-a", now, CLAIM_TIMEOUT, 10, ids.get(3));
        assertThat(after).extracting(OutboxRow::id).containsExactly(ids.get(4), ids.get(5));
        assertThat(outbox.claim("node-a", now, CLAIM_TIMEOUT, 10, ids.get(5))).isEmpty();
        assertThat(outbox.claim("node-a", now, CLAIM_TIMEOUT, 10, 0)).extracting(OutboxRow::id)
                .containsExactlyElementsOf(ids.subList(0, 4));
    }

    @Test
    void aProcessIdReusedByAProcessStartedLaterIsNotTheHolder() throws Exception {
        Process running = child();
        try {
            // Recorded with a start an hour before the process now running under that id started.
            ProcessIdentity earlier = new ProcessIdentity(self.host(), self.bootId(), self.user(), running.pid(),
                    running.info().startInstant().orElseThrow().minus(Duration.ofHours(1)));
            claimedBy("before-reboot-of-pid", earlier, 1);

            assertThat(outbox.enrol("node-a", self, now)).containsOnlyKeys("before-reboot-of-pid");
        } finally {
            end(running);
        }
    }

    @Test
    void claimsOfANodeNeverRecordedWaitForTheClaimTimeout() {
        database.jdbi().useHandle(h -> {
            h.execute("INSERT INTO subscribers (email, display_email, state, time_zone, frequency, origin, "
                    + "consecutive_bounces, created_at) VALUES ('a@example.org', 'a@example.org', 'active', 'UTC', "
                    + "'edition', 'config', 0, ?)", now);
            h.execute("INSERT INTO outbox (kind, subscriber_id, message_id, state, attempts, next_attempt_at, "
                    + "created_at, claimed_by, claimed_at) VALUES ('digest', 1, '<m@example.org>', 'sending', 0, ?, ?, "
                    + "'an-older-version', ?)", now, now, now);
        });

        assertThat(outbox.enrol("node-a", self, now)).isEmpty();
        assertThat(states()).containsEntry("sending", 1L);
    }

    @Test
    void theRecordsOfGoneProcessesOfThisMachineAreDroppedOnceTheyHoldNothing() throws Exception {
        Process previous = child();
        outbox.enrol("earlier", identityOf(previous), now);
        end(previous);

        outbox.enrol("now", self, now);
        outbox.enrol("now", self, now);

        List<String> holders = database.jdbi().withHandle(h -> h.createQuery("SELECT node FROM claim_holders ORDER BY node")
                .mapTo(String.class).list());
        assertThat(holders).containsExactly("now");
    }
}

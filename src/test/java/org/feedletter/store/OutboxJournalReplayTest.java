package org.feedletter.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.feedletter.config.DatabaseConfig;
import org.feedletter.store.OutboxStore.SentMark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a killed process marked sent, but H2 had not yet written, is recorded when the database is next opened. */
class OutboxJournalReplayTest {

    private static final Instant AT = Instant.parse("2026-11-26T10:00:00Z");

    @TempDir
    Path dir;

    private Database open() {
        return Database.open(new DatabaseConfig("jdbc:h2:file:" + dir.resolve("feedletter"), "", "", 4));
    }

    @Test
    void marksInTheJournalAreRecordedOnOpenAndTheJournalIsEmptied() {
        try (Database database = open()) {
            database.jdbi().useHandle(h -> {
                h.execute("INSERT INTO subscribers (email, display_email, state, time_zone, frequency, origin, "
                        + "consecutive_bounces, created_at) VALUES ('a@example.org', 'a@example.org', 'active', 'UTC', "
                        + "'edition', 'config', 0, ?)", AT);
                for (int i = 1; i <= 3; i++) {
                    h.execute("INSERT INTO outbox (kind, subscriber_id, message_id, state, attempts, next_attempt_at, "
                            + "created_at, claimed_by, claimed_at) VALUES ('digest', 1, ?, 'sending', 0, ?, ?, 'dead', ?)",
                            "<m" + i + "@example.org>", AT, AT, AT);
                }
            });
        }
        SentJournal.besides(dir.resolve("feedletter")).append(List.of(new SentMark(1, "250 2.0.0 Ok: queued as A", AT),
                new SentMark(2, "250 2.0.0 Ok: queued as B", AT)));

        try (Database reopened = open()) {
            OutboxStore outbox = new OutboxStore(reopened);

            assertThat(outbox.countByState()).containsAllEntriesOf(Map.of("sent", 2L, "sending", 1L));
            String reply = reopened.jdbi().withHandle(h -> h.createQuery("SELECT server_reply FROM outbox WHERE id = 2")
                    .mapTo(String.class).one());
            assertThat(reply).isEqualTo("250 2.0.0 Ok: queued as B");
            assertThat(dir.resolve("feedletter.sent.journal")).doesNotExist();
            new OutboxStore(reopened); // a second store on the same database replays nothing again
            assertThat(outbox.countByState()).containsEntry("sent", 2L);
        }
    }
}

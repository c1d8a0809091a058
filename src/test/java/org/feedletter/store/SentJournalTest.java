package org.feedletter.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import org.feedletter.store.OutboxStore.SentMark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SentJournalTest {

    private static final Instant AT = Instant.parse("2026-11-26T10:00:00.123Z");

    @TempDir
    Path dir;

    @Test
    void marksAppendedAreReadBackInOrder() {
        SentJournal journal = SentJournal.besides(dir.resolve("feedletter"));
        journal.append(List.of(new SentMark(1, "250 2.0.0 Ok: queued as A", AT)));
        journal.append(List.of(new SentMark(2, "250 ok\r\nmore", AT), new SentMark(3, null, AT)));

        assertThat(journal.read()).containsExactly(new SentMark(1, "250 2.0.0 Ok: queued as A", AT),
                new SentMark(2, "250 ok more", AT), new SentMark(3, "", AT));
        assertThat(dir.resolve("feedletter.sent.journal")).exists();
    }

    @Test
    void aLineCutShortByAKillIsSkipped() throws Exception {
        SentJournal journal = SentJournal.besides(dir.resolve("feedletter"));
        journal.append(List.of(new SentMark(1, "250 ok", AT)));
        Files.writeString(dir.resolve("feedletter.sent.journal"), "2 2026-11-26T10:0", StandardOpenOption.APPEND);

        assertThat(journal.read()).extracting(SentMark::id).containsExactly(1L);
    }

    @Test
    void afterAFlushTheJournalIsEmptyAndAFlushIsAskedForEveryThousandMarks() {
        SentJournal journal = SentJournal.besides(dir.resolve("feedletter"));
        boolean[] flushed = {false};
        for (int i = 1; i < SentJournal.FLUSH_EVERY; i++) {
            assertThat(journal.append(List.of(new SentMark(i, "250", AT)))).isFalse();
        }
        assertThat(journal.append(List.of(new SentMark(SentJournal.FLUSH_EVERY, "250", AT)))).isTrue();

        journal.flushed(() -> flushed[0] = true);

        assertThat(flushed[0]).isTrue();
        assertThat(journal.read()).isEmpty();
    }

    @Test
    void aJournalLeftBehindIsReplayedAndFlushedOnceAndNoJournalCostsNoFlush() {
        SentJournal left = SentJournal.besides(dir.resolve("feedletter"));
        left.append(List.of(new SentMark(7, "250 ok", AT)));
        left.close();
        List<SentMark> replayed = new java.util.ArrayList<>();
        int[] flushes = {0};

        SentJournal next = SentJournal.besides(dir.resolve("feedletter"));
        next.replayOnce(replayed::addAll, () -> flushes[0]++);
        next.replayOnce(replayed::addAll, () -> flushes[0]++);

        assertThat(replayed).containsExactly(new SentMark(7, "250 ok", AT));
        assertThat(flushes[0]).isEqualTo(1);
        assertThat(dir.resolve("feedletter.sent.journal")).doesNotExist();

        SentJournal after = SentJournal.besides(dir.resolve("feedletter"));
        after.replayOnce(replayed::addAll, () -> flushes[0]++);
        assertThat(flushes[0]).as("nothing left: no flush (every command would pay one)").isEqualTo(1);
        assertThat(replayed).hasSize(1);
    }

    @Test
    void onlyEmbeddedH2FilesHaveAPlaceForAJournal() {
        assertThat(Database.h2File("jdbc:h2:file:./data/feedletter")).contains(Path.of("data/feedletter").toAbsolutePath());
        assertThat(Database.h2File("jdbc:h2:/var/lib/feedletter/db;DB_CLOSE_ON_EXIT=FALSE"))
                .contains(Path.of("/var/lib/feedletter/db"));
        assertThat(Database.h2File("jdbc:h2:~/feedletter")).contains(Path.of(System.getProperty("user.home"), "feedletter"));
        assertThat(Database.h2File("jdbc:h2:mem:test;DB_CLOSE_DELAY=-1")).isEmpty();
        assertThat(Database.h2File("jdbc:h2:tcp://localhost/~/test")).isEmpty();
    }
}

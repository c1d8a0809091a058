package org.feedletter.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.feedletter.store.OutboxRow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SentMarksTest {

    private final DeliveryFixture fixture = new DeliveryFixture(
            IntStream.rangeClosed(1, 40).mapToObj(i -> "reader" + i).toArray(String[]::new));

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void marksHandedInByManyWorkersAtOnceAreAllRecorded() throws Exception {
        fixture.newEdition();
        List<OutboxRow> rows = fixture.outbox.claim("node-a", fixture.clock.instant(), Duration.ofMinutes(10), 100);
        SentMarks marks = new SentMarks(fixture.outbox, "node-a");
        ExecutorService workers = Executors.newFixedThreadPool(8);
        List<Future<Boolean>> results = new ArrayList<>();
        for (OutboxRow row : rows) {
            results.add(workers.submit(() -> marks.markSent(row.id(), "250 2.0.0 Ok: " + row.id(), fixture.clock.instant())));
        }
        for (Future<Boolean> result : results) {
            assertThat(result.get()).isTrue();
        }
        workers.shutdown();

        assertThat(fixture.rows()).hasSize(40)
                .allMatch(r -> r.state().equals("sent") && r.attempts() == 1 && r.serverReply().startsWith("250 2.0.0 Ok: "));
    }

    @Test
    void aRowWhoseClaimWasTakenBackIsLeftAloneAndSaysSo() {
        fixture.newEdition();
        List<OutboxRow> rows = fixture.outbox.claim("node-a", fixture.clock.instant(), Duration.ofMinutes(10), 1);
        fixture.clock.advance(Duration.ofMinutes(11));
        fixture.outbox.claim("node-b", fixture.clock.instant(), Duration.ofMinutes(10), 100);

        assertThat(new SentMarks(fixture.outbox, "node-a").markSent(rows.get(0).id(), "250 late", fixture.clock.instant()))
                .isFalse();
        assertThat(fixture.rows()).allMatch(r -> r.state().equals("sending"));
    }
}

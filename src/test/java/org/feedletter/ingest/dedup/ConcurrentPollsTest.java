package org.feedletter.ingest.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import org.feedletter.store.Database;
import org.feedletter.testing.TestDatabases;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Eight overlapping feeds (a publisher's site-wide, per-type and per-author feeds, partners, an aggregator) polled
 * all at once, fifty times over, each time into an empty store: no poll fails for a race, and every time the same
 * entries make the same items, showing the same facts.
 */
@Tag("database")
class ConcurrentPollsTest {

    private static final int ROUNDS = 50;

    @Test
    void eightOverlappingFeedsPolledAtOnceGiveTheSameItemsEveryTime() {
        DedupCorpus corpus = new DedupCorpus("kestrel");
        assertThat(corpus.feeds).hasSize(8);
        try (Database database = TestDatabases.fresh(); DedupCorpus.Rig rig = corpus.new Rig(database)) {
            DedupCorpus.Run first = null;
            for (int round = 0; round < ROUNDS; round++) {
                rig.forgetItems();
                rig.pollTogether(new ItemIngestor(rig.items), corpus.feeds); // a fresh process's index each round
                DedupCorpus.Run run = rig.read();
                if (first == null) {
                    first = run;
                    assertThat(corpus.score(run).precision()).isEqualTo(1.0);
                }
                assertThat(run.partition()).as("round %d: the same items", round).isEqualTo(first.partition());
                assertThat(run.facts()).as("round %d: the same facts", round).isEqualTo(first.facts());
            }
        }
    }
}

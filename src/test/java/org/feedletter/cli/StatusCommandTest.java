package org.feedletter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.feedletter.Feedletter;
import org.feedletter.cli.CliFixture.Result;
import org.feedletter.config.ConfigLoader;
import org.feedletter.store.NodeStore;
import org.feedletter.store.OutboxRow;
import org.feedletter.testing.StoreBehind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatusCommandTest {

    @TempDir
    Path dir;

    @Test
    void statusShowsFailingFeedsTheLastEditionsAndTheOutboxWithItsLastErrors() throws Exception {
        try (CliFixture cli = new CliFixture(dir, "/site-wide.rss", "/broken.xml")) {
            cli.run("poll");
            queueAnEditionAndFailItsMessage(cli, "550 5.1.1 mailbox unavailable");

            Result status = cli.run("status");

            assertThat(status.exit()).as("a feed is failing").isEqualTo(1);
            assertThat(status.out())
                    .contains("Feeds:       2, 1 ok, 1 failing")
                    .containsPattern("! 2 broken.xml: HTTP 503 .*\\(1 failure in a row, last success never\\)")
                    .containsPattern("quick-comment edition 1, \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\dZ, 3 items: 0 sent, "
                            + "0 queued, 1 failed")
                    .contains("Outbox:      0 queued, 0 sending, 0 sent, 1 failed, 0 cancelled")
                    .contains("! message 1 to alice@example.org (failed, 1 attempt): 550 5.1.1 mailbox unavailable")
                    .contains("Subscribers: 1 active");
        }
    }

    @Test
    void whenEveryFeedAnswersStatusExitsZero() throws Exception {
        try (CliFixture cli = new CliFixture(Files.createDirectories(dir.resolve("healthy")), "/site-wide.rss")) {
            cli.run("run", "--once");

            Result status = cli.run("status");

            assertThat(status.exit()).isZero();
            assertThat(status.out()).contains("Feeds:       1, 1 ok, 0 failing",
                    "Outbox:      0 queued, 0 sending, 1 sent, 0 failed, 0 cancelled")
                    .contains("Nodes:       1 node uses this database")
                    .containsPattern("stopped (now|\\d+ s ago); since .*: 1 feed polled, \\d+ new items?, "
                            + "1 edition built, 1 message sent")
                    .doesNotContain("last errors");
        }
    }

    /**
     * `run --once` from cron: each run is a node of its own that stops cleanly. Status lists the latest three and
     * counts the rest, lists a node that never said it stopped (killed, or running), and a node starting forgets
     * the runs that stopped over a week ago.
     */
    @Test
    void runsThatStoppedAreCountedNotListedAndForgottenAfterAWeek() throws Exception {
        try (CliFixture cli = new CliFixture(Files.createDirectories(dir.resolve("cron")), "/site-wide.rss")) {
            Instant start = Instant.now().minus(Duration.ofDays(6));
            try (StoreBehind store = StoreBehind.of(new ConfigLoader(Map.of()).load(cli.config))) {
                NodeStore nodes = store.nodes();
                nodes.started("killed-9", start.minus(Duration.ofHours(1)));
                for (int i = 0; i < 6; i++) {
                    Instant at = start.plus(Duration.ofHours(i));
                    nodes.started("cron-" + i, at);
                    nodes.polled("cron-" + i, 2, i % 2, at);
                    nodes.stopped("cron-" + i, at.plusSeconds(5));
                }
            }

            String out = cli.run("status").out();

            assertThat(out).contains("Nodes:       7 nodes share this database (1 not stopped, 6 stopped)")
                    .containsPattern("killed-9: last seen 6d ago")
                    .containsPattern("cron-5: stopped \\d+d ago.*\\n.*cron-4: stopped .*\\n.*cron-3: stopped ")
                    .contains("and 3 more stopped, since " + Times.utc(start) + ": 6 feeds polled, 1 new item, "
                            + "0 editions built, 0 messages sent")
                    .doesNotContain("cron-2:", "cron-1:", "cron-0:");

            try (StoreBehind store = StoreBehind.of(new ConfigLoader(Map.of()).load(cli.config))) {
                store.nodes().started("cron-6", Instant.now().plus(Duration.ofDays(2)));
                assertThat(store.nodes().list()).extracting(NodeStore.NodeActivity::id)
                        .as("stopped over a week before: gone; never said it stopped: kept")
                        .containsExactlyInAnyOrder("cron-6", "killed-9");
            }
        }
    }

    /** An edition queued, and its one message refused for good, recorded through the store as delivery would. */
    private static void queueAnEditionAndFailItsMessage(CliFixture cli, String reply) throws Exception {
        try (Feedletter feedletter = Feedletter.open(new ConfigLoader(Map.of()).load(cli.config), Clock.systemUTC(),
                "test-node")) {
            feedletter.editions().buildNow(feedletter.config().newsletters().get(0));
            try (StoreBehind store = StoreBehind.of(feedletter.config())) {
                for (OutboxRow row : store.outbox().claim("test-node", Clock.systemUTC().instant(),
                        Duration.ofMinutes(5), 10)) {
                    store.outbox().markFailed(row.id(), "test-node", reply);
                }
            }
        }
    }
}

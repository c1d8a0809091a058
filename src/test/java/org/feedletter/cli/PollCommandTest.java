package org.feedletter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.feedletter.cli.CliFixture.Result;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PollCommandTest {

    @TempDir
    Path dir;

    private CliFixture cli;

    @BeforeEach
    void start() throws Exception {
        cli = new CliFixture(dir, "/site-wide.rss", "/partner.json", "/broken.xml");
    }

    @AfterEach
    void stop() {
        cli.close();
    }

    @Test
    void pollingEveryFeedPrintsALinePerFeedAndASummaryTableAndExitsOneWhenAFeedFailed() throws Exception {
        Result poll = cli.run("poll");

        assertThat(poll.exit()).isEqualTo(1);
        assertThat(poll.out())
                .containsPattern("\\[\\d/3] feed 1 site-wide.rss: fetched, \\d new")
                .containsPattern("\\[\\d/3] feed 3 broken.xml: failed: HTTP 503")
                .containsPattern("ID +FEED +RESULT +NEW +UPDATED +DUPLICATES +TIME +MESSAGE")
                .containsPattern("2 +partner.json +fetched +\\d +0 +\\d +\\d+ ms") // which feed had a piece first varies
                .containsPattern("3 +broken.xml +failed +0 +0 +0 +\\d+ ms +HTTP 503")
                .contains("Feeds:      3 polled, 0 not modified, 1 failed",
                        "Items:      6 new, 2 duplicates dropped (canonical-url 2)");
        assertThat(poll.out()).doesNotContain("\r", "\u001b[");
        assertThat(cli.outboxFiles()).as("poll builds and sends nothing").isZero();
    }

    @Test
    void oneFeedCanBePolledByItsId() {
        Result poll = cli.run("poll", "--feed", "2");

        assertThat(poll.exit()).isZero();
        assertThat(poll.out()).containsPattern("2 +partner.json +fetched +3 ")
                .contains("Feeds:      1 polled, 0 not modified, 0 failed");
        assertThat(cli.run("poll", "--feed", "2").out()).containsPattern("2 +partner.json +not modified");
    }

    @Test
    void anUnknownFeedIsAUsageError() {
        Result poll = cli.run("poll", "--feed", "42");

        assertThat(poll.exit()).isEqualTo(2);
        assertThat(poll.err()).contains("There is no feed 42");
    }
}

package org.feedletter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.feedletter.cli.CliFixture.Result;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DigestCommandTest {

    @TempDir
    Path dir;

    private CliFixture cli;

    @BeforeEach
    void pollTheFeeds() throws Exception {
        cli = new CliFixture(dir, "/site-wide.rss", "/partner.json");
        assertThat(cli.run("poll").exit()).isZero();
    }

    @AfterEach
    void stop() {
        cli.close();
    }

    @Test
    void previewSaysWhyEachItemIsInOrOutAndWritesTheDigestWithoutRecordingAnything() throws Exception {
        Path html = dir.resolve("next.html");

        Result preview = cli.run("digest", "preview", "quick-comment", "--out", html.toString());

        assertThat(preview.exit()).isZero();
        assertThat(preview.out())
                .contains("Next edition of quick-comment (Quick Comment digest), if built now: 3 of 6 new items would "
                        + "go out; nothing is sent or recorded.")
                .containsPattern("in +Quick Comment: Central bank pauses +2026-11-\\d\\d \\d\\d:\\d\\dZ +category 'quick comment'")
                .containsPattern("out +Annual energy report .* +no category or title prefix among \\[quick comment]")
                .contains("Subject: Quick Comment digest: Quick Comment: Central bank pauses and 2 more")
                .contains("as reader@example.org would get it, is in " + html);
        assertThat(Files.readString(html)).contains("Quick Comment: Arctic shipping lanes")
                .doesNotContain("Annual energy report");
        assertThat(cli.run("status").out()).contains("Editions:    none yet", "Outbox:      0 queued");
        assertThat(cli.outboxFiles()).isZero();
    }

    @Test
    void previewSaysWhichFilterRuleTookOrLeftEachItemLookingUpTheFeedsThatCarriedIt() throws Exception {
        cli.close();
        cli = CliFixture.withNewsletters(dir, CliFixture.NORDIC, "/site-wide.rss", "/partner.json");
        assertThat(cli.run("poll").exit()).isZero();

        Result preview = cli.run("digest", "preview", "nordic");

        assertThat(preview.exit()).as(preview.err()).isZero();
        assertThat(preview.out())
                .contains("Next edition of nordic (Nordic desk), if built now: 1 of 6 new items would go out")
                .containsPattern("in +Quick Comment: Arctic shipping lanes .* +feed 'site-wide.rss' and keyword "
                        + "'arctic' in the title")
                .containsPattern("out +Quick Comment: Fisheries talks collapse .* +excluded by author 'Jonas Aas'")
                .containsPattern("out +Baltic ports brace for winter .* +match all — feed \\["
                        + cli.server.url("/partner.json") + "] is not among \\[site-wide.rss]");
    }

    @Test
    void previewAsASubscriberUsesTheirAddressAndRefusesAnUnknownOne() {
        Result preview = cli.run("digest", "preview", "quick-comment", "--subscriber", "Alice@Example.org", "--text");

        assertThat(preview.exit()).isZero();
        assertThat(preview.out()).contains("alice@example.org", "Quick Comment: Fisheries talks collapse");

        Result unknown = cli.run("digest", "preview", "quick-comment", "--subscriber", "nobody@example.org");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("There is no subscriber nobody@example.org.");
    }

    @Test
    void aDryRunSaysWhatWouldGoOutAndToHowManyThenASendSendsItOnce() throws Exception {
        Result dryRun = cli.run("digest", "send", "quick-comment", "--dry-run");

        assertThat(dryRun.exit()).isZero();
        assertThat(dryRun.out()).contains("Would send \"Quick Comment digest: Quick Comment: Central bank pauses and 2 "
                + "more\" to 1 subscriber. Dry run: nothing was sent or recorded.");
        assertThat(cli.outboxFiles()).isZero();

        Result send = cli.run("digest", "send", "quick-comment");

        assertThat(send.exit()).isZero();
        assertThat(send.out()).contains("quick-comment: edition 1 with 3 items, 1 message queued",
                "Messages: 1 sent to files in " + dir.resolve("outbox") + ", 0 to retry, 0 failed");
        assertThat(cli.outboxFiles()).isEqualTo(1);

        Result again = cli.run("digest", "send", "quick-comment");
        assertThat(again.exit()).isZero();
        assertThat(again.out()).contains("quick-comment: nothing new, so no edition. Nothing was sent.");
        assertThat(cli.outboxFiles()).isEqualTo(1);
    }

    @Test
    void anUnknownNewsletterIsAUsageErrorThatNamesTheKnownOnes() {
        for (String command : new String[] {"preview", "send"}) {
            Result result = cli.run("digest", command, "quick-coment");
            assertThat(result.exit()).isEqualTo(2);
            assertThat(result.err()).contains("There is no newsletter 'quick-coment'; did you mean 'quick-comment'?");
            assertThat(cli.run("digest", command, "weekly").err()).contains("There is no newsletter 'weekly'; "
                    + "the config file defines: quick-comment.");
        }
    }
}

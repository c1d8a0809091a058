package org.feedletter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.feedletter.cli.CliFixture.Result;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedsCommandTest {

    @TempDir
    Path dir;

    private CliFixture cli;

    @BeforeEach
    void start() throws Exception {
        cli = new CliFixture(dir, "/site-wide.rss");
    }

    @AfterEach
    void stop() {
        cli.close();
    }

    @Test
    void addingAWebPageFindsItsFeedShowsWhatEachNewsletterWouldTakeAndSavesIt() {
        Result added = cli.run("feeds", "add", cli.server.url("/home").toString(), "--name", "Partner");

        assertThat(added.exit()).as(added.err()).isZero();
        assertThat(added.out())
                .contains("Feed:       " + cli.server.url("/partner.json") + "  (json_feed_1.1)")
                .contains(cli.server.url("/home") + " is a web page; this is the feed it links to (it links 1 more: "
                        + cli.server.url("/site-wide.rss") + ")")
                .contains("Title:      Partner: republished analysis", "Items:      3")
                .contains("Newsletter quick-comment (Quick Comment digest): would take 2 of 3 items")
                .containsPattern("in +Quick Comment: Central bank pauses +category 'quick comment'")
                .containsPattern("out +Baltic ports brace for winter +no category or title prefix")
                .contains("Added feed 2: Partner, polled every 30m");
        assertThat(added.out()).doesNotContain("\u001b[");

        Result list = cli.run("feeds", "list");
        assertThat(list.exit()).isZero();
        assertThat(list.out()).containsPattern("2 +Partner +added +active +never +0 +now")
                .containsPattern("1 +site-wide.rss +config +active")
                .contains("2 feeds, 0 failing.");
    }

    @Test
    void aFeedThatIsAlreadyThereIsNotAddedTwice() {
        Result again = cli.run("feeds", "add", cli.server.url("/site-wide.rss").toString());

        assertThat(again.exit()).isEqualTo(2);
        assertThat(again.err()).contains("Feed 1 (site-wide.rss) already polls " + cli.server.url("/site-wide.rss")
                + "; it comes from the config file.");
    }

    @Test
    void anUnreadableFeedIsNotSaved() {
        Result broken = cli.run("feeds", "add", cli.server.url("/broken.xml").toString());

        assertThat(broken.exit()).isEqualTo(1);
        assertThat(broken.err()).contains("Cannot read " + cli.server.url("/broken.xml") + ": HTTP 503",
                "Nothing was saved.");
        assertThat(cli.run("feeds", "list").out()).contains("1 feed, 0 failing.");
    }

    @Test
    void testingAFeedClassifiesItsItemsAndStoresNothing() {
        Result tested = cli.run("feeds", "test", cli.server.url("/site-wide.rss").toString());

        assertThat(tested.exit()).isZero();
        assertThat(tested.out()).contains("Items:      5", "would take 3 of 5 items")
                .containsPattern("in +Quick Comment: Central bank pauses")
                .containsPattern("out +Annual energy report +no category or title prefix among \\[quick comment]");
        assertThat(cli.run("status").out()).contains("Editions:    none yet");
        assertThat(cli.run("feeds", "test", cli.server.url("/broken.xml").toString()).exit()).isEqualTo(1);
    }

    @Test
    void testingAFeedSaysForEachNewsletterWhichRuleTookOrLeftEachItem() throws Exception {
        cli.close();
        cli = CliFixture.withNewsletters(dir, CliFixture.NORDIC, "/site-wide.rss");

        Result tested = cli.run("feeds", "test", cli.server.url("/site-wide.rss").toString());

        assertThat(tested.exit()).as(tested.err()).isZero();
        assertThat(tested.out())
                .contains("Newsletter quick-comment (Quick Comment digest): would take 3 of 5 items")
                .contains("Newsletter nordic (Nordic desk): would take 1 of 5 items")
                .containsPattern("in +Quick Comment: Arctic shipping lanes +feed 'site-wide.rss' and keyword 'arctic' "
                        + "in the title")
                .containsPattern("out +Quick Comment: Fisheries talks collapse +excluded by author 'Jonas Aas'")
                .containsPattern("out +Annual energy report +match all — no keyword among \\[arctic, mackerel, "
                        + "northern route] in the title or text");

        Result partner = cli.run("feeds", "test", cli.server.url("/partner.json").toString());
        assertThat(partner.out()).containsPattern("out +Baltic ports brace for winter +match all — feed \\["
                + cli.server.url("/partner.json") + "] is not among \\[site-wide.rss]");
    }

    @Test
    void aConfigFileFeedCannotBeRemovedHereButAnAddedOneCan() {
        Result refused = cli.run("feeds", "remove", "1");
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).contains("Feed 1 (site-wide.rss) comes from the config file " + cli.config
                + ": remove it there.");

        cli.run("feeds", "add", cli.server.url("/partner.json").toString());
        Result removed = cli.run("feeds", "remove", cli.server.url("/partner.json").toString());

        assertThat(removed.exit()).isZero();
        assertThat(removed.out()).contains("Removed feed 2");
        assertThat(cli.run("feeds", "list").out()).doesNotContain("partner");
        assertThat(cli.run("feeds", "remove", "2").exit()).isEqualTo(2);
    }

    @Test
    void aFeedIsPausedResumedRenamedAndRetimedAndAConfigFeedOnlyPausedAndResumed() {
        cli.run("feeds", "add", cli.server.url("/partner.json").toString(), "--name", "Partner");

        Result paused = cli.run("feeds", "pause", "1");
        assertThat(paused.exit()).as(paused.err()).isZero();
        assertThat(paused.out()).contains("Feed 1 (site-wide.rss) is paused: it is not polled until resumed");
        assertThat(cli.run("feeds", "list").out()).containsPattern("1 +site-wide.rss +config +paused");
        assertThat(cli.run("poll").out()).doesNotContain("site-wide.rss");
        assertThat(cli.run("feeds", "pause", "1").err()).contains("is paused, not active: nothing to pause");
        assertThat(cli.run("status").out()).contains("Feeds:       2, 1 ok, 0 failing, 1 paused");
        assertThat(cli.run("feeds", "resume", "1").out()).contains("Feed 1 (site-wide.rss) is polled again");
        assertThat(cli.run("feeds", "list").out()).containsPattern("1 +site-wide.rss +config +active");

        Result renamed = cli.run("feeds", "rename", "2", "Partner review");
        assertThat(renamed.out()).contains("Feed 2 is now called Partner review.");
        assertThat(cli.run("feeds", "interval", "2", "2h").out()).contains("Feed 2 (Partner review) is polled every "
                + "2h from its next poll on.");
        assertThat(cli.run("feeds", "list").out()).containsPattern("2 +Partner review +added +active");

        Result configRename = cli.run("feeds", "rename", "1", "Other");
        assertThat(configRename.exit()).isEqualTo(2);
        assertThat(configRename.err()).contains("comes from the config file " + cli.config + ": rename it there.");
        assertThat(cli.run("feeds", "interval", "1", "5m").err()).contains(": change its interval there.");
        assertThat(cli.run("feeds", "pause", "99").err()).contains("There is no feed 99");
    }

    @Test
    void importReportsWhatWasAddedAndWhatWasRefusedAndExportWritesThemBack() throws Exception {
        Path opml = Files.writeString(dir.resolve("feeds.opml"), """
                <?xml version="1.0"?>
                <opml version="2.0"><head><title>mine</title></head><body>
                  <outline text="Folder">
                    <outline type="rss" text="Partner" xmlUrl="%s"/>
                    <outline type="rss" text="Again" xmlUrl="%s"/>
                  </outline>
                  <outline type="rss" text="Local" xmlUrl="file:///etc/passwd"/>
                  <outline type="rss" text="Typo" xmlUrl="https://example.org/a feed"/>
                </body></opml>
                """.formatted(cli.server.url("/partner.json"), cli.server.url("/site-wide.rss")));

        Result imported = cli.run("feeds", "import", opml.toString());

        assertThat(imported.exit()).isEqualTo(1);
        assertThat(imported.out()).contains("Added 1 feed, refused 3:",
                "+ 2 " + cli.server.url("/partner.json") + " (Partner)",
                "! line 5: " + cli.server.url("/site-wide.rss") + ": already there as feed 1 (from the config file)",
                "! line 7: file:///etc/passwd: only http and https feeds can be imported",
                "! line 8: xmlUrl 'https://example.org/a feed' is not a URL (Illegal character in path)");

        Result exported = cli.run("feeds", "export");
        assertThat(exported.exit()).isZero();
        assertThat(exported.out()).startsWith("<?xml").contains("xmlUrl=\"" + cli.server.url("/partner.json") + "\"",
                "xmlUrl=\"" + cli.server.url("/site-wide.rss") + "\"");
    }

    @Test
    void aBrokenOpmlFileSaysWhereAndAddsNothing() throws Exception {
        Path opml = Files.writeString(dir.resolve("broken.opml"), "<opml>\n<body>\n<outline type=\"rss\">\n");

        Result imported = cli.run("feeds", "import", opml.toString());

        assertThat(imported.exit()).isEqualTo(2);
        assertThat(imported.err()).startsWith(opml + ": not readable as OPML at line ");
        assertThat(cli.run("feeds", "list").out()).contains("1 feed, 0 failing.");
    }

    @Test
    void aFeedAddressThatIsNoUrlIsAUsageError() {
        Result bad = cli.run("feeds", "add", "example.org/feed");

        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("'example.org/feed' is not a feed address", "See 'feedletter feeds add --help'.");
        Result interval = cli.run("feeds", "add", cli.server.url("/partner.json").toString(), "--interval", "0s");
        assertThat(interval.exit()).isEqualTo(2);
        assertThat(interval.err()).contains("expected at least a minute between polls, got '0s'");
    }

    @Test
    void everyFeedsCommandHasHelp() {
        for (String command : new String[] {"add", "list", "test", "remove", "import", "export"}) {
            Result help = CliFixture.runWithout("feeds", command, "--help");
            assertThat(help.exit()).as(command).isZero();
            assertThat(help.out()).as(command).contains("--config=FILE", "Exit codes:");
        }
    }
}

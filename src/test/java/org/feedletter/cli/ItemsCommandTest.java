package org.feedletter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.feedletter.cli.CliFixture.Result;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ItemsCommandTest {

    @TempDir
    Path dir;

    private CliFixture cli;

    @BeforeEach
    void start() throws Exception {
        cli = new CliFixture(dir, "/site-wide.rss", "/partner.json");
        assertThat(cli.run("poll").exit()).isZero();
    }

    @AfterEach
    void stop() {
        cli.close();
    }

    @Test
    void whyShowsEveryEntryOfAnItemWithItsRuleAndEvidence() {
        // The partner's link, tracking and all, finds the item the site's entry created.
        Result why = cli.run("items", "why", "http://think.example.org/qc/central-bank-pause?utm_medium=partner");

        assertThat(why.exit()).as(why.err()).isZero();
        assertThat(why.out())
                .containsPattern("Item \\d+  urn:feedletter:[0-9a-f]{32}")
                .contains("  Title:       Quick Comment: Central bank pauses",
                        "  URL:         https://think.example.org/qc/central-bank-pause",
                        "  Sources:     2",
                        "rule new: no earlier item under this URL",
                        "rule canonical-url: same canonical URL https://think.example.org/qc/central-bank-pause; item ",
                        "  Shown from:  feed 1 (site-wide.rss): the only entry on its own feed's site",
                        "title \"central bank pauses\"; authors halvorsen:i; text 2 words; not on its feed's site")
                .contains("feed 2 (partner.json), entry partner-9001");
    }

    @Test
    void anItemIsFoundByItsIdAndItsPublicIdToo() {
        Result byUrl = cli.run("items", "why", "https://think.example.org/qc/central-bank-pause/");
        String publicId = byUrl.out().lines().findFirst().orElseThrow().split("  ")[1];
        String id = byUrl.out().lines().findFirst().orElseThrow().split("  ")[0].substring("Item ".length());

        assertThat(cli.run("items", "why", id).out()).isEqualTo(byUrl.out());
        assertThat(cli.run("items", "why", publicId).out()).isEqualTo(byUrl.out());
    }

    @Test
    void anUnknownItemSaysSo() {
        Result why = cli.run("items", "why", "https://nowhere.example/");

        assertThat(why.exit()).isEqualTo(1);
        assertThat(why.err()).contains("No item matches https://nowhere.example/.");
    }
}

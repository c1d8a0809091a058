package org.feedletter.web.mergedfeed;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.feedletter.manage.RunReport;
import org.feedletter.testing.FeedServer;
import org.feedletter.testing.MutableClock;
import org.feedletter.web.WebRig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A feed configured with a token in its URL: the public outputs name it without the token. */
class FeedUrlSecretsTest {

    private static final String TOKEN = "s3cr3t-t0ken-4711";

    @TempDir
    Path dir;

    @Test
    void mergedFeedsAndOpmlNeverCarryAFeedsToken() throws Exception {
        FeedServer server = FeedServer.start().serve("/members.rss", "application/rss+xml", """
                <?xml version="1.0"?><rss version="2.0"><channel><title>Members</title>
                <link>https://members.example/</link><description>d</description>
                <item><title>Members-only note</title><link>https://members.example/notes/1</link>
                <guid>https://members.example/notes/1</guid><pubDate>Wed, 25 Nov 2026 09:00:00 GMT</pubDate>
                <description>A note for members about the budget vote.</description></item>
                </channel></rss>""");
        try (WebRig rig = WebRig.start(dir, 2525, MutableClock.at("2026-11-26T10:00:00Z"), "", server,
                List.of("/members.rss?token=" + TOKEN + "&lang=en"))) {
            RunReport report = rig.feedletter.cycle().runOnce(false);
            assertThat(report.poll().failures()).isEmpty();
            rig.feedletter.web().refreshMergedFeeds();

            for (String path : List.of("/feed.atom", "/feed.rss", "/feed.json", "/sources.opml")) {
                String body = rig.get(path).body();
                assertThat(body).as(path).contains("members.rss");
                assertThat(body).as(path).doesNotContain(TOKEN);
            }
            assertThat(rig.get("/feed.atom").body()).contains("Members-only note").contains("members.rss?lang=en");
        }
    }
}

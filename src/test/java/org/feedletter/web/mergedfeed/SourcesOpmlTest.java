package org.feedletter.web.mergedfeed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.feedletter.feed.opml.Opml;
import org.feedletter.feed.opml.OpmlOutline;
import org.feedletter.testing.FeedServer;
import org.feedletter.testing.MutableClock;
import org.feedletter.web.WebRig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourcesOpmlTest {

    @TempDir
    Path dir;

    @Test
    void sourcesOpmlListsEveryFeedAndReadsBack() throws Exception {
        try (WebRig rig = WebRig.start(dir, 2525, MutableClock.at("2026-11-26T10:00:00Z"), "", FeedServer.start(),
                List.of())) {
            HttpResponse<String> response = rig.get("/sources.opml");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("text/x-opml; charset=utf-8");
            List<OpmlOutline> feeds = new Opml().read(new ByteArrayInputStream(
                    response.body().getBytes(StandardCharsets.UTF_8)));
            assertThat(feeds).extracting(OpmlOutline::title).containsExactly("Site-wide", "Quick Comment", "Partner");
            assertThat(feeds).extracting(f -> f.feedUrl().toString())
                    .containsExactly(rig.feeds.url("/site-wide.rss").toString(),
                            rig.feeds.url("/quick-comment.atom").toString(), rig.feeds.url("/partner.json").toString());
        }
    }
}

package org.feedletter.web.mergedfeed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.feedletter.manage.RunReport;
import org.feedletter.testing.FeedServer;
import org.feedletter.testing.MutableClock;
import org.feedletter.web.WebRig;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * The merged RSS feed read back the way readers read it: the XML parsed, then each item's title and description
 * parsed as HTML (which is what readers do with a description, and many with a title). A hostile feed's text must
 * come out as text.
 */
class RssAsReadersRenderItTest {

    @TempDir
    Path dir;

    @Test
    void hostileTextInTitlesAndSummariesRunsNothingInAReader() throws Exception {
        FeedServer server = FeedServer.start().serve("/hostile.json", "application/feed+json", """
                {"version": "https://jsonfeed.org/version/1.1", "title": "Hostile",
                 "items": [{"id": "h1", "url": "https://hostile.example/1",
                            "title": "Budget <img src=x onerror=alert(1)> vote",
                            "content_text": "<script>alert(1)</script> The budget passed & <a href=\\"javascript:alert(2)\\">so</a> what.",
                            "date_published": "2026-11-25T09:00:00Z"}]}""");
        try (WebRig rig = WebRig.start(dir, 2525, MutableClock.at("2026-11-26T10:00:00Z"), "", server,
                List.of("/hostile.json"))) {
            RunReport report = rig.feedletter.cycle().runOnce(false);
            assertThat(report.poll().failures()).isEmpty();
            rig.feedletter.web().refreshMergedFeeds();

            org.w3c.dom.Document rss = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new InputSource(new StringReader(rig.get("/feed.rss").body())));
            NodeList items = rss.getElementsByTagName("item");
            List<String> rendered = new ArrayList<>();
            for (int i = 0; i < items.getLength(); i++) {
                org.w3c.dom.Element item = (org.w3c.dom.Element) items.item(i);
                for (String field : List.of("title", "description")) {
                    NodeList nodes = item.getElementsByTagName(field);
                    if (nodes.getLength() == 0) {
                        continue;
                    }
                    Document html = Jsoup.parseBodyFragment(nodes.item(0).getTextContent());
                    assertThat(html.select("script")).as(field).isEmpty();
                    for (Element e : html.getAllElements()) {
                        assertThat(e.attributes().asList()).as(field)
                                .noneMatch(a -> a.getKey().toLowerCase().startsWith("on")
                                        || a.getValue().toLowerCase().contains("javascript:"));
                    }
                    rendered.add(html.body().text());
                }
            }
            assertThat(rendered).as("what a reader shows: the text, markup and all, as text")
                    .contains("Budget <img src=x onerror=alert(1)> vote")
                    .anyMatch(text -> text.contains("<script>alert(1)</script> The budget passed &"));
        }
    }
}

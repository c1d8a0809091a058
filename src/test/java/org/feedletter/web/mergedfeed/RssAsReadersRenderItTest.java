package org.feedletter.web.mergedfeed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

    /**
     * Hostile markup (a script, event handlers, {@code javascript:} and {@code data:} links, an iframe, an SVG that
     * runs on load) in a feed's HTML and in its title: every merged format read back as its readers read it. Where
     * the format says HTML (RSS description, Atom content or summary of type html, JSON Feed content_html) the
     * markup is parsed as HTML and nothing in it may run; RSS titles are parsed as HTML too (many readers do); Atom
     * titles must say they are text; JSON Feed titles are text by definition.
     */
    @Test
    void hostileHtmlRunsNothingInAnyMergedFormat() throws Exception {
        FeedServer server = FeedServer.start().serve("/hostile.atom", "application/atom+xml", """
                <?xml version="1.0" encoding="utf-8"?>
                <feed xmlns="http://www.w3.org/2005/Atom"><title>Hostile</title><id>urn:hostile</id>
                <updated>2026-11-25T09:00:00Z</updated>
                <entry><id>urn:hostile:1</id><title type="html">Rates &lt;svg onload=alert(3)&gt; held</title>
                <link href="https://hostile.example/rates"/><updated>2026-11-25T09:00:00Z</updated>
                <author><name>Mallory</name></author>
                <content type="html">&lt;p onclick="alert(4)"&gt;The bank held rates.&lt;/p&gt;
                &lt;script&gt;alert(5)&lt;/script&gt;&lt;iframe src="https://evil.example/"&gt;&lt;/iframe&gt;
                &lt;a href="javascript:alert(6)"&gt;more&lt;/a&gt; &lt;a href="data:text/html,&lt;script&gt;alert(7)&lt;/script&gt;"&gt;data&lt;/a&gt;
                &lt;img src="https://hostile.example/chart.png" onerror="alert(8)"&gt;
                &lt;svg&gt;&lt;script&gt;alert(9)&lt;/script&gt;&lt;/svg&gt;</content></entry></feed>""");
        try (WebRig rig = WebRig.start(dir, 2525, MutableClock.at("2026-11-26T10:00:00Z"), "", server,
                List.of("/hostile.atom"))) {
            RunReport report = rig.feedletter.cycle().runOnce(false);
            assertThat(report.poll().failures()).isEmpty();
            rig.feedletter.web().refreshMergedFeeds();

            List<String> htmlRead = new ArrayList<>();
            org.w3c.dom.Document rss = xml(rig.get("/feed.rss").body());
            for (String field : List.of("title", "description")) {
                NodeList nodes = rss.getElementsByTagName(field);
                for (int i = 0; i < nodes.getLength(); i++) {
                    htmlRead.add(nodes.item(i).getTextContent());
                }
            }
            org.w3c.dom.Document atom = xml(rig.get("/feed.atom").body());
            NodeList entries = atom.getElementsByTagName("entry");
            for (int i = 0; i < entries.getLength(); i++) {
                org.w3c.dom.Element entry = (org.w3c.dom.Element) entries.item(i);
                org.w3c.dom.Element title = (org.w3c.dom.Element) entry.getElementsByTagName("title").item(0);
                assertThat(title.getAttribute("type")).as("an Atom title is text").isIn("", "text");
                for (String field : List.of("content", "summary")) {
                    NodeList nodes = entry.getElementsByTagName(field);
                    for (int j = 0; j < nodes.getLength(); j++) {
                        org.w3c.dom.Element element = (org.w3c.dom.Element) nodes.item(j);
                        if (element.getAttribute("type").equals("html")) {
                            htmlRead.add(element.getTextContent());
                        } else if (element.getAttribute("type").equals("xhtml")) {
                            htmlRead.add(serialized(element));
                        }
                    }
                }
            }
            JsonNode json = new ObjectMapper().readTree(rig.get("/feed.json").body());
            json.get("items").forEach(item -> {
                if (item.has("content_html")) {
                    htmlRead.add(item.get("content_html").asText());
                }
            });

            assertThat(htmlRead).as("the hostile piece is in every format").filteredOn(h -> h.contains("bank held"))
                    .hasSizeGreaterThanOrEqualTo(3);
            for (String html : htmlRead) {
                Document parsed = Jsoup.parseBodyFragment(html);
                assertThat(parsed.select("script, iframe, object, embed, svg")).as(html).isEmpty();
                for (Element e : parsed.getAllElements()) {
                    assertThat(e.attributes().asList()).as(html).noneMatch(a -> a.getKey().toLowerCase()
                            .startsWith("on") || a.getValue().toLowerCase().replaceAll("\\s", "")
                            .matches("(javascript|data|vbscript):.*"));
                }
            }
            assertThat(json.get("items")).as("a title of type html is read as the text a browser would show")
                    .anySatisfy(item -> assertThat(item.get("title").asText()).isEqualTo("Rates held"));
        }
    }

    private static org.w3c.dom.Document xml(String body) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new InputSource(new StringReader(body)));
    }

    private static String serialized(org.w3c.dom.Node node) throws Exception {
        java.io.StringWriter out = new java.io.StringWriter();
        javax.xml.transform.Transformer transformer = javax.xml.transform.TransformerFactory.newInstance().newTransformer();
        transformer.setOutputProperty(javax.xml.transform.OutputKeys.OMIT_XML_DECLARATION, "yes");
        transformer.transform(new javax.xml.transform.dom.DOMSource(node), new javax.xml.transform.stream.StreamResult(out));
        return out.toString();
    }
}

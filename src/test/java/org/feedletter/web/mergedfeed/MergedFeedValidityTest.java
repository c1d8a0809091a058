package org.feedletter.web.mergedfeed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.feedletter.testing.FeedServer;
import org.feedletter.testing.MutableClock;
import org.feedletter.web.WebRig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The merged feed as a reader, a validator and a person following its links see it: valid Atom by RFC 4287's
 * required elements (an author for every entry among them, also for pieces whose feeds name none), named after the
 * site, with a home page where its links point, and "via" links without tracking parameters.
 */
class MergedFeedValidityTest {

    private static final String ATOM = "http://www.w3.org/2005/Atom";
    /** An author-less feed that also lists a piece of the site-wide feed under a tracking link. */
    private static final String ANONYMOUS = """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0"><channel><title>Anonymous wire</title><link>https://wire.example.net/</link>
            <description>no names</description>
            <item><title>A piece nobody signed</title><link>https://wire.example.net/p/1</link><guid>w-1</guid>
            <pubDate>Wed, 25 Nov 2026 09:00:00 GMT</pubDate><description>Unsigned text of some length.</description></item>
            </channel></rss>
            """;

    @TempDir
    Path dir;

    @Test
    void theAtomFeedHasEveryElementRfc4287RequiresAndAnAuthorForEveryEntry() throws Exception {
        try (WebRig rig = rig()) {
            Document atom = parse(rig.get("/feed.atom").body());
            Element feed = atom.getDocumentElement();

            assertThat(feed.getNamespaceURI()).isEqualTo(ATOM);
            assertThat(feed.getLocalName()).isEqualTo("feed");
            assertThat(children(feed, "id")).hasSize(1);
            assertThat(children(feed, "title")).singleElement().extracting(Node::getTextContent)
                    .isEqualTo("Northern Policy Institute");
            assertThat(children(feed, "subtitle")).singleElement().extracting(Node::getTextContent)
                    .isEqualTo("Fast takes on breaking news");
            assertThat(children(feed, "updated")).hasSize(1);
            List<Element> feedAuthors = children(feed, "author");
            assertThat(feedAuthors).singleElement().satisfies(a -> assertThat(children(a, "name"))
                    .singleElement().extracting(Node::getTextContent).isEqualTo("NPI editors"));
            List<Element> entries = children(feed, "entry");
            assertThat(entries).hasSizeGreaterThan(5);
            for (Element entry : entries) {
                String title = children(entry, "title").get(0).getTextContent();
                assertThat(children(entry, "id")).as(title).hasSize(1);
                assertThat(children(entry, "title")).as(title).hasSize(1);
                assertThat(children(entry, "updated")).as(title).hasSize(1);
                assertThat(children(entry, "author")).as(title).isNotEmpty(); // not only through the feed's
                for (Element author : children(entry, "author")) {
                    assertThat(children(author, "name")).as(title).singleElement()
                            .extracting(n -> n.getTextContent().strip()).asString().isNotEmpty();
                }
                boolean content = !children(entry, "content").isEmpty();
                boolean alternate = children(entry, "link").stream().anyMatch(l -> l.getAttribute("rel").equals("alternate"));
                assertThat(content || alternate).as(title + ": content or an alternate link").isTrue();
            }
            Element unsigned = entries.stream()
                    .filter(e -> children(e, "title").get(0).getTextContent().equals("A piece nobody signed"))
                    .findFirst().orElseThrow();
            assertThat(children(children(unsigned, "author").get(0), "name").get(0).getTextContent())
                    .as("an entry whose feed names no author: the feed's name")
                    .isEqualTo("Extra /anonymous.rss");
        }
    }

    @Test
    void theFeedsHomeLinksLeadToAPageThatLinksTheFeedsAndNewsletters() throws Exception {
        try (WebRig rig = rig()) {
            Element feed = parse(rig.get("/feed.atom").body()).getDocumentElement();
            String alternate = children(feed, "link").stream().filter(l -> l.getAttribute("rel").equals("alternate"))
                    .map(l -> l.getAttribute("href")).findFirst().orElseThrow();
            JsonNode json = new ObjectMapper().readTree(rig.get("/feed.json").body());
            assertThat(json.get("home_page_url").asText()).isEqualTo(alternate);
            assertThat(json.get("authors").get(0).get("name").asText()).isEqualTo("NPI editors");
            assertThat(json.get("title").asText()).isEqualTo("Northern Policy Institute");

            HttpResponse<String> home = rig.get(URI.create(rig.local(alternate)).getPath());

            assertThat(home.statusCode()).isEqualTo(200);
            assertThat(home.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
            assertThat(home.body()).contains("<title>Northern Policy Institute</title>", "Fast takes on breaking news",
                    "href=\"/feed.atom\"", "href=\"/feed.rss\"", "href=\"/feed.json\"", "Quick Comment digest",
                    "href=\"/subscribe?newsletter=quick-comment\"", "href=\"/newsletters/everything/feed.atom\"",
                    "href=\"/archive\"");
            for (String path : List.of("/feed.atom", "/feed.rss", "/feed.json", "/archive",
                    "/subscribe?newsletter=quick-comment", "/newsletters/everything/feed.atom")) {
                assertThat(rig.get(path).statusCode()).as(path).isEqualTo(200);
            }
            for (String page : List.of("/archive", "/subscribe?newsletter=quick-comment")) {
                assertThat(rig.get(page).body()).as(page + " names the publisher")
                        .contains("<header class=\"site\"><a href=\"/\">Northern Policy Institute</a></header>")
                        .containsPattern("<title>[^<]+ · Northern Policy Institute</title>");
            }
        }
    }

    @Test
    void viaLinksCarryNoTrackingParameters() throws Exception {
        try (WebRig rig = rig()) {
            Element feed = parse(rig.get("/feed.atom").body()).getDocumentElement();
            List<String> via = new ArrayList<>();
            for (Element entry : children(feed, "entry")) {
                children(entry, "link").stream().filter(l -> l.getAttribute("rel").equals("via"))
                        .forEach(l -> via.add(l.getAttribute("href")));
            }
            assertThat(via).isNotEmpty(); // the sample feeds overlap: copies come in under tracking links
            assertThat(via).noneMatch(href -> href.contains("utm_") || href.contains("fbclid"));
        }
    }

    private WebRig rig() throws Exception {
        FeedServer server = FeedServer.start().serve("/anonymous.rss", "application/rss+xml", ANONYMOUS);
        WebRig rig = WebRig.start(dir, 2525, MutableClock.at("2026-11-26T10:00:00Z"),
                "title: \"Northern Policy Institute\", author: \"NPI editors\", description: \"Fast takes on breaking news\"",
                "", server, List.of("/anonymous.rss"), Map.of());
        rig.feedletter.cycle().runOnce(false);
        rig.feedletter.web().refreshMergedFeeds();
        return rig;
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    /** The child elements of {@code parent} in the Atom namespace with this name. */
    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && ATOM.equals(e.getNamespaceURI()) && name.equals(e.getLocalName())) {
                found.add(e);
            }
        }
        return found;
    }
}

package org.feedletter.feed.opml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpmlTest {

    private final Opml opml = new Opml();

    private List<OpmlOutline> read(String resource) throws Exception {
        try (InputStream in = OpmlTest.class.getResourceAsStream("/opml/" + resource)) {
            return opml.read(in);
        }
    }

    @Test
    void readsEveryFeedOutlineAtAnyDepthAndSkipsFoldersAndLinks() throws Exception {
        assertThat(read("subscriptions.opml"))
                .extracting(o -> o.feedUrl().toString(), OpmlOutline::title, o -> String.valueOf(o.siteUrl()))
                .containsExactly(
                        tuple("https://npi.example.org/feed/", "Northern Policy Institute", "https://npi.example.org/"),
                        tuple("https://bpr.example.org/feed.json", "Baltic Policy Review", "null"),
                        tuple("https://old.example.org/rss.xml", "Written by an old reader", "null"));
    }

    @Test
    void writtenFeedsReadBackTheSame() throws Exception {
        List<OpmlOutline> feeds = List.of(
                new OpmlOutline(URI.create("https://npi.example.org/feed/"), "Northern \"Policy\" & <Institute>",
                        URI.create("https://npi.example.org/")),
                new OpmlOutline(URI.create("https://bpr.example.org/feed.json?a=1&b=2"), null, null));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        opml.write("feedletter's feeds", feeds, out);

        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>").contains("<opml version=\"2.0\">",
                "<title>feedletter's feeds</title>", "type=\"rss\"");
        assertThat(opml.read(new ByteArrayInputStream(out.toByteArray()))).containsExactly(feeds.get(0),
                new OpmlOutline(URI.create("https://bpr.example.org/feed.json?a=1&b=2"),
                        "https://bpr.example.org/feed.json?a=1&b=2", null));
    }

    @Test
    void aFileThatIsNotOpmlSaysWhatItIs() {
        assertThatThrownBy(() -> opml.read(new ByteArrayInputStream("<rss version=\"2.0\"/>".getBytes())))
                .isInstanceOf(Opml.OpmlException.class)
                .hasMessage("not an OPML file: the document is <rss>, not <opml> (line 1)");
    }

    @Test
    void malformedXmlNamesTheLine() {
        assertThatThrownBy(() -> read("broken.opml"))
                .isInstanceOf(Opml.OpmlException.class)
                .hasMessageStartingWith("not readable as OPML at line 5: ");
    }

    @Test
    void aFeedOutlineWithoutAnAddressIsAnError() {
        String text = "<opml version=\"2.0\"><body>\n<outline type=\"rss\" text=\"x\"/></body></opml>";

        assertThatThrownBy(() -> opml.read(new ByteArrayInputStream(text.getBytes())))
                .hasMessage("line 2: a feed outline without an xmlUrl ('x')");
    }

    @Test
    void externalEntitiesAreNeverRead() {
        assertThatThrownBy(() -> read("external-entity.opml"))
                .isInstanceOf(Opml.OpmlException.class)
                .hasMessage("line 2: a DOCTYPE is not allowed in OPML");
    }
}

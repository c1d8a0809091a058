package org.feedletter.feed.parse;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_16BE;
import static java.nio.charset.StandardCharsets.UTF_16LE;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.feedletter.feed.parse.Fixtures.FEED_URL;
import static org.feedletter.feed.parse.Fixtures.parsed;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import org.junit.jupiter.api.Test;

/** The charset comes from, in this order: a byte-order mark, the HTTP Content-Type, the XML prolog, else UTF-8. */
class EncodingsTest {

    private static final Charset WINDOWS_1251 = Charset.forName("windows-1251");
    private static final String RUSSIAN = "Привет, мир: новости";

    private final FeedParser parser = new FeedParser();

    @Test
    void windows1251DeclaredOnlyInTheHttpHeader() {
        byte[] body = feed("<?xml version=\"1.0\"?>", RUSSIAN).getBytes(WINDOWS_1251);

        assertThat(titleOf(body, "application/rss+xml; charset=windows-1251")).isEqualTo(RUSSIAN);
    }

    @Test
    void windows1251DeclaredOnlyInTheProlog() {
        byte[] body = feed("<?xml version=\"1.0\" encoding=\"windows-1251\"?>", RUSSIAN).getBytes(WINDOWS_1251);

        assertThat(titleOf(body, "application/rss+xml")).isEqualTo(RUSSIAN);
        assertThat(titleOf(body, null)).isEqualTo(RUSSIAN);
    }

    @Test
    void httpCharsetWinsOverTheProlog() {
        byte[] body = feed("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>", RUSSIAN).getBytes(WINDOWS_1251);

        assertThat(titleOf(body, "text/xml; charset=\"cp1251\"")).isEqualTo(RUSSIAN);
    }

    @Test
    void iso88591() {
        String title = "Café Müller: Größe & Çà";
        byte[] body = feed("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>", title).getBytes(ISO_8859_1);

        assertThat(titleOf(body, "application/xml")).isEqualTo(title);
    }

    @Test
    void iso88591DeclaredOnlyInTheHttpHeader() {
        String title = "Café Müller: Größe & Çà";
        byte[] body = feed("<?xml version=\"1.0\"?>", title).getBytes(ISO_8859_1);

        assertThat(titleOf(body, "application/rss+xml; charset=ISO-8859-1")).isEqualTo(title);
    }

    @Test
    void utf16DeclaredInThePrologWithoutAByteOrderMark() {
        String xml = feed("<?xml version=\"1.0\" encoding=\"UTF-16\"?>", RUSSIAN);

        assertThat(titleOf(xml.getBytes(UTF_16LE), null)).isEqualTo(RUSSIAN);
        assertThat(titleOf(xml.getBytes(UTF_16BE), "application/xml")).isEqualTo(RUSSIAN);
    }

    @Test
    void latin1FeedsMayUseWindows1252Quotes() {
        byte[] body = feed("<?xml version=\"1.0\" encoding=\"iso-8859-1\"?>", "\u201CQuoted\u201D \u2013 dash")
                .getBytes(Charset.forName("windows-1252"));

        assertThat(titleOf(body, null)).isEqualTo("\u201CQuoted\u201D \u2013 dash");
    }

    @Test
    void utf16WithByteOrderMark() {
        String xml = feed("<?xml version=\"1.0\" encoding=\"UTF-16\"?>", RUSSIAN);

        assertThat(titleOf(withBom(new byte[] {(byte) 0xFE, (byte) 0xFF}, xml.getBytes(UTF_16BE)), null))
                .isEqualTo(RUSSIAN);
        assertThat(titleOf(withBom(new byte[] {(byte) 0xFF, (byte) 0xFE}, xml.getBytes(UTF_16LE)), "text/xml"))
                .isEqualTo(RUSSIAN);
    }

    @Test
    void utf8WithByteOrderMark() {
        byte[] body = withBom(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                feed("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", RUSSIAN).getBytes(UTF_8));

        assertThat(titleOf(body, null)).isEqualTo(RUSSIAN);
    }

    @Test
    void byteOrderMarkWinsOverTheHttpHeader() {
        byte[] body = withBom(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, feed("", RUSSIAN).getBytes(UTF_8));

        assertThat(titleOf(body, "application/rss+xml; charset=windows-1251")).isEqualTo(RUSSIAN);
    }

    @Test
    void unknownCharsetNamesFallBackToUtf8() {
        byte[] body = feed("<?xml version=\"1.0\" encoding=\"x-no-such-charset\"?>", RUSSIAN).getBytes(UTF_8);

        assertThat(titleOf(body, "text/xml; charset=bogus")).isEqualTo(RUSSIAN);
    }

    @Test
    void jsonFeedWithByteOrderMark() {
        String json = "{\"version\":\"https://jsonfeed.org/version/1.1\",\"title\":\"" + RUSSIAN + "\",\"items\":[]}";
        byte[] body = withBom(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, json.getBytes(UTF_8));

        assertThat(parsed(parser.parse(body, "application/feed+json", FEED_URL)).title()).isEqualTo(RUSSIAN);
    }

    private String titleOf(byte[] body, String contentType) {
        return parsed(parser.parse(body, contentType, FEED_URL)).entries().get(0).title();
    }

    private static String feed(String prolog, String title) {
        return prolog + "<rss version=\"2.0\"><channel><title>t</title><item><title>" + title
                + "</title></item></channel></rss>";
    }

    private static byte[] withBom(byte[] bom, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(bom);
        out.writeBytes(body);
        return out.toByteArray();
    }
}

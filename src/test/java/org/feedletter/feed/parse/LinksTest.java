package org.feedletter.feed.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class LinksTest {

    private static final URI BASE = URI.create("https://example.com/blog/post.html");

    @Test
    void resolvesRelativeReferences() {
        assertThat(Links.resolve(BASE, "other.html")).isEqualTo(URI.create("https://example.com/blog/other.html"));
        assertThat(Links.resolve(BASE, "/root")).isEqualTo(URI.create("https://example.com/root"));
        assertThat(Links.resolve(BASE, "../up")).isEqualTo(URI.create("https://example.com/up"));
        assertThat(Links.resolve(BASE, "//cdn.example.net/x")).isEqualTo(URI.create("https://cdn.example.net/x"));
        assertThat(Links.resolve(BASE, "  https://other.example.org/  "))
                .isEqualTo(URI.create("https://other.example.org/"));
    }

    @Test
    void aBaseWithoutPathStillGetsItsSlash() {
        assertThat(Links.resolve(URI.create("https://example.com"), "post"))
                .isEqualTo(URI.create("https://example.com/post"));
    }

    @Test
    void escapesWhatBrowsersWouldEscape() {
        assertThat(Links.resolve(BASE, "my post|1.html?q=a b&p=100%"))
                .isEqualTo(URI.create("https://example.com/blog/my%20post%7C1.html?q=a%20b&p=100%25"));
    }

    @Test
    void internationalHostsBecomePunycode() {
        assertThat(Links.resolve(null, "https://пример.рф/новости?q=1"))
                .isEqualTo(URI.create("https://xn--e1afmkfd.xn--p1ai/новости?q=1"));
        assertThat(Links.resolve(null, "http://user@bücher.de:8080/"))
                .isEqualTo(URI.create("http://user@xn--bcher-kva.de:8080/"));
    }

    @Test
    void keepsOnlyWebAddresses() {
        assertThat(Links.resolve(BASE, "javascript:alert(1)")).isNull();
        assertThat(Links.resolve(BASE, "mailto:someone@example.com")).isNull();
        assertThat(Links.resolve(BASE, "file:///etc/passwd")).isNull();
        assertThat(Links.resolve(BASE, "urn:uuid:1234")).isNull();
        assertThat(Links.resolve(null, "relative/only")).isNull();
        assertThat(Links.resolve(BASE, " ")).isNull();
        assertThat(Links.resolve(BASE, null)).isNull();
    }

    @Test
    void xmlBaseResolvesStepByStep() {
        URI feed = Links.resolveBase(URI.create("https://example.com/feed.xml"), "https://example.com/blog/");
        URI entry = Links.resolveBase(feed, "2024/06/");

        assertThat(entry).isEqualTo(URI.create("https://example.com/blog/2024/06/"));
        assertThat(Links.resolveBase(entry, "::not a uri::")).isEqualTo(entry);
    }
}

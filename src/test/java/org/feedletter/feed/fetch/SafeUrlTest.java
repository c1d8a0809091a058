package org.feedletter.feed.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class SafeUrlTest {

    @Test
    void userAndPasswordAreLeftOutOfTheTextAndKeysMasked() {
        assertThat(SafeUrl.of(URI.create("https://reader:s3cret@feeds.example:8443/private/feed.xml?key=1&p=2#top")))
                .isEqualTo("https://feeds.example:8443/private/feed.xml?key=****&p=2#top");
    }

    @Test
    void urlWithoutCredentialsIsShownAsIs() {
        assertThat(SafeUrl.of(URI.create("https://feeds.example/feed.xml"))).isEqualTo("https://feeds.example/feed.xml");
    }

    @Test
    void hostKeyIsLowerCasedWithTheSchemesDefaultPort() {
        assertThat(SafeUrl.hostKey(URI.create("https://Feeds.Example/feed"))).isEqualTo("feeds.example:443");
        assertThat(SafeUrl.hostKey(URI.create("http://FEEDS.example/feed"))).isEqualTo("feeds.example:80");
        assertThat(SafeUrl.hostKey(URI.create("http://feeds.example:8080/feed"))).isEqualTo("feeds.example:8080");
    }
}

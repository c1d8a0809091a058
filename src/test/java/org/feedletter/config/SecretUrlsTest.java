package org.feedletter.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretUrlsTest {

    private static final String CONFIGURED = "https://reader:pa55w0rd@members.example/feed.xml?token=abc123&lang=en"
            + "&api_key=k-99#top";

    @Test
    void thePublicFormHasNeitherUserInfoNorSecretParameters() {
        assertThat(SecretUrls.publicForm(CONFIGURED)).isEqualTo("https://members.example/feed.xml?lang=en#top");
        assertThat(SecretUrls.publicForm("https://x.example/feed?access_token=1&sig=2&AuthKey=3"))
                .isEqualTo("https://x.example/feed");
    }

    @Test
    void theMaskedFormShowsWhereTheSecretsAreButNotWhatTheyAre() {
        String masked = SecretUrls.masked(CONFIGURED);

        assertThat(masked).isEqualTo("https://****@members.example/feed.xml?token=****&lang=en&api_key=****#top");
        assertThat(masked).doesNotContain("reader").doesNotContain("pa55w0rd").doesNotContain("abc123")
                .doesNotContain("k-99");
    }

    @Test
    void urlsWithoutSecretsAreLeftAsTheyAre() {
        for (String url : new String[] {"https://example.org/feed?p=123&lang=en", "file:config/samples/site-wide.xml",
                "http://127.0.0.1:8080/a.rss"}) {
            assertThat(SecretUrls.publicForm(url)).isEqualTo(url);
            assertThat(SecretUrls.masked(url)).isEqualTo(url);
            assertThat(SecretUrls.hasSecrets(url)).isFalse();
        }
        assertThat(SecretUrls.hasSecrets(CONFIGURED)).isTrue();
    }
}

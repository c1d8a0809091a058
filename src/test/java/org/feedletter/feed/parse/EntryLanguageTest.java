package org.feedletter.feed.parse;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.feedletter.feed.parse.Fixtures.FEED_URL;
import static org.feedletter.feed.parse.Fixtures.parsed;

import java.util.List;
import org.junit.jupiter.api.Test;

class EntryLanguageTest {

    private final FeedParser parser = new FeedParser();

    @Test
    void rssItemsTakeTheChannelLanguageInItsUsualCase() {
        List<String> languages = languages("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title>"
                + "<link>https://site.example.com/</link><language>en_gb</language>"
                + "<item><title>A</title><guid>a</guid></item></channel></rss>");

        assertThat(languages).containsExactly("en-GB");
    }

    @Test
    void dcLanguageOfAnRssItemWinsOverTheChannel() {
        List<String> languages = languages("<?xml version=\"1.0\"?><rss version=\"2.0\" "
                + "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel><title>T</title>"
                + "<link>https://site.example.com/</link><language>en</language>"
                + "<item><title>A</title><guid>a</guid><dc:language>de</dc:language></item>"
                + "<item><title>B</title><guid>b</guid></item></channel></rss>");

        assertThat(languages).containsExactly("de", "en");
    }

    @Test
    void atomEntryXmlLangWinsOverTheFeedsAndFeedLangIsInherited() {
        List<String> languages = languages("<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\" "
                + "xml:lang=\"sv-SE\"><title>T</title><id>urn:f</id><updated>2024-06-01T00:00:00Z</updated>"
                + "<entry xml:lang=\"fr\"><title>A</title><id>urn:a</id><updated>2024-06-01T00:00:00Z</updated></entry>"
                + "<entry><title>B</title><id>urn:b</id><updated>2024-06-01T00:00:00Z</updated></entry></feed>");

        assertThat(languages).containsExactly("fr", "sv-SE");
    }

    @Test
    void jsonFeedLanguageAppliesToEveryItem() {
        List<String> languages = languages("{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"T\", "
                + "\"language\": \"nb-NO\", \"items\": [{\"id\": \"1\", \"title\": \"A\"}]}");

        assertThat(languages).containsExactly("nb-NO");
    }

    @Test
    void aMissingOrMalformedLanguageIsNull() {
        List<String> languages = languages("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title>"
                + "<link>https://site.example.com/</link><language>English, mostly</language>"
                + "<item><title>A</title><guid>a</guid></item></channel></rss>");

        assertThat(languages).containsExactly((String) null);
        assertThat(FeedText.languageTag("und")).isNull();
        assertThat(FeedText.languageTag(" EN-us ")).isEqualTo("en-US");
    }

    private List<String> languages(String document) {
        return parsed(parser.parse(document.getBytes(UTF_8), null, FEED_URL)).entries().stream()
                .map(Entry::language).toList();
    }
}

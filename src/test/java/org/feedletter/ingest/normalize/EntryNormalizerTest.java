package org.feedletter.ingest.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.feedletter.feed.parse.Entry;
import org.junit.jupiter.api.Test;

/**
 * What the normalizer decides about an entry's URLs on its own. How the declared originals it keeps change what is
 * stored is tested where entries are stored ({@code NearDuplicateIngestTest} in {@code ingest.dedup}).
 */
class EntryNormalizerTest {

    /** An aggregator's rel="via" often names the feed it read: such a URL is no entry's original. */
    @Test
    void aFeedDocumentIsKnownByTheUsualNamesOfOne() {
        assertThat(EntryNormalizer.isFeed("https://x.example/feed/")).isTrue();
        assertThat(EntryNormalizer.isFeed("https://x.example/?feed=rss2")).isTrue();
        assertThat(EntryNormalizer.isFeed("https://x.example/topics/cee/atom.xml")).isTrue();
        assertThat(EntryNormalizer.isFeed("https://x.example/2026/11/feeding-the-grid")).isFalse();
    }

    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    private final EntryNormalizer normalizer = new EntryNormalizer(new HtmlSanitizer());

    private static Entry entry(String guid, String link, String title) {
        return new Entry(guid, URI.create(link), title, "Priya Raman", NOW, null, "<p>" + title + " in a text.</p>",
                null, List.of(), null, List.of(), null);
    }

    @Test
    void aLinkOneFetchGivesToEntriesUnderDifferentTitlesIsNoPiecesAddress() {
        List<CandidateItem> episodes = normalizer.normalizeAll(List.of(
                entry("ep-1", "https://pod.example/show/", "Episode 1: Housing"),
                entry("ep-2", "https://pod.example/show/", "Episode 2: Schools"),
                entry("ep-3", "https://pod.example/show/episode-3", "Episode 3: Rail")), 1, NOW);

        assertThat(episodes.get(0).canonicalUrl()).isNull();
        assertThat(episodes.get(1).canonicalUrl()).isNull();
        assertThat(episodes.get(0).publicId()).isNotEqualTo(episodes.get(1).publicId());
        assertThat(episodes.get(2).canonicalUrl()).isEqualTo("https://pod.example/show/episode-3");
        assertThat(episodes.get(0).draft().link()).as("the link is still shown").isEqualTo("https://pod.example/show/");
    }

    private CandidateItem toot(String title, String html) {
        return normalizer.normalize(new Entry("https://social.example/@dvpi/1", URI.create("https://social.example/@dvpi/1"),
                title, null, NOW, null, null, html, List.of(), null, List.of(), null), 1, NOW);
    }

    /** A Mastodon toot: a line, hashtags and a mention on its own site, and one link to a page elsewhere. */
    @Test
    void anUntitledPostLinkingOnePageElsewhereNamesThatPage() {
        String line = "<p>New Quick Comment: Olena Kovalchuk on three things to watch in the 2027 budget. "
                + "<a href=\"https://social.example/tags/budget\">#budget</a> "
                + "<a href=\"https://social.example/@olena\">@olena</a> ";
        String link = "<a href=\"https://institute.example/en/2026/11/23/three-things/?utm_source=mastodon\">"
                + "<span class=\"invisible\">https://</span>institute.example/en/2026/11/23/three-things</a></p>";

        assertThat(toot(null, line + link).declaredOriginals())
                .containsExactly("https://institute.example/en/2026/11/23/three-things");
        assertThat(toot("A title of its own", line + link).declaredOriginals()).as("titled").isEmpty();
        assertThat(toot(null, line + link.replace("</p>", " <a href=\"https://other.example/b\">b</a></p>"))
                .declaredOriginals()).as("two pages: a round-up").isEmpty();
        assertThat(toot(null, line + " " + "word ".repeat(80) + link).declaredOriginals()).as("a text of its own")
                .isEmpty();
    }

    private CandidateItem post(String title, String html) {
        return normalizer.normalize(new Entry("https://tme.example/ertis/658", URI.create("https://tme.example/ertis/658"),
                title, null, NOW, null, null, html, List.of(), null, List.of(), null), 1, NOW);
    }

    /**
     * A Telegram channel bridged to RSS: the post's first line is its title and opens its text too, and its link is
     * shown as an address. Its opening is its own words: what a copy shares with the piece it announces.
     */
    @Test
    void anOpeningLeavesOutATitleRepeatedAtopTheTextAndAddressesShownAsText() {
        String title = "Quick Comment | Water code amendments: who gains from an irrigation tariff?";
        String lede = "The Mazhilis approved the Water Code amendments in first reading on Monday. The main change is "
                + "paying for irrigation water by volume.";
        String url = "https://institute.example/en/2026/11/24/water-code-amendments-irrigation-tariff/";
        CandidateItem bridged = post(title, "<b>" + title + "</b><br><br>" + lede + "<br><br>A. Seitkali<br><br>"
                + "Read more: <a href=\"" + url + "\">" + url + "</a><br><br>#quickcomment");
        CandidateItem plain = post(title, "<p>" + lede + "</p><p>A. Seitkali</p><p>Read more:</p><p>#quickcomment</p>");

        assertThat(bridged.openings().get(0).sameAs(plain.openings().get(0))).isTrue();
        assertThat(bridged.draft().excerpt()).as("shown as it came").startsWith(title + " The Mazhilis");
    }

    /** Only a headline is taken out: not a title of a word or two, nor the start of an untitled entry's text. */
    @Test
    void anOpeningKeepsTheWordsOfAShortOrMissingTitle() {
        String text = "Budget day. The Mazhilis passed the budget in second reading on Thursday with few changes.";
        assertThat(EntryNormalizer.afterTitle(text, "Budget day.")).isEqualTo(text);
        assertThat(EntryNormalizer.afterTitle(text, "")).isEqualTo(text);
        assertThat(EntryNormalizer.afterTitle(text, "Budget day. The Mazhil")).as("within a word").isEqualTo(text);
        assertThat(EntryNormalizer.afterTitle(text, "budget day. the mazhilis passed"))
                .isEqualTo(" the budget in second reading on Thursday with few changes.");
        assertThat(post(null, "<p>" + text + "</p>").openings().get(0).words()).as("untitled: all its words")
                .isEqualTo(15);
        assertThat(EntryNormalizer.withoutAddresses("See https://x.example/a?b=1 and http://y.example."))
                .isEqualTo("See   and  ");
    }

    @Test
    void untitledEntriesUnderOneLinkAreToldApartByTheirTexts() {
        Entry first = new Entry("n-1", URI.create("https://micro.example/notes"), null, null, NOW, null,
                "<p>The council tax cap stays at five per cent.</p>", null, List.of(), null, List.of(), null);
        Entry second = new Entry("n-2", URI.create("https://micro.example/notes"), null, null, NOW, null,
                "<p>Bus franchising reaches two more regions.</p>", null, List.of(), null, List.of(), null);

        assertThat(normalizer.normalizeAll(List.of(first, second), 1, NOW)).allSatisfy(c ->
                assertThat(c.canonicalUrl()).isNull());
        assertThat(normalizer.normalizeAll(List.of(first, first), 1, NOW)).as("one note listed twice").allSatisfy(c ->
                assertThat(c.canonicalUrl()).isEqualTo("https://micro.example/notes"));
    }

    @Test
    void aFrontPageIsNoPiecesAddressButOnePieceListedTwiceKeepsItsOwn() {
        List<CandidateItem> entries = normalizer.normalizeAll(List.of(
                entry("1", "https://partner.example/", "Councils and the new duty"),
                entry("2", "https://partner.example/news/duty", "Councils and the new duty"),
                entry("3", "https://partner.example/news/duty?utm_source=rss", "Councils and the new duty")), 1, NOW);

        assertThat(entries.get(0).canonicalUrl()).isNull();
        assertThat(entries.get(1).canonicalUrl()).isEqualTo("https://partner.example/news/duty");
        assertThat(entries.get(2).canonicalUrl()).isEqualTo("https://partner.example/news/duty");
    }
}

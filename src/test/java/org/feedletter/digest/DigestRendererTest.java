package org.feedletter.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.feedletter.config.Include;
import org.feedletter.config.NewsletterConfig;
import org.feedletter.store.StoredItem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DigestRendererTest {

    private static final NewsletterConfig NEWSLETTER = new NewsletterConfig("quick-comment", "Quick Comment digest",
            "Fast takes", new Include(List.of("Quick Comment")), "0 0 8 * * ?", ZoneId.of("Europe/Stockholm"), 100);
    private static final Recipient ALICE = new Recipient("alice@example.org", ZoneId.of("Europe/Stockholm"),
            new RecipientLinks("https://news.example.org/u/abc", "mailto:u@example.org", "https://news.example.org/p/abc",
                    "https://news.example.org/archive/7"));

    private static StoredItem item(long id, String title, String link, String excerpt) {
        Instant t = Instant.parse("2026-11-25T13:05:00Z");
        return new StoredItem(id, "urn:" + id, link, link, title, "Ingrid Halvorsen", t, null, "<p>x</p>", excerpt,
                List.of("Quick Comment"), null, 1, t, t, null);
    }

    private static DigestContent content(List<StoredItem> items, int more) {
        return new DigestContent(NEWSLETTER, 7, Instant.parse("2026-11-26T07:00:00Z"), items, more,
                "https://news.example.org/newsletters/quick-comment/feed.atom");
    }

    @Test
    void bothPartsListEveryItemWithTitleLinkAuthorDateAndExcerpt() throws Exception {
        RenderedDigest digest = new DigestRenderer(Optional.empty()).render(content(List.of(
                item(1, "Quick Comment: Central bank pause", "https://example.org/a", "Three reasons."),
                item(2, "Quick Comment: Arctic shipping", "https://example.org/b", "A first reading.")), 0), ALICE);

        for (String body : List.of(digest.html(), digest.text())) {
            assertThat(body).contains("Quick Comment: Central bank pause", "https://example.org/a", "Three reasons.",
                    "Quick Comment: Arctic shipping", "https://example.org/b", "Ingrid Halvorsen",
                    "25 Nov 2026, 14:05 CET", "Quick Comment digest");
        }
    }

    @Test
    void subjectNamesTheNewsletterTheFirstPieceAndHowManyMore() throws Exception {
        RenderedDigest digest = new DigestRenderer(Optional.empty()).render(content(List.of(
                item(1, "Quick Comment: Central bank pause", "https://example.org/a", ""),
                item(2, "Quick Comment: Arctic shipping", "https://example.org/b", "")), 3), ALICE);

        assertThat(digest.subject().strip())
                .isEqualTo("Quick Comment digest: Quick Comment: Central bank pause and 4 more");
    }

    @Test
    void aNewsletterThatDropsItsOwnTitlePrefixShowsTheRestInHeadingsAndSubject() throws Exception {
        NewsletterConfig dropping = new NewsletterConfig("quick-comment", "Quick Comment digest", "Fast takes",
                new Include(List.of("Quick Comment")), "0 0 8 * * ?", ZoneId.of("Europe/Stockholm"), 100,
                org.feedletter.config.FilterRules.NONE, org.feedletter.config.UpdateListing.OFF, true);
        DigestContent content = new DigestContent(dropping, 7, Instant.parse("2026-11-26T07:00:00Z"), List.of(
                item(1, "Quick comments – Central bank pause", "https://example.org/a", ""),
                item(2, "Analysis: Arctic shipping", "https://example.org/b", "")), 0, null);

        RenderedDigest digest = new DigestRenderer(Optional.empty()).render(content, ALICE);

        assertThat(digest.subject().strip()).isEqualTo("Quick Comment digest: Central bank pause and 1 more");
        for (String body : List.of(digest.html(), digest.text())) {
            assertThat(body).contains("Central bank pause", "Analysis: Arctic shipping")
                    .doesNotContain("Quick comments");
        }
    }

    @Test
    void footerSaysWhyTheReaderGetsItAndCarriesTheirLinks() throws Exception {
        RenderedDigest digest = new DigestRenderer(Optional.empty()).render(
                content(List.of(item(1, "T", "https://example.org/a", "")), 0), ALICE);

        for (String body : List.of(digest.html(), digest.text())) {
            assertThat(body).contains("alice@example.org is subscribed to Quick Comment digest",
                    "https://news.example.org/u/abc", "https://news.example.org/p/abc", "https://news.example.org/archive/7");
        }
    }

    @Test
    void itemsBeyondMaxItemsAreCountedWithALinkToTheFeed() throws Exception {
        RenderedDigest digest = new DigestRenderer(Optional.empty()).render(
                content(List.of(item(1, "T", "https://example.org/a", "")), 12), ALICE);

        assertThat(digest.html()).contains("And 12 more", "https://news.example.org/newsletters/quick-comment/feed.atom");
        assertThat(digest.text()).contains("And 12 more: https://news.example.org/newsletters/quick-comment/feed.atom");
    }

    @Test
    void feedTextIsEscapedInTheHtmlPart() throws Exception {
        RenderedDigest digest = new DigestRenderer(Optional.empty()).render(content(List.of(
                item(1, "<script>alert(1)</script> & more", "https://example.org/a", "<img src=x onerror=alert(1)>")), 0),
                ALICE);

        assertThat(digest.html()).doesNotContain("<script>", "<img src=x").contains("&lt;script&gt;", "&amp; more");
    }

    @Test
    void anOperatorsTemplateFolderOverridesTheBundledTemplates(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("digest-subject.ftl"), "Custom: ${items?size} pieces");

        RenderedDigest digest = new DigestRenderer(Optional.of(dir)).render(
                content(List.of(item(1, "T", "https://example.org/a", "")), 0), ALICE);

        assertThat(digest.subject()).isEqualTo("Custom: 1 pieces");
        assertThat(digest.html()).contains("Quick Comment digest"); // the bundled HTML template still applies
    }

    @Test
    void aBrokenTemplateIsReportedWithItsNameAndLineAtStartUp(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("digest.txt.ftl"), "line one\n<#list items as>\n");

        assertThatThrownBy(() -> new DigestRenderer(Optional.of(dir)).check())
                .isInstanceOf(DigestRenderer.TemplateProblem.class)
                .hasMessageContaining("digest.txt.ftl")
                .hasMessageContaining("line 2");
    }
}

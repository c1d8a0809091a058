package org.feedletter.digest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.feedletter.config.Include;
import org.feedletter.config.Languages;
import org.feedletter.config.NewsletterConfig;
import org.feedletter.config.TemplateLoading;
import org.feedletter.store.StoredItem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Digests in the newsletter's language: its date forms, its direction, the skeleton still equal to full rendering. */
class DigestLanguagesTest {

    private static final ZoneId STOCKHOLM = ZoneId.of("Europe/Stockholm");
    private static final Instant BUILT = Instant.parse("2026-12-05T14:00:00Z");

    private static NewsletterConfig newsletter(String language) {
        return new NewsletterConfig("zeta", "Zeta Kvartal", "", new Include(List.of()), "0 0 8 * * ?", STOCKHOLM, 100)
                .withLanguage(Locale.forLanguageTag(language));
    }

    private static StoredItem item(long id, String title, String excerpt) {
        Instant published = Instant.parse("2026-12-05T13:05:00Z");
        return new StoredItem(id, "urn:" + id, "https://example.org/" + id, "https://example.org/" + id, title, null,
                published, null, "<p>x</p>", excerpt, List.of(), null, 1, published, published, null);
    }

    private static Recipient reader(int n) {
        return new Recipient("reader" + n + "@example.org", STOCKHOLM, new RecipientLinks(
                "https://news.example.org/u/" + n, null, "https://news.example.org/p/" + n, null));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "en | 5 December 2026 | 5 Dec 2026, 14:05 CET",
            "sv | 5 december 2026 | 5 dec. 2026 14:05 CET",
            "de | 5. Dezember 2026 | 05.12.2026, 14:05 CET",
            "fr | 5 décembre 2026 | 5 déc. 2026 14:05 CET",
            "pl | 5 grudnia 2026 | 5 gru 2026, 14:05 CET",
            "uk | 5 грудня 2026 р. | 5 груд. 2026 р., 14:05 CET"})
    void datesInTheLanguagesOwnForms(String language, String day, String dayAndTime) throws Exception {
        RenderedDigest digest = new DigestRenderer(Optional.empty()).render(new DigestContent(newsletter(language), 7,
                BUILT, List.of(item(1, "Alpha", "Lorem.")), 0, null), reader(1));
        assertThat(digest.html()).contains(day, dayAndTime);
        assertThat(digest.text()).contains(day, dayAndTime);
    }

    @Test
    void theBundledTemplatesKeepTheSkeletonAndItFillsInAsFullRenderingDoesInEveryLanguage() throws Exception {
        var freemarker = TemplateLoading.freemarker(Optional.empty());
        for (String name : List.of(DigestRenderer.SUBJECT, DigestRenderer.HTML, DigestRenderer.TEXT)) {
            assertThat(DigestSkeleton.plainUse(freemarker.getTemplate(name).toString())).as(name).isTrue();
        }
        for (String language : Languages.SHIPPED) {
            DigestRenderer skeletons = new DigestRenderer(Optional.empty(), true);
            DigestRenderer full = new DigestRenderer(Optional.empty(), false);
            DigestContent content = new DigestContent(newsletter(language), 7, BUILT,
                    List.of(item(1, "Alpha", "Lorem."), item(2, "Beta", "Ipsum.")), 4, "https://news.example.org/f");
            DigestContent same = new DigestContent(newsletter(language), 7, BUILT,
                    List.of(item(1, "Alpha", "Lorem."), item(2, "Beta", "Ipsum.")), 4, "https://news.example.org/f");
            for (int n = 1; n <= DigestSkeleton.CHECKS + 2; n++) {
                RenderedDigest filled = skeletons.render(content, reader(n));
                assertThat(filled).as("%s, reader %d", language, n).isEqualTo(full.render(same, reader(n)));
                if (n > DigestSkeleton.CHECKS) {
                    assertThat(filled.htmlPieces()).as("filled in from the skeleton").isNotNull();
                }
            }
            assertThat(content.skeleton(DigestSkeleton.Key.of(reader(1))).trusted()).isTrue();
        }
    }

    @Test
    void anAddressPassedWholeToAMessageKeepsTheSkeletonAndAnythingElseDoesNot() {
        assertThat(DigestSkeleton.plainUse("${msg(\"digest.footer.reason\", recipient.email, newsletter.title)}"))
                .isTrue();
        assertThat(DigestSkeleton.plainUse("${msg.plural(\"k\", 3, links.unsubscribe)}")).isTrue();
        assertThat(DigestSkeleton.plainUse("${msg(\"k\", recipient.email?upper_case)}")).isFalse();
        assertThat(DigestSkeleton.plainUse("${msg(\"k\", recipient.email)?upper_case}")).isFalse();
        assertThat(DigestSkeleton.plainUse("${msg(\"k\", recipient.email.foo)}")).isFalse();
        assertThat(DigestSkeleton.plainUse("${other(\"k\", recipient.email)}")).isFalse();
        assertThat(DigestSkeleton.plainUse("${msg(\"k\", (recipient.email))}")).isFalse();
    }

    @Test
    void startUpRendersASampleInEachLanguageSoABrokenBundleStopsIt(@TempDir Path templates) throws Exception {
        Files.createDirectories(templates.resolve("messages"));
        Files.writeString(templates.resolve("messages/messages_pl.properties"), "format.date=d MMMM yyyy ppp{\n");
        DigestRenderer renderer = new DigestRenderer(Optional.of(templates));
        renderer.check(List.of(newsletter("en"), newsletter("sv")));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> renderer.check(List.of(newsletter("en"),
                newsletter("pl")))).isInstanceOf(DigestRenderer.TemplateProblem.class)
                .hasMessageContaining("the date form 'd MMMM yyyy ppp{' of Polish (pl)")
                .hasMessageContaining("newsletter 'zeta' in pl");
    }

    @Test
    void anItemInTheLanguageItsFeedDeclaredIsMarkedSo() throws Exception {
        Instant published = Instant.parse("2026-12-05T13:05:00Z");
        StoredItem ukrainian = new StoredItem(1, "urn:1", "https://example.org/1", "https://example.org/1",
                "Тиждень у Києві", null, published, null, "<p>x</p>", "Текст.", List.of(), null, 1, published,
                published, "uk-UA");
        StoredItem junk = new StoredItem(2, "urn:2", "https://example.org/2", "https://example.org/2", "Beta", null,
                published, null, "<p>x</p>", "Text.", List.of(), null, 1, published, published, "not a <tag>");
        RenderedDigest digest = new DigestRenderer(Optional.empty()).render(new DigestContent(newsletter("en"), 7,
                BUILT, List.of(ukrainian, junk), 0, null), reader(1));
        assertThat(digest.html()).contains("<td lang=\"uk-UA\"").doesNotContain("lang=\"not");
    }

    @Test
    void rightToLeftTextInALeftToRightDigestAndTheReverse(@TempDir Path templates) throws Exception {
        RenderedDigest english = new DigestRenderer(Optional.empty()).render(new DigestContent(newsletter("en"), 7,
                BUILT, List.of(item(1, "تقرير الأسبوع", "نص عربي."), item(2, "דו\"ח שבועי", "טקסט."),
                        item(3, "Weekly report", "Text.")), 0, null), reader(1));
        assertThat(english.html()).contains("<html lang=\"en\" dir=\"ltr\">")
                .containsSubsequence("<td dir=\"rtl\"", "تقرير الأسبوع", "<td dir=\"rtl\"", "דו&quot;ח שבועי",
                        "<td style=", "Weekly report")
                .contains("<span dir=\"ltr\">Read the full piece &rarr;</span>");

        Files.createDirectories(templates.resolve("messages"));
        Files.writeString(templates.resolve("messages/messages_ar.properties"), """
                format.date=long
                format.dateTime=medium short
                digest.readMore=اقرأ المقال كاملاً
                """);
        RenderedDigest arabic = new DigestRenderer(Optional.of(templates)).render(new DigestContent(newsletter("ar"),
                7, BUILT, List.of(item(1, "Weekly report", "Text."), item(2, "تقرير الأسبوع", "نص.")), 0, null),
                reader(1));
        assertThat(arabic.html()).contains("<html lang=\"ar\" dir=\"rtl\">", "<body dir=\"rtl\"",
                        "<span dir=\"rtl\">اقرأ المقال كاملاً &larr;</span>")
                .containsSubsequence("<td dir=\"ltr\"", "Weekly report", "<td style=", "تقرير الأسبوع");
    }
}

package org.feedletter.lang;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.feedletter.config.Include;
import org.feedletter.config.Languages;
import org.feedletter.config.NewsletterConfig;
import org.feedletter.digest.DigestContent;
import org.feedletter.digest.DigestRenderer;
import org.feedletter.digest.Recipient;
import org.feedletter.digest.RecipientLinks;
import org.feedletter.digest.RenderedDigest;
import org.feedletter.store.ListedUpdate;
import org.feedletter.store.StoredItem;
import org.feedletter.subscribe.ConfirmationMail;
import org.feedletter.web.Pages;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every shipped template a reader sees (digest HTML, text and subject; the confirmation mail's three; each subscriber
 * page, the archive and the home page) rendered in every shipped language: no message is missing (rendering would
 * fail), the HTML says its language and direction, and no English is left in a language that is not English.
 */
class ShippedTemplatesTest {

    private static final Instant BUILT = Instant.parse("2026-12-05T14:00:00Z");
    private static final ZoneId STOCKHOLM = ZoneId.of("Europe/Stockholm");

    static Stream<String> languages() {
        return Languages.SHIPPED.stream();
    }

    @ParameterizedTest
    @MethodSource("languages")
    void theDigestInEveryLanguage(String tag) throws Exception {
        Locale language = Locale.forLanguageTag(tag);
        NewsletterConfig newsletter = new NewsletterConfig("zeta", "Zeta Kvartal", "", new Include(List.of()),
                "0 0 8 * * ?", STOCKHOLM, 100).withLanguage(language);
        StoredItem first = item(1, "Alpha Omega");
        StoredItem second = item(2, "Gamma Delta");
        DigestRenderer renderer = new DigestRenderer(Optional.empty());
        Recipient reader = new Recipient("ida@example.org", STOCKHOLM, new RecipientLinks(
                "https://news.example.org/u/1", null, "https://news.example.org/p/1", "https://news.example.org/a/7"));
        List<RenderedDigest> digests = List.of(
                renderer.render(new DigestContent(newsletter, 7, BUILT, List.of(first, second),
                        List.of(new ListedUpdate(item(3, "Kappa Lambda"), true, "Kappa", true),
                                new ListedUpdate(item(4, "Sigma Tau"), false, null, true),
                                new ListedUpdate(item(5, "Rho Phi"), true, "Rho", false)), 3,
                        "https://news.example.org/feed.atom"), reader),
                renderer.render(new DigestContent(newsletter, 8, BUILT, List.of(first), List.of(), 0, null), reader),
                renderer.render(new DigestContent(newsletter, 9, BUILT, List.of(),
                        List.of(new ListedUpdate(item(3, "Kappa Lambda"), true, "Kappa", true)), 0, null), reader),
                renderer.render(new DigestContent(newsletter, 10, BUILT, List.of(),
                        List.of(new ListedUpdate(item(3, "Kappa Lambda"), true, "Kappa", true),
                                new ListedUpdate(item(4, "Sigma Tau"), false, null, true)), 0, null), reader));
        for (RenderedDigest digest : digests) {
            assertHtml(digest.html(), language);
            assertNoEnglish(digest.text(), language, "digest text");
            assertNoEnglish(digest.subject(), language, "digest subject");
        }
        Messages words = MessageCatalog.bundled().messages(language);
        assertThat(digests.get(0).html()).contains(words.plural("digest.andMore", 3));
        assertThat(digests.get(0).subject().strip()).isEqualTo(words.plural("digest.subject.more", 4, "Zeta Kvartal",
                "Alpha Omega"));
        assertThat(digests.get(1).subject().strip()).isEqualTo(words.text("digest.subject", "Zeta Kvartal",
                "Alpha Omega"));
        assertThat(digests.get(2).subject().strip()).isEqualTo(words.text("digest.subject.updated", "Zeta Kvartal",
                "Kappa Lambda"));
        assertThat(digests.get(3).subject().strip()).isEqualTo(words.plural("digest.subject.updatedMore", 1,
                "Zeta Kvartal", "Kappa Lambda"));
    }

    @ParameterizedTest
    @MethodSource("languages")
    void theConfirmationMailInEveryLanguage(String tag) throws Exception {
        Locale language = Locale.forLanguageTag(tag);
        ConfirmationMail mail = new ConfirmationMail(Optional.empty());
        for (boolean already : List.of(false, true)) {
            RenderedDigest rendered = mail.render(new ConfirmationMail.Content(already, "ida@example.org",
                    List.of("Zeta Kvartal"), "https://news.example.org/confirm?token=t", Duration.ofDays(7),
                    "https://news.example.org/subscribe"), language);
            assertHtml(rendered.html(), language);
            assertNoEnglish(rendered.text(), language, "confirmation text");
            assertNoEnglish(rendered.subject(), language, "confirmation subject");
        }
    }

    @ParameterizedTest
    @MethodSource("languages")
    void thePagesInEveryLanguage(String tag) {
        Locale language = Locale.forLanguageTag(tag);
        Pages pages = new Pages(Optional.empty(), "Zeta Institutet");
        Messages words = pages.messages(language);
        List<Map<String, Object>> newsletters = List.of(Map.of("id", "zeta", "title", "Zeta Kvartal",
                "description", "Lorem ipsum", "checked", true, "lang", tag));
        Map<String, String> problems = Map.of("email", words.text("problem.email.invalid", "x"),
                "newsletters", words.text("problem.newsletters.none"), "frequency", words.text("problem.frequency"),
                "timeZone", words.text("problem.timeZone"));
        List<String> html = new ArrayList<>();
        html.add(pages.render("web/subscribe.ftlh", Map.of("newsletters", newsletters, "email", "x",
                "frequency", "daily", "timeZone", "UTC", "zones", List.of("UTC", "Europe/Stockholm"),
                "problems", problems, "submitted", true), language));
        html.add(pages.render("web/subscribe-sent.ftlh", Map.of("email", "ida@example.org"), language));
        for (boolean active : List.of(false, true)) {
            html.add(pages.render("web/confirm.ftlh", Map.of("token", "t", "email", "ida@example.org",
                    "newsletters", List.of("Zeta Kvartal"), "active", active), language));
            html.add(pages.render("web/unsubscribe.ftlh", Map.of("token", "t", "email", "ida@example.org",
                    "newsletter", "Zeta Kvartal", "subscribed", active), language));
            Map<String, Object> preferences = new HashMap<>(Map.of("token", "t", "email", "ida@example.org",
                    "active", active, "state", words.text("preferences.state.pending"), "newsletters", newsletters,
                    "frequency", "weekly", "timeZone", "UTC", "zones", List.of("UTC"),
                    "problems", active ? Map.of() : problems, "saved", active ? words.text("preferences.saved") : ""));
            html.add(pages.render("web/preferences.ftlh", preferences, language));
        }
        for (String newsletter : List.of("", "Zeta Kvartal")) {
            html.add(pages.render("web/unsubscribed.ftlh", Map.of("email", "ida@example.org", "newsletter",
                    newsletter), language));
        }
        for (String message : List.of("badLink", "confirmed", "tooMany")) {
            html.add(pages.render("web/message.ftlh", Map.of("title", words.text(message + ".title"),
                    "text", words.text(message + ".text")), language));
        }
        Map<String, Object> archived = new LinkedHashMap<>();
        archived.put("id", "zeta");
        archived.put("title", "Zeta Kvartal");
        archived.put("description", "Lorem ipsum");
        archived.put("lang", tag);
        archived.put("dir", "ltr");
        archived.put("words", Map.of("subscribe", words.text("archive.subscribe"), "feed", words.text("archive.feed"),
                "edition", words.text("archive.edition"), "ledWith", words.text("archive.ledWith"),
                "none", words.text("archive.none")));
        archived.put("editions", List.of(Map.of("id", 7L, "date", "5.12.2026", "items", 3,
                "headline", words.plural("archive.headline.more", 2, "Alpha Omega"))));
        Map<String, Object> empty = new LinkedHashMap<>(archived);
        empty.put("editions", List.of());
        html.add(pages.render("web/archive.ftlh", Map.of("newsletters", List.of(archived, empty)), language));
        html.add(pages.render("web/home.ftlh", Map.of("title", "Zeta Institutet", "description", "Lorem ipsum",
                "newsletters", List.of(Map.of("id", "zeta", "title", "Zeta Kvartal", "description", ""))), language));
        html.forEach(page -> assertHtml(page, language));
    }

    @Test
    void theCheckFindsAnEnglishLeftover(@TempDir Path templates) throws Exception {
        Files.createDirectories(templates.resolve("messages"));
        Files.writeString(templates.resolve("messages/messages_sv.properties"),
                "digest.readMore=Read the full piece\n");
        Locale swedish = Locale.forLanguageTag("sv");
        NewsletterConfig newsletter = new NewsletterConfig("zeta", "Zeta Kvartal", "", new Include(List.of()),
                "0 0 8 * * ?", STOCKHOLM, 100).withLanguage(swedish);
        RenderedDigest digest = new DigestRenderer(Optional.of(templates)).render(new DigestContent(newsletter, 7,
                BUILT, List.of(item(1, "Alpha Omega")), 0, null), new Recipient("ida@example.org", STOCKHOLM,
                new RecipientLinks("https://news.example.org/u/1", null, null, null)));
        assertThat(new EnglishLeftovers(swedish).in(Jsoup.parse(digest.html()).text()))
                .contains("digest.readMore: (?<![\\p{L}\\p{N}])\\QRead the full piece\\E(?![\\p{L}\\p{N}])");
        assertThat(new EnglishLeftovers(swedish).in(digest.text())).isEmpty();
    }

    private static StoredItem item(long id, String title) {
        Instant published = Instant.parse("2026-12-05T13:05:00Z");
        return new StoredItem(id, "urn:" + id, "https://example.org/" + id, "https://example.org/" + id, title,
                "Ingrid Halvorsen", published, null, "<p>x</p>", "Lorem ipsum dolor.", List.of(), null, 1, published,
                published, null);
    }

    private static void assertHtml(String html, Locale language) {
        assertThat(html).contains("<html lang=\"" + language.toLanguageTag() + "\" dir=\"ltr\">");
        assertNoEnglish(Jsoup.parse(html).text(), language, "HTML");
    }

    private static void assertNoEnglish(String text, Locale language, String what) {
        if (language.getLanguage().equals("en")) {
            return;
        }
        assertThat(new EnglishLeftovers(language).in(text)).as("English left in the %s in %s: %s", what,
                language.toLanguageTag(), text).isEmpty();
    }
}

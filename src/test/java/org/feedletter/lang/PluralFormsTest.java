package org.feedletter.lang;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** CLDR's plural categories per shipped language, and the messages they pick. */
class PluralFormsTest {

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            "en, 0, other", "en, 1, one", "en, 2, other", "en, 21, other",
            "sv, 1, one", "sv, 3, other",
            "de, 1, one", "de, 3, other",
            "fr, 0, one", "fr, 1, one", "fr, 2, other", "fr, 1000000, many",
            "pl, 0, many", "pl, 1, one", "pl, 2, few", "pl, 4, few", "pl, 5, many", "pl, 12, many", "pl, 21, many",
            "pl, 22, few", "pl, 25, many", "pl, 102, few",
            "uk, 0, many", "uk, 1, one", "uk, 2, few", "uk, 4, few", "uk, 5, many", "uk, 11, many", "uk, 21, one",
            "uk, 22, few", "uk, 25, many", "uk, 111, many"})
    void categories(String language, long count, String category) {
        assertThat(PluralForms.category(Locale.forLanguageTag(language), count)).isEqualTo(category);
    }

    @Test
    void theShortcutForOneOrOtherLanguagesAgreesWithIcu() {
        for (String tag : PluralForms.ONE_OR_OTHER) {
            for (String region : new String[] {"", "-GB", "-AT", "-FI"}) {
                Locale language = Locale.forLanguageTag(tag + region);
                for (long n = 0; n <= 2_000; n++) {
                    assertThat(PluralForms.category(language, n)).as("%s %d", language, n)
                            .isEqualTo(PluralForms.byIcu(language, n));
                }
                assertThat(PluralForms.category(language, 1_000_000)).isEqualTo(PluralForms.byIcu(language, 1_000_000));
            }
        }
    }

    @Test
    void theMessagesSayEachCountAsTheLanguageDoes() {
        MessageCatalog catalog = MessageCatalog.bundled();
        Messages english = catalog.messages(Locale.ENGLISH);
        assertThat(english.plural("archive.pieces", 1)).isEqualTo("1 piece");
        assertThat(english.plural("archive.pieces", 3)).isEqualTo("3 pieces");
        Messages polish = catalog.messages(Locale.forLanguageTag("pl"));
        assertThat(polish.plural("digest.andMore", 1)).isEqualTo("I jeszcze 1 tekst");
        assertThat(polish.plural("digest.andMore", 3)).isEqualTo("I jeszcze 3 teksty");
        assertThat(polish.plural("digest.andMore", 5)).isEqualTo("I jeszcze 5 tekstów");
        assertThat(polish.plural("digest.andMore", 22)).isEqualTo("I jeszcze 22 teksty");
        assertThat(polish.plural("digest.andMore", 25)).isEqualTo("I jeszcze 25 tekstów");
        Messages ukrainian = catalog.messages(Locale.forLanguageTag("uk"));
        assertThat(ukrainian.plural("digest.andMore", 1)).isEqualTo("І ще 1 матеріал");
        assertThat(ukrainian.plural("digest.andMore", 21)).isEqualTo("І ще 21 матеріал");
        assertThat(ukrainian.plural("digest.andMore", 3)).isEqualTo("І ще 3 матеріали");
        assertThat(ukrainian.plural("digest.andMore", 11)).isEqualTo("І ще 11 матеріалів");
        Messages french = catalog.messages(Locale.FRENCH);
        assertThat(french.plural("digest.andMore", 1)).isEqualTo("Et 1 autre");
        assertThat(french.plural("digest.andMore", 2)).isEqualTo("Et 2 autres");
        Messages german = catalog.messages(Locale.GERMAN);
        assertThat(german.plural("digest.subject.more", 1, "Wochenschau", "Zinsen"))
                .isEqualTo("Wochenschau: Zinsen und 1 weiterer");
        assertThat(german.plural("digest.subject.more", 4, "Wochenschau", "Zinsen"))
                .isEqualTo("Wochenschau: Zinsen und 4 weitere");
    }

    @Test
    void durationsInWords() {
        MessageCatalog catalog = MessageCatalog.bundled();
        assertThat(catalog.messages(Locale.ENGLISH).duration(java.time.Duration.ofDays(7))).isEqualTo("7 days");
        assertThat(catalog.messages(Locale.ENGLISH).duration(java.time.Duration.ofHours(1))).isEqualTo("1 hour");
        assertThat(catalog.messages(Locale.forLanguageTag("pl")).duration(java.time.Duration.ofDays(5)))
                .isEqualTo("5 dni");
        assertThat(catalog.messages(Locale.forLanguageTag("uk")).duration(java.time.Duration.ofHours(2)))
                .isEqualTo("2 години");
        assertThat(catalog.messages(Locale.forLanguageTag("sv")).duration(java.time.Duration.ofMinutes(30)))
                .isEqualTo("30 minuter");
    }
}

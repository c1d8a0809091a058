package org.feedletter.lang;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class LanguageChoiceTest {

    private static final Locale EN = Locale.ENGLISH;
    private static final Locale SV = Locale.forLanguageTag("sv");
    private static final Locale UK = Locale.forLanguageTag("uk");
    private static final Locale DE_AT = Locale.forLanguageTag("de-AT");

    @Test
    void theBrowsersFirstChoiceAmongTheOffered() {
        assertThat(LanguageChoice.choose(List.of(EN, SV, UK), "sv-SE,sv;q=0.9,en;q=0.8")).isEqualTo(SV);
        assertThat(LanguageChoice.choose(List.of(EN, SV, UK), "uk,en;q=0.5")).isEqualTo(UK);
        assertThat(LanguageChoice.choose(List.of(SV, EN), "en-GB,en;q=0.9")).isEqualTo(EN);
        assertThat(LanguageChoice.choose(List.of(EN, SV), "fi;q=1, sv;q=0.3")).as("a later choice that is offered")
                .isEqualTo(SV);
    }

    @Test
    void aLanguageMatchesItsRegions() {
        assertThat(LanguageChoice.choose(List.of(EN, DE_AT), "de")).isEqualTo(DE_AT);
        assertThat(LanguageChoice.choose(List.of(EN, Locale.GERMAN), "de-CH")).isEqualTo(Locale.GERMAN);
    }

    @Test
    void elseTheFirstOffered() {
        assertThat(LanguageChoice.choose(List.of(SV, EN), null)).isEqualTo(SV);
        assertThat(LanguageChoice.choose(List.of(SV, EN), "")).isEqualTo(SV);
        assertThat(LanguageChoice.choose(List.of(SV, EN), "fi, ja;q=0.5")).isEqualTo(SV);
        assertThat(LanguageChoice.choose(List.of(SV, EN), "not a header;;q=x")).isEqualTo(SV);
        assertThat(LanguageChoice.choose(List.of(SV, EN), "en;q=0")).as("q=0 is a refusal").isEqualTo(SV);
    }
}

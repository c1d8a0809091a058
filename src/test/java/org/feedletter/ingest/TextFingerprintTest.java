package org.feedletter.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextFingerprintTest {

    private static final String TEXT = "The central bank of Hungary raised interest rates by half a point on Tuesday, "
            + "its third increase this year, and signalled that more could follow if the forint keeps falling.";

    @Test
    void quotesDashesAccentsAndCaseDoNotMakeTitlesDiffer() {
        TextFingerprint a = TextFingerprint.of("\u201cCaf\u00e9 society\u201d \u2013 Hungary\u2019s choice", TEXT);
        TextFingerprint b = TextFingerprint.of("\"cafe Society\" - Hungary's Choice | Partner Review", TEXT);

        assertThat(a.titleContainment(b)).isEqualTo(1.0);
        assertThat(a.textContainment(b)).isEqualTo(1.0);
    }

    @Test
    void titlesShareWholeWordsOnlyOverTheShorterTitle() {
        TextFingerprint banks = TextFingerprint.of("Central banks raise rates", TEXT);
        TextFingerprint bank = TextFingerprint.of("Central bank raises rates again in Hungary", TEXT);
        TextFingerprint read = TextFingerprint.stored(bank.encodedTitle(), bank.encodedShingles(), bank.words());

        assertThat(banks.titleContainment(bank)).as("central and rates of four words").isEqualTo(0.5);
        assertThat(read.titleContainment(banks)).isEqualTo(0.5);
        assertThat(TextFingerprint.of("", TEXT).titleContainment(bank)).isZero();
    }

    @Test
    void anExcerptIsContainedInTheFullText() {
        TextFingerprint full = TextFingerprint.of("Rates", TEXT + " Economists had expected a pause after October.");
        TextFingerprint excerpt = TextFingerprint.of("Rates", TEXT.substring(0, TEXT.indexOf("its third")) + "\u2026");

        assertThat(excerpt.textContainment(full)).isEqualTo(1.0);
        assertThat(excerpt.bandKeys()).containsAnyOf(full.bandKeys());
    }

    @Test
    void onlyTheOpeningCounts() {
        String longer = TEXT + " " + "word ".repeat(200);
        assertThat(TextFingerprint.of("t", longer).words()).isEqualTo(TextFingerprint.OPENING_WORDS);
    }

    @Test
    void storedFormReadsBackTheSame() {
        TextFingerprint made = TextFingerprint.of("Hungary's rate gamble", TEXT);
        TextFingerprint read = TextFingerprint.stored(made.encodedTitle(), made.encodedShingles(), made.words());

        assertThat(read.textContainment(made)).isEqualTo(1.0);
        assertThat(read.titleWords()).isEqualTo(made.titleWords());
        assertThat(read.bandKeys()).isEqualTo(made.bandKeys());
    }

    @Test
    void shinglesAreTheHashesOfTheirJoinedWordsAsEarlierVersionsStoredThem() {
        String text = TEXT + " Caf\u00e9 \u00c5land \u4e2d\u6587 \u0639\u0631\u0628\u064a na\u00efve x";
        List<String> words = TextFingerprint.words(text, TextFingerprint.OPENING_WORDS);
        int[] expected = new int[words.size() - 2];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = String.join(" ", words.subList(i, i + 3)).hashCode() * 0x9E3779B1;
        }
        StringBuilder hex = new StringBuilder();
        Arrays.stream(expected).sorted().distinct().forEach(h -> hex.append(String.format("%08x", h)));

        assertThat(TextFingerprint.of("t", text).encodedShingles()).isEqualTo(hex.toString());
    }

    @Test
    void shortTextsAreNotComparable() {
        assertThat(TextFingerprint.of("Podcast", "Listen to episode 41.").comparable(20)).isFalse();
        assertThat(TextFingerprint.of("Rates", TEXT).comparable(20)).isTrue();
    }
}

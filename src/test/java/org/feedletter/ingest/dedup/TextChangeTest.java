package org.feedletter.ingest.dedup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** How much of a text an update changed, in words: cosmetic edits count nothing, rewrites their share. */
class TextChangeTest {

    private static final String TEXT = "The central bank of Hungary raised interest rates by half a point on Tuesday, "
            + "its third increase this year, and signalled that more could follow if the forint keeps falling against "
            + "the euro. Economists had expected a pause after inflation eased in October.";

    @Test
    void caseSpacingPunctuationAndAccentsChangeNothing() {
        String cosmetic = TEXT.toUpperCase().replace(" ", "   \n").replace(",", " -").replace("euro", "éuro");

        assertThat(TextChange.between(TEXT, cosmetic)).isZero();
        assertThat(TextChange.between(null, "")).isZero();
    }

    @Test
    void aFixedTypoChangesOneWordInForty() {
        String typo = TEXT.replace("Economists", "Economits");

        assertThat(TextChange.between(typo, TEXT)).isCloseTo(1.0 / 42, within(0.005));
    }

    @Test
    void aRewrittenLastSentenceIsAboutAThirdOfTheText() {
        String rewritten = TEXT.replace("Economists had expected a pause after inflation eased in October.",
                "Markets fell sharply after the announcement, and the government criticised the decision as "
                        + "damaging to growth just weeks before the budget.");

        assertThat(TextChange.between(TEXT, rewritten)).isCloseTo(0.3, within(0.03));
    }

    @Test
    void textAddedToNoneOrRemovedEntirelyIsAllChanged() {
        assertThat(TextChange.between("", TEXT)).isEqualTo(1.0);
        assertThat(TextChange.between(TEXT, null)).isEqualTo(1.0);
    }

    @Test
    void reorderedParagraphsCountOnlyTheMovedWords() {
        String first = "One two three four five six seven eight nine ten.";
        String second = "Eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty.";

        assertThat(TextChange.between(first + " " + second, second + " " + first)).isEqualTo(0.5);
    }
}

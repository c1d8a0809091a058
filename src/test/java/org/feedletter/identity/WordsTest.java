package org.feedletter.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class WordsTest {

    @Test
    void spacedLanguagesSplitAtSpacesAndPunctuationFolded() {
        assertThat(Words.of("Zielińska: „Straße“ — 2026!", 10)).containsExactly("zielinska", "strasse", "2026");
    }

    @Test
    void turkishIsAndArabicLetterFormsFold() {
        assertThat(Words.of("İSTANBUL Istanbul ıstanbul", 10)).containsOnly("istanbul");
        assertThat(Words.of("الأزمةُ الاقتصاديّة", 10)).as("vowel marks, hamza on alef, taa marbuta")
                .isEqualTo(Words.of("الازمه الاقتصاديه", 10));
        assertThat(Words.of("مصطفى كتـاب", 10)).isEqualTo(Words.of("مصطفي كتاب", 10));
    }

    /** Chinese and Japanese put no spaces between words: each character is one, digits and Latin stay whole. */
    @Test
    void scriptsWithoutSpacesCountEachCharacterAsAWord() {
        assertThat(Words.of("G7峰会在广岛开幕", 10)).containsExactly("g7", "峰", "会", "在", "广", "岛", "开", "幕");
        assertThat(Words.of("日銀は１２月に利上げ", 10)).containsExactly("日", "銀", "は", "12", "月", "に", "利", "上", "げ");
        assertThat(Words.of("ｶﾀｶﾅ", 10)).as("half-width katakana folds to full width").containsExactly("カ", "タ", "カ", "ナ");
        assertThat(Words.of("น้ำมัน", 20)).as("Thai marks go with their letter, never alone")
                .hasSize(4).startsWith("น้").doesNotContain("");
        assertThat(Words.of("一二三四五六", 4)).hasSize(4);
    }

    @Test
    void aHanCharacterCarriesMeaningInATitleAHiraganaParticleDoesNot() {
        assertThat(Words.isContentWord("岛")).isTrue();
        assertThat(Words.isContentWord("カ")).isTrue();
        assertThat(Words.isContentWord("は")).isFalse();
        assertThat(Words.isContentWord("the")).isFalse();
        assertThat(Words.isContentWord("hiroshima")).isTrue();
    }

    /** Serbian is written in Cyrillic and in Latin letters, letter for letter; its media turn one into the other. */
    @Test
    void serbianInEitherAlphabetFoldsToTheSameWords() {
        assertThat(Words.of("Марко Петровић: Ђурђевдан у Љубљани, џеп", 10))
                .isEqualTo(Words.of("Marko Petrović: Đurđevdan u Ljubljani, džep", 10));
        assertThat(Words.of("Бърз коментар", 5)).containsExactly("barz", "komentar");
        assertThat(Words.fold("Щука")).isEqualTo("stuka");
    }

    @Test
    void urdusHehGoalIsTheHehPersianWrites() {
        assertThat(Words.fold("نقشہ")).isEqualTo(Words.fold("نقشه"));
    }

    /** Thai, Lao, Khmer and Burmese spell sounds: a few of their letters make a word towards a limit of words. */
    @Test
    void aFewLettersOfAScriptThatSpellsSoundsMakeAWord() {
        String khmer = "កាលពីថ្ងៃទី១ ខែវិច្ឆិកា រាជរដ្ឋាភិបាលបានសម្ពោធដំណាក់កាលទីមួយនៃព្រែកជីកហ្វូណនតេជោ";
        List<String> units = Words.of(khmer, 100);
        assertThat(Words.of(khmer, 5)).hasSize(5 * Words.LETTERS_PER_WORD);
        assertThat(Words.count(khmer, 100)).isEqualTo((units.size() + 3) / 4);
        assertThat(Words.of("日銀は１２月に利上げ", 3)).as("a Han or kana character is a word").hasSize(3);
        assertThat(Words.count("The council tax cap stays", 10)).isEqualTo(5);
    }
}

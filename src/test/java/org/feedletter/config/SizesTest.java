package org.feedletter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SizesTest {

    @Test
    void plain_numbers_are_bytes() {
        assertThat(Sizes.parse("1048576")).isEqualTo(1_048_576L);
        assertThat(Sizes.parse("100B")).isEqualTo(100L);
    }

    @Test
    void units_count_in_1024s() {
        assertThat(Sizes.parse("512KB")).isEqualTo(512L * 1024);
        assertThat(Sizes.parse("10MB")).isEqualTo(10L * 1024 * 1024);
        assertThat(Sizes.parse("1GB")).isEqualTo(1024L * 1024 * 1024);
    }

    @Test
    void case_and_a_blank_before_the_unit_do_not_matter() {
        assertThat(Sizes.parse("10 mb")).isEqualTo(10L * 1024 * 1024);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "MB", "10 megs", "1.5MB", "-1", "10TB"})
    void anything_else_says_what_is_expected(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> Sizes.parse(text))
                .withMessage("a size like 1048576, 512KB, 10MB or 1GB");
    }

    @Test
    void a_size_too_large_to_count_is_refused() {
        assertThatIllegalArgumentException().isThrownBy(() -> Sizes.parse("99999999999GB"))
                .withMessageContaining("too large");
    }

    @Test
    void in_words_a_size_takes_the_largest_whole_unit() {
        assertThat(Sizes.inWords(10L * 1024 * 1024)).isEqualTo("10 MB");
        assertThat(Sizes.inWords(64L * 1024)).isEqualTo("64 KB");
        assertThat(Sizes.inWords(1536L * 1024)).isEqualTo("1536 KB");
        assertThat(Sizes.inWords(1000)).isEqualTo("1000 bytes");
    }
}

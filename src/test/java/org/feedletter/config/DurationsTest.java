package org.feedletter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DurationsTest {

    @Test
    void each_unit_is_read() {
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("10s")).isEqualTo(Duration.ofSeconds(10));
        assertThat(Durations.parse("30m")).isEqualTo(Duration.ofMinutes(30));
        assertThat(Durations.parse("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(Durations.parse("2d")).isEqualTo(Duration.ofDays(2));
    }

    @Test
    void units_may_be_combined() {
        assertThat(Durations.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(Durations.parse("1m500ms")).isEqualTo(Duration.ofMillis(60_500));
    }

    @Test
    void iso_8601_is_read_in_either_case() {
        assertThat(Durations.parse("PT30M")).isEqualTo(Duration.ofMinutes(30));
        assertThat(Durations.parse("pt1h")).isEqualTo(Duration.ofHours(1));
        assertThat(Durations.parse("P2D")).isEqualTo(Duration.ofDays(2));
    }

    @Test
    void surrounding_blanks_and_upper_case_units_are_fine() {
        assertThat(Durations.parse(" 10S ")).isEqualTo(Duration.ofSeconds(10));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "10", "ten seconds", "10 s", "10sec", "-5m", "1.5h", "P", "PTxM", "99999999999999999999d"})
    void anything_else_says_what_is_expected(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> Durations.parse(text))
                .withMessage("a duration like 500ms, 10s, 30m, 2h, 2d or PT30M");
    }
}

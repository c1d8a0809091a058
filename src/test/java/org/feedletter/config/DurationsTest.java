package org.feedletter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.time.Instant;
import org.feedletter.config.Durations.Units;
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

    @Test
    void format_writes_what_parse_reads_back() {
        assertThat(Durations.format(Duration.ofMinutes(30))).isEqualTo("30m");
        assertThat(Durations.format(Duration.ofHours(6))).isEqualTo("6h");
        assertThat(Durations.format(Duration.ofMinutes(90))).isEqualTo("1h30m");
        assertThat(Durations.format(Duration.ofDays(2).plusMillis(500))).isEqualTo("2d500ms");
        assertThat(Durations.format(Duration.ZERO)).isEqualTo("0s");
        for (String text : new String[] {"30m", "6h", "1h30m", "2d", "500ms", "1m500ms"}) {
            assertThat(Durations.format(Durations.parse(text))).isEqualTo(text);
        }
    }

    @Test
    void roughly_is_the_largest_unit_there_are_two_of_rounded_down() {
        assertThat(Durations.roughly(Duration.ofSeconds(119), Units.SHORT_WORDS)).isEqualTo("119 s");
        assertThat(Durations.roughly(Duration.ofSeconds(120), Units.SHORT_WORDS)).isEqualTo("2 min");
        assertThat(Durations.roughly(Duration.ofMinutes(119), Units.SHORT_WORDS)).isEqualTo("119 min");
        assertThat(Durations.roughly(Duration.ofMinutes(7 * 60 + 59), Units.SHORT_WORDS)).isEqualTo("7 h");
        assertThat(Durations.roughly(Duration.ofHours(47), Units.SHORT_WORDS)).isEqualTo("47 h");
        assertThat(Durations.roughly(Duration.ofHours(50), Units.SHORT_WORDS)).isEqualTo("2 days");
        assertThat(Durations.roughly(Duration.ofHours(50), Units.LETTERS)).isEqualTo("2d");
    }

    @Test
    void relative_says_how_long_ago_or_ahead_from_minutes_up_in_the_units_of_its_place() {
        Instant now = Instant.parse("2026-11-26T10:00:00Z");
        assertThat(Durations.relative(null, now, Units.LETTERS)).isEqualTo("never");
        assertThat(Durations.relative(now.minusSeconds(59), now, Units.LETTERS)).isEqualTo("now");
        assertThat(Durations.relative(now.plusSeconds(59), now, Units.SHORT_WORDS)).isEqualTo("now");
        assertThat(Durations.relative(now.minusSeconds(90), now, Units.LETTERS)).isEqualTo("1m ago");
        assertThat(Durations.relative(now.minusSeconds(90), now, Units.SHORT_WORDS)).isEqualTo("1 min ago");
        assertThat(Durations.relative(now.plus(Duration.ofMinutes(119)), now, Units.LETTERS)).isEqualTo("in 119m");
        assertThat(Durations.relative(now.plus(Duration.ofHours(2)), now, Units.SHORT_WORDS)).isEqualTo("in 2 h");
        assertThat(Durations.relative(now.minus(Duration.ofHours(47)), now, Units.LETTERS)).isEqualTo("47h ago");
        assertThat(Durations.relative(now.minus(Duration.ofDays(3)), now, Units.LETTERS)).isEqualTo("3d ago");
        assertThat(Durations.relative(now.minus(Duration.ofDays(3)), now, Units.SHORT_WORDS)).isEqualTo("3 days ago");
    }

    @Test
    void in_words_is_for_a_sentence() {
        assertThat(Durations.inWords(Duration.ofDays(2))).isEqualTo("2 days");
        assertThat(Durations.inWords(Duration.ofHours(24))).isEqualTo("24 hours");
        assertThat(Durations.inWords(Duration.ofHours(50))).as("not whole days").isEqualTo("50 hours");
        assertThat(Durations.inWords(Duration.ofMinutes(90))).isEqualTo("1 hour");
        assertThat(Durations.inWords(Duration.ofMinutes(30))).isEqualTo("30 minutes");
        assertThat(Durations.inWords(Duration.ofMinutes(1))).isEqualTo("1 minute");
        assertThat(Durations.inWords(Duration.ofSeconds(45))).isEqualTo("45 seconds");
        assertThat(Durations.inWords(Duration.ofSeconds(1))).isEqualTo("1 second");
    }

    @Test
    void to_two_units_keeps_the_largest_unit_and_the_next() {
        assertThat(Durations.toTwoUnits(Duration.ofHours(30).plusMinutes(20))).isEqualTo("1d 6h");
        assertThat(Durations.toTwoUnits(Duration.ofHours(2))).isEqualTo("2h 0m");
        assertThat(Durations.toTwoUnits(Duration.ofMinutes(125).plusSeconds(9))).isEqualTo("2h 5m");
        assertThat(Durations.toTwoUnits(Duration.ofMinutes(40).plusSeconds(9))).isEqualTo("40m");
        assertThat(Durations.toTwoUnits(Duration.ofSeconds(40))).isEqualTo("40s");
    }

    @Test
    void in_seconds_is_for_timeouts_and_timings() {
        assertThat(Durations.inSeconds(Duration.ofMillis(250))).isEqualTo("250 ms");
        assertThat(Durations.inSeconds(Duration.ofMillis(2500))).isEqualTo("2.5 s");
        assertThat(Durations.inSeconds(Duration.ofSeconds(2))).isEqualTo("2 s");
        assertThat(Durations.inSeconds(Duration.ofMillis(10_600))).isEqualTo("11 s");
        assertThat(Durations.inSeconds(Duration.ofMinutes(2))).isEqualTo("120 s");
    }
}

package org.feedletter.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SuggestionsTest {

    private static final List<String> KEYS = List.of("id", "title", "schedule", "time-zone", "max-items");

    @Test
    void a_typo_finds_the_key_it_was_meant_to_be() {
        assertThat(Suggestions.closest("shedule", KEYS)).contains("schedule");
        assertThat(Suggestions.closest("tilte", KEYS)).contains("title");
        assertThat(Suggestions.closest("category", List.of("categories"))).contains("categories");
    }

    @Test
    void other_spellings_of_a_kebab_case_key_find_it() {
        assertThat(Suggestions.closest("time_zone", KEYS)).contains("time-zone");
        assertThat(Suggestions.closest("timeZone", KEYS)).contains("time-zone");
        assertThat(Suggestions.closest("MaxItems", KEYS)).contains("max-items");
    }

    @Test
    void a_word_unlike_any_key_finds_none() {
        assertThat(Suggestions.closest("colour", KEYS)).isEmpty();
        assertThat(Suggestions.closest("xy", KEYS)).isEmpty();
    }

    @Test
    void distance_counts_insertions_deletions_substitutions_and_swaps() {
        assertThat(Suggestions.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(Suggestions.distance("tilte", "title")).isEqualTo(1);
        assertThat(Suggestions.distance("", "abc")).isEqualTo(3);
        assertThat(Suggestions.distance("same", "same")).isZero();
    }
}

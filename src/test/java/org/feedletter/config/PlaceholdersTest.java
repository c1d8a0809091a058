package org.feedletter.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class PlaceholdersTest {

    private final Placeholders placeholders = new Placeholders(Map.of("HOST", "mail.example.org", "EMPTY", ""));

    @Test
    void a_set_variable_replaces_its_reference_anywhere_in_the_value() {
        assertThat(placeholders.replace("smtp://${HOST}:25").value()).isEqualTo("smtp://mail.example.org:25");
    }

    @Test
    void the_default_is_used_when_the_variable_is_unset_or_empty() {
        assertThat(placeholders.replace("${PORT:-587}").value()).isEqualTo("587");
        assertThat(placeholders.replace("${EMPTY:-fallback}").value()).isEqualTo("fallback");
        assertThat(placeholders.replace("${PORT:-}").value()).isEmpty();
    }

    @Test
    void a_set_but_empty_variable_without_default_is_empty() {
        assertThat(placeholders.replace("${EMPTY}").value()).isEmpty();
    }

    @Test
    void every_unset_variable_without_default_is_a_problem() {
        Placeholders.Result result = placeholders.replace("${USER}:${PASSWORD}@${HOST}");

        assertThat(result.value()).isNull();
        assertThat(result.problems()).containsExactly("environment variable USER is not set",
                "environment variable PASSWORD is not set");
    }

    @Test
    void text_without_references_is_left_alone() {
        assertThat(placeholders.replace("costs $5 {each}")).isEqualTo(new Placeholders.Result("costs $5 {each}", List.of()));
    }

    @Test
    void a_malformed_reference_is_a_problem() {
        assertThat(placeholders.replace("${HOST").problems()).singleElement().asString().contains("malformed");
        assertThat(placeholders.replace("${not a name} ${HOST}").problems()).singleElement().asString()
                .contains("malformed");
    }

    @Test
    void only_a_lone_reference_without_a_default_counts_as_from_the_environment() {
        assertThat(Placeholders.isEnvironmentOnly("${SMTP_PASSWORD}")).isTrue();
        assertThat(Placeholders.isEnvironmentOnly("${SMTP_PASSWORD:-}")).isTrue();
        assertThat(Placeholders.isEnvironmentOnly("${SMTP_PASSWORD:-secret}")).isFalse();
        assertThat(Placeholders.isEnvironmentOnly("secret")).isFalse();
        assertThat(Placeholders.isEnvironmentOnly("x${SMTP_PASSWORD}")).isFalse();
    }
}

package org.feedletter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A newsletter's {@code language}: English unless told, a BCP 47 tag, a language whose messages exist. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class NewsletterLanguageConfigTest {

    private static final String MAIL = "mail: { host: smtp.example.org, from: digest@example.org }\n";

    @TempDir
    Path workingDirectory;

    @Test
    void english_unless_told_and_the_effective_config_says_so() throws Exception {
        ConfigLoader.Checked checked = check(MAIL + """
                newsletters:
                  - { id: weekly, schedule: "0 0 8 * * ?" }
                  - { id: veckobrev, schedule: "0 0 8 * * ?", language: sv }
                  - { id: wien, schedule: "0 0 8 * * ?", language: de-AT }
                """);
        assertThat(checked.config().newsletters()).extracting(NewsletterConfig::language)
                .containsExactly(Locale.ENGLISH, Locale.forLanguageTag("sv"), Locale.forLanguageTag("de-AT"));
        assertThat(checked.effectiveYaml()).contains("language: en  # default", "language: sv", "language: de-AT");
    }

    @Test
    void the_reference_lists_the_key_with_its_default() {
        assertThat(ConfigLoader.reference(workingDirectory)).contains("language: en  # default");
    }

    @Test
    void a_tag_that_is_not_bcp_47_is_a_problem_at_its_line() throws Exception {
        assertThatThrownBy(() -> check(MAIL + """
                newsletters:
                  - id: veckobrev
                    schedule: "0 0 8 * * ?"
                    language: sv_SE
                  - id: other
                    schedule: "0 0 8 * * ?"
                    language: "!!"
                """)).isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                .extracting(ConfigProblem::line, ConfigProblem::message).containsExactly(
                        tuple(5, "newsletter 'veckobrev': 'sv_SE' is not a language tag for language (did you "
                                + "mean 'sv-SE'?)"),
                        tuple(8, "newsletter 'other': '!!' is not a language tag for language (expected a BCP 47 "
                                + "language tag such as en, sv or de-AT; feedletter ships en, sv, de, fr, pl, uk)")));
    }

    @Test
    void a_language_feedletter_does_not_ship_needs_the_operators_messages() throws Exception {
        String yaml = MAIL + """
                newsletters:
                  - id: arabic
                    schedule: "0 0 8 * * ?"
                    language: ar
                """;
        assertThatThrownBy(() -> check(yaml)).isInstanceOfSatisfying(ConfigException.class, e -> assertThat(
                e.problems()).singleElement().satisfies(p -> {
                    assertThat(p.line()).isEqualTo(5);
                    assertThat(p.message()).startsWith("newsletter 'arabic': feedletter ships no messages in 'ar' for "
                            + "language (it ships en, sv, de, fr, pl, uk); add templates: dir: with a "
                            + "messages/messages_ar.properties");
                }));

        Path templates = Files.createDirectories(workingDirectory.resolve("templates/messages"));
        Files.writeString(templates.resolve("messages_ar.properties"), "digest.readMore=اقرأ المزيد\n");
        assertThat(check(yaml + "templates: { dir: templates }\n").config().newsletters().get(0).language())
                .isEqualTo(Locale.forLanguageTag("ar"));
    }

    private ConfigLoader.Checked check(String yaml) throws IOException, ConfigException {
        Path file = Files.writeString(workingDirectory.resolve("feedletter.yaml"), yaml);
        return new ConfigLoader(Map.of(), workingDirectory).check(file);
    }
}

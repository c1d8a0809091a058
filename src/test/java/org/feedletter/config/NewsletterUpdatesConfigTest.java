package org.feedletter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A newsletter's updates section: off unless enabled, every mistake reported with its line. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class NewsletterUpdatesConfigTest {

    private static final String HEAD = """
            mail: { host: smtp.example.org, from: digest@example.org }
            newsletters:
              - id: quick-comment
                schedule: "0 0 8 * * ?"
            """;

    @TempDir
    Path workingDirectory;

    @Test
    void updates_are_not_listed_unless_enabled() throws Exception {
        assertThat(load(HEAD).newsletters().get(0).updates()).isEqualTo(UpdateListing.OFF);
        assertThat(load(HEAD + "    updates: { text-change: 0.5 }\n").newsletters().get(0).updates())
                .isEqualTo(new UpdateListing(false, 0.5));
    }

    @Test
    void enabled_with_the_default_or_a_given_text_change() throws Exception {
        FeedletterConfig config = load(HEAD + """
                    updates: { enabled: true }
                  - id: weekly
                    schedule: "0 0 7 ? * MON"
                    updates:
                      enabled: true
                      text-change: 0.15
                """);

        assertThat(config.newsletters()).extracting(NewsletterConfig::updates).containsExactly(
                UpdateListing.enabled(UpdateListing.DEFAULT_TEXT_CHANGE), UpdateListing.enabled(0.15));
    }

    @Test
    void enabled_must_be_true_or_false_and_text_change_a_share() throws IOException {
        assertThat(problems(HEAD + """
                    updates:
                      enabled: yes please
                      text-change: 30%
                """)).extracting(ConfigProblem::line, ConfigProblem::message).containsExactly(
                tuple(6, "newsletter 'quick-comment', updates: expected true or false for enabled, got 'yes please'"),
                tuple(7, "newsletter 'quick-comment', updates: expected a number between 0 and 1, e.g. 0.6 for "
                        + "text-change, got '30%'"));
    }

    @Test
    void an_unknown_key_or_a_bare_value_is_reported_with_its_line() throws IOException {
        assertThat(problems(HEAD + """
                    updates:
                      enable: true
                      text_change: 2
                  - id: weekly
                    schedule: "0 0 7 ? * MON"
                    updates: true
                """)).extracting(ConfigProblem::line, ConfigProblem::message).containsExactly(
                tuple(6, "unknown key 'enable' in newsletter 'quick-comment', updates (did you mean 'enabled'?)"),
                tuple(7, "unknown key 'text_change' in newsletter 'quick-comment', updates (did you mean "
                        + "'text-change'?)"),
                tuple(10, "newsletter 'weekly': expected a mapping for updates (with keys enabled, text-change), "
                        + "got a single value"));
    }

    private FeedletterConfig load(String yaml) throws IOException, ConfigException {
        return new ConfigLoader(Map.of(), workingDirectory).load(write(yaml));
    }

    private List<ConfigProblem> problems(String yaml) throws IOException {
        Path file = write(yaml);
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> new ConfigLoader(Map.of(), workingDirectory).load(file));
        assertThat(e).as("loading should fail").isNotNull();
        return e.problems();
    }

    private Path write(String yaml) throws IOException {
        return Files.writeString(workingDirectory.resolve("feedletter.yaml"), yaml);
    }
}

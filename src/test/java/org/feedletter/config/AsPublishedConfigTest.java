package org.feedletter.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code schedule: as-published} with its delay and daily cap: defaults, the values as written, and the effective
 * config that prints them (the problems are in {@link ConfigProblemsTest}).
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class AsPublishedConfigTest {

    private static final String MAIL = "mail: { host: smtp.example.org, from: digest@example.org }\n";

    @TempDir
    Path workingDirectory;

    @Test
    void as_published_takes_a_two_minute_delay_a_half_minute_quiet_period_and_twelve_a_day_unless_told() throws Exception {
        ConfigLoader.Checked checked = check(MAIL + """
                newsletters:
                  - { id: breaking, schedule: as-published }
                """);

        NewsletterConfig breaking = checked.config().newsletters().get(0);
        assertThat(breaking.schedule()).isEqualTo(NewsletterConfig.AS_PUBLISHED);
        assertThat(breaking.asPublished()).contains(new AsPublished(Duration.ofMinutes(2), Duration.ofSeconds(30), 12));
        assertThat(checked.effectiveYaml()).contains("""
                    schedule: as-published
                    publish-delay: 2m  # default
                    quiet-period: 30s  # default
                    max-per-day: 12  # default
                """);
    }

    @Test
    void a_delay_of_zero_and_a_cap_as_written() throws Exception {
        FeedletterConfig config = check(MAIL + """
                newsletters:
                  - id: breaking
                    schedule: As-Published
                    publish-delay: 0
                    max-per-day: 30
                  - id: gathered
                    schedule: as-published
                    publish-delay: 1m30s
                    quiet-period: 2m
                """).config();

        assertThat(config.newsletters()).extracting(NewsletterConfig::asPublished).containsExactly(
                Optional.of(new AsPublished(Duration.ZERO, Duration.ofSeconds(30), 30)),
                Optional.of(new AsPublished(Duration.ofSeconds(90), Duration.ofMinutes(2), 12)));
    }

    @Test
    void a_cron_newsletter_has_neither_key_nor_prints_them() throws Exception {
        ConfigLoader.Checked checked = check(MAIL + """
                newsletters:
                  - { id: daily, schedule: "0 0 8 * * ?" }
                """);

        assertThat(checked.config().newsletters().get(0).asPublished()).isEmpty();
        assertThat(checked.effectiveYaml()).doesNotContain("publish-delay", "quiet-period", "max-per-day");
    }

    @Test
    void the_reference_lists_the_keys_with_their_defaults() {
        assertThat(ConfigLoader.reference(workingDirectory)).contains("    # publish-delay:\n", "    # quiet-period:\n",
                "    # max-per-day:\n", "    schedule: as-published\n    publish-delay: 2m  # default\n"
                        + "    quiet-period: 30s  # default\n    max-per-day: 12  # default\n");
    }

    private ConfigLoader.Checked check(String yaml) throws IOException, ConfigException {
        Path file = Files.writeString(workingDirectory.resolve("feedletter.yaml"), yaml);
        return new ConfigLoader(Map.of(), workingDirectory).check(file);
    }
}

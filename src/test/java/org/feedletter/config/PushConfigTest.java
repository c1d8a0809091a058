package org.feedletter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** web.push (WebSub subscriptions): off unless enabled, and only with a base URL the hubs can reach. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class PushConfigTest {

    private static final String MAIL = "mail: { host: smtp.example.org, from: digest@example.org }\n";
    private static final Map<String, String> SECRET = Map.of("FEEDLETTER_SECRET", "0123456789abcdef0123456789abcdef");

    @TempDir
    Path workingDirectory;

    @Test
    void push_is_off_unless_enabled() throws Exception {
        FeedletterConfig config = load(MAIL + "web: { port: 8080, base-url: \"https://news.example.org\", "
                + "secret: \"${FEEDLETTER_SECRET}\" }\n");

        assertThat(config.web().orElseThrow().push()).isEqualTo(PushSettings.OFF);
    }

    @Test
    void enabled_with_its_own_safety_net_and_lease() throws Exception {
        FeedletterConfig config = load(MAIL + """
                web:
                  port: 8080
                  base-url: "https://news.example.org"
                  secret: "${FEEDLETTER_SECRET}"
                  push: { enabled: true, poll-every: 12h, lease: 5d }
                """);

        assertThat(config.web().orElseThrow().push())
                .isEqualTo(new PushSettings(true, Duration.ofHours(12), Duration.ofDays(5)));
    }

    @Test
    void a_base_url_on_this_machine_cannot_take_pushes_and_bad_values_are_named() throws IOException {
        assertThat(problems(MAIL + """
                web:
                  port: 8080
                  secret: "${FEEDLETTER_SECRET}"
                  push:
                    enabled: true
                    poll-every: never
                    leases: 5d
                """)).extracting(ConfigProblem::line, ConfigProblem::message).containsExactly(
                tuple(6, "web, push: push needs a base-url that the hubs can reach, and http://localhost:8080 is this "
                        + "machine: set web.base-url to the public address"),
                tuple(7, "web, push: expected a duration like 500ms, 10s, 30m, 2h, 2d or PT30M for poll-every, got "
                        + "'never'"),
                tuple(8, "unknown key 'leases' in web, push (did you mean 'lease'?)"));
    }

    private FeedletterConfig load(String yaml) throws IOException, ConfigException {
        return new ConfigLoader(SECRET, workingDirectory).load(write(yaml));
    }

    private List<ConfigProblem> problems(String yaml) throws IOException {
        Path file = write(yaml);
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> new ConfigLoader(SECRET, workingDirectory).load(file));
        assertThat(e).as("loading should fail").isNotNull();
        return e.problems();
    }

    private Path write(String yaml) throws IOException {
        return Files.writeString(workingDirectory.resolve("feedletter.yaml"), yaml);
    }
}

package org.feedletter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin section: off unless a password comes from the environment. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class AdminConfigTest {

    private static final String PASSWORD = "admin-password-from-env";
    private static final String BASE = """
            mail: { transport: file, from: digest@example.org }
            web: { port: 8080, secret: "${FEEDLETTER_SECRET}" }
            """;

    @TempDir
    Path workingDirectory;

    @Test
    void without_an_admin_section_the_pages_are_off() throws Exception {
        assertThat(load(Map.of(), BASE).admin()).isEqualTo(AdminConfig.OFF);
        assertThat(AdminConfig.OFF.enabled()).isFalse();
    }

    @Test
    void a_password_from_the_environment_turns_them_on_and_never_shows() throws Exception {
        FeedletterConfig config = load(Map.of("FEEDLETTER_ADMIN_PASSWORD", PASSWORD), BASE + """
                admin: { password: "${FEEDLETTER_ADMIN_PASSWORD}", session: 2h }
                """);

        assertThat(config.admin().enabled()).isTrue();
        assertThat(config.admin().password()).isEqualTo(PASSWORD);
        assertThat(config.admin().sessionLength()).isEqualTo(Duration.ofHours(2));
        assertThat(config.toString()).doesNotContain(PASSWORD).contains("AdminConfig[password=****");
    }

    @Test
    void an_optional_variable_that_is_not_set_leaves_them_off() throws Exception {
        FeedletterConfig config = load(Map.of(), BASE + """
                admin: { password: "${FEEDLETTER_ADMIN_PASSWORD:-}" }
                """);

        assertThat(config.admin().enabled()).isFalse();
    }

    @Test
    void a_password_in_the_file_a_short_one_and_one_without_a_web_section_are_refused() throws Exception {
        ConfigException e = failure(Map.of("SHORT", "short"), """
                mail: { transport: file, from: digest@example.org }
                admin:
                  password: "${SHORT}"
                """);

        assertThat(e.problems()).extracting(ConfigProblem::line, ConfigProblem::message).containsExactly(
                tuple(3, "admin: expected a password of at least 12 characters for password, got a shorter one"),
                tuple(3, "admin: the admin pages need a web section to be served from"));
        assertThat(e.getMessage()).doesNotContain("short\"");

        ConfigException written = failure(Map.of(), BASE + "admin: { password: " + PASSWORD + " }\n");
        assertThat(written.problems()).singleElement().satisfies(p -> assertThat(p.message())
                .isEqualTo("admin: the password must not be written in the file; put the password in an environment"
                        + " variable: password: ${FEEDLETTER_ADMIN_PASSWORD}"));
        assertThat(written.getMessage()).doesNotContain(PASSWORD);
    }

    /** Every file here has a web section, which needs its link-signing secret from the environment. */
    private static Map<String, String> withWebSecret(Map<String, String> environment) {
        Map<String, String> all = new HashMap<>(environment);
        all.put("FEEDLETTER_SECRET", "0123456789abcdef0123456789abcdef");
        return all;
    }

    private FeedletterConfig load(Map<String, String> environment, String yaml) throws Exception {
        return new ConfigLoader(withWebSecret(environment), workingDirectory).load(write(yaml));
    }

    private ConfigException failure(Map<String, String> environment, String yaml) throws IOException {
        Path file = write(yaml);
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> new ConfigLoader(withWebSecret(environment), workingDirectory).load(file));
        assertThat(e).as("loading should fail").isNotNull();
        return e;
    }

    private Path write(String yaml) throws IOException {
        return Files.writeString(workingDirectory.resolve("feedletter.yaml"), yaml);
    }
}

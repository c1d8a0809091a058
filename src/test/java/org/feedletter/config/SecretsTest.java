package org.feedletter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Passwords come from the environment only, and their values never reach a message or a log line. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SecretsTest {

    private static final String SECRET = "correct-horse-battery-staple";

    @TempDir
    Path workingDirectory;

    @Test
    void a_password_written_in_the_file_is_refused_without_repeating_it() throws IOException {
        ConfigException e = failure(Map.of(), """
                database:
                  password: %s
                mail:
                  host: smtp.example.org
                  from: digest@example.org
                  password: "%s"
                """.formatted(SECRET, SECRET));

        assertThat(e.problems()).extracting(ConfigProblem::line, ConfigProblem::message).containsExactly(
                tuple(2, "database: the password must not be written in the file;"
                        + " put the password in an environment variable: password: ${DB_PASSWORD}"),
                tuple(6, "mail: the password must not be written in the file;"
                        + " put the password in an environment variable: password: ${SMTP_PASSWORD}"));
        assertThat(e.getMessage()).doesNotContain(SECRET);
    }

    @ParameterizedTest
    @ValueSource(strings = {"${SMTP_PASSWORD:-" + SECRET + "}", "prefix-${SMTP_PASSWORD}", "${SMTP_PASSWORD}${X}"})
    void a_password_partly_written_in_the_file_is_refused_too(String password) throws IOException {
        ConfigException e = failure(Map.of("SMTP_PASSWORD", "x", "X", "y"), """
                mail: { host: smtp.example.org, from: digest@example.org, password: "%s" }
                """.formatted(password));

        assertThat(e.problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("put the password in an environment variable"));
        assertThat(e.getMessage()).doesNotContain(SECRET);
    }

    @Test
    void passwords_from_the_environment_do_not_show_in_the_records_to_string() throws Exception {
        Path file = write("""
                database: { url: "jdbc:postgresql://db/feedletter", password: "${DB_PASSWORD}" }
                mail: { host: smtp.example.org, from: digest@example.org, password: "${SMTP_PASSWORD}" }
                """);

        FeedletterConfig config = new ConfigLoader(Map.of("DB_PASSWORD", SECRET, "SMTP_PASSWORD", SECRET),
                workingDirectory).load(file);

        assertThat(config.database().password()).isEqualTo(SECRET);
        assertThat(config.mail().password()).isEqualTo(SECRET);
        assertThat(config.toString()).doesNotContain(SECRET).contains("password=****");
        assertThat(config.database().toString()).doesNotContain(SECRET);
        assertThat(config.mail().toString()).doesNotContain(SECRET);
    }

    @Test
    void a_value_from_the_environment_is_quoted_as_written_not_as_its_value() throws IOException {
        ConfigException e = failure(Map.of("SMTP_PASSWORD", SECRET), """
                mail:
                  host: smtp.example.org
                  from: "${SMTP_PASSWORD}"
                  port: ${SMTP_PASSWORD}
                  security: ${SMTP_PASSWORD}
                """);

        assertThat(e.problems()).hasSize(3).extracting(ConfigProblem::message)
                .anySatisfy(m -> assertThat(m).isEqualTo("mail: expected a number for port, got '${SMTP_PASSWORD}'"));
        assertThat(e.getMessage()).doesNotContain(SECRET);
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdbc:postgresql://db/feedletter?user=fl&password=" + SECRET,
            "jdbc:h2:file:./data/x;USER=sa;PASSWORD=" + SECRET, "jdbc:mysql://fl:" + SECRET + "@db/feedletter"})
    void a_password_in_the_database_url_is_refused_without_repeating_it(String url) throws IOException {
        ConfigException e = failure(Map.of(), """
                database: { url: "%s" }
                mail: { host: smtp.example.org, from: digest@example.org }
                """.formatted(url));

        assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p.message())
                .isEqualTo("database: the database url must not hold a password; put it in database.password as an"
                        + " environment variable: password: ${DB_PASSWORD}"));
        assertThat(e.getMessage()).doesNotContain(SECRET);
    }

    private ConfigException failure(Map<String, String> environment, String yaml) throws IOException {
        Path file = write(yaml);
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> new ConfigLoader(environment, workingDirectory).load(file));
        assertThat(e).as("loading should fail").isNotNull();
        return e;
    }

    private Path write(String yaml) throws IOException {
        return Files.writeString(workingDirectory.resolve("feedletter.yaml"), yaml);
    }
}

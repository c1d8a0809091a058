package org.feedletter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** web.hub: the WebSub hub the merged feeds name and tell of changes. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class WebHubConfigTest {

    private static final Map<String, String> ENVIRONMENT =
            Map.of("FEEDLETTER_SECRET", "0123456789abcdef0123456789abcdef");

    @TempDir
    Path dir;

    @Test
    void without_a_hub_there_is_none_and_the_effective_config_names_none() throws Exception {
        ConfigLoader.Checked checked = new ConfigLoader(ENVIRONMENT, dir).check(write(""));

        assertThat(checked.config().web().orElseThrow().hub()).isEmpty();
        assertThat(checked.effectiveYaml()).doesNotContain("hub:");
        assertThat(checked.reference()).contains("  # hub:\n");
    }

    @Test
    void a_hub_is_an_http_or_https_url_and_config_check_prints_it() throws Exception {
        ConfigLoader.Checked checked =
                new ConfigLoader(ENVIRONMENT, dir).check(write("  hub: https://hub.example.org/\n"));

        assertThat(checked.config().web().orElseThrow().hub()).contains(URI.create("https://hub.example.org/"));
        assertThat(checked.effectiveYaml()).contains("  hub: https://hub.example.org/\n");
        assertThat(checked.config().web().orElseThrow().toString()).contains("hub=https://hub.example.org/");
    }

    @Test
    void a_bad_hub_is_reported_with_its_file_and_line() throws Exception {
        for (String bad : new String[] {"hub.example.org", "ftp://hub.example.org/", "https://", "/hub"}) {
            Path file = write("  description: a line\n  hub: \"" + bad + "\"\n");
            ConfigException e = catchThrowableOfType(ConfigException.class,
                    () -> new ConfigLoader(ENVIRONMENT, dir).load(file));

            assertThat(e).as(bad).isNotNull();
            assertThat(e.problems()).as(bad).extracting(ConfigProblem::file, ConfigProblem::line)
                    .containsExactly(tuple(file, 6));
            assertThat(e.problems().get(0).message()).as(bad).startsWith("web: ").contains("for hub", bad);
        }
    }

    @Test
    void a_hub_with_a_password_or_token_is_refused_as_every_feed_would_publish_it() throws Exception {
        Path file = write("  hub: \"https://hub.example.org/publish?token=s3cr3t\"\n");
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> new ConfigLoader(ENVIRONMENT, dir).load(file));

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(5);
            assertThat(p.message()).startsWith("web: the hub 'https://hub.example.org/publish?token=****' carries a "
                    + "password or token");
        });
        assertThat(e.getMessage()).doesNotContain("s3cr3t");
    }

    /** A file whose web section ends with {@code webKeys} (from line 5), each indented by two spaces. */
    private Path write(String webKeys) throws Exception {
        return Files.writeString(dir.resolve("feedletter.yaml"), """
                mail: { transport: file, from: digest@example.org }
                web:
                  port: 8080
                  secret: "${FEEDLETTER_SECRET}"
                """ + webKeys);
    }
}

package org.feedletter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dedup section: defaults when absent, values when given, bad values with their line. */
class DedupConfigTest {

    private static final String MAIL = "mail: { host: smtp.example.org, from: digest@example.org }\n";

    @TempDir
    Path workingDirectory;

    @Test
    void withoutADedupSectionTheDefaultsApply() throws Exception {
        assertThat(load(MAIL).dedup()).isEqualTo(DedupSettings.defaults());
        assertThat(DedupSettings.defaults().window()).isEqualTo(Duration.ofDays(14));
    }

    @Test
    void theValuesGivenAreRead() throws Exception {
        DedupSettings dedup = load(MAIL + "dedup: { window: 3d, min-words: 30, text-similarity: 0.7, "
                + "title-similarity: 0.4 }\n").dedup();

        assertThat(dedup).isEqualTo(new DedupSettings(Duration.ofDays(3), 30, 0.7, 0.4));
    }

    @Test
    void badValuesAreReportedWithTheirLines() throws IOException {
        Path file = Files.writeString(workingDirectory.resolve("feedletter.yaml"), MAIL + """
                dedup:
                  window: fortnight
                  text-similarity: 1.5
                  title-similarity: half
                  min-wrds: 10
                """);
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> new ConfigLoader(Map.of(), workingDirectory).load(file));

        assertThat(e).isNotNull();
        assertThat(e.problems()).extracting(ConfigProblem::line).containsExactlyInAnyOrder(3, 4, 5, 6);
        assertThat(e.getMessage()).contains("window", "fortnight", "expected a number between 0 and 1, e.g. 0.6 for "
                + "text-similarity, got '1.5'", "title-similarity", "min-wrds");
    }

    private FeedletterConfig load(String yaml) throws Exception {
        Path file = Files.writeString(workingDirectory.resolve("feedletter.yaml"), yaml);
        return new ConfigLoader(Map.of(), workingDirectory).load(file);
    }
}

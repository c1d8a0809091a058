package org.feedletter.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/feedletter, as the README runs it, on the jar the build just made (a copy, so its archive is this test's):
 * the first run that goes through writes the class-data-sharing archive, the runs after it load feedletter's
 * classes from it, and a run that fails leaves none.
 */
class LauncherIT {

    private static final Path LAUNCHER = Path.of("bin/feedletter").toAbsolutePath();
    private static final Path JAR = Path.of("target/feedletter.jar").toAbsolutePath();

    @TempDir
    Path dir;

    private record Run(int exit, String output) {}

    private Run launch(Path jar, String javaOptions, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(LAUNCHER.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("FEEDLETTER_JAR", jar.toString());
        env.remove("FEEDLETTER_CDS");
        env.put("FEEDLETTER_JAVA_OPTS", javaOptions);
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    private Path jarCopy() throws IOException {
        return Files.copy(JAR, dir.resolve("feedletter.jar"));
    }

    @Test
    void theFirstRunWritesTheArchiveAndTheNextLoadsFeedlettersClassesFromIt() throws Exception {
        Path jar = jarCopy();
        Path archive = dir.resolve("feedletter.jsa");

        Run first = launch(jar, "", "--version");
        assertThat(first.exit()).isZero();
        assertThat(first.output()).startsWith("feedletter ");
        assertThat(archive).isNotEmptyFile();
        try (var leftovers = Files.list(dir)) {
            assertThat(leftovers.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("feedletter.jar",
                    "feedletter.jsa");
        }

        Run second = launch(jar, "-Xshare:on -Xlog:class+load=info", "--version");
        assertThat(second.exit()).isZero();
        assertThat(second.output()).contains("org.feedletter.Main source: shared objects file (top)");
    }

    @Test
    void aRunThatFailsLeavesNoArchive() throws Exception {
        Path jar = jarCopy();

        Run typo = launch(jar, "", "stauts");

        assertThat(typo.exit()).isEqualTo(2);
        assertThat(typo.output()).contains("Did you mean: feedletter status");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("feedletter.jar");
        }
    }

    @Test
    void aNewerJarGetsANewArchive() throws Exception {
        Path jar = jarCopy();
        Path archive = dir.resolve("feedletter.jsa");
        assertThat(launch(jar, "", "--version").exit()).isZero();
        // As after a build: the jar newer than the archive.
        Files.setLastModifiedTime(archive, java.nio.file.attribute.FileTime.fromMillis(
                Files.getLastModifiedTime(jar).toMillis() - 10_000));

        Run rebuilt = launch(jar, "-Xlog:class+load=info", "--version");

        assertThat(rebuilt.exit()).isZero();
        assertThat(rebuilt.output()).contains("org.feedletter.Main source: file:");
        assertThat(Files.getLastModifiedTime(archive)).isGreaterThan(Files.getLastModifiedTime(jar));
    }

    @Test
    void withoutAJarItSaysHowToBuildOne() throws Exception {
        Run missing = launch(dir.resolve("nowhere.jar"), "", "status");

        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.output()).contains("nowhere.jar", "mvn -q package -DskipTests");
    }
}

package org.feedletter.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the baselines that run other programs share. */
final class ExternalTool {

    private ExternalTool() {}

    /** Whether {@code command --version} runs and succeeds. */
    static boolean installed(String command) throws InterruptedException {
        try {
            return new ProcessBuilder(command, "--version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** Deletes a directory of plain files made for a run. */
    static void deleteFlatDirectory(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(dir);
    }

    /** Deletes a directory made for a run, with everything under it. */
    static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}

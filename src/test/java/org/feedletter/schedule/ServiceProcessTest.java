package org.feedletter.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.feedletter.testing.FeedletterProcess;
import org.feedletter.testing.Waiting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code feedletter run} as an operator runs it: a process that does its work on its own and stops on Ctrl-C. */
class ServiceProcessTest {

    @TempDir
    Path dir;

    @Test
    void runWorksUntilCtrlCAndThenStopsCleanly() throws Exception {
        for (String sample : List.of("site-wide.xml", "quick-comment.atom", "partner.json")) {
            Files.copy(Path.of("config/samples", sample), dir.resolve(sample));
        }
        Path outbox = dir.resolve("outbox");
        Path config = dir.resolve("feedletter.yaml");
        Files.writeString(config, """
                database: { url: "jdbc:h2:file:%s" }
                mail: { transport: file, from: "digest@example.org", outbox-dir: "%s" }
                feeds:
                  - url: "%s"
                  - url: "%s"
                newsletters:
                  - { id: quick-comment, include: { categories: ["Quick Comment"] }, schedule: "0 0 8 * * ?" }
                subscribers:
                  - { email: alice@example.org, newsletters: [quick-comment] }
                """.formatted(dir.resolve("data/db"), outbox, dir.resolve("site-wide.xml").toUri(),
                dir.resolve("quick-comment.atom").toUri()));

        try (FeedletterProcess run = FeedletterProcess.start(dir.resolve("run.log"), List.of(), "run", "--config",
                config.toString())) {
            Waiting.until(Duration.ofSeconds(60), () -> Files.isDirectory(outbox) && count(outbox) == 1);
            run.signal("INT");

            assertThat(run.process().waitFor(30, TimeUnit.SECONDS)).as("exited after Ctrl-C").isTrue();
            assertThat(run.process().exitValue()).isZero();
            assertThat(Files.readString(run.output())).contains("Press Ctrl-C to stop", "Stopping: finishing what is in flight",
                    "feedletter stopped.");
        }
    }

    private static long count(Path dir) {
        try (var files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".eml")).count();
        } catch (Exception e) {
            return 0;
        }
    }
}

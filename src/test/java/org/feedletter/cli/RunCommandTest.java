package org.feedletter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RunCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void copySamples() throws Exception {
        for (String sample : new String[] {"site-wide.xml", "quick-comment.atom", "partner.json"}) {
            Files.copy(Path.of("config/samples", sample), dir.resolve(sample));
        }
    }

    private int run(String... args) {
        CommandLine commandLine = FeedletterCommand.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    private Path config(String extraFeed) throws Exception {
        Path file = dir.resolve("feedletter.yaml");
        Files.writeString(file, """
                database: { url: "jdbc:h2:file:%s" }
                mail: { transport: file, from: "Quick Comments <digest@example.org>", outbox-dir: "%s" }
                feeds:
                  - url: "%s"
                  - url: "%s"
                  - url: "%s"
                %s
                newsletters:
                  - { id: quick-comment, include: { categories: ["Quick Comment"] }, schedule: "0 0 8 * * ?" }
                subscribers:
                  - { email: alice@example.org, newsletters: [quick-comment] }
                """.formatted(dir.resolve("data/feedletter"), dir.resolve("outbox"), dir.resolve("site-wide.xml").toUri(),
                dir.resolve("quick-comment.atom").toUri(), dir.resolve("partner.json").toUri(), extraFeed));
        return file;
    }

    @Test
    void aBrokenDigestTemplateStopsTheRunBeforeAnyPollAndIsNamedWithItsLine() throws Exception {
        Path templates = Files.createDirectories(dir.resolve("templates"));
        Files.writeString(templates.resolve("digest.txt.ftl"), "line one\n<#list items as>\n");
        Path config = config("");
        Files.writeString(config, Files.readString(config) + "templates: { dir: \"" + templates + "\" }\n");

        int exit = run("run", "--once", "--config", config.toString());

        assertThat(exit).isEqualTo(ExitCode.BAD_CONFIG_OR_USAGE);
        assertThat(err.toString()).startsWith("feedletter cannot start: ").contains("digest.txt.ftl", "line 2");
        assertThat(out.toString()).doesNotContain("Feeds:");
        assertThat(dir.resolve("outbox")).doesNotExist();
    }

    @Test
    void runOnceOnTheSampleFeedsExitsZeroAndSaysWhatItDid() throws Exception {
        int exit = run("run", "--once", "--config", config("").toString());

        assertThat(exit).isZero();
        assertThat(out.toString())
                .contains("Feeds:      3 polled, 0 not modified, 0 failed")
                .contains("Items:      9 new, 6 duplicates dropped")
                .contains("quick-comment: edition 1 with 4 items, 1 message queued")
                .contains("Messages:   1 sent to files in " + dir.resolve("outbox"));
        try (var files = Files.list(dir.resolve("outbox"))) {
            assertThat(files.toList()).hasSize(1);
        }
    }

    @Test
    void aSecondRunOverUnchangedFeedsSendsNothing() throws Exception {
        Path config = config("");
        run("run", "--once", "--config", config.toString());
        out.getBuffer().setLength(0);

        int exit = run("run", "--once", "--config", config.toString());

        assertThat(exit).isZero();
        assertThat(out.toString()).contains("3 polled, 3 not modified, 0 failed", "Messages:   0 sent");
    }

    @Test
    void aFailedFeedIsRecordedAndExitsOne() throws Exception {
        int exit = run("run", "--once", "--config", config("  - url: \"" + dir.resolve("missing.xml").toUri() + "\"").toString());

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString()).contains("1 failed", "file not found", "Messages:   1 sent");
    }

    @Test
    void aBadConfigExitsTwoListingEachProblemWithFileAndLine() throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, """
                mail: { transport: file }
                newsletters:
                  - { id: qc, schedule: "0 0 25 * * ?", time-zone: Mars/Olympus }
                """);

        int exit = run("run", "--once", "--config", bad.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains(bad + ":1: mail: missing required key 'from'")
                .contains(bad + ":3: newsletter 'qc': bad cron expression")
                .contains(bad + ":3: newsletter 'qc': unknown time zone 'Mars/Olympus'");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aMissingConfigFileExitsTwo() {
        int exit = run("run", "--once", "--config", dir.resolve("nope.yaml").toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("nope.yaml");
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(run("run", "--frobnicate")).isEqualTo(2);
        assertThat(run("run", "--no-send")).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown option: '--frobnicate'", "--no-send only works with --once");
    }

    @Test
    void helpListsTheCommandsExamplesAndExitCodes() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("run", "Examples:", "Exit codes:");
    }

    @Test
    void messagesThatCouldNotGoOutAreCountedAsStillInTheOutbox() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort(); // nothing listens there once it is closed
        }
        Path file = config("");
        Files.writeString(file, Files.readString(file).replaceFirst("mail: \\{[^}]*\\}",
                "mail: { transport: smtp, host: 127.0.0.1, port: " + closedPort + ", security: none, "
                        + "from: \"Quick Comments <digest@example.org>\" }"));

        int exit = run("run", "--once", "--config", file.toString());

        assertThat(out.toString()).contains("0 sent to SMTP", "1 message still in the outbox");
        assertThat(exit).as(out.toString()).isEqualTo(ExitCode.FAILURES); // the server could not be reached
    }
}

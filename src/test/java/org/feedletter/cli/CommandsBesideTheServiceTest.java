package org.feedletter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.feedletter.cli.CliFixture.Result;
import org.feedletter.testing.FeedServer;
import org.feedletter.testing.FeedletterProcess;
import org.feedletter.testing.Waiting;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped default, an embedded H2 file, managed while the service runs: the service (a process of its own)
 * holds the file and lets commands in, so they work beside it instead of waiting for the file and failing.
 */
class CommandsBesideTheServiceTest {

    @TempDir
    Path dir;

    private FeedServer feeds;
    private Path config;

    @BeforeEach
    void setUp() throws Exception {
        feeds = FeedServer.start()
                .serveResource("/site-wide.rss", "application/rss+xml", "/pipeline/site-wide.rss")
                .serveResource("/quick-comment.atom", "application/atom+xml", "/pipeline/quick-comment.atom")
                .serveResource("/partner.json", "application/feed+json", "/pipeline/partner.json");
        config = Files.writeString(dir.resolve("feedletter.yaml"), """
                database: { url: "jdbc:h2:file:%s" }
                mail: { transport: file, from: digest@example.org, outbox-dir: "%s" }
                feeds:
                  - { url: "%s", name: site-wide }
                newsletters:
                  - { id: quick-comment, title: Quick Comment digest, include: { categories: ["Quick Comment"] },
                      schedule: "0 0 8 * * ?" }
                """.formatted(dir.resolve("data/feedletter"), dir.resolve("outbox"), feeds.url("/site-wide.rss")));
    }

    @AfterEach
    void tearDown() {
        feeds.close();
    }

    @Test
    void whileTheServiceRunsCommandsLookAtAndChangeTheEmbeddedDatabaseThroughIt() throws Exception {
        Path serving = dir.resolve("data/feedletter.serving");
        try (FeedletterProcess service = FeedletterProcess.start(dir.resolve("service.log"), List.of("-DrelayLog=INFO"),
                "run", "--config", config.toString())) {
            Waiting.until(Duration.ofSeconds(60), () -> read(service.output()).contains("is running"));
            assertThat(serving).exists();

            Result status = run("status");
            assertThat(status.exit()).as(status.err()).isZero();
            assertThat(status.out()).contains("Feeds:       1,").containsPattern(": last seen (now|\\d+ s ago)");

            Result added = run("feeds", "add", feeds.url("/partner.json").toString(), "--name", "Partner");
            assertThat(added.exit()).as(added.err()).isZero();
            assertThat(added.out()).contains("Added feed 2: Partner");

            Result subscribed = run("subscribers", "add", "bob@example.org", "--newsletter", "quick-comment");
            assertThat(subscribed.exit()).as(subscribed.err()).isZero();

            Result polled = run("poll");
            assertThat(polled.exit()).as(polled.err()).isZero();

            Result list = run("feeds", "list");
            assertThat(list.out()).containsPattern("2 +Partner +added +active").contains("2 feeds, 0 failing.");

            // From a process of its own (Main), the command is handed to the service, which runs it and answers.
            try (FeedletterProcess client = FeedletterProcess.start(dir.resolve("client.log"), List.of(), "feeds",
                    "list", "--config", config.toString())) {
                assertThat(client.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(client.process().exitValue()).as(read(client.output())).isZero();
                // The same listing (the service may poll between the two, so not to the character).
                assertThat(read(client.output())).containsPattern("2 +Partner +added +active")
                        .contains("2 feeds, 0 failing.");
            }
            Waiting.until(Duration.ofSeconds(10), () -> read(service.output())
                    .contains("ran `feedletter feeds list` for a command started beside the service (exit 0)"));
            assertThat(run("subscribers", "list").out()).contains("bob@example.org");
            // by URL: ids are not always 1, 2, ... (the service's own first poll races this one, and an ingest that
            // lost the race and ran again used up the ids it had taken)
            Result why = run("items", "why", "https://think.example.org/qc/central-bank-pause/");
            assertThat(why.exit()).as(why.err()).isZero();

            // A config edited while the service runs applies when it restarts: a command beside it shows what it runs.
            Result edited = runWith(withTypeFeed(), "feeds", "list");
            assertThat(edited.exit()).as(edited.err()).isZero();
            assertThat(edited.out()).contains("2 feeds, 0 failing.").doesNotContain("type-feed");

            service.signal("INT");
            assertThat(service.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(read(service.output())).contains("feedletter stopped.");
        }
        assertThat(serving).as("removed when the service stops").doesNotExist();
        Result afterwards = run("feeds", "list");
        assertThat(afterwards.exit()).as(afterwards.err()).isZero();
        assertThat(afterwards.out()).contains("2 feeds, 0 failing.");
        assertThat(run("status").out()).as("the service said it stopped").containsPattern(": stopped (now|\\d+ s ago)");
        assertThat(runWith(withTypeFeed(), "feeds", "list").out()).as("alone, a command syncs the config it reads")
                .contains("type-feed").contains("3 feeds, 0 failing.");
    }

    private Path withTypeFeed() throws java.io.IOException {
        String feedsKey = "feeds:\n";
        String text = Files.readString(config).replace(feedsKey, feedsKey
                + "  - { url: \"" + feeds.url("/quick-comment.atom") + "\", name: type-feed }\n");
        return Files.writeString(dir.resolve("edited.yaml"), text);
    }

    @Test
    void aServingFileLeftByAKilledProcessIsPassedOver() throws Exception {
        assertThat(run("status").exit()).isZero(); // creates the database
        // What a process killed with -9 leaves: a port nothing listens on any more.
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Files.writeString(dir.resolve("data/feedletter.serving"), "port=" + closedPort + "\nkey=0123abcd\npid=1\n");

        Result status = run("status");

        assertThat(status.exit()).as(status.err()).isZero();
        assertThat(status.out()).contains("Feeds:       1,");
    }

    private Result run(String... args) {
        return runWith(config, args);
    }

    private static Result runWith(Path config, String... args) {
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.add("--config");
        all.add(config.toString());
        return CliFixture.runWithout(all.toArray(String[]::new));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return "";
        }
    }
}

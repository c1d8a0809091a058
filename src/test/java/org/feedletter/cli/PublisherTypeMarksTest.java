package org.feedletter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.feedletter.cli.CliFixture.Result;
import org.feedletter.testing.FeedServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Quick Comments found however the publisher marks them, on feeds served over HTTP: a type-feed whose entries carry
 * no category (the config gives the feed one), the type only in the URL path, only as a label at the top of the
 * text, a title prefix in the plural, a dc:subject slug. The site-wide feed, which marks nothing, is polled first.
 */
class PublisherTypeMarksTest {

    @TempDir
    Path dir;

    private FeedServer server;

    private static final String NEWSLETTERS = """
            newsletters:
              - { id: by-category, title: Quick Comments, include: { categories: [Quick Comment] },
                  schedule: "0 0 8 * * ?" }
              - { id: by-path, title: Quick Comments by URL, include: { url-path: /publications/quick-comment/ },
                  schedule: "0 0 8 * * ?" }
              - { id: by-label, title: Quick Comments by label, include: { label: Quick Comment },
                  schedule: "0 0 8 * * ?" }
              - { id: by-url-regex, title: Commentary, include: { url-regex: "/commentary/[a-z-]+$" },
                  schedule: "0 0 8 * * ?" }
            subscribers:
              - { email: alice@example.org, newsletters: [by-category] }
            """;

    @BeforeEach
    void serve() {
        server = FeedServer.start()
                .serveResource("/feed/", "application/rss+xml", "/types/site-wide.rss")
                .serveResource("/quick-comments/feed/", "application/atom+xml", "/types/quick-comments.atom")
                .serveResource("/experts/jonas-aas/feed/", "application/rss+xml", "/types/author-aas.rss");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Path config(String name, String feeds) throws IOException {
        return Files.writeString(dir.resolve(name), """
                database: { url: "jdbc:h2:file:%s" }
                mail: { transport: file, from: digest@example.org, outbox-dir: "%s" }
                feeds:
                %s
                %s""".formatted(dir.resolve("data/feedletter"), dir.resolve("outbox"), feeds, NEWSLETTERS));
    }

    private static Result run(Path config, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--config");
        all.add(config.toString());
        return CliFixture.runWithout(all.toArray(String[]::new));
    }

    @Test
    void eachNewsletterFindsItsQuickCommentsByTheMarkItAsksFor() throws IOException {
        Path siteWideOnly = config("first.yaml", "  - { url: \"" + server.url("/feed/") + "\", name: site-wide }");
        assertThat(run(siteWideOnly, "poll").exit()).isZero();
        Path all = config("all.yaml", String.join("\n",
                "  - { url: \"" + server.url("/feed/") + "\", name: site-wide }",
                "  - { url: \"" + server.url("/quick-comments/feed/") + "\", name: quick-comments, "
                        + "categories: [Quick Comment] }",
                "  - { url: \"" + server.url("/experts/jonas-aas/feed/") + "\", name: jonas-aas }"));
        assertThat(run(all, "poll").exit()).isZero();

        Result byCategory = run(all, "digest", "preview", "by-category");
        assertThat(byCategory.exit()).as(byCategory.err()).isZero();
        assertThat(byCategory.out())
                .contains("3 of 7 new items would go out")
                .containsPattern("in +Central bank pauses its rate rises .* +category 'quick comment'")
                .containsPattern("in +Grain corridor reopens after three weeks .* +category 'quick comment'")
                .containsPattern("in +Quick comments: election night in Tallinn .* +category 'quick-comment' "
                        + "\\(as 'Quick Comment'\\)")
                .containsPattern("out +Seminar: Arctic shipping after the thaw")
                .containsPattern("out +Ceasefire talks stall over monitoring");

        assertThat(run(all, "digest", "preview", "by-path").out())
                .contains("2 of 7 new items would go out")
                .containsPattern("in +Central bank pauses its rate rises .* +URL path starts with "
                        + "'/publications/quick-comment/'")
                .containsPattern("out +Annual energy security report 2026 .* +URL path "
                        + "'/publications/report/energy-security-2026' starts with none of");

        assertThat(run(all, "digest", "preview", "by-label").out())
                .contains("1 of 7 new items would go out")
                .containsPattern("in +Ceasefire talks stall over monitoring .* +label 'Quick Comment' at the top")
                .containsPattern("out +Seminar: Arctic shipping after the thaw .* +no label among");

        assertThat(run(all, "digest", "preview", "by-url-regex").out())
                .contains("2 of 7 new items would go out")
                .containsPattern("in +Ceasefire talks stall over monitoring .* +URL matches");

        assertThat(run(all, "run", "--once").exit()).isZero();
        String mailed;
        try (Stream<Path> files = Files.list(dir.resolve("outbox"))) {
            List<Path> messages = files.toList();
            assertThat(messages).hasSize(1);
            mailed = Files.readString(messages.get(0));
        }
        assertThat(mailed).contains("Central bank pauses its rate rises", "Grain corridor reopens after three weeks",
                        "election night in Tallinn")
                .doesNotContain("Seminar", "Annual energy security report", "Ceasefire talks");
    }

    @Test
    void feedsTestProposesTheMarksThatTellItsEntriesApart() {
        Path config = dir.resolve("none.yaml");
        Result tested = CliFixture.runWithout("feeds", "test", server.url("/feed/").toString(), "--config",
                writeMinimal(config).toString());

        assertThat(tested.exit()).as(tested.err()).isZero();
        assertThat(tested.out())
                .contains("Types:      url-path: /publications/ (3 of 5), /publications/quick-comment/ (2 of 5)")
                .contains("title prefix (categories takes it): Seminar (1 of 5)")
                .contains("labels: Quick Comment (1 of 5)")
                .doesNotContain("categories: ");
    }

    private Path writeMinimal(Path config) {
        try {
            return Files.writeString(config, """
                    database: { url: "jdbc:h2:mem:types-%d;DB_CLOSE_DELAY=-1" }
                    mail: { transport: file, from: digest@example.org, outbox-dir: "%s" }
                    """.formatted(System.nanoTime(), dir.resolve("outbox")));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

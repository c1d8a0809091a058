package org.feedletter.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.feedletter.testing.FeedServer;
import picocli.CommandLine;

/**
 * A config file for command tests: feeds from a real HTTP server (the pipeline fixtures and a web page that links
 * two of them), an H2 database that outlives each command, mail written to files, one newsletter and one subscriber.
 */
final class CliFixture implements AutoCloseable {

    /** What a command printed and how it exited. */
    record Result(int exit, String out, String err) {}

    final FeedServer server = FeedServer.start()
            .serveResource("/site-wide.rss", "application/rss+xml", "/pipeline/site-wide.rss")
            .serveResource("/quick-comment.atom", "application/atom+xml", "/pipeline/quick-comment.atom")
            .serveResource("/partner.json", "application/feed+json", "/pipeline/partner.json")
            .serveResource("/home", "text/html; charset=utf-8", "/cli/institute-home.html")
            .fail("/broken.xml", 503);
    final Path dir;
    final Path config;

    /** A newsletter with every kind of reason: a feed and keywords that must all match, an author excluded. */
    static final String NORDIC = """
              - id: nordic
                title: Nordic desk
                schedule: "0 0 8 * * ?"
                include:
                  match: all
                  feeds: [site-wide.rss]
                  keywords: [arctic, mackerel, northern route]
                exclude:
                  authors: [Jonas Aas]
            """;

    CliFixture(Path dir, String... feedPaths) throws IOException {
        this(dir, "", feedPaths);
    }

    /** With more newsletters: YAML list items, indented by two spaces, after the quick-comment one. */
    static CliFixture withNewsletters(Path dir, String moreNewsletters, String... feedPaths) throws IOException {
        return new CliFixture(dir, moreNewsletters, feedPaths);
    }

    private CliFixture(Path dir, String moreNewsletters, String[] feedPaths) throws IOException {
        this.dir = dir;
        this.config = dir.resolve("feedletter.yaml");
        List<String> feeds = new ArrayList<>();
        for (String path : feedPaths) {
            feeds.add("  - { url: \"" + server.url(path) + "\", name: \"" + path.substring(1) + "\" }");
        }
        Files.writeString(config, """
                database: { url: "jdbc:h2:mem:cli-%s;DB_CLOSE_DELAY=-1" }
                mail: { transport: file, from: "Quick Comments <digest@example.org>", outbox-dir: "%s" }
                feeds:
                %s
                newsletters:
                  - { id: quick-comment, title: Quick Comment digest, include: { categories: ["Quick Comment"] },
                      schedule: "0 0 8 * * ?", time-zone: Europe/Stockholm }
                %s
                subscribers:
                  - { email: alice@example.org, newsletters: [quick-comment] }
                """.formatted(UUID.randomUUID(), dir.resolve("outbox"), feeds.isEmpty() ? "  []" : String.join("\n", feeds),
                        moreNewsletters.stripTrailing())
                .replace("feeds:\n  []", "feeds: []"));
    }

    /** Runs a command with this fixture's config appended. */
    Result run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--config");
        all.add(config.toString());
        return runWithout(all.toArray(String[]::new));
    }

    /** Runs a command as given, on the command line Main builds for it. */
    static Result runWithout(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = FeedletterCommand.commandLine(args);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exit = commandLine.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    long outboxFiles() throws IOException {
        Path outbox = dir.resolve("outbox");
        if (!Files.isDirectory(outbox)) {
            return 0;
        }
        try (var files = Files.list(outbox)) {
            return files.count();
        }
    }

    @Override
    public void close() {
        server.close();
    }
}

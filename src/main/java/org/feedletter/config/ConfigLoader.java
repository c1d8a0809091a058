package org.feedletter.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and validates {@code config/feedletter.yaml}. A file that cannot be used fails with every problem in it,
 * each with its line and what was expected, so that one start-up attempt shows everything to fix.
 */
public final class ConfigLoader {

    private final Map<String, String> environment;
    private final Path workingDirectory;

    /** Relative paths and {@code file:} URLs in the file resolve against the process's working directory. */
    public ConfigLoader(Map<String, String> environment) {
        this(environment, Path.of("").toAbsolutePath());
    }

    /** For tests and tools that run elsewhere than the project root. */
    public ConfigLoader(Map<String, String> environment, Path workingDirectory) {
        this.environment = Map.copyOf(environment);
        this.workingDirectory = workingDirectory.toAbsolutePath().normalize();
    }

    public FeedletterConfig load(Path file) throws ConfigException {
        return check(file).config();
    }

    /**
     * A config and how it takes effect, in the file's own keys with every default filled in, as YAML that loads back
     * to the same config (environment references kept as they are written).
     */
    public static final class Checked {
        private final FeedletterConfig config;
        private final EffectiveConfig effective;

        private Checked(FeedletterConfig config, EffectiveConfig effective) {
            this.config = config;
            this.effective = effective;
        }

        public FeedletterConfig config() {
            return config;
        }

        /** Printed on demand: every command loads the config, only {@code config check} prints it. */
        public String effectiveYaml() {
            return effective.yaml();
        }

        /** The same with every key the loader reads, set or not. */
        public String reference() {
            return effective.yaml(true);
        }
    }

    public Checked check(Path file) throws ConfigException {
        Problems problems = new Problems(file);
        return check(file, text(file, problems), problems);
    }

    /**
     * Every key the loader reads, each with its default where it has one ({@code # default}), under a config that
     * turns every section on: what {@code feedletter config reference} prints. Made by the loader itself, so it
     * cannot fall behind it.
     */
    public static String reference(Path workingDirectory) {
        Map<String, String> environment = Map.of("FEEDLETTER_SECRET", "x".repeat(32), "FEEDLETTER_METRICS_TOKEN",
                "y".repeat(32), "FEEDLETTER_ADMIN_PASSWORD", "z".repeat(16), "SMTP_PASSWORD", "p", "DB_PASSWORD", "p");
        Path source = workingDirectory.resolve("config/feedletter.yaml");
        Problems problems = new Problems(source);
        try {
            return new ConfigLoader(environment, workingDirectory).check(source, Optional.of(REFERENCE), problems)
                    .reference();
        } catch (ConfigException e) {
            throw new IllegalStateException("the reference config does not load: " + e.getMessage(), e);
        }
    }

    /**
     * Every section on, each list with one item but newsletters, which have a cron one and an as-published one so
     * that the keys of both kinds of schedule show their defaults; secrets from the environment.
     */
    private static final String REFERENCE = """
            database: { password: "${DB_PASSWORD}" }
            web: { port: 8080, secret: "${FEEDLETTER_SECRET}", metrics-token: "${FEEDLETTER_METRICS_TOKEN}" }
            mail: { host: smtp.example.org, username: digest, password: "${SMTP_PASSWORD}",
                    from: "Quick Comments <digest@example.org>" }
            admin: { password: "${FEEDLETTER_ADMIN_PASSWORD}" }
            bounces: { address: bounces@example.org, ses-topics: ["arn:aws:sns:eu-west-1:123456789012:bounces"],
                       mailgun-signing-key: "${MAILGUN_SIGNING_KEY:-}",
                       mailbox: { host: imap.example.org, username: bounces, password: "${BOUNCE_MAILBOX_PASSWORD:-}" } }
            feeds:
              - { url: "https://example.org/feed/" }
            newsletters:
              - { id: quick-comment, schedule: "0 0 8 * * ?", include: { categories: [Quick Comment] },
                  exclude: { keywords: [sponsored] } }
              - { id: breaking, schedule: as-published }
            subscribers:
              - { email: alice@example.org, newsletters: [quick-comment] }
            """;

    private Checked check(Path file, Optional<String> text, Problems problems) throws ConfigException {
        Optional<YamlNode.Mapping> root = text.flatMap(t -> root(t, problems));
        if (root.isEmpty()) {
            throw problems.exception();
        }
        ConfigReader reader = new ConfigReader(file, workingDirectory, problems, new Placeholders(environment));
        FeedletterConfig config = reader.read(root.get());
        if (!problems.isEmpty()) {
            throw problems.exception();
        }
        return new Checked(config, reader.effective());
    }

    private static Optional<String> text(Path file, Problems problems) {
        if (Files.isDirectory(file)) {
            problems.add(0, "expected a YAML file, but this is a folder");
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            problems.add(0, "the config file does not exist (looked for " + file.toAbsolutePath() + ")");
        } catch (CharacterCodingException e) {
            problems.add(0, "the config file is not UTF-8 text");
        } catch (IOException e) {
            problems.add(0, "cannot read the config file: " + e);
        }
        return Optional.empty();
    }

    private static Optional<YamlNode.Mapping> root(String text, Problems problems) {
        try {
            YamlNode root = YamlTree.parse(text).orElse(null);
            if (root == null) {
                problems.add(0, "the config file is empty; expected at least a mail section with from and host");
            } else if (root instanceof YamlNode.Mapping mapping) {
                return Optional.of(mapping);
            } else {
                problems.add(root.line(), "expected a mapping of sections (database, web, mail, fetch, delivery,"
                        + " templates, feeds, newsletters, subscribers) at the top level, got " + root.kind());
            }
        } catch (YamlTree.SyntaxException e) {
            problems.add(e.line(), e.getMessage());
        }
        return Optional.empty();
    }
}

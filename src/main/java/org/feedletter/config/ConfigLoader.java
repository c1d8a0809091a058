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
    public record Checked(FeedletterConfig config, String effectiveYaml) {}

    public Checked check(Path file) throws ConfigException {
        Problems problems = new Problems(file);
        Optional<YamlNode.Mapping> root = text(file, problems).flatMap(text -> root(text, problems));
        if (root.isEmpty()) {
            throw problems.exception();
        }
        ConfigReader reader = new ConfigReader(file, workingDirectory, problems, new Placeholders(environment));
        FeedletterConfig config = reader.read(root.get());
        if (!problems.isEmpty()) {
            throw problems.exception();
        }
        return new Checked(config, reader.effective().yaml());
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

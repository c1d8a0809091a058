package org.feedletter.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.feedletter.Feedletter;
import org.feedletter.StartupException;
import org.feedletter.config.ConfigException;
import org.feedletter.config.ConfigLoader;
import org.feedletter.config.ConfigProblem;
import org.feedletter.config.FeedletterConfig;
import org.feedletter.store.Database;
import picocli.CommandLine.Option;

/** The {@code --config FILE} option every command takes, and loading it with every problem reported. */
final class ConfigOption {

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", defaultValue = "config/feedletter.yaml",
            description = "The config file (default: ${DEFAULT-VALUE}).")
    Path file;

    /**
     * feedletter opened on the config (database migrated, config feeds and subscribers synced, templates checked, ready
     * to fetch and mail), or empty after printing why it cannot start: the caller exits with
     * {@link ExitCode#BAD_CONFIG_OR_USAGE}.
     */
    Optional<Feedletter> open(PrintWriter err) {
        return open(err, Database.Sharing.JOIN_OR_SERVE);
    }

    /** The same for the service, which lets commands started beside it into an embedded database. */
    Optional<Feedletter> openService(PrintWriter err) {
        return open(err, Database.Sharing.SERVE);
    }

    /**
     * The same for a command that only looks at or changes the store: what fetches, renders and mails is not built
     * unless used, so the command starts sooner.
     */
    Optional<Feedletter> openStore(PrintWriter err) {
        return open(err, null);
    }

    /** What a command does with feedletter once it is open; returns the exit code. */
    @FunctionalInterface
    interface Work {
        int with(Feedletter feedletter) throws Exception;
    }

    /**
     * Opens feedletter as {@link #open} does, does {@code work} with it and closes it; when it cannot be opened, says
     * why and returns {@link ExitCode#BAD_CONFIG_OR_USAGE}.
     */
    int withFeedletter(PrintWriter err, Work work) throws Exception {
        return with(open(err), work);
    }

    /** The same, opened as {@link #openStore} does: for a command that only looks at or changes the store. */
    int withStore(PrintWriter err, Work work) throws Exception {
        return with(openStore(err), work);
    }

    private int with(Optional<Feedletter> opened, Work work) throws Exception {
        if (opened.isEmpty()) {
            return ExitCode.BAD_CONFIG_OR_USAGE;
        }
        if (Relayed.current().isPresent()) {
            return work.with(opened.get()); // the service's: it stays open
        }
        try (Feedletter feedletter = opened.get()) {
            return work.with(feedletter);
        }
    }

    /** @param sharing null for a command that only looks at or changes the store */
    private Optional<Feedletter> open(PrintWriter err, Database.Sharing sharing) {
        Optional<Relayed> relayed = Relayed.current();
        if (relayed.isPresent()) {
            return Optional.of(relayed.get().feedletter());
        }
        Optional<FeedletterConfig> config = load(err);
        if (config.isEmpty()) {
            return Optional.empty();
        }
        try {
            String node = Feedletter.defaultNodeId();
            return Optional.of(sharing != null ? Feedletter.open(config.get(), Clock.systemUTC(), node, sharing)
                    : Feedletter.openStore(config.get(), Clock.systemUTC(), node));
        } catch (StartupException e) {
            err.println("feedletter cannot start: " + e.getMessage());
            err.flush();
            return Optional.empty();
        }
    }

    /** The config, or empty after printing each problem with its file and line. */
    Optional<FeedletterConfig> load(PrintWriter err) {
        Optional<Relayed> relayed = Relayed.current();
        if (relayed.isPresent()) {
            return Optional.of(relayed.get().feedletter().config()); // what the service runs
        }
        return check(err).map(ConfigLoader.Checked::config);
    }

    /** The config and how it takes effect, or empty after printing each problem with its file and line. */
    Optional<ConfigLoader.Checked> check(PrintWriter err) {
        try {
            return Optional.of(new ConfigLoader(System.getenv()).check(file));
        } catch (ConfigException e) {
            err.println(file + " cannot be used (" + e.problems().size() + " problem"
                    + (e.problems().size() == 1 ? "" : "s") + "):");
            for (ConfigProblem problem : e.problems()) {
                err.println("  " + problem);
            }
            err.flush();
            return Optional.empty();
        }
    }
}

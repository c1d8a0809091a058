package org.feedletter.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.feedletter.config.ConfigLoader;
import org.feedletter.config.FeedletterConfig;
import org.feedletter.digest.DigestRenderer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "config", description = "Checks the config file.", subcommands = {ConfigCommand.Check.class,
        ConfigCommand.Reference.class},
        footer = {"", "Examples:", "  feedletter config check", "  feedletter config check --config /etc/feedletter.yaml",
                "  feedletter config reference"})
final class ConfigCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "reference", description = {"Prints every key the config file takes, with its default where it "
            + "has one (marked '# default'); keys without one are commented out. Made by the loader itself, so it "
            + "lists exactly what a config file may say.", "Reads no config file and connects to nothing."})
    static final class Reference implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            out.println("# Every key of feedletter's config file. '# default' marks a default; a key shown as a comment");
            out.println("# has none (it is optional, or an example here). Secrets come from the environment as ${VAR}.");
            out.println("# Relative paths resolve against the working directory (" + Path.of("").toAbsolutePath()
                    + " here).");
            out.print(ConfigLoader.reference(Path.of("").toAbsolutePath()));
            out.flush();
            return ExitCode.OK;
        }
    }

    @Command(name = "check", description = {"Reads the config file and the templates as 'run' would, lists every "
            + "problem with its file and line, and prints the effective config in the file's own keys: as written "
            + "(environment references stay references), every default filled in and marked; it loads back the same.",
            "Connects to nothing: neither the database nor the mail server."},
            footer = {"", "Exit codes: 0 the config is usable; 2 it is not (every problem is listed)."})
    static final class Check implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ConfigOption config;
        @Option(names = {"-q", "--quiet"}, description = "Only check; print nothing when all is well.")
        boolean quiet;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Optional<ConfigLoader.Checked> checked = config.check(err);
            if (checked.isEmpty()) {
                return ExitCode.BAD_CONFIG_OR_USAGE;
            }
            Optional<FeedletterConfig> loaded = checked.map(ConfigLoader.Checked::config);
            try {
                new DigestRenderer(loaded.get().templates().dir()).check(loaded.get().newsletters());
            } catch (DigestRenderer.TemplateProblem | RuntimeException e) {
                err.println(config.file + " cannot be used: " + e.getMessage());
                return ExitCode.BAD_CONFIG_OR_USAGE;
            }
            if (!quiet) {
                out.println("# " + config.file + " is usable. The effective config, every default filled in (it loads "
                        + "back the same; secrets stay environment references):");
                out.print(checked.get().effectiveYaml());
                notes(loaded.get()).forEach(note -> out.println("# note: " + note));
                out.flush();
            }
            return ExitCode.OK;
        }

        /** What is allowed but worth a second look. */
        static List<String> notes(FeedletterConfig config) {
            return config.web().filter(web -> web.metricsToken().isEmpty())
                    .map(web -> List.of("/metrics answers anyone who can reach port " + web.port() + "; set "
                            + "web.metrics-token (from the environment) to require a bearer token"))
                    .orElse(List.of());
        }
    }
}

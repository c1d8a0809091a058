package org.feedletter.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.feedletter.config.FeedletterConfig;
import org.feedletter.digest.DigestRenderer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "config", description = "Checks the config file.", subcommands = ConfigCommand.Check.class,
        footer = {"", "Examples:", "  feedletter config check", "  feedletter config check --config /etc/feedletter.yaml"})
final class ConfigCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "check", description = {"Reads the config file and the templates as 'run' would, lists every "
            + "problem with its file and line, and prints the effective config: defaults filled in, relative paths "
            + "resolved, secrets masked.", "Connects to nothing: neither the database nor the mail server."},
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
            Optional<FeedletterConfig> loaded = config.load(err);
            if (loaded.isEmpty()) {
                return ExitCode.BAD_CONFIG_OR_USAGE;
            }
            try {
                new DigestRenderer(loaded.get().templates().dir()).check(loaded.get().newsletters());
            } catch (DigestRenderer.TemplateProblem | RuntimeException e) {
                err.println(config.file + " cannot be used: " + e.getMessage());
                return ExitCode.BAD_CONFIG_OR_USAGE;
            }
            if (!quiet) {
                out.println("# " + config.file + " is usable. The effective config (secrets masked):");
                new ConfigPrinter(out).print(loaded.get());
                notes(loaded.get()).forEach(note -> out.println("# note: " + note));
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

package org.feedletter.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

@Command(name = "feedletter", mixinStandardHelpOptions = true, versionProvider = FeedletterCommand.Version.class,
        description = "Turns publication feeds into email newsletters and one merged feed.",
        footer = {"", "Examples:",
                "  feedletter run --once            # poll, build due editions, deliver, exit",
                "  feedletter run                   # the service, until Ctrl-C",
                "  feedletter feeds add URL         # read a feed once, show it, keep polling it",
                "  feedletter poll                  # poll every feed now",
                "  feedletter digest preview NEWSLETTER --out next.html",
                "  feedletter status                # failing feeds, last editions, the outbox",
                "  feedletter config check          # check it; print it, secrets masked",
                "  feedletter items why URL         # which entries were merged into this item, and why",
                "  feedletter mail test ADDRESS     # send one message through the configured transport",
                "  feedletter help feeds",
                "", "Every command takes --config FILE (default: config/feedletter.yaml)",
                "and --log-format text|json.",
                "", "Exit codes: 0 done; 1 done, but failures were recorded (e.g. a feed failed);",
                "2 bad config or usage: nothing was done."})
public final class FeedletterCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Option(names = "--log-format", paramLabel = "text|json", scope = ScopeType.INHERIT,
            description = "Log lines (on the standard error) as text or as one JSON object per line "
                    + "(default: text, or FEEDLETTER_LOG_FORMAT).")
    LogFormat logFormat;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The commands, in the order help lists them. */
    private static final Map<String, Supplier<Object>> COMMANDS = commands();

    private static Map<String, Supplier<Object>> commands() {
        Map<String, Supplier<Object>> commands = new LinkedHashMap<>();
        commands.put("run", RunCommand::new);
        commands.put("poll", PollCommand::new);
        commands.put("feeds", FeedsCommand::new);
        commands.put("digest", DigestCommand::new);
        commands.put("status", StatusCommand::new);
        commands.put("config", ConfigCommand::new);
        commands.put("subscribers", SubscribersCommand::new);
        commands.put("items", ItemsCommand::new);
        commands.put("mail", MailCommand::new);
        commands.put("help", CommandLine.HelpCommand::new);
        return commands;
    }

    /** Builds the command line with every command and feedletter's exit codes for usage errors. */
    public static CommandLine commandLine() {
        return commandLine(new String[0]);
    }

    /**
     * Builds the command line for these arguments: with only the command they name first, when they do (picocli
     * reads every command's classes and annotations as it builds it: about 0.15 s for all when measured;
     * docs/BENCHMARKS.md, "Start-up"), else with all
     * (help, usage errors and their suggestions list them).
     */
    public static CommandLine commandLine(String[] args) {
        CommandLine commandLine = new CommandLine(new FeedletterCommand());
        String named = args.length > 0 && !args[0].equals("help") && COMMANDS.containsKey(args[0]) ? args[0] : null;
        COMMANDS.forEach((name, command) -> {
            if (named == null || named.equals(name)) {
                commandLine.addSubcommand(name, command.get());
            }
        });
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        withHelpOptions(commandLine);
        commandLine.setExecutionStrategy(parsed -> {
            logFormat(parsed).apply();
            return new CommandLine.RunLast().execute(parsed);
        });
        commandLine.setExitCodeExceptionMapper(e -> ExitCode.BAD_CONFIG_OR_USAGE);
        commandLine.setParameterExceptionHandler((e, given) -> {
            e.getCommandLine().getErr().println(e.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(e, e.getCommandLine().getErr());
            e.getCommandLine().getErr().println("See '" + e.getCommandLine().getCommandSpec().qualifiedName()
                    + " --help'.");
            return ExitCode.BAD_CONFIG_OR_USAGE;
        });
        return commandLine;
    }

    /** Every command, however deep, answers --help (and --version). */
    private static void withHelpOptions(CommandLine command) {
        for (CommandLine sub : command.getSubcommands().values()) {
            if (!sub.getCommandSpec().mixinStandardHelpOptions() && !(sub.getCommand() instanceof CommandLine.HelpCommand)) {
                sub.getCommandSpec().mixinStandardHelpOptions(true);
            }
            withHelpOptions(sub);
        }
    }

    /** The --log-format given on any command of the line, else the environment's. */
    private static LogFormat logFormat(ParseResult parsed) {
        LogFormat format = LogFormat.fromEnvironment();
        for (ParseResult command = parsed; command != null; command = command.subcommand()) {
            if (command.hasMatchedOption("--log-format")) {
                format = command.matchedOptionValue("--log-format", format);
            }
        }
        return format;
    }

    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties properties = new Properties();
            try (InputStream in = FeedletterCommand.class.getResourceAsStream("/feedletter-version.properties")) {
                if (in != null) {
                    properties.load(in);
                }
            }
            return new String[] {"feedletter " + properties.getProperty("version", "dev")};
        }
    }
}

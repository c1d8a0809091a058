package org.feedletter.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.feedletter.Feedletter;
import org.feedletter.config.Durations;
import org.feedletter.config.FeedConfig;
import org.feedletter.config.SecretUrls;
import org.feedletter.feed.opml.Opml;
import org.feedletter.feed.opml.OpmlOutline;
import org.feedletter.ingest.poll.FeedProbe;
import org.feedletter.manage.FeedChanges;
import org.feedletter.manage.PushOperations;
import org.feedletter.store.StoredFeed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "feeds", description = "Adds, lists, tests, pauses, renames and removes feeds; imports and exports "
        + "OPML. Feeds written in the config file are paused and resumed here, and changed in the file.",
        subcommands = {FeedsCommand.Add.class, FeedsCommand.ListFeeds.class, FeedsCommand.Test.class,
                FeedsCommand.Pause.class, FeedsCommand.Resume.class, FeedsCommand.Rename.class,
                FeedsCommand.Interval.class, FeedsCommand.Remove.class, FeedsCommand.Import.class,
                FeedsCommand.Export.class},
        footer = {"", "Examples:",
                "  feedletter feeds add https://example.org/ --name \"Example\"   # a web page is searched for its feed",
                "  feedletter feeds test https://example.org/feed.xml",
                "  feedletter feeds list --failing",
                "  feedletter feeds pause 3          # and: feeds resume 3",
                "  feedletter feeds interval 3 2h    # and: feeds rename 3 \"Partner review\"",
                "  feedletter feeds import subscriptions.opml",
                "  feedletter feeds export --out feeds.opml"})
final class FeedsCommand implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(FeedsCommand.class);

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "add", description = {"Reads the feed once, shows its title, items and which newsletters would "
            + "take which, then saves it; it is polled from then on.",
            "An HTML page is searched for the feeds it links to, and the first is added."},
            footer = {"", "Exit codes: 0 added; 1 the feed could not be read (nothing saved); "
                    + "2 bad config or usage, or the feed is already there."})
    static final class Add implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ConfigOption config;
        @Parameters(paramLabel = "URL", description = "The feed, or a web page that links to it (http, https or file).")
        String url;
        @Option(names = "--name", paramLabel = "NAME", description = "What to call it (default: the feed's title).")
        String name;
        @Option(names = "--interval", paramLabel = "DURATION", converter = DurationConverter.class,
                description = "How often to poll it, e.g. 15m or 2h (default: 30m).")
        Duration interval = FeedConfig.DEFAULT_INTERVAL;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            URI feedUrl = feedUrl(spec, url);
            return config.withFeedletter(err, feedletter -> {
                if (alreadyThere(feedletter, feedUrl, err)) {
                    return ExitCode.BAD_CONFIG_OR_USAGE;
                }
                FeedProbe.Result probed = feedletter.feeds().probe(feedUrl);
                if (probed instanceof FeedProbe.Unreadable unreadable) {
                    err.println("Cannot read " + feedUrl + ": " + unreadable.reason() + ". Nothing was saved.");
                    return ExitCode.FAILURES;
                }
                FeedProbe.Readable feed = (FeedProbe.Readable) probed;
                FeedTestPrinter.print(feed, feedletter.config().newsletters(), out, Terminal.detect());
                if (!feed.feedUrl().equals(feedUrl) && alreadyThere(feedletter, feed.feedUrl(), err)) {
                    return ExitCode.BAD_CONFIG_OR_USAGE;
                }
                String label = name != null ? name : feed.title() != null && !feed.title().isBlank() ? feed.title()
                        : hostOf(feed.feedUrl());
                StoredFeed added = feedletter.feeds().add(feed.feedUrl(), label, interval);
                log.info("feed {} added from the command line: {} ({})", added.id(), SecretUrls.masked(added.url().toString()),
                        added.label());
                out.println();
                out.println("Added feed " + added.id() + ": " + added.label() + ", polled every "
                        + Durations.format(interval) + " from now on ('feedletter poll --feed " + added.id()
                        + "' polls it at once).");
                return ExitCode.OK;
            });
        }
    }

    @Command(name = "list", description = "Lists the feeds: state, push subscription (with web.push on), last "
            + "success, failures in a row, last error, next poll.",
            footer = {"", "Exit codes: 0 listed; 2 bad config or usage."})
    static final class ListFeeds implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ConfigOption config;
        @Option(names = "--failing", description = "Only the feeds whose last poll failed.")
        boolean failingOnly;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            return config.withStore(spec.commandLine().getErr(), feedletter -> {
                print(out, feedletter, failingOnly, Clock.systemUTC().instant(), Terminal.detect());
                return ExitCode.OK;
            });
        }

        /** The listing, as of {@code now}. */
        static void print(PrintWriter out, Feedletter feedletter, boolean failingOnly, Instant now, Terminal terminal) {
            List<StoredFeed> feeds = feedletter.feeds().listCurrent().stream()
                    .filter(feed -> !failingOnly || failing(feed)).toList();
            boolean push = feedletter.feeds().pushEnabled();
            Map<Long, PushOperations.Status> pushes = feedletter.feeds().pushStatuses();
            TextTable table = push
                    ? new TextTable(List.of("ID", "NAME", "FROM", "STATE", "PUSH", "LAST SUCCESS", "FAILURES",
                            "NEXT POLL", "LAST ERROR"), 0, 40, 0, 0, 0, 0, 0, 0, 80)
                    : new TextTable(List.of("ID", "NAME", "FROM", "STATE", "LAST SUCCESS", "FAILURES",
                            "NEXT POLL", "LAST ERROR"), 0, 40, 0, 0, 0, 0, 0, 80);
            for (StoredFeed feed : feeds) {
                List<String> cells = new ArrayList<>(List.of(String.valueOf(feed.id()), feed.label(),
                        feed.origin() == StoredFeed.FeedOrigin.CONFIG ? "config" : "added",
                        failing(feed) ? "failing" : state(feed),
                        Times.relative(feed.lastSuccessAt(), now), String.valueOf(feed.failures()),
                        feed.state() == StoredFeed.FeedState.ACTIVE ? Times.relative(feed.nextPollAt(), now)
                                : "stopped", feed.lastError() == null ? "" : feed.lastError()));
                if (push) {
                    cells.add(4, pushState(pushes.get(feed.id()), now));
                }
                table.row(cells, failing(feed) ? terminal::red : s -> s);
            }
            if (table.isEmpty()) {
                out.println(failingOnly ? "No feed is failing."
                        : "No feeds yet: add one with 'feedletter feeds add URL'.");
            } else {
                table.print(out, "", terminal);
                long failing = feeds.stream().filter(FeedsCommand::failing).count();
                out.println();
                out.println(feeds.size() + " feed" + (feeds.size() == 1 ? "" : "s") + ", " + failing + " failing"
                        + (push ? ", " + feeds.stream().filter(f -> pushes.containsKey(f.id())
                        && pushes.get(f.id()).liveAt(now)).count() + " pushed by their hubs" : "") + ".");
            }
            out.flush();
        }
    }

    /**
     * A feed's WebSub subscription in a word: subscribing, live, failed, lapsed, unsubscribing; "" for none. A live
     * one whose lease ended (before the next poll tick marks it lapsed) says lapsed.
     */
    static String pushState(PushOperations.Status status, Instant now) {
        if (status == null) {
            return "";
        }
        if (status.state().equals("live")) {
            return status.liveAt(now) ? "live" : "lapsed";
        }
        return status.state();
    }

    @Command(name = "test", description = "Reads a feed once and shows what it holds and which newsletters would "
            + "take which items, without storing anything.",
            footer = {"", "Exit codes: 0 the feed is readable; 1 it is not; 2 bad config or usage."})
    static final class Test implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ConfigOption config;
        @Parameters(paramLabel = "URL", description = "The feed, or a web page that links to it.")
        String url;

        @Override
        public Integer call() throws Exception {
            URI feedUrl = feedUrl(spec, url);
            return config.withFeedletter(spec.commandLine().getErr(), feedletter -> {
                FeedProbe.Result probed = feedletter.feeds().probe(feedUrl);
                if (probed instanceof FeedProbe.Unreadable unreadable) {
                    spec.commandLine().getErr().println("Cannot read " + feedUrl + ": " + unreadable.reason());
                    return ExitCode.FAILURES;
                }
                FeedTestPrinter.print((FeedProbe.Readable) probed, feedletter.config().newsletters(),
                        spec.commandLine().getOut(), Terminal.detect());
                return ExitCode.OK;
            });
        }
    }

    @Command(name = "remove", description = "Stops polling a feed added here (its items stay). A feed from the "
            + "config file is refused: delete it from the file instead, and it stops at the next start.",
            footer = {"", "Exit codes: 0 removed; 2 no such feed, a feed from the config file, bad config or usage."})
    static final class Remove implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ConfigOption config;
        @Parameters(paramLabel = "ID|URL", description = "The feed's id (see 'feedletter feeds list') or its URL.")
        String which;

        @Override
        public Integer call() throws Exception {
            return change(spec, config, changes -> changes.remove(which));
        }
    }

    /** Runs one change through {@link FeedChanges} and says how it went: exit 0 done, 2 refused. */
    private static int change(CommandSpec spec, ConfigOption config,
            Function<FeedChanges, FeedChanges.Change> change) throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        return config.withStore(err, feedletter -> {
            FeedChanges.Change done = change.apply(feedletter.feeds().changes());
            (done.done() ? spec.commandLine().getOut() : err).println(done.message());
            return done.done() ? ExitCode.OK : ExitCode.BAD_CONFIG_OR_USAGE;
        });
    }

    @Command(name = "pause", description = "Stops polling a feed until it is resumed; its items stay. Config feeds "
            + "too.", footer = {"", "Exit codes: 0 paused; 2 no such feed, not active, bad config or usage."})
    static final class Pause implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ConfigOption config;
        @Parameters(paramLabel = "ID|URL", description = "The feed's id (see 'feedletter feeds list') or its URL.")
        String which;

        @Override
        public Integer call() throws Exception {
            return change(spec, config, changes -> changes.pause(which));
        }
    }

    @Command(name = "resume", description = "Polls a paused (or gone) feed again, at once.",
            footer = {"", "Exit codes: 0 resumed; 2 no such feed, not paused, bad config or usage."})
    static final class Resume implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ConfigOption config;
        @Parameters(paramLabel = "ID|URL", description = "The feed's id (see 'feedletter feeds list') or its URL.")
        String which;

        @Override
        public Integer call() throws Exception {
            return change(spec, config, changes -> changes.resume(which));
        }
    }

    @Command(name = "rename", description = "Gives a feed added here another name (a config feed's is in the file).",
            footer = {"", "Exit codes: 0 renamed; 2 no such feed, a config feed, bad config or usage."})
    static final class Rename implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ConfigOption config;
        @Parameters(index = "0", paramLabel = "ID|URL", description = "The feed's id or its URL.")
        String which;
        @Parameters(index = "1", paramLabel = "NAME", description = "Its new name.")
        String name;

        @Override
        public Integer call() throws Exception {
            return change(spec, config, changes -> changes.rename(which, name));
        }
    }

    @Command(name = "interval", description = "How often a feed added here is polled, e.g. 15m or 2h (a config "
            + "feed's is in the file).", footer = {"", "Exit codes: 0 changed; 2 no such feed, a config feed, bad "
            + "config or usage."})
    static final class Interval implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ConfigOption config;
        @Parameters(index = "0", paramLabel = "ID|URL", description = "The feed's id or its URL.")
        String which;
        @Parameters(index = "1", paramLabel = "DURATION", converter = DurationConverter.class,
                description = "e.g. 15m, 2h or 1d; at least a minute.")
        Duration interval;

        @Override
        public Integer call() throws Exception {
            return change(spec, config, changes -> changes.interval(which, interval));
        }
    }

    @Command(name = "import", description = "Adds the feeds of an OPML file, without reading them first; says which "
            + "were added and which refused, and why.",
            footer = {"", "Exit codes: 0 every feed added; 1 some were refused (see the list); "
                    + "2 the file cannot be read, bad config or usage."})
    static final class Import implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ConfigOption config;
        @Parameters(paramLabel = "FILE.opml", description = "An OPML subscription list, e.g. exported from a feed reader.")
        Path file;
        @Option(names = "--interval", paramLabel = "DURATION", converter = DurationConverter.class,
                description = "How often to poll each, e.g. 15m or 2h (default: 30m).")
        Duration interval = FeedConfig.DEFAULT_INTERVAL;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            List<Opml.Row> outlines;
            try (InputStream in = Files.newInputStream(file)) {
                outlines = new Opml().readEach(in);
            } catch (IOException e) {
                err.println("Cannot read " + file + ": " + e.getMessage());
                return ExitCode.BAD_CONFIG_OR_USAGE;
            } catch (Opml.OpmlException e) {
                err.println(file + ": " + e.getMessage());
                return ExitCode.BAD_CONFIG_OR_USAGE;
            }
            return config.withStore(err, feedletter -> {
                return importAll(feedletter, outlines, out, Terminal.detect());
            });
        }

        private int importAll(Feedletter feedletter, List<Opml.Row> rows, PrintWriter out, Terminal terminal) {
            List<String> added = new ArrayList<>();
            List<String> refused = new ArrayList<>();
            for (Opml.Row row : rows) {
                if (row.problem() != null) {
                    refused.add("line " + row.line() + ": " + row.problem());
                    continue;
                }
                OpmlOutline outline = row.outline();
                String problem = refusal(feedletter, outline.feedUrl());
                if (problem != null) {
                    refused.add("line " + row.line() + ": " + outline.feedUrl() + ": " + problem);
                    continue;
                }
                String label = outline.title() != null ? outline.title() : hostOf(outline.feedUrl());
                StoredFeed feed = feedletter.feeds().add(outline.feedUrl(), label, interval);
                log.info("feed {} imported from {}: {}", feed.id(), file, SecretUrls.masked(feed.url().toString()));
                added.add(feed.id() + " " + SecretUrls.masked(feed.url().toString()) + " (" + feed.label() + ")");
            }
            out.println("Added " + added.size() + " feed" + (added.size() == 1 ? "" : "s") + ", refused "
                    + refused.size() + ":");
            added.forEach(line -> out.println("  " + terminal.green("+ " + line)));
            refused.forEach(line -> out.println("  " + terminal.red("! " + line)));
            out.flush();
            return refused.isEmpty() ? ExitCode.OK : ExitCode.FAILURES;
        }

        private static String refusal(Feedletter feedletter, URI url) {
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
                return "only http and https feeds can be imported";
            }
            return feedletter.feeds().listCurrent().stream()
                    .filter(f -> f.url().equals(url) || url.toString().equals(f.configUrl()))
                    .findFirst()
                    .map(f -> "already there as feed " + f.id() + (f.origin() == StoredFeed.FeedOrigin.CONFIG
                            ? " (from the config file)" : ""))
                    .orElse(null);
        }
    }

    @Command(name = "export", description = "Writes the feeds as an OPML file, for a feed reader or another "
            + "feedletter.", footer = {"", "Exit codes: 0 written; 2 bad config or usage, or the file cannot be written."})
    static final class Export implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ConfigOption config;
        @Option(names = {"-o", "--out", "--output"}, paramLabel = "FILE",
                description = "Write to this file instead of the standard output.")
        Path outFile;

        @Override
        public Integer call() throws Exception {
            PrintWriter err = spec.commandLine().getErr();
            List<List<StoredFeed>> current = new ArrayList<>();
            int opened = config.withStore(err, feedletter -> {
                current.add(feedletter.feeds().listCurrent());
                return ExitCode.OK;
            });
            if (opened != ExitCode.OK) {
                return opened;
            }
            List<StoredFeed> feeds = current.get(0);
            ByteArrayOutputStream opml = new ByteArrayOutputStream();
            new Opml().write("feedletter feeds", feeds.stream()
                    .map(f -> new OpmlOutline(f.url(), f.label(), null)).toList(), opml);
            if (outFile == null) {
                spec.commandLine().getOut().print(opml.toString(StandardCharsets.UTF_8));
                spec.commandLine().getOut().flush();
                return ExitCode.OK;
            }
            try {
                Files.write(outFile, opml.toByteArray());
            } catch (IOException e) {
                err.println("Cannot write " + outFile + ": " + e.getMessage());
                return ExitCode.BAD_CONFIG_OR_USAGE;
            }
            err.println("Wrote " + feeds.size() + " feeds to " + outFile + ".");
            return ExitCode.OK;
        }
    }

    /** Refuses what cannot be a feed address before anything is opened. */
    static URI feedUrl(CommandSpec spec, String text) {
        URI url;
        try {
            url = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "'" + text + "' is not a URL: " + e.getReason());
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        boolean web = (scheme.equals("http") || scheme.equals("https")) && url.getHost() != null;
        boolean file = scheme.equals("file") && url.getPath() != null && url.getPath().startsWith("/");
        if (!web && !file) {
            throw new CommandLine.ParameterException(spec.commandLine(), "'" + text
                    + "' is not a feed address: expected an absolute http, https or file URL, "
                    + "e.g. https://example.org/feed/");
        }
        return url;
    }

    private static boolean alreadyThere(Feedletter feedletter, URI url, PrintWriter err) {
        Optional<StoredFeed> existing = feedletter.feeds().listCurrent().stream()
                .filter(f -> f.url().equals(url) || url.toString().equals(f.configUrl()))
                .findFirst();
        existing.ifPresent(f -> err.println("Feed " + f.id() + " (" + f.label() + ") already polls " + url
                + (f.origin() == StoredFeed.FeedOrigin.CONFIG ? "; it comes from the config file." : ".")));
        return existing.isPresent();
    }

    private static boolean failing(StoredFeed feed) {
        return feed.failures() > 0 || feed.state() == StoredFeed.FeedState.GONE;
    }

    private static String state(StoredFeed feed) {
        return feed.state().name().toLowerCase(Locale.ROOT);
    }

    private static String hostOf(URI url) {
        if (url.getHost() != null) {
            return url.getHost();
        }
        String path = url.getPath() == null ? url.toString() : url.getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** Poll intervals as the config file takes them (30m, 2h, 1h30m, PT30M), a minute or more. */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            Duration duration;
            try {
                duration = Durations.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("expected " + Durations.EXPECTED + ", got '" + value + "'");
            }
            if (duration.compareTo(Duration.ofMinutes(1)) < 0) {
                throw new CommandLine.TypeConversionException("expected at least a minute between polls, got '"
                        + value + "'");
            }
            return duration;
        }
    }
}

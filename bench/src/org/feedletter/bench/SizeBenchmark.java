package org.feedletter.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.feedletter.config.DatabaseConfig;
import org.feedletter.config.Include;
import org.feedletter.config.NewsletterConfig;
import org.feedletter.store.Database;
import org.feedletter.store.EditionStore;
import org.feedletter.store.FeedStore;

/**
 * Size: 10,000 feeds and 100,000 subscribers in the database, then {@code feedletter run --once} in its own JVM with
 * {@code -Xmx512m}: a poll of every feed (served by a local HTTP server), the edition, and its 100,000 digests to a
 * local SMTP sink. Prints the time, the exit code, what was sent and the heap in use after each collection (from the
 * child's GC log), so the peak is visible against the 512 MB limit.
 */
final class SizeBenchmark {

    private static final int FEEDS = 10_000;
    private static final int SUBSCRIBERS = 100_000;
    private static final int ITEMS_PER_FEED = 5;
    private static final ZoneId ZONE = ZoneId.of("Europe/Stockholm");
    private static final NewsletterConfig NEWSLETTER = new NewsletterConfig("quick-comment", "Quick Comment digest",
            "", new Include(List.of("Quick Comment")), "0 0 8 * * ?", ZONE, 20);
    private static final Pattern GC_PAUSE = Pattern.compile("Pause.*?(\\d+)M->(\\d+)M\\((\\d+)M\\)");

    private SizeBenchmark() {}

    static void main(String[] args) throws Exception {
        Machine.describe("size");
        int feeds = intArg(args, 0, FEEDS);
        int subscribers = intArg(args, 1, SUBSCRIBERS);
        DatabaseConfig databaseConfig = BenchDatabases.forArgs(args, 8);
        Path dir = Files.createTempDirectory("feedletter-bench-size");
        try (FeedFarm farm = new FeedFarm(feeds, ITEMS_PER_FEED, 1, 500); SmtpSink sink = new SmtpSink()) {
            System.out.printf("%,d feeds x %d items (%.0f MB of RSS), %,d subscribers, store %s%n", feeds, ITEMS_PER_FEED,
                    farm.totalBytes() / 1e6, subscribers, BenchDatabases.describe(databaseConfig));
            populate(databaseConfig, farm, subscribers);

            Path config = Files.writeString(dir.resolve("size.yaml"), """
                    database: { url: "%s", username: "%s", pool-size: 16 }
                    mail: { transport: smtp, host: 127.0.0.1, port: %d, security: none, from: "digest@example.org" }
                    fetch: { concurrency: 16, per-host: 16 }
                    delivery: { concurrency: 8, rate-per-second: 0 }
                    feeds: []
                    newsletters:
                      - { id: %s, title: "%s", include: { categories: ["Quick Comment"] }, schedule: "%s",
                          time-zone: %s, max-items: %d }
                    """.formatted(databaseConfig.url(), databaseConfig.username(), sink.port(), NEWSLETTER.id(),
                    NEWSLETTER.title(), NEWSLETTER.schedule(), ZONE.getId(), NEWSLETTER.maxItems()));
            Path gcLog = dir.resolve("gc.log");
            Path output = dir.resolve("run.log");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            long start = System.nanoTime();
            List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-Xlog:gc:file=" + gcLog));
            // -Dbench.runJavaOptions="-XX:+UseParallelGC": the run's JVM as an operator would start it
            String options = System.getProperty("bench.runJavaOptions", "").strip();
            if (!options.isEmpty()) {
                command.addAll(List.of(options.split("\\s+")));
            }
            command.addAll(List.of("-jar", "target/feedletter.jar", "run", "--once", "--config", config.toString()));
            System.out.println("run: " + String.join(" ", command.subList(1, command.size())));
            Process run = new ProcessBuilder(command)
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            double cpu = 0;
            while (!run.waitFor(200, TimeUnit.MILLISECONDS)) {
                cpu = run.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(cpu);
            }
            int exit = run.exitValue();
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("%nfeedletter run --once -Xmx512m: exit %d in %.1f s (CPU at least %.1f s); its summary:%n", exit,
                    seconds, cpu);
            for (String line : Files.readAllLines(output)) {
                if (!line.matches("^\\d\\d:\\d\\d:\\d\\d.*") && !line.isBlank()) {
                    System.out.println("  " + line);
                }
            }
            System.out.printf("sink received %,d messages (%.0f MB)%n", sink.messages(), sink.bytes() / 1e6);
            heap(gcLog);
            System.out.printf("%nsummary: %,d feeds, %,d subscribers, -Xmx512m: exit %d, %,d digests sent, %.1f s%n",
                    feeds, subscribers, exit, sink.messages(), seconds);
        }
    }

    /** The feeds as if added with `feeds add`, and the subscribers as if seeded, each subscribed. */
    private static void populate(DatabaseConfig config, FeedFarm farm, int subscribers) throws Exception {
        long start = System.nanoTime();
        try (Database database = Database.open(config)) {
            Instant now = Instant.now();
            new EditionStore(database).syncNewsletters(List.of(NEWSLETTER), now);
            FeedStore feeds = new FeedStore(database);
            for (int i = 0; i < farm.feeds(); i++) {
                feeds.add(farm.feedUrl(i), "feed " + i, Duration.ofMinutes(30), now);
            }
            BenchSubscribers.insert(database, subscribers, NEWSLETTER.id(), ZONE, now);
        }
        System.out.printf("populated in %.1f s%n", (System.nanoTime() - start) / 1e9);
    }

    /** Heap in use before and after each collection, from the child's -Xlog:gc. */
    private static void heap(Path gcLog) throws Exception {
        int collections = 0;
        long peakBefore = 0;
        long peakAfter = 0;
        long committed = 0;
        for (String line : Files.readAllLines(gcLog)) {
            Matcher m = GC_PAUSE.matcher(line);
            if (m.find()) {
                collections++;
                peakBefore = Math.max(peakBefore, Long.parseLong(m.group(1)));
                peakAfter = Math.max(peakAfter, Long.parseLong(m.group(2)));
                committed = Math.max(committed, Long.parseLong(m.group(3)));
            }
        }
        System.out.printf("heap: %d collections; at most %d MB in use before a collection, %d MB live after one; "
                + "at most %d MB committed (limit 512 MB)%n", collections, peakBefore, peakAfter, committed);
    }

    private static int intArg(String[] args, int index, int fallback) {
        List<String> numbers = java.util.Arrays.stream(args).filter(a -> a.matches("\\d+")).toList();
        return numbers.size() > index ? Integer.parseInt(numbers.get(index)) : fallback;
    }
}

package org.feedletter.bench;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.feedletter.config.DatabaseConfig;
import org.feedletter.config.FetchSettings;
import org.feedletter.feed.fetch.FeedFetcher;
import org.feedletter.feed.fetch.FetchResult;
import org.feedletter.feed.parse.FeedParser;
import org.feedletter.ingest.dedup.IngestReport;
import org.feedletter.ingest.dedup.ItemIngestor;
import org.feedletter.ingest.normalize.EntryNormalizer;
import org.feedletter.ingest.normalize.HtmlSanitizer;
import org.feedletter.ingest.poll.EntryCap;
import org.feedletter.ingest.poll.FeedRefresher;
import org.feedletter.ingest.poll.RefreshOutcome;
import org.feedletter.store.Database;
import org.feedletter.store.FeedStore;
import org.feedletter.store.ItemStore;
import org.feedletter.store.StoredFeed;

/**
 * Ingest at scale: 100,000 entries (5,000 feeds of 20, about 3 KB of HTML each, 3 per feed shared) through parse,
 * normalize, dedupe and store, on as many processing threads as cores (as the poller runs them), without HTTP:
 * the bodies are handed in as if fetched. Prints items/s for the store given (H2 file, or PostgreSQL with --postgres).
 * Round 1 runs in a cold JVM; each later round (two in all unless {@code --rounds N}) on a fresh database in the
 * warmed-up process, and with more than one of those their median is printed. Then the references the issue names,
 * measured in the same run ({@link ParseBaselines}), and the ratios of that median to them.
 */
final class IngestBenchmark {

    private static final int FEEDS = 5000;
    private static final int ITEMS = 20;
    /** feedparser takes about a minute per 100,000 entries per core: a fifth of them tell its rate as well. */
    private static final int FEEDPARSER_FEEDS = 1000;

    private IngestBenchmark() {}

    static void main(String[] args) throws Exception {
        Machine.describe("ingest");
        int rounds = Bench.intOption(args, "--rounds", 2);
        int feedCount = FEEDS;
        for (int i = 0; i < args.length; i++) {
            if (args[i].matches("\\d+") && (i == 0 || !args[i - 1].equals("--rounds"))) {
                feedCount = Integer.parseInt(args[i]);
                break;
            }
        }
        GeneratedFeeds generated = new GeneratedFeeds(feedCount, ITEMS, 3, 2000);
        System.out.printf("%d feeds x %d items = %d entries, %d distinct pieces%n", feedCount, ITEMS, feedCount * ITEMS,
                generated.uniquePieces());
        List<Double> warmRates = new ArrayList<>();
        double firstRate = 0;
        for (int round = 1; round <= rounds; round++) {
            DatabaseConfig config = BenchDatabases.forArgs(args, 8);
            try (Database database = Database.open(config);
                    FeedFetcher fetcher = new FeedFetcher(FetchSettings.defaults("bench"))) {
                FeedStore feeds = new FeedStore(database);
                List<StoredFeed> stored = new ArrayList<>();
                for (int f = 0; f < feedCount; f++) {
                    stored.add(feeds.add(URI.create("https://site" + f + ".example.org/feed.xml"), "feed " + f,
                            Duration.ofMinutes(30), Instant.now()));
                }
                ItemStore items = new ItemStore(database);
                FeedRefresher refresher = new FeedRefresher(fetcher, new FeedParser(),
                        new EntryNormalizer(new HtmlSanitizer()), new ItemIngestor(items),
                        new EntryCap(items, FetchSettings.DEFAULT_MAX_ENTRIES_PER_POLL, List.of()), Clock.systemUTC());
                double rate = run(round, BenchDatabases.describe(config), refresher, stored, generated.bodies());
                if (round > 1) {
                    warmRates.add(rate);
                } else {
                    firstRate = rate;
                }
            }
        }
        if (warmRates.size() > 1) {
            List<Double> sorted = warmRates.stream().sorted().toList();
            System.out.printf("rounds 2-%d (warm JVM): median %.0f items/s, lowest %.0f, highest %.0f%n", rounds,
                    sorted.get(sorted.size() / 2), sorted.get(0), sorted.get(sorted.size() - 1));
        }
        List<Double> compared = warmRates.isEmpty() ? List.of(firstRate) : warmRates.stream().sorted().toList();
        printBaselines(generated.bodies(), compared.get(compared.size() / 2));
    }

    /** The two references on the same feeds, this machine and this run, and where ingest stands to them. */
    private static void printBaselines(List<byte[]> bodies, double ingest) throws Exception {
        int threads = threads();
        double bare = ParseBaselines.bareXmlParse(bodies, threads);
        System.out.printf("baseline, bare XML parse (JDK SAX, %d threads, the same %d feeds): %.0f items/s; "
                + "ingest is %.2fx of it%n", threads, bodies.size(), bare, ingest / bare);
        double feedparser = ParseBaselines.feedparser(bodies, FEEDPARSER_FEEDS, threads);
        if (feedparser > 0) {
            System.out.printf("baseline, Python feedparser (%d processes, the first %d feeds): %.0f items/s; "
                    + "ingest is %.1fx of it%n", threads, Math.min(FEEDPARSER_FEEDS, bodies.size()), feedparser,
                    ingest / feedparser);
        }
    }

    private static int threads() {
        return Integer.getInteger("bench.threads", Runtime.getRuntime().availableProcessors());
    }

    /** @return items per second */
    private static double run(int round, String store, FeedRefresher refresher, List<StoredFeed> feeds,
            List<byte[]> bodies) throws Exception {
        ExecutorService processing = Executors.newFixedThreadPool(threads());
        Machine.resetPeakHeap();
        double cpuBefore = Machine.processCpuSeconds();
        double jitBefore = Machine.jitSeconds();
        double databaseBefore = Machine.databaseCpuSeconds();
        long start = System.nanoTime();
        List<Future<RefreshOutcome>> outcomes = new ArrayList<>();
        for (int f = 0; f < feeds.size(); f++) {
            StoredFeed feed = feeds.get(f);
            FetchResult fetched = new FetchResult.Fetched(feed.url(), null, 200, "application/rss+xml", bodies.get(f),
                    null, null, Duration.ZERO);
            outcomes.add(processing.submit(() -> refresher.process(feed, fetched)));
        }
        IngestReport total = IngestReport.NOTHING;
        int failed = 0;
        try {
            for (Future<RefreshOutcome> outcome : outcomes) {
                RefreshOutcome done = outcome.get();
                total = total.plus(done.report());
                if (done.poll().result() != FeedStore.FeedPoll.Result.OK) {
                    failed++;
                    if (failed == 1) {
                        System.out.println("first failed feed: " + done.poll().message());
                    }
                }
            }
        } finally {
            processing.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpu = Machine.processCpuSeconds() - cpuBefore;
        double jit = Machine.jitSeconds() - jitBefore;
        double database = Machine.databaseCpuSeconds() - databaseBefore;
        int entries = feeds.size() * ITEMS;
        System.out.printf("round %d (%s): %d entries in %.2f s = %.0f items/s | %d new, %d duplicates | "
                        + "CPU %.1f s, JIT %.1f s%s | peak heap %d MB%n", round, store, entries, seconds, entries / seconds,
                total.newItems(), total.duplicates(), cpu, jit,
                store.startsWith("PostgreSQL") ? String.format(", PostgreSQL's processes %.1f s", database) : "",
                Machine.peakHeapMb());
        if (failed > 0) {
            System.out.println(failed + " feeds failed");
        }
        return entries / seconds;
    }
}

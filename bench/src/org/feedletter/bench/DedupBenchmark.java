package org.feedletter.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.feedletter.config.DatabaseConfig;
import org.feedletter.config.DedupSettings;
import org.feedletter.feed.parse.Entry;
import org.feedletter.ingest.dedup.FeedSite;
import org.feedletter.ingest.dedup.IngestReport;
import org.feedletter.ingest.dedup.ItemIngestor;
import org.feedletter.ingest.normalize.CandidateItem;
import org.feedletter.ingest.normalize.EntryNormalizer;
import org.feedletter.ingest.normalize.HtmlSanitizer;
import org.feedletter.identity.TextOpening;
import org.feedletter.store.Database;
import org.feedletter.store.FeedStore;
import org.feedletter.store.ItemStore;

/**
 * What dedup costs per incoming entry once the store is large: 100,000 items published over a year (about 3,800
 * inside any 28-day window), then polls of 20 entries that are new, exact duplicates (another feed, same URL) and
 * near-duplicates (a partner's copy: own URL, edited title, a line in front). Each is timed with near-duplicate
 * detection on, and with it off (URL rules only), so the difference is the fingerprint's cost. Entries are
 * normalized (sanitized) before the clock starts: this measures deciding and storing, not HTML cleaning.
 */
final class DedupBenchmark {

    private static final int STORE_ITEMS = 100_000;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /** The kinds of entries measured, for a profile of one: -Dbench.dedupKinds=exact (default: new,exact,near). */
    private static final String KINDS = System.getProperty("bench.dedupKinds", "new,exact,near");
    /** -Dbench.dedupModes=fingerprint leaves out the URL-rules-only mode (default: both). */
    private static final String MODES = System.getProperty("bench.dedupModes", "fingerprint,urls");
    /** -Dbench.dedupIncoming=8000 measures more entries of each kind (a profile wants more samples). */
    private static final int INCOMING = Integer.getInteger("bench.dedupIncoming", 2_000);
    /**
     * -Dbench.dedupFeedHistory=2000 gives each measured feed that many stored entries of its own first (pieces of
     * its own from the past year, not timed), as a feed polled for a while has; by default each kind comes from a
     * feed with none.
     */
    private static final int HISTORY = Integer.getInteger("bench.dedupFeedHistory", 0);
    /**
     * -Dbench.dedupWarmUps=3 runs each kind three times before the measured run (default: once); the measured run
     * prints how long the JIT compiled meanwhile, which says whether the warm-ups were enough. Each run takes a feed
     * of its own. Each warm-up of exact duplicates adds a copy to items the next run's copies join again, so the
     * measured run then joins items with more entries than after one.
     */
    private static final int WARM_UPS = Integer.getInteger("bench.dedupWarmUps", 1);
    /**
     * -Dbench.dedupWords=600 gives each piece a text of that many words (default 80, an excerpt's length): a whole
     * quick comment, as a publisher's own feed carries it, is several hundred.
     */
    private static final int TEXT_WORDS = Integer.getInteger("bench.dedupWords", 80);
    private static final int PER_POLL = 20;
    private static final Instant START = Instant.parse("2025-12-01T00:00:00Z");
    private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

    private final Random random = new Random(42);
    private final String[] vocabulary = vocabulary(8000);
    private final EntryNormalizer normalizer = new EntryNormalizer(new HtmlSanitizer());

    private final List<Long> feedIds = new ArrayList<>();

    private DedupBenchmark() {}

    static void main(String[] args) throws Exception {
        Machine.describe("dedup");
        new DedupBenchmark().run(args);
    }

    private record Piece(String url, String title, String text, Instant published) {}

    private void run(String[] args) throws Exception {
        DatabaseConfig config = BenchDatabases.forArgs(args, 4);
        try (Database database = Database.open(config)) {
            FeedStore feeds = new FeedStore(database);
            ItemStore items = new ItemStore(database);
            for (int f = 0; f < Math.max(14, 2 + 3 * 2 * (WARM_UPS + 1)); f++) {
                feedIds.add(feeds.add(URI.create("https://site" + f + ".example.org/feed.xml"), "feed " + f,
                        Duration.ofMinutes(30), NOW).id());
            }
            List<Piece> stored = fill(items, feedIds.get(0));
            System.out.printf("store: %s, %,d items%n", BenchDatabases.describe(config), items.count());

            microFingerprint(stored);
            ItemIngestor withFingerprints = new ItemIngestor(items, DedupSettings.defaults());
            ItemIngestor urlRulesOnly = new ItemIngestor(items, DedupSettings.urlRulesOnly());
            // A process builds its near-duplicate index at its first ingest that needs it: timed on its own.
            long start = System.nanoTime();
            long firstFeed = feedIds.get(feedIds.size() - 1); // a feed no measured run takes
            withFingerprints.ingest(site(firstFeed), candidates(newPieces(1), firstFeed), NOW);
            System.out.printf("first ingest of a new process, reading the near-duplicate index of %,d items: %.2f s%n",
                    items.count() - 1, (System.nanoTime() - start) / 1e9);
            // Each kind once to warm up (the JIT compiles the paths it takes; results not shown), then measured; one
            // mode after the other, so that the URL-only mode's unjoined copies are not in the store the fingerprint
            // mode is measured on.
            int feed = 1;
            List<ItemIngestor> modes = MODES.equals("fingerprint") ? List.of(withFingerprints)
                    : List.of(withFingerprints, urlRulesOnly);
            for (ItemIngestor ingestor : modes) {
                for (int round = 0; round <= WARM_UPS; round++) {
                    boolean warmUp = round < WARM_UPS;
                    String mode = ingestor == withFingerprints ? "URL rules + fingerprint" : "URL rules only         ";
                    if (KINDS.contains("new")) {
                        time(mode, "new        ", ingestor, feedIds.get(feed++), newPieces(INCOMING), warmUp);
                    }
                    if (KINDS.contains("exact")) {
                        time(mode, "exact dup  ", ingestor, feedIds.get(feed++), exactCopies(stored), warmUp);
                    }
                    if (KINDS.contains("near")) {
                        time(mode, "near dup   ", ingestor, feedIds.get(feed++), nearCopies(stored), warmUp);
                    }
                }
            }
        }
    }

    /**
     * The feed as the poller hands it to the ingestor: with its URL and site link, so nothing reads the feed's row
     * per poll.
     */
    private FeedSite site(long feedId) {
        int f = feedIds.indexOf(feedId);
        return new FeedSite(feedId, "https://site" + f + ".example.org/feed.xml", "https://site" + f + ".example.org/");
    }

    /** The store: 100,000 distinct pieces, one feed, written in polls of 500. */
    private List<Piece> fill(ItemStore items, long feedId) {
        ItemIngestor ingestor = new ItemIngestor(items);
        List<Piece> all = new ArrayList<>(STORE_ITEMS);
        long start = System.nanoTime();
        for (int done = 0; done < STORE_ITEMS; done += 500) {
            List<Piece> poll = new ArrayList<>();
            for (int i = done; i < done + 500; i++) {
                Instant published = START.plusSeconds((long) i * 365 * 86400 / STORE_ITEMS);
                poll.add(new Piece("https://site0.example.org/p/" + i, title(), text(TEXT_WORDS), published));
            }
            ingestor.ingest(site(feedId), candidates(poll, feedId), NOW);
            all.addAll(poll);
        }
        System.out.printf("filled in %.1f s%n", (System.nanoTime() - start) / 1e9);
        return all;
    }

    private void time(String mode, String kind, ItemIngestor ingestor, long feedId, List<Piece> pieces,
            boolean warmUp) {
        Random history = new Random(feedId);
        for (int i = 0; i < HISTORY; i += 500) {
            List<Piece> poll = new ArrayList<>();
            for (int j = i; j < Math.min(HISTORY, i + 500); j++) {
                poll.add(new Piece("https://site" + feedIds.indexOf(feedId) + ".example.org/history/" + j,
                        "History " + j + " " + history.nextLong(), words(80, history) + ".",
                        START.plusSeconds(history.nextInt(300 * 86400))));
            }
            ingestor.ingest(site(feedId), candidates(poll, feedId), NOW);
        }
        List<List<CandidateItem>> polls = new ArrayList<>();
        for (int i = 0; i < pieces.size(); i += PER_POLL) {
            List<CandidateItem> poll = candidates(pieces.subList(i, i + PER_POLL), feedId);
            poll.forEach(CandidateItem::draft);
            polls.add(poll);
        }
        IngestReport[] total = {IngestReport.NOTHING};
        long[] cpuNanos = {0};
        long gcMillis = gcMillis();
        long jitMillis = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
        long start = System.nanoTime();
        // On a thread named after the kind, so that a profile by thread tells the kinds apart.
        Thread polling = new Thread(() -> {
            long cpuStart = THREADS.getCurrentThreadCpuTime();
            for (List<CandidateItem> poll : polls) {
                total[0] = total[0].plus(ingestor.ingest(site(feedId), poll, NOW));
            }
            cpuNanos[0] = THREADS.getCurrentThreadCpuTime() - cpuStart;
        }, "dedup-" + kind.trim() + (warmUp ? "-warm-up" : ""));
        polling.start();
        try {
            polling.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        gcMillis = gcMillis() - gcMillis;
        jitMillis = ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - jitMillis;
        if (warmUp) {
            return;
        }
        // The ingesting thread's own CPU time beside the wall time: on 2 cores the JIT's compilers, H2's writer and
        // the collector share the machine with it, and a neighbour's load moves the wall time more than this; and
        // what the collector and the JIT's compilers took meanwhile (the collector stops every thread).
        System.out.printf("%s | %s | %,6.0f µs/item | %,7.0f items/s | CPU %,6.0f µs/item | GC %,d ms, JIT %,d ms "
                + "of %,.0f ms | %d new, duplicates %s%n", mode, kind, seconds * 1e6 / pieces.size(),
                pieces.size() / seconds, cpuNanos[0] / 1e3 / pieces.size(), gcMillis, jitMillis, seconds * 1e3,
                total[0].newItems(), total[0].duplicatesByRule());
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
    }

    /** Making the opening of an entry's (sanitized) text alone: no database. */
    private void microFingerprint(List<Piece> stored) {
        long start = System.nanoTime();
        long words = 0;
        for (int i = 0; i < 20_000; i++) {
            Piece p = stored.get(i);
            words += TextOpening.of(TextOpening.Kind.CONTENT, p.text()).words();
        }
        System.out.printf("opening of a text: %.1f µs/item (%d words)%n", (System.nanoTime() - start) / 1e3 / 20_000,
                words);
    }

    private List<Piece> newPieces(int n) {
        List<Piece> pieces = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            pieces.add(new Piece("https://new.example.org/p/" + random.nextLong(), title(), text(TEXT_WORDS),
                    NOW.minusSeconds(random.nextInt(20 * 86400))));
        }
        return pieces;
    }

    private List<Piece> exactCopies(List<Piece> stored) {
        List<Piece> pieces = new ArrayList<>();
        for (int i = 0; i < INCOMING; i++) {
            Piece p = stored.get(stored.size() - 1 - random.nextInt(STORE_ITEMS / 10));
            pieces.add(new Piece(p.url() + "?utm_source=rss", p.title(), p.text(), p.published()));
        }
        return dedupe(pieces);
    }

    private List<Piece> nearCopies(List<Piece> stored) {
        List<Piece> pieces = new ArrayList<>();
        for (int i = 0; i < INCOMING; i++) {
            Piece p = stored.get(stored.size() - 1 - random.nextInt(STORE_ITEMS / 10));
            pieces.add(new Piece("https://partner.example.net/r/" + random.nextLong(), p.title() + " | Partner",
                    "This piece first appeared elsewhere. " + p.text(), p.published().plusSeconds(3600)));
        }
        return pieces;
    }

    /** One entry per URL: a poll lists a piece once. */
    private static List<Piece> dedupe(List<Piece> pieces) {
        Map<String, Piece> byUrl = new LinkedHashMap<>();
        pieces.forEach(p -> byUrl.putIfAbsent(p.url(), p));
        List<Piece> unique = new ArrayList<>(byUrl.values());
        while (unique.size() % PER_POLL != 0) {
            unique.remove(unique.size() - 1);
        }
        return unique;
    }

    private List<CandidateItem> candidates(List<Piece> pieces, long feedId) {
        List<CandidateItem> out = new ArrayList<>(pieces.size());
        for (Piece p : pieces) {
            Entry entry = new Entry(p.url(), URI.create(p.url()), p.title(), "Author", p.published(), null,
                    "<p>" + p.text() + "</p>", null, List.of(), null, List.of(), null);
            out.add(normalizer.normalize(entry, feedId, NOW));
        }
        return out;
    }

    private String title() {
        return words(7);
    }

    private String text(int n) {
        return words(n) + ".";
    }

    /** Zipf-like: common words are common, so unrelated texts share some shingles, as real ones do. */
    private String words(int n) {
        return words(n, random);
    }

    private String words(int n, Random random) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            double u = random.nextDouble();
            s.append(i == 0 ? "" : " ").append(vocabulary[(int) (vocabulary.length * u * u * u)]);
        }
        return s.toString();
    }

    private static String[] vocabulary(int n) {
        String[] syllables = {"ka", "lo", "mi", "ne", "ru", "ta", "po", "se", "vi", "do", "ga", "he", "ju", "be", "fo"};
        Random r = new Random(7);
        String[] words = new String[n];
        for (int i = 0; i < n; i++) {
            StringBuilder w = new StringBuilder();
            for (int k = 0, len = 1 + r.nextInt(3); k < len; k++) {
                w.append(syllables[r.nextInt(syllables.length)]);
            }
            words[i] = w.toString() + i % 97;
        }
        return words;
    }
}

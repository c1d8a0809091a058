package org.feedletter.bench;

import jakarta.mail.Address;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.feedletter.config.DatabaseConfig;
import org.feedletter.config.DeliverySettings;
import org.feedletter.config.Include;
import org.feedletter.config.MailConfig;
import org.feedletter.config.NewsletterConfig;
import org.feedletter.digest.DigestRenderer;
import org.feedletter.digest.EditionBuilder;
import org.feedletter.feed.parse.Entry;
import org.feedletter.ingest.dedup.ItemIngestor;
import org.feedletter.ingest.normalize.EntryNormalizer;
import org.feedletter.ingest.normalize.HtmlSanitizer;
import org.feedletter.mail.DeliverySummary;
import org.feedletter.mail.DigestMessages;
import org.feedletter.mail.MessageComposer;
import org.feedletter.mail.OutboxDeliverer;
import org.feedletter.mail.SmtpTransport;
import org.feedletter.store.Database;
import org.feedletter.store.EditionStore;
import org.feedletter.store.FeedStore;
import org.feedletter.store.ItemStore;
import org.feedletter.store.OutboxRow;
import org.feedletter.store.OutboxStore;
import org.feedletter.store.SubscriberStore;
import org.feedletter.subscribe.MailtoLinks;

/**
 * A send of 10,000 personalized digests (about 20 KB each) to a local SMTP sink, at concurrency 1, 4 and 8: the
 * outbox deliverer as the service runs it (claim, render per subscriber, compose, SMTP over reused connections,
 * mark sent durably). In the same run, the raw limit: the same number of identical prerendered messages over
 * reused Jakarta Mail connections, at the same concurrency. Prints messages/s, the ratio, and peak heap.
 */
final class SendBenchmark {

    private static final int MESSAGES = 10_000;
    private static final int ITEMS = 12;
    private static final int[] CONCURRENCY = {1, 4, 8};
    /**
     * -Dbench.sendHistory=100000: the outbox first holds that many messages sent before (earlier editions), as a
     * service's does after a while; by default it holds none.
     */
    private static final int HISTORY = Integer.getInteger("bench.sendHistory", 0);
    private static final ZoneId ZONE = ZoneId.of("Europe/Stockholm");
    static final NewsletterConfig NEWSLETTER = new NewsletterConfig("quick-comment", "Quick Comment digest",
            "Fast takes on breaking news from the Northern Policy Institute.", Include.EVERYTHING, "0 0 8 * * ?", ZONE, 100);
    private static final String FROM = "Quick Comments <digest@example.org>";

    private SendBenchmark() {}

    private static String[] databaseArgs = new String[0];

    static void main(String[] args) throws Exception {
        Machine.describe("send");
        databaseArgs = args;
        int messages = args.length > 0 && args[0].matches("\\d+") ? Integer.parseInt(args[0]) : MESSAGES;
        int rounds = rounds(args);
        try (SmtpSink sink = new SmtpSink()) {
            System.out.printf("%d messages per phase, a local SMTP sink in this process (loopback), %s%n%n", messages,
                    Arrays.asList(args).contains("--postgres") ? "PostgreSQL (127.0.0.1)" : "H2 file");
            warmUp(sink);
            breakdown(messages);
            List<String> summary = new ArrayList<>();
            for (int concurrency : CONCURRENCY) {
                // Raw and outbox take turns, so a slow spell of a shared machine lands on both alike.
                List<Phase> raws = new ArrayList<>();
                List<Phase> outboxes = new ArrayList<>();
                for (int round = 0; round < rounds; round++) {
                    raws.add(raw(sink, concurrency, messages));
                    outboxes.add(outbox(sink, concurrency, messages));
                }
                Phase raw = median(raws);
                Phase outbox = median(outboxes);
                summary.add(String.format("concurrency %d: outbox %,.0f msgs/s, raw %,.0f msgs/s, ratio %.2f, "
                                + "peak heap %d MB (raw %d MB)%s", concurrency, outbox.perSecond(), raw.perSecond(),
                        outbox.perSecond() / raw.perSecond(), outbox.peakHeapMb(), raw.peakHeapMb(),
                        rounds == 1 ? "" : String.format(" (medians of %d rounds; ratios per round %s)", rounds,
                                ratios(outboxes, raws))));
            }
            System.out.printf("%nsummary (targets: >= 1,000 msgs/s and >= 0.6 of raw)%n");
            summary.forEach(System.out::println);
        }
    }

    /** {@code --rounds N}: each phase N times, raw and outbox in turn; medians are reported. */
    private static int rounds(String[] args) {
        return Bench.intOption(args, "--rounds", 1);
    }

    private static Phase median(List<Phase> phases) {
        List<Phase> sorted = new ArrayList<>(phases);
        sorted.sort(java.util.Comparator.comparingDouble(Phase::perSecond));
        return sorted.get(sorted.size() / 2);
    }

    private static String ratios(List<Phase> outboxes, List<Phase> raws) {
        List<String> ratios = new ArrayList<>();
        for (int i = 0; i < outboxes.size(); i++) {
            ratios.add(String.format("%.2f", outboxes.get(i).perSecond() / raws.get(i).perSecond()));
        }
        return String.join(" ", ratios);
    }

    private record Phase(double seconds, int messages, long peakHeapMb) {
        double perSecond() {
            return messages / seconds;
        }
    }

    /** A first small round of each, so the measured phases run on compiled code. */
    private static void warmUp(SmtpSink sink) throws Exception {
        long before = System.nanoTime();
        raw(sink, 4, 2_000, false);
        outbox(sink, 4, 2_000, false);
        System.out.printf("warm-up: %.1f s%n", (System.nanoTime() - before) / 1e9);
    }

    /** Where one message's time goes, on one thread: building it, and recording it sent. */
    private static void breakdown(int messages) throws Exception {
        DatabaseConfig databaseConfig = BenchDatabases.forArgs(databaseArgs, 4);
        try (Database database = Database.open(databaseConfig)) {
            InstantSource clock = InstantSource.system();
            EditionStore editions = new EditionStore(database);
            OutboxStore outbox = new OutboxStore(database);
            queueEdition(database, editions, new SubscriberStore(database), messages, clock);
            DigestMessages digests = digestMessages(editions, clock);
            List<OutboxRow> rows = new ArrayList<>();
            List<OutboxRow> batch;
            while (!(batch = outbox.claim("bench", clock.instant(), Duration.ofMinutes(10), 1000)).isEmpty()) {
                rows.addAll(batch);
            }
            var threads = java.lang.management.ManagementFactory.getThreadMXBean();
            long start = System.nanoTime();
            long startCpu = threads.getCurrentThreadCpuTime();
            long bytes = 0;
            for (OutboxRow row : rows) {
                MimeMessage message = digests.messageFor(row);
                bytes += message.getSize();
            }
            long built = System.nanoTime();
            long builtCpu = threads.getCurrentThreadCpuTime();
            double builtProcessCpu = Machine.processCpuSeconds();
            for (OutboxRow row : rows) {
                outbox.markSent(row.id(), "bench", "250 2.0.0 Ok: queued", clock.instant());
            }
            long marked = System.nanoTime();
            long markedCpu = threads.getCurrentThreadCpuTime();
            double markedProcessCpu = Machine.processCpuSeconds();
            int n = rows.size();
            System.out.printf("one thread, per message: render and compose %.0f us (CPU %.0f us, %.1f KB body), "
                    + "mark sent durably %.0f us (CPU %.0f us, with the database's own threads %.0f us)%n",
                    (built - start) / 1e3 / n, (builtCpu - startCpu) / 1e3 / n, bytes / 1024.0 / n,
                    (marked - built) / 1e3 / n, (markedCpu - builtCpu) / 1e3 / n,
                    (markedProcessCpu - builtProcessCpu) * 1e6 / n);
        }
    }

    private static Phase outbox(SmtpSink sink, int concurrency, int messages) throws Exception {
        return outbox(sink, concurrency, messages, true);
    }

    private static Phase outbox(SmtpSink sink, int concurrency, int messages, boolean print) throws Exception {
        DatabaseConfig databaseConfig = BenchDatabases.forArgs(databaseArgs, concurrency + 4);
        try (Database database = Database.open(databaseConfig)) {
            InstantSource clock = InstantSource.system();
            EditionStore editions = new EditionStore(database);
            SubscriberStore subscribers = new SubscriberStore(database);
            OutboxStore outbox = new OutboxStore(database);
            sentBefore(database, HISTORY, clock);
            long editionId = queueEdition(database, editions, subscribers, messages, clock);
            DigestMessages digests = digestMessages(editions, clock);
            long bytesBefore = sink.bytes();
            DeliverySettings d = DeliverySettings.defaults();
            DeliverySettings settings = new DeliverySettings(concurrency, d.maxAttempts(), d.maxAge(),
                    d.initialBackoff(), d.maxBackoff(), d.claimTimeout(), 0, 0, d.bounceAfter());
            Machine.resetPeakHeap();
            double cpuBefore = Machine.processCpuSeconds();
            long start = System.nanoTime();
            int sent = 0;
            try (OutboxDeliverer deliverer = new OutboxDeliverer(outbox, subscribers, digests, smtp(sink), settings,
                    "bench", clock)) {
                DeliverySummary summary;
                do {
                    summary = deliverer.deliverDue();
                    sent += summary.sent();
                } while (summary.sent() > 0 && sent < messages);
                if (summary.paused() || summary.failed() > 0) {
                    throw new IllegalStateException("delivery did not go through: " + summary);
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Phase phase = new Phase(seconds, sent, Machine.peakHeapMb());
            if (print) {
                double cpu = Machine.processCpuSeconds() - cpuBefore;
                System.out.printf("outbox c=%d: %,d sent in %.2f s, %,.0f msgs/s, %.1f KB each, peak heap %d MB, "
                                + "CPU %.1f s (%.0f%% of %d cores)  [edition %d]%n", concurrency, sent, seconds,
                        phase.perSecond(), (sink.bytes() - bytesBefore) / 1024.0 / sent, phase.peakHeapMb(), cpu,
                        100 * cpu / (seconds * Runtime.getRuntime().availableProcessors()),
                        Runtime.getRuntime().availableProcessors(), editionId);
            }
            return phase;
        }
    }

    /** {@code n} messages sent a week ago, to a subscriber of their own, older than every message measured. */
    private static void sentBefore(Database database, int n, InstantSource clock) {
        if (n == 0) {
            return;
        }
        Instant at = clock.instant().minus(Duration.ofDays(7));
        database.jdbi().useHandle(h -> {
            long subscriber = h.createUpdate("INSERT INTO subscribers (email, display_email, state, time_zone, "
                            + "frequency, origin, consecutive_bounces, created_at) VALUES ('earlier@example.org', "
                            + "'earlier@example.org', 'active', 'UTC', 'edition', 'config', 0, :at)")
                    .bind("at", at).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            for (int done = 0; done < n; done += 1000) {
                var batch = h.prepareBatch("INSERT INTO outbox (kind, subscriber_id, message_id, state, attempts, "
                        + "next_attempt_at, created_at, sent_at, server_reply) VALUES ('digest', :s, :m, 'sent', 1, "
                        + ":at, :at, :at, '250 2.0.0 Ok: queued')");
                for (int i = done; i < Math.min(n, done + 1000); i++) {
                    batch.bind("s", subscriber).bind("m", "<earlier-" + i + "@example.org>").bind("at", at).add();
                }
                batch.execute();
            }
        });
    }

    private static Phase raw(SmtpSink sink, int concurrency, int messages) throws Exception {
        return raw(sink, concurrency, messages, true);
    }

    /** The same number of one prerendered message, parsed from its bytes so Jakarta Mail only copies it out. */
    private static Phase raw(SmtpSink sink, int concurrency, int messages, boolean print) throws Exception {
        byte[] prerendered = prerendered();
        Session session = smtp(sink).session();
        MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(prerendered));
        ExecutorService threads = Executors.newFixedThreadPool(concurrency);
        Machine.resetPeakHeap();
        double cpuBefore = Machine.processCpuSeconds();
        long start = System.nanoTime();
        List<Future<Integer>> done = new ArrayList<>();
        for (int t = 0; t < concurrency; t++) {
            int share = messages / concurrency + (t < messages % concurrency ? 1 : 0);
            int first = t * (messages / concurrency);
            done.add(threads.submit(() -> {
                try (Transport transport = session.getTransport("smtp")) {
                    transport.connect("127.0.0.1", sink.port(), null, null);
                    for (int i = 0; i < share; i++) {
                        transport.sendMessage(message, new Address[] {new InternetAddress(reader(first + i))});
                    }
                }
                return share;
            }));
        }
        int sent = 0;
        for (Future<Integer> f : done) {
            sent += f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        threads.shutdown();
        Phase phase = new Phase(seconds, sent, Machine.peakHeapMb());
        if (print) {
            double cpu = Machine.processCpuSeconds() - cpuBefore;
            System.out.printf("raw    c=%d: %,d sent in %.2f s, %,.0f msgs/s, %.1f KB each, peak heap %d MB, "
                            + "CPU %.1f s (%.0f%% of %d cores)%n", concurrency, sent, seconds, phase.perSecond(),
                    prerendered.length / 1024.0, phase.peakHeapMb(), cpu,
                    100 * cpu / (seconds * Runtime.getRuntime().availableProcessors()),
                    Runtime.getRuntime().availableProcessors());
        }
        return phase;
    }

    /** One digest of the benchmark's edition, rendered and written out once. */
    private static byte[] prerendered() throws Exception {
        DatabaseConfig databaseConfig = new DatabaseConfig("jdbc:h2:mem:prerender" + System.nanoTime()
                + ";DB_CLOSE_DELAY=-1", "", "", 4);
        try (Database database = Database.open(databaseConfig)) {
            InstantSource clock = InstantSource.system();
            EditionStore editions = new EditionStore(database);
            SubscriberStore subscribers = new SubscriberStore(database);
            queueEdition(database, editions, subscribers, 1, clock);
            List<OutboxRow> rows = new OutboxStore(database).claim("bench", clock.instant(), Duration.ofMinutes(10), 1);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            digestMessages(editions, clock).messageFor(rows.get(0)).writeTo(bytes);
            return bytes.toByteArray();
        }
    }

    /** Subscribers, an edition of ITEMS items, and one queued digest per subscriber. */
    static long queueEdition(Database database, EditionStore editions, SubscriberStore subscribers, int count,
            InstantSource clock) {
        editions.syncNewsletters(List.of(NEWSLETTER), clock.instant());
        for (int i = 0; i < count; i++) {
            subscribers.seed(reader(i), reader(i), ZONE, List.of(NEWSLETTER.id()), clock.instant());
        }
        return edition(database, editions, clock, 0);
    }

    /** ITEMS new items (each round its own) in one feed, and an edition of them queued for every subscriber. */
    static long edition(Database database, EditionStore editions, InstantSource clock, int round) {
        Instant now = clock.instant();
        editions.syncNewsletters(List.of(NEWSLETTER), now);
        FeedStore feeds = new FeedStore(database);
        URI url = URI.create("https://example.org/feed");
        long feed = feeds.findByUrl(url.toString()).orElseGet(() -> feeds.add(url, "Institute", Duration.ofMinutes(30),
                now)).id();
        EntryNormalizer normalizer = new EntryNormalizer(new HtmlSanitizer());
        List<org.feedletter.ingest.normalize.CandidateItem> candidates = new ArrayList<>();
        for (int i = 0; i < ITEMS; i++) {
            String piece = round == 0 ? String.valueOf(i) : round + "-" + i;
            Entry entry = new Entry("g" + piece, URI.create("https://example.org/publications/2026/11/piece-" + piece),
                    "Quick Comment: Central bank pauses as inflation cools in the north, part " + piece,
                    "Ingrid Halvorsen", now.minus(Duration.ofHours(i + 1)), null,
                    "<p>" + opening(round * 1000 + i) + paragraph(i) + "</p>", null,
                    List.of("Quick Comment"), null, List.of());
            candidates.add(normalizer.normalize(entry, feed, now));
        }
        new ItemIngestor(new ItemStore(database)).ingest(feed, candidates, now);
        return new EditionBuilder(editions, List.of(NEWSLETTER), "example.org", clock).buildNow(NEWSLETTER).editionId();
    }

    private static DigestMessages digestMessages(EditionStore editions, InstantSource clock) throws Exception {
        InternetAddress from = new InternetAddress(FROM, true);
        return new DigestMessages(editions, List.of(NEWSLETTER), new DigestRenderer(Optional.empty()),
                new MailtoLinks(from.getAddress()), new MessageComposer(from),
                id -> "https://news.example.org/newsletters/" + id + "/feed.atom", "example.org", clock);
    }

    private static SmtpTransport smtp(SmtpSink sink) {
        return new SmtpTransport(new MailConfig(MailConfig.Transport.SMTP, "127.0.0.1", sink.port(),
                MailConfig.Security.NONE, "", "", FROM, Path.of("unused")));
    }

    static String reader(int i) {
        return "reader" + i + "@example.org";
    }

    /** A distinct opening for each piece, so that near-duplicate detection keeps them apart. */
    private static String opening(int seed) {
        String[] words = ("harbour ferry quota tariff grid pension cabinet ballot drought pipeline audit levy "
                + "subsidy treaty border census glacier lithium nickel forestry").split(" ");
        java.util.Random random = new java.util.Random(seed);
        StringBuilder text = new StringBuilder();
        for (int w = 0; w < 70; w++) {
            text.append(words[random.nextInt(words.length)]).append(w % 12 == 11 ? ". " : " ");
        }
        return text.toString();
    }

    /** Text for an item: long enough that its excerpt is full. */
    private static String paragraph(int i) {
        return ("The central bank kept its policy rate unchanged for the third meeting in a row, citing a cooling "
                + "labour market and easing price pressures in services. Analysts at the institute expect the first "
                + "cut in the spring, though the krona's weakness remains a risk. Piece " + i + ". ").repeat(3);
    }
}

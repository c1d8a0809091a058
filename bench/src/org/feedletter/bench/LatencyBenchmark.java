package org.feedletter.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.ToLongFunction;
import org.feedletter.Feedletter;
import org.feedletter.config.AsPublished;
import org.feedletter.config.ConfigLoader;
import org.feedletter.config.DatabaseConfig;
import org.feedletter.config.Durations;
import org.feedletter.config.FeedletterConfig;
import org.feedletter.config.TickSettings;
import org.feedletter.logging.LogSetup;

/**
 * The latency benchmark: from a publisher's new entry to the subscriber's mail, through feedletter running as
 * the service. In one JVM: a publisher (an HTTP server serving one Atom feed that names a local hub), the hub
 * ({@link LocalHub}: takes the subscription, verifies intent; on the publisher's ping fetches the feed and pushes it,
 * signed, to feedletter's callback), feedletter itself ({@code Feedletter.open} and {@code service().start()}: its web
 * server on a free port, push on, one as-published newsletter with {@code publish-delay} and {@code quiet-period} as
 * given, mail over SMTP),
 * and an SMTP sink that records the moment it accepts each message ({@link RecordingSmtpSink}).
 *
 * <p>Entries are published one at a time: each is added to the feed, the hub is pinged, and the benchmark waits for
 * the messages that carry its title (one per subscriber) before the next; before each publication it pauses a
 * random time (uniform, up to {@code --gap}: by default one period of the service's ticks with push, of the feed's
 * polls when polling), so that publications fall at random points of the ticks and polls, as a real publisher's
 * would, instead of always just after the last delivery (which follows a poll). One at a time rather than
 * at a fixed spacing: with a spacing shorter than the quiet period, entries would share an edition (and wait up to
 * the delay); the issue asks how long one new entry takes to reach readers.
 *
 * <p>Modes: push (the default) with the newsletter's delay and quiet period ({@code --delay}, {@code --quiet}: the
 * service's defaults, 2m and 30s, unless given);
 * {@code --poll} (or {@code --poll-interval D}): polling alone, no hub, the feed polled every D (default 30s), the
 * service's poll tick at its default.
 *
 * <p>The base URL is {@value #PUBLIC_BASE}, not the loopback: the config refuses push with a base URL on this machine
 * (the hubs could not reach it). As the WebSub tests do, the hub maps that base to the local web server.
 */
final class LatencyBenchmark {

    static final String PUBLIC_BASE = "https://news.example.org";
    private static final String SECRET = "latency-benchmark-web-secret-0123456789abcdef";
    private static final Duration READY_WAIT = Duration.ofSeconds(90);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private LatencyBenchmark() {}

    /** The command line. */
    private record Options(int entries, Duration delay, Duration quiet, boolean push, Duration pollInterval,
            Duration gap, int warmUp, int subscribers) {

        static Options parse(String[] args) {
            int entries = 20;
            Duration delay = AsPublished.DEFAULT_DELAY;
            Duration quiet = AsPublished.DEFAULT_QUIET_PERIOD;
            boolean push = true;
            Duration pollInterval = Duration.ofSeconds(30);
            Duration gap = null;
            int warmUp = 1;
            int subscribers = 3;
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : "";
                switch (args[i]) {
                    case "--entries" -> entries = count(args[i], value, 1);
                    case "--delay" -> delay = duration(args[i], value);
                    case "--quiet" -> quiet = duration(args[i], value);
                    case "--poll" -> {
                        push = false;
                        continue;
                    }
                    case "--poll-interval" -> {
                        push = false;
                        pollInterval = duration(args[i], value);
                    }
                    case "--gap" -> gap = duration(args[i], value);
                    case "--warm-up" -> warmUp = count(args[i], value, 0);
                    case "--subscribers" -> subscribers = count(args[i], value, 1);
                    case "--postgres" -> {
                        continue;
                    }
                    default -> fail("unknown option " + args[i] + "; bench/run latency [--entries N] [--delay D] "
                            + "[--quiet D] [--poll | --poll-interval D] [--gap D] [--warm-up N] [--subscribers N] [--postgres]");
                }
                i++;
            }
            if (entries + warmUp > 999) {
                fail("at most 999 entries in all (the titles carry three digits)");
            }
            if (!push && pollInterval.isZero()) {
                fail("--poll-interval must be more than 0");
            }
            // A whole period of what the latency depends on, so that the phase of each publication in it is uniform
            // (a delivery, and so the next pause's start, follows a poll closely). Push: the service's poll and build
            // ticks (15 s). Polling: the time between two polls of the feed, which is not its interval: the next
            // poll is due an interval after the last one's fetch, a few ms after the tick that started it, so the
            // tick an interval later finds it not yet due, and the one after polls it: a 30s interval with 15s ticks
            // is polled every 45 s.
            Duration tick = TickSettings.defaults().pollFeeds();
            Duration pollCycle = tick.multipliedBy(pollInterval.dividedBy(tick) + 1);
            Duration pause = gap != null ? gap : push ? tick : pollCycle;
            return new Options(entries, delay, quiet, push, pollInterval, pause, warmUp, subscribers);
        }

        private static int count(String name, String value, int least) {
            if (!value.matches("\\d{1,4}") || Integer.parseInt(value) < least) {
                fail(name + " takes a whole number from " + least + " up, not '" + value + "'");
            }
            return Integer.parseInt(value);
        }

        private static Duration duration(String name, String value) {
            if (value.equals("0")) {
                return Duration.ZERO;
            }
            try {
                return Durations.parse(value);
            } catch (IllegalArgumentException e) {
                fail(name + " takes " + Durations.EXPECTED + " (or 0), not '" + value + "'");
                return null;
            }
        }

        private static void fail(String message) {
            System.err.println(message);
            System.exit(2);
        }

        /** How long a lone entry waits in the newsletter: the quiet period, or the delay where that is shorter. */
        Duration loneWait() {
            return quiet.compareTo(delay) < 0 ? quiet : delay;
        }

        /** How long an entry may take before the benchmark gives up on it. */
        Duration timeout() {
            Duration arrival = push ? Duration.ZERO
                    : pollInterval.plus(TickSettings.defaults().pollFeeds().multipliedBy(2));
            return delay.plus(arrival).plus(Duration.ofSeconds(60));
        }
    }

    /** One publication and what became of it; times are System.nanoTime, -1 when unknown. */
    private record Sample(int number, boolean warmUp, Instant publishedAt, long published, long pingAnswered,
            LocalHub.Delivery hub, long served, long first, long last, String subject, String messageId) {

        boolean arrived() {
            return last >= 0;
        }

        long latency() {
            return last - published;
        }

        long toFirst() {
            return first - published;
        }
    }

    static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        Machine.describe("latency");
        LogSetup.warningsOnly(); // the service's INFO lines would bury the figures; warnings still show
        DatabaseConfig database = BenchDatabases.forArgs(args, 6);
        try (RecordingSmtpSink sink = new RecordingSmtpSink();
                LocalHub hub = options.push() ? new LocalHub() : null;
                Publisher publisher = new Publisher(hub == null ? null : hub.url())) {
            int webPort = freePort();
            if (hub != null) {
                hub.reach(url -> url.replace(PUBLIC_BASE, "http://127.0.0.1:" + webPort));
            }
            FeedletterConfig config = config(options, database, webPort, sink.port(), publisher.feedUrl());
            System.out.println("load average at the start: " + loadAverage());
            System.out.printf("%s, publish-delay %s, quiet-period %s, %d entries (+%d warm-up) one at a time, a random pause up to %s "
                            + "before each; %d subscriber(s); %s; service ticks: poll %s, build %s, deliver %s%n%n",
                    options.push() ? "push (a local hub)" : "polling alone (no hub), feed interval "
                            + Durations.format(options.pollInterval()),
                    Durations.format(options.delay()), Durations.format(options.quiet()), options.entries(),
                    options.warmUp(), Durations.format(options.gap()), options.subscribers(), BenchDatabases.describe(database),
                    Durations.format(config.ticks().pollFeeds()), Durations.format(config.ticks().buildEditions()),
                    Durations.format(config.ticks().deliver()));
            try (Feedletter feedletter = Feedletter.open(config, Clock.systemUTC(), "latency-bench")) {
                long start = System.nanoTime();
                feedletter.service().start();
                ready(options, feedletter, hub, publisher);
                System.out.printf("ready %.1f s after startService: %s%n%n", (System.nanoTime() - start) / 1e9,
                        options.push() ? "the hub verified feedletter's subscription and feedletter has it live"
                                : "feedletter polled the (empty) feed");
                List<Sample> samples = new ArrayList<>();
                Random pauses = new Random(1);
                for (int number = 1; number <= options.warmUp() + options.entries(); number++) {
                    if (options.gap().toMillis() > 0) {
                        Thread.sleep(pauses.nextLong(options.gap().toMillis()));
                    }
                    Sample sample = publish(options, number, number <= options.warmUp(), publisher, hub, sink);
                    print(options, sample);
                    samples.add(sample);
                }
                summary(options, samples.stream().filter(s -> !s.warmUp()).toList(), publisher);
                System.out.println("load average at the end: " + loadAverage());
            }
        }
    }

    private static FeedletterConfig config(Options options, DatabaseConfig database, int webPort, int smtpPort,
            URI feed) throws Exception {
        StringBuilder subscribers = new StringBuilder();
        for (int i = 1; i <= options.subscribers(); i++) {
            subscribers.append("  - { email: reader").append(i).append("@example.org, newsletters: [latest] }\n");
        }
        String yaml = """
                database: { url: "%s", username: "%s" }
                web:
                  port: %d
                  bind: 127.0.0.1
                  base-url: "%s"
                  secret: "${FEEDLETTER_SECRET}"
                  push: { enabled: %b }
                fetch: { allow-internal: [loopback] }
                mail: { transport: smtp, host: 127.0.0.1, port: %d, security: none, from: "Latest <latest@example.org>" }
                feeds:
                  - { url: "%s", name: Publisher%s }
                newsletters:
                  - id: latest
                    title: Latest from the publisher
                    schedule: as-published
                    publish-delay: %s
                    quiet-period: %s
                    max-per-day: 999
                    time-zone: Europe/Stockholm
                subscribers:
                %s""".formatted(database.url(), database.username(), webPort, PUBLIC_BASE, options.push(), smtpPort,
                feed, options.push() ? "" : ", interval: " + Durations.format(options.pollInterval()),
                Durations.format(options.delay()), Durations.format(options.quiet()), subscribers);
        Path dir = Files.createTempDirectory("feedletter-latency");
        Path file = Files.writeString(dir.resolve("feedletter.yaml"), yaml);
        file.toFile().deleteOnExit();
        dir.toFile().deleteOnExit();
        return new ConfigLoader(Map.of("FEEDLETTER_SECRET", SECRET), dir).load(file);
    }

    /** Push: until the subscription is live (the service's first poll found the hub). Polling: the first poll. */
    private static void ready(Options options, Feedletter feedletter, LocalHub hub, Publisher publisher)
            throws InterruptedException {
        long deadline = System.nanoTime() + READY_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            boolean ready = options.push()
                    ? hub.subscribers(publisher.feedUrl().toString()) == 1 && feedletter.feeds().pushStatuses().values()
                            .stream().anyMatch(s -> s.state().equals("live"))
                    : publisher.served() > 0;
            if (ready) {
                Thread.sleep(500); // the poll that found it finishes storing
                return;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("not ready within " + READY_WAIT + (options.push() ? ": push statuses "
                + feedletter.feeds().pushStatuses() : ": the feed was never fetched"));
    }

    /** Publishes entry {@code number}, pings the hub, and waits for the sink to accept a message per subscriber. */
    private static Sample publish(Options options, int number, boolean warmUp, Publisher publisher, LocalHub hub,
            RecordingSmtpSink sink) throws Exception {
        String title = title(number);
        Instant publishedAt = Instant.now();
        long published = System.nanoTime();
        publisher.publish(number, title, publishedAt);
        long pingAnswered = -1;
        if (hub != null) {
            int status = publisher.ping();
            pingAnswered = System.nanoTime();
            if (status / 100 != 2) {
                System.err.println("the hub answered the ping with HTTP " + status);
            }
        }
        long deadline = published + options.timeout().toNanos();
        long first = -1;
        long last = -1;
        int got = 0;
        String subject = null;
        String messageId = null;
        while (got < options.subscribers()) {
            RecordingSmtpSink.Accepted accepted = sink.next((deadline - System.nanoTime()) / 1_000_000);
            if (accepted == null) {
                break;
            }
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties()),
                    new ByteArrayInputStream(accepted.message()));
            if (!text(message).contains(title)) {
                System.out.printf("  (a message to %s without %s: %s)%n", accepted.recipient(), title,
                        message.getSubject());
                continue;
            }
            got++;
            if (first < 0) {
                first = accepted.acceptedNanos();
                subject = message.getSubject();
                messageId = message.getMessageID();
            }
            last = got == options.subscribers() ? accepted.acceptedNanos() : -1;
        }
        LocalHub.Delivery delivery = null;
        if (hub != null) {
            // The mail may go out before the hub has read feedletter's answer to the push: the as-published check
            // runs on its own thread once the items are stored.
            long wait = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while ((delivery = hub.delivery(number)) == null && System.nanoTime() < wait) {
                Thread.sleep(5);
            }
        }
        return new Sample(number, warmUp, publishedAt, published, pingAnswered, delivery, publisher.servedAt(number),
                first, last, subject, messageId);
    }

    static String title(int number) {
        return String.format("Latency piece #%03d", number);
    }

    /** The plain-text part, decoded (the bodies are quoted-printable). */
    private static String text(MimeMessage message) throws Exception {
        Object content = message.getContent();
        if (content instanceof String text) {
            return text;
        }
        StringBuilder all = new StringBuilder();
        if (content instanceof Multipart parts) {
            for (int i = 0; i < parts.getCount(); i++) {
                BodyPart part = parts.getBodyPart(i);
                if (part.isMimeType("text/plain") && part.getContent() instanceof String text) {
                    all.append(text);
                }
            }
        }
        return all.toString();
    }

    private static void print(Options options, Sample s) {
        StringBuilder line = new StringBuilder(String.format("#%03d%s published %s", s.number(),
                s.warmUp() ? " (warm-up)" : "", TIME.format(LocalTime.ofInstant(s.publishedAt(), ZoneId.systemDefault()))));
        if (options.push()) {
            line.append(" | ping answered ").append(since(s.published(), s.pingAnswered()));
            if (s.hub() != null) {
                line.append(", hub fetched ").append(since(s.published(), s.hub().fetchedNanos()))
                        .append(", push answered ").append(since(s.published(), s.hub().pushedNanos()))
                        .append(" (HTTP ").append(s.hub().status()).append(')');
            }
        } else {
            line.append(" | first fetched by feedletter ").append(since(s.published(), s.served()));
        }
        if (s.arrived()) {
            line.append(" | accepted by the sink ").append(since(s.published(), s.first()));
            if (options.subscribers() > 1) {
                line.append(" (last subscriber ").append(since(s.published(), s.last())).append(')');
            }
            line.append(" | \"").append(s.subject()).append("\" ").append(s.messageId());
        } else {
            line.append(" | TIMED OUT after ").append(Durations.format(options.timeout()));
        }
        System.out.println(line);
    }

    private static void summary(Options options, List<Sample> samples, Publisher publisher) {
        List<Sample> arrived = samples.stream().filter(Sample::arrived).toList();
        int missing = samples.size() - arrived.size();
        System.out.printf("%n%s, publish-delay %s, quiet-period %s: %d entries, %d arrived%s%n",
                options.push() ? "push" : "polling alone (interval " + Durations.format(options.pollInterval()) + ")",
                Durations.format(options.delay()), Durations.format(options.quiet()), samples.size(), arrived.size(),
                missing > 0 ? ", " + missing + " TIMED OUT (counted as longer than any)" : "");
        if (arrived.isEmpty()) {
            return;
        }
        String rank = samples.size() <= 100 ? " (nearest rank: with " + samples.size()
                + " entries p99 is the maximum)" : " (nearest rank)";
        System.out.printf("publication -> the sink accepting the message%s: p50 %s, p99 %s%s; min %s, mean %s%n",
                options.subscribers() > 1 ? " (the last subscriber's)" : "",
                percentile(samples, Sample::latency, 50), percentile(samples, Sample::latency, 99), rank,
                seconds(arrived.stream().mapToLong(Sample::latency).min().orElseThrow()),
                seconds((long) arrived.stream().mapToLong(Sample::latency).average().orElseThrow()));
        if (options.subscribers() > 1) {
            System.out.printf("publication -> the first subscriber's message: p50 %s, p99 %s%n",
                    percentile(samples, Sample::toFirst, 50), percentile(samples, Sample::toFirst, 99));
        }
        if (!options.loneWait().isZero()) {
            stage("publication -> the last subscriber's message, less the wait (" + Durations.format(options.loneWait())
                    + ")", arrived, s -> s.latency() - options.loneWait().toNanos());
        }
        System.out.println("where the time goes (medians of the arrived entries):");
        if (options.push()) {
            List<Sample> pushed = arrived.stream().filter(s -> s.hub() != null).toList();
            stage("  publication -> the hub answered the ping", arrived, s -> s.pingAnswered() - s.published());
            stage("  publication -> the hub had fetched the feed", pushed, s -> s.hub().fetchedNanos() - s.published());
            stage("  fetched -> feedletter answered the push (signature, parse, dedup, store)", pushed,
                    s -> s.hub().pushedNanos() - s.hub().fetchedNanos());
            stage("  push answered -> the sink accepted it (as-published check, delay, build, render, SMTP)", pushed,
                    s -> s.first() - s.hub().pushedNanos());
            subscriberSpread(options, arrived);
        } else {
            List<Sample> served = arrived.stream().filter(s -> s.served() >= 0).toList();
            stage("  publication -> feedletter fetched the feed (the interval, the poll tick)", served,
                    s -> s.served() - s.published());
            stage("  fetched -> the sink accepted it (ingest, as-published check, delay, build, render, SMTP)", served,
                    s -> s.first() - s.served());
            subscriberSpread(options, arrived);
            List<Long> requests = publisher.requests();
            List<Long> spacing = new ArrayList<>();
            for (int i = 1; i < requests.size(); i++) {
                spacing.add(requests.get(i) - requests.get(i - 1));
            }
            if (!spacing.isEmpty()) {
                System.out.printf("feedletter fetched the feed %d times (200 or 304), every %s (median; min %s, max %s) "
                                + "with an interval of %s and a poll tick every %s%n", requests.size(),
                        seconds(nearestRank(spacing, 50)), seconds(spacing.stream().min(Long::compare).orElseThrow()),
                        seconds(spacing.stream().max(Long::compare).orElseThrow()),
                        Durations.format(options.pollInterval()), Durations.format(TickSettings.defaults().pollFeeds()));
            }
        }
        Duration target = options.delay().isZero() ? Duration.ofSeconds(5) : Duration.ofSeconds(60);
        boolean defaults = options.delay().equals(AsPublished.DEFAULT_DELAY)
                && options.quiet().equals(AsPublished.DEFAULT_QUIET_PERIOD);
        if (options.push() && (options.delay().isZero() || defaults)) {
            long p99 = missing > 0 ? Long.MAX_VALUE : nearestRank(arrived.stream().map(Sample::latency).toList(), 99);
            System.out.printf("target (push, %s): p99 <= %s: %s%n", options.delay().isZero() ? "delay 0"
                            : "the default delay", seconds(target.toNanos()),
                    p99 <= target.toNanos() ? "met" : "MISSED" + (p99 == Long.MAX_VALUE ? " (entries timed out)"
                            : String.format(" by %s (%.1fx)", seconds(p99 - target.toNanos()),
                                    p99 / (double) target.toNanos())
                            + (options.loneWait().compareTo(target) >= 0 ? "; it cannot be met while the wait ("
                                    + Durations.format(options.loneWait()) + ") alone is longer" : "")));
        } else {
            System.out.println("no target for this mode: the issue asks for it as the comparison");
        }
    }

    private static void subscriberSpread(Options options, List<Sample> arrived) {
        if (options.subscribers() > 1) {
            stage("  first subscriber's message -> last's", arrived, s -> s.last() - s.first());
        }
    }

    private static void stage(String name, List<Sample> samples, ToLongFunction<Sample> nanos) {
        if (samples.isEmpty()) {
            return;
        }
        List<Long> values = samples.stream().map(nanos::applyAsLong).toList();
        System.out.printf("%-100s %s (max %s)%n", name, seconds(nearestRank(values, 50)),
                seconds(values.stream().max(Long::compare).orElseThrow()));
    }

    /** Over every sample; an entry that timed out counts as longer than any. */
    private static String percentile(List<Sample> samples, ToLongFunction<Sample> nanos, int p) {
        List<Long> values = samples.stream().map(s -> s.arrived() ? nanos.applyAsLong(s) : Long.MAX_VALUE).toList();
        long value = nearestRank(values, p);
        return value == Long.MAX_VALUE ? "timed out" : seconds(value);
    }

    /** The nearest-rank percentile: the smallest value with at least p % of the values at or below it. */
    static long nearestRank(List<Long> values, int p) {
        List<Long> sorted = values.stream().sorted(Comparator.naturalOrder()).toList();
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    private static String since(long from, long to) {
        return to < 0 ? "?" : "+" + seconds(to - from);
    }

    private static String seconds(long nanos) {
        return nanos < 10_000_000_000L ? String.format("%.0f ms", nanos / 1e6) : String.format("%.1f s", nanos / 1e9);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** The config wants a real port; this one was free a moment ago. */
    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /**
     * The publisher: one Atom feed on a local HTTP server, newest entry first, naming the hub when there is one;
     * ETag and 304 as a real site's server answers. Notes when each version of the feed was first served (a 200),
     * and pings the hub as publishers do ({@code hub.mode=publish}).
     */
    static final class Publisher implements AutoCloseable {

        private static final String[] WORDS = ("harbour ferry quota tariff grid pension cabinet ballot drought "
                + "pipeline audit levy subsidy treaty border census glacier lithium nickel forestry").split(" ");

        private record Version(int entries, byte[] body) {}

        private final HttpServer server;
        private final ExecutorService threads = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "publisher");
            t.setDaemon(true);
            return t;
        });
        private final HttpClient client = HttpClient.newHttpClient();
        private final URI hub;
        private final List<String> entries = new ArrayList<>();
        private final Map<Integer, Long> firstServed = new ConcurrentHashMap<>();
        /** Every request for the feed (200 or 304), nanoTime. */
        private final List<Long> requests = new CopyOnWriteArrayList<>();
        private volatile Version current;

        Publisher(URI hub) throws IOException {
            this.hub = hub;
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
            server.setExecutor(threads);
            server.createContext("/feed.atom", this::serve);
            server.start();
            current = new Version(0, document(Instant.now()));
        }

        URI feedUrl() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/feed.atom");
        }

        /** How many versions of the feed were served with a 200 so far. */
        int served() {
            return firstServed.size();
        }

        /** When each request for the feed came (nanoTime), in order. */
        List<Long> requests() {
            return List.copyOf(requests);
        }

        /** When the feed with {@code entries} entries was first served (nanoTime), or -1. */
        long servedAt(int entries) {
            return firstServed.getOrDefault(entries, -1L);
        }

        synchronized void publish(int number, String title, Instant at) {
            entries.add(0, """
                    <entry><title>%s</title><link href="https://publisher.example.org/pieces/%d"/>
                      <id>urn:latency:piece:%d</id><published>%s</published><updated>%s</updated>
                      <author><name>Ingrid Halvorsen</name></author>
                      <summary>%s</summary></entry>
                    """.formatted(title, number, number, at, at, text(number)));
            current = new Version(entries.size(), document(at));
        }

        /** The publisher's ping: the topic changed. Returns the hub's status. */
        int ping() throws IOException, InterruptedException {
            String form = "hub.mode=publish&hub.url=" + URLEncoder.encode(feedUrl().toString(), StandardCharsets.UTF_8);
            return client.send(HttpRequest.newBuilder(hub)
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        }

        private byte[] document(Instant updated) {
            return """
                    <?xml version="1.0" encoding="utf-8"?>
                    <feed xmlns="http://www.w3.org/2005/Atom">
                      <title>Latency Institute</title><id>urn:latency:feed</id><updated>%s</updated>
                      <link rel="self" href="%s"/>
                      %s<link rel="alternate" href="https://publisher.example.org/"/>
                    %s</feed>
                    """.formatted(updated, feedUrl(), hub == null ? "" : "<link rel=\"hub\" href=\"" + hub + "\"/>\n  ",
                    String.join("", entries)).getBytes(StandardCharsets.UTF_8);
        }

        /** Words of its own for each piece, so that near-duplicate detection keeps them apart. */
        private static String text(int seed) {
            Random random = new Random(seed);
            StringBuilder text = new StringBuilder();
            for (int w = 0; w < 60; w++) {
                text.append(WORDS[random.nextInt(WORDS.length)]).append(w % 12 == 11 ? ". " : " ");
            }
            return text.toString().strip();
        }

        private void serve(HttpExchange exchange) throws IOException {
            requests.add(System.nanoTime());
            Version version = current;
            String etag = "\"v" + version.entries() + "\"";
            try (exchange) {
                exchange.getResponseHeaders().set("ETag", etag);
                exchange.getResponseHeaders().set("X-Feed-Entries", Integer.toString(version.entries()));
                if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                    exchange.sendResponseHeaders(304, -1);
                    return;
                }
                exchange.getResponseHeaders().set("Content-Type", "application/atom+xml; charset=utf-8");
                exchange.sendResponseHeaders(200, version.body().length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(version.body());
                }
                firstServed.putIfAbsent(version.entries(), System.nanoTime());
            }
        }

        @Override
        public void close() {
            server.stop(0);
            threads.shutdownNow();
        }
    }
}

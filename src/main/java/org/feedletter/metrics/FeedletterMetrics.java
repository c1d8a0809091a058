package org.feedletter.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.feedletter.digest.EditionOutcome;
import org.feedletter.ingest.dedup.IngestReport;
import org.feedletter.ingest.poll.PollSummary;
import org.feedletter.ingest.poll.RefreshOutcome;
import org.feedletter.mail.DeliverySummary;
import org.feedletter.store.BounceStore;
import org.feedletter.store.OutboxStore;

/**
 * feedletter's numbers for Prometheus, through Micrometer. Everything is recorded from the summaries the features
 * already return (poll, editions, delivery), in this one place: the features themselves know nothing of metrics.
 * The outbox gauges are read from the database once per scrape.
 *
 * <p>Labels stay few and fixed (outcome, dedup rule, newsletter id, outbox state): never a feed URL or an address.
 */
public final class FeedletterMetrics implements AutoCloseable {

    private static final List<String> OUTBOX_STATES = List.of("queued", "sending", "sent", "failed", "cancelled");
    private static final Duration[] FETCH_BUCKETS = {Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60)};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final OutboxStore outbox;
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final Counter itemsIngested;
    private final Counter itemsUpdated;
    private final Map<String, AtomicLong> outboxByState = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> pushByState = new ConcurrentHashMap<>();
    private volatile Supplier<Map<String, Long>> pushCounts;
    private final Map<String, AtomicLong> reportsByNewsletterAndKind = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> suppressedByReason = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> latestEditionRates = new ConcurrentHashMap<>();
    private volatile BounceStore bounces;
    private volatile double complaintWarning;
    private volatile double bounceWarning;
    private List<String> newsletterIds = List.of();
    private boolean jvmBound;

    public FeedletterMetrics(OutboxStore outbox, List<String> newsletterIds) {
        this.outbox = outbox;
        this.newsletterIds = List.copyOf(newsletterIds);
        itemsIngested = Counter.builder("feedletter.items.ingested").description("New items stored").register(registry);
        itemsUpdated = Counter.builder("feedletter.items.updated")
                .description("Known items that came back changed and were updated in place").register(registry);
        for (RefreshOutcome.Kind kind : RefreshOutcome.Kind.values()) {
            fetches(kind); // every outcome shows, at 0, from the first scrape
        }
        newsletterIds.forEach(this::editionsBuilt);
        for (String outcome : List.of("sent", "retried", "failed", "cancelled")) {
            messages(outcome);
        }
        for (String state : OUTBOX_STATES) {
            AtomicLong count = outboxByState.computeIfAbsent(state, s -> new AtomicLong());
            Gauge.builder("feedletter.outbox.messages", count, AtomicLong::get)
                    .description("Outbox rows per state, read at each scrape").tag("state", state).register(registry);
        }
        Gauge.builder("feedletter.outbox.depth", outboxByState, m -> m.get("queued").get() + m.get("sending").get())
                .description("Messages waiting to be sent: queued and sending").register(registry);
    }

    /**
     * The JVM's own meters, bound at the first scrape: binding them was 15-20 ms of every {@code run --once}, which
     * nothing scrapes (docs/BENCHMARKS.md, "Start-up, eighth session"). GC pauses count from then on.
     */
    private synchronized void bindJvmOnce() {
        if (jvmBound) {
            return;
        }
        jvmBound = true;
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    public PollSummary recordPoll(PollSummary poll) {
        poll.outcomes().forEach(this::recordRefresh);
        return poll;
    }

    public RefreshOutcome recordRefresh(RefreshOutcome outcome) {
        fetches(outcome.kind()).increment();
        if (outcome.fetchTime().compareTo(Duration.ZERO) > 0) {
            fetchTime(outcome.kind()).record(outcome.fetchTime());
        }
        recordIngest(outcome.report());
        return outcome;
    }

    private void recordIngest(IngestReport report) {
        itemsIngested.increment(report.newItems());
        itemsUpdated.increment(report.updated());
        report.duplicatesByRule().forEach((rule, count) -> Counter.builder("feedletter.duplicates.dropped")
                .description("Entries dropped as duplicates of a stored item, per dedup rule")
                .tag("rule", rule).register(registry).increment(count));
    }

    public List<EditionOutcome> recordEditions(List<EditionOutcome> editions) {
        editions.forEach(this::recordEdition);
        return editions;
    }

    public EditionOutcome recordEdition(EditionOutcome edition) {
        if (edition.built()) {
            editionsBuilt(edition.newsletterId()).increment();
        }
        return edition;
    }

    public DeliverySummary recordDelivery(DeliverySummary delivery) {
        messages("sent").increment(delivery.sent());
        messages("retried").increment(delivery.retried());
        messages("failed").increment(delivery.failed());
        messages("cancelled").increment(delivery.cancelled());
        if (delivery.paused()) {
            Counter.builder("feedletter.delivery.pauses")
                    .description("Times delivery paused because the mail server could take nothing")
                    .register(registry).increment();
        }
        return delivery;
    }

    /**
     * Counts the pings to the WebSub hub from now on, each outcome at 0 from the first scrape, and shows how many are
     * not done yet: queued, being sent or waiting to be tried again.
     */
    public void watchHubPings(IntSupplier unfinished) {
        for (String outcome : List.of("sent", "retried", "failed")) {
            hubPings(outcome);
        }
        Gauge.builder("feedletter.websub.pings.unfinished", unfinished, IntSupplier::getAsInt)
                .description("Pings to the WebSub hub queued, being sent or waiting to be tried again")
                .strongReference(true) // the supplier is a lambda only the gauge holds
                .register(registry);
    }

    /** One ping to the WebSub hub: {@code sent}, {@code retried} (failed, tried again later) or {@code failed}. */
    public void recordHubPing(String outcome) {
        hubPings(outcome).increment();
    }

    /**
     * A push from a WebSub hub, by what became of it ({@code accepted}, {@code unsigned}, {@code bad_signature},
     * {@code unreadable}, {@code ignored}, {@code unknown}); when it was read, what its refresh stored counts as a
     * poll's does (items ingested, updated, duplicates), but not as a fetch.
     */
    public void recordPush(String receipt, RefreshOutcome outcome) {
        pushes(receipt).increment();
        if (outcome != null) {
            recordIngest(outcome.report());
        }
    }

    /**
     * Shows WebSub subscriptions per state ({@code subscribing}, {@code live}, ...), read from {@code counts} at each
     * scrape, and every push outcome at 0 from the first scrape; called once, when push is on.
     */
    public void watchPushSubscriptions(List<String> states, List<String> receipts, Supplier<Map<String, Long>> counts) {
        this.pushCounts = counts;
        for (String state : states) {
            AtomicLong count = pushByState.computeIfAbsent(state, s -> new AtomicLong());
            Gauge.builder("feedletter.websub.subscriptions", count, AtomicLong::get)
                    .description("WebSub subscriptions per state, read at each scrape").tag("state", state)
                    .register(registry);
        }
        receipts.forEach(this::pushes);
    }

    /** Report kinds and suppression reasons, as stored. */
    private static final List<String> REPORT_KINDS = List.of("hard", "soft", "complaint", "none");
    private static final List<String> SUPPRESSION_REASONS = List.of("hard", "soft", "complaint", "manual");

    /**
     * Shows bounces and complaints, read from the database at each scrape: reports per newsletter and kind (all time,
     * every node's), suppressions in force per reason, and for the newest mailed edition of each newsletter its
     * bounce and complaint rates and whether they are above the thresholds mail services act on.
     */
    public void watchBounces(BounceStore store, double complaintWarning, double bounceWarning) {
        this.complaintWarning = complaintWarning;
        this.bounceWarning = bounceWarning;
        for (String newsletter : newsletterIds) {
            for (String kind : REPORT_KINDS) {
                AtomicLong count = reportsByNewsletterAndKind.computeIfAbsent(newsletter + "|" + kind,
                        k -> new AtomicLong());
                Gauge.builder("feedletter.delivery.reports", count, AtomicLong::get)
                        .description("Bounce and complaint reports recorded, per newsletter and kind, read at each "
                                + "scrape").tag("newsletter", newsletter).tag("kind", kind).register(registry);
            }
            for (String rate : List.of("bounce_rate", "complaint_rate", "bounce_warning", "complaint_warning")) {
                AtomicLong value = latestEditionRates.computeIfAbsent(newsletter + "|" + rate, k -> new AtomicLong());
                Gauge.builder("feedletter.edition." + rate.replace('_', '.'), value,
                                v -> Double.longBitsToDouble(v.get()))
                        .description(rate.endsWith("warning") ? "1 when the newest mailed edition's rate is above the "
                                + "threshold mail services act on" : "Share of the newest mailed edition's messages "
                                + (rate.startsWith("bounce") ? "that bounced" : "complained about"))
                        .tag("newsletter", newsletter).register(registry);
            }
        }
        for (String reason : SUPPRESSION_REASONS) {
            AtomicLong count = suppressedByReason.computeIfAbsent(reason, r -> new AtomicLong());
            Gauge.builder("feedletter.suppressions", count, AtomicLong::get)
                    .description("Addresses suppressed now, per reason").tag("reason", reason).register(registry);
        }
        this.bounces = store;
    }

    /** One round through the bounce mailbox. */
    public void recordBounceMailbox(int recorded, int failed, boolean problem) {
        Counter.builder("feedletter.bounce.mailbox.messages").description("Messages of the bounce mailbox recorded")
                .tag("outcome", "recorded").register(registry).increment(recorded);
        Counter.builder("feedletter.bounce.mailbox.messages").description("Messages of the bounce mailbox recorded")
                .tag("outcome", "failed").register(registry).increment(failed);
        if (problem) {
            Counter.builder("feedletter.bounce.mailbox.problems")
                    .description("Rounds through the bounce mailbox that could not read it").register(registry)
                    .increment();
        }
    }

    private void readBounces() {
        BounceStore store = bounces;
        if (store == null) {
            return;
        }
        reportsByNewsletterAndKind.values().forEach(v -> v.set(0));
        for (BounceStore.KindCount c : store.countsByNewsletterAndKind()) {
            AtomicLong count = reportsByNewsletterAndKind.get(c.newsletterId() + "|" + c.kind());
            if (count != null) {
                count.set(c.count());
            }
        }
        suppressedByReason.values().forEach(v -> v.set(0));
        for (BounceStore.KindCount c : store.suppressedByReason()) {
            AtomicLong count = suppressedByReason.get(c.kind());
            if (count != null) {
                count.set(c.count());
            }
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (BounceStore.EditionRates r : store.editionRates(50)) {
            if (!seen.add(r.newsletterId()) || !latestEditionRates.containsKey(r.newsletterId() + "|bounce_rate")) {
                continue;
            }
            double bounced = r.sent() == 0 ? 0 : (double) (r.hard() + r.soft()) / r.sent();
            double complained = r.sent() == 0 ? 0 : (double) r.complaints() / r.sent();
            setRate(r.newsletterId(), "bounce_rate", bounced);
            setRate(r.newsletterId(), "complaint_rate", complained);
            setRate(r.newsletterId(), "bounce_warning", bounced > bounceWarning ? 1 : 0);
            setRate(r.newsletterId(), "complaint_warning", complained > complaintWarning ? 1 : 0);
        }
    }

    private void setRate(String newsletter, String rate, double value) {
        latestEditionRates.get(newsletter + "|" + rate).set(Double.doubleToLongBits(value));
    }

    /** The Prometheus text exposition, with the outbox (and push subscription) gauges read from the database now. */
    public String scrape() {
        bindJvmOnce();
        readBounces();
        Map<String, Long> counts = outbox.countByState();
        for (String state : OUTBOX_STATES) {
            outboxByState.get(state).set(counts.getOrDefault(state, 0L));
        }
        Supplier<Map<String, Long>> push = pushCounts;
        if (push != null) {
            Map<String, Long> byState = push.get();
            pushByState.forEach((state, count) -> count.set(byState.getOrDefault(state, 0L)));
        }
        return registry.scrape();
    }

    private Counter pushes(String receipt) {
        return Counter.builder("feedletter.websub.pushes")
                .description("Content pushed by WebSub hubs, by what became of it").tag("outcome", receipt)
                .register(registry);
    }

    /** The content type of {@link #scrape()}. */
    public static String contentType() {
        return "text/plain; version=0.0.4; charset=utf-8";
    }

    private Counter fetches(RefreshOutcome.Kind kind) {
        return Counter.builder("feedletter.feed.fetches").description("Feed fetches, by how they ended")
                .tag("outcome", label(kind)).register(registry);
    }

    private Timer fetchTime(RefreshOutcome.Kind kind) {
        return Timer.builder("feedletter.feed.fetch.duration").description("Time to fetch a feed, by how it ended")
                .tag("outcome", label(kind)).serviceLevelObjectives(FETCH_BUCKETS).register(registry);
    }

    private Counter editionsBuilt(String newsletterId) {
        return Counter.builder("feedletter.editions.built").description("Editions built")
                .tag("newsletter", newsletterId).register(registry);
    }

    private Counter messages(String outcome) {
        return Counter.builder("feedletter.messages").description("Delivery attempts, by how they ended")
                .tag("outcome", outcome).register(registry);
    }

    private Counter hubPings(String outcome) {
        return Counter.builder("feedletter.websub.pings").description("Pings to the WebSub hub, by how they ended")
                .tag("outcome", outcome).register(registry);
    }

    private static String label(RefreshOutcome.Kind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}

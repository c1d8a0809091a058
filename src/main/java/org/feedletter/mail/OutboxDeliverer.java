package org.feedletter.mail;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.feedletter.config.DeliverySettings;
import org.feedletter.config.Durations;
import org.feedletter.config.Durations.Units;
import org.feedletter.store.OutboxRow;
import org.feedletter.store.OutboxStore;
import org.feedletter.store.ProcessIdentity;
import org.feedletter.store.StoredSubscriber.State;
import org.feedletter.store.SubscriberStore;
import org.eclipse.angus.mail.smtp.SMTPMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Works off the outbox: claims due rows, sends them over a small pool of reused connections, and records each
 * outcome on its row. Temporary failures come back with exponential backoff and jitter until attempts or age
 * run out; a permanent refusal fails that row and counts towards the subscriber's bounces; a server that can
 * take nothing pauses delivery. Claimed rows are held only briefly (never near the claim timeout, never through
 * a long wait for the rate limit), so no other node takes back a row that is still on its way. Stopping
 * finishes what is in flight and hands the rest back. Before its first claim a deliverer takes back the claims of
 * processes of this machine that are gone, such as its own predecessor killed mid-send.
 */
public final class OutboxDeliverer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OutboxDeliverer.class);
    private static final int ROWS_PER_WORKER = 25;
    private static final Duration FIRST_PAUSE = Duration.ofSeconds(30);
    private static final Duration LONGEST_PAUSE = Duration.ofMinutes(10);
    /** The longest a worker waits for a rate-limit slot while holding rows; beyond it the rows go back. */
    private static final Duration LONGEST_RATE_WAIT = Duration.ofSeconds(5);

    /** Waits until an instant of the deliverer's clock; tests move their clock instead. */
    @FunctionalInterface
    interface Sleeper {
        void sleepUntil(Instant when) throws InterruptedException;
    }

    private final OutboxStore outbox;
    private final DeliveryFeedback feedback;
    private final OutboxMessages messages;
    private final MailTransport transport;
    private final DeliverySettings settings;
    private final String node;
    private final InstantSource clock;
    private final Sleeper sleeper;
    private final RateLimiter rateLimiter;
    private final SentMarks sentMarks;
    private final ExecutorService workers;
    private final BlockingQueue<MailSender> idleSenders;
    private volatile boolean stopping;
    private boolean enrolled;
    private Instant pausedUntil = Instant.MIN;
    private Duration nextPause = FIRST_PAUSE;

    public OutboxDeliverer(OutboxStore outbox, SubscriberStore subscribers, OutboxMessages messages,
            MailTransport transport, DeliverySettings settings, String node, InstantSource clock) {
        this(outbox, DeliveryFeedback.counting(subscribers, settings.bounceAfter()), messages, transport, settings,
                node, clock);
    }

    /** @param feedback the envelope sender of each message, and what a refusal at send time does */
    public OutboxDeliverer(OutboxStore outbox, DeliveryFeedback feedback, OutboxMessages messages,
            MailTransport transport, DeliverySettings settings, String node, InstantSource clock) {
        this(outbox, feedback, messages, transport, settings, node, clock, when -> {
            long millis = Duration.between(clock.instant(), when).toMillis();
            if (millis > 0) {
                Thread.sleep(millis);
            }
        });
    }

    OutboxDeliverer(OutboxStore outbox, SubscriberStore subscribers, OutboxMessages messages, MailTransport transport,
            DeliverySettings settings, String node, InstantSource clock, Sleeper sleeper) {
        this(outbox, DeliveryFeedback.counting(subscribers, settings.bounceAfter()), messages, transport, settings,
                node, clock, sleeper);
    }

    OutboxDeliverer(OutboxStore outbox, DeliveryFeedback feedback, OutboxMessages messages, MailTransport transport,
            DeliverySettings settings, String node, InstantSource clock, Sleeper sleeper) {
        this.outbox = outbox;
        this.feedback = feedback;
        this.messages = messages;
        this.transport = transport;
        this.settings = settings;
        this.node = node;
        this.clock = clock;
        this.sleeper = sleeper;
        this.rateLimiter = new RateLimiter(settings.ratePerSecond(), settings.ratePerHour(), clock);
        this.sentMarks = new SentMarks(outbox, node);
        this.idleSenders = new ArrayBlockingQueue<>(settings.concurrency());
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(settings.concurrency(), r -> {
            Thread t = new Thread(r, "deliver-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Sends everything due now, batch by batch, until nothing is due, delivery pauses or the rate limit is hit. */
    public synchronized DeliverySummary deliverDue() {
        Tally tally = new Tally();
        if (!enrolled) {
            // Before the first claim: rows a crashed process of this machine held go out now (OutboxStore.enrol).
            outbox.enrol(node, ProcessIdentity.current(), clock.instant());
            enrolled = true;
        }
        Instant now = clock.instant();
        if (now.isBefore(pausedUntil)) {
            return tally.summary("paused until " + pausedUntil);
        }
        Batch batch = null;
        long after = 0; // the last row claimed: the next claim reads on from there, then once more from the start
        while (!stopping && (batch == null || batch.mayContinue())) {
            List<OutboxRow> rows = outbox.claim(node, clock.instant(), settings.claimTimeout(),
                    settings.concurrency() * ROWS_PER_WORKER, after);
            if (rows.isEmpty()) {
                if (after == 0) {
                    break;
                }
                after = 0;
                continue;
            }
            after = rows.get(rows.size() - 1).id();
            batch = new Batch(rows, clock.instant().plus(settings.claimTimeout().dividedBy(2)));
            sendBatch(batch, tally);
        }
        closeIdleSenders();
        String problem = batch == null ? null : batch.connectionProblem.get();
        if (problem != null) {
            pause(problem);
            return tally.summary(problem);
        }
        nextPause = FIRST_PAUSE;
        if (batch != null && batch.rateLimitedUntil.get() != null) {
            tally.rateLimitedUntil = batch.rateLimitedUntil.get();
        }
        return tally.summary(null);
    }

    /** Stop claiming; what is in flight finishes, the rest of the batch goes back to the queue. */
    public void stop() {
        stopping = true;
    }

    /** The rows of one claim, worked off by all workers, and what ended it early. */
    private static final class Batch {
        final ConcurrentLinkedQueue<OutboxRow> queue;
        final Instant letGoBy;
        final AtomicReference<String> connectionProblem = new AtomicReference<>();
        final AtomicReference<Instant> rateLimitedUntil = new AtomicReference<>();

        /** @param letGoBy rows not started by then go back, well before another node could take them */
        Batch(List<OutboxRow> rows, Instant letGoBy) {
            this.queue = new ConcurrentLinkedQueue<>(rows);
            this.letGoBy = letGoBy;
        }

        boolean mayContinue() {
            return connectionProblem.get() == null && rateLimitedUntil.get() == null;
        }
    }

    private void sendBatch(Batch batch, Tally tally) {
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < Math.min(settings.concurrency(), batch.queue.size()); i++) {
            running.add(workers.submit(() -> work(batch, tally)));
        }
        running.forEach(OutboxDeliverer::await);
        List<Long> untouched = batch.queue.stream().map(OutboxRow::id).toList();
        Instant retryAt = batch.connectionProblem.get() != null ? clock.instant().plus(nextPause)
                : batch.rateLimitedUntil.get() != null ? batch.rateLimitedUntil.get()
                : clock.instant();
        outbox.release(untouched, node, retryAt);
    }

    private void work(Batch batch, Tally tally) {
        MailSender sender = borrowSender();
        try {
            OutboxRow row;
            while (!stopping && batch.mayContinue() && clock.instant().isBefore(batch.letGoBy)
                    && (row = batch.queue.poll()) != null) {
                try {
                    deliver(row, sender, batch, tally);
                } catch (RuntimeException e) {
                    // Most likely the database: stop sending what cannot be recorded. The row stays claimed and
                    // is taken back after the claim timeout.
                    log.error("outbox {}: cannot record the outcome; delivery stops for now", row.id(), e);
                    batch.connectionProblem.compareAndSet(null, "cannot record a delivery: " + e);
                }
            }
        } finally {
            idleSenders.offer(sender);
        }
    }

    private void deliver(OutboxRow row, MailSender sender, Batch batch, Tally tally) {
        if (row.suppressed()) {
            // A hard bounce, a complaint or an operator: whatever the kind of message, it never goes out.
            outbox.markCancelled(row.id(), node, "not sent: the address is suppressed");
            tally.cancelled.incrementAndGet();
            return;
        }
        if (row.subscriberState() != State.ACTIVE && "digest".equals(row.kind())) {
            outbox.markCancelled(row.id(), node, "not sent: the subscriber is " + row.subscriberState().name().toLowerCase());
            tally.cancelled.incrementAndGet();
            return;
        }
        MimeMessage message;
        InternetAddress recipient;
        try {
            message = messages.messageFor(row);
            recipient = new InternetAddress(row.email(), true);
            String envelope = feedback.envelopeSender().apply(row.id());
            if (envelope != null && message instanceof SMTPMessage smtp) {
                smtp.setEnvelopeFrom(envelope);
            }
        } catch (UnsendableMessage | AddressException e) {
            fail(row, e.getMessage(), tally);
            return;
        } catch (RuntimeException e) {
            log.error("outbox {}: building the message failed", row.id(), e);
            retryOrGiveUp(row, "internal error while building the message: " + e, tally);
            return;
        }
        if (!awaitRateLimit(row, batch)) {
            return;
        }
        record(row, sender.send(message, recipient), batch, tally);
    }

    private void record(OutboxRow row, SendResult result, Batch batch, Tally tally) {
        if (result instanceof SendResult.Sent sent) {
            if (!sentMarks.markSent(row.id(), sent.serverReply(), clock.instant())) {
                log.warn("outbox {}: sent, but the claim had been taken back; it may go out again", row.id());
            }
            if (row.consecutiveBounces() > 0) {
                feedback.acceptedAfterRefusals().accept(row.subscriberId());
            }
            tally.sent.incrementAndGet();
        } else if (result instanceof SendResult.RetryLater retry) {
            retryOrGiveUp(row, retry.reason(), tally);
        } else if (result instanceof SendResult.Rejected rejected) {
            fail(row, rejected.reason(), tally);
            feedback.refusals().refused(row, rejected.reason(), clock.instant());
        } else {
            // Every message would fail alike: the row goes back without using an attempt, and says why.
            String problem = ((SendResult.ConnectionProblem) result).reason();
            outbox.postpone(row.id(), node, problem, clock.instant().plus(nextPause));
            batch.connectionProblem.compareAndSet(null, problem);
        }
    }

    private void retryOrGiveUp(OutboxRow row, String reason, Tally tally) {
        Instant now = clock.instant();
        int attempts = row.attempts() + 1;
        boolean tooOld = !row.createdAt().plus(settings.maxAge()).isAfter(now);
        if (attempts >= settings.maxAttempts() || tooOld) {
            fail(row, "gave up after " + attempts + (attempts == 1 ? " attempt" : " attempts")
                    + (tooOld ? " over " + Durations.roughly(Duration.between(row.createdAt(), now), Units.SHORT_WORDS) : "") + ": " + reason, tally);
            return;
        }
        Instant next = now.plus(backoff(attempts));
        outbox.markRetry(row.id(), node, reason, next);
        log.info("outbox {} to {}: {}; attempt {} failed, next at {}", row.id(), row.email(), reason, attempts, next);
        tally.retried.incrementAndGet();
    }

    private void fail(OutboxRow row, String reason, Tally tally) {
        outbox.markFailed(row.id(), node, reason);
        log.warn("outbox {} to {}: failed: {}", row.id(), row.email(), reason);
        tally.failed.incrementAndGet();
    }

    /** initial x 2^(attempts-1), capped, then +-20 % so retries of one burst do not arrive together. */
    Duration backoff(int attempts) {
        Duration delay = settings.initialBackoff();
        for (int i = 1; i < attempts && delay.compareTo(settings.maxBackoff()) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        if (delay.compareTo(settings.maxBackoff()) > 0) {
            delay = settings.maxBackoff();
        }
        double jitter = 0.8 + ThreadLocalRandom.current().nextDouble() * 0.4;
        return Duration.ofMillis((long) (delay.toMillis() * jitter));
    }

    private void pause(String problem) {
        pausedUntil = clock.instant().plus(nextPause);
        log.error("delivery paused until {}: {}", pausedUntil, problem);
        nextPause = nextPause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : nextPause.multipliedBy(2);
    }

    /** @return false when the row went back to wait for the rate limit (and the batch ends) */
    private boolean awaitRateLimit(OutboxRow row, Batch batch) {
        if (!rateLimiter.limits()) {
            return true;
        }
        Duration mayWait = Duration.between(clock.instant(), batch.letGoBy);
        Optional<Instant> slot = rateLimiter.reserve(mayWait.compareTo(LONGEST_RATE_WAIT) < 0 ? mayWait : LONGEST_RATE_WAIT);
        try {
            if (slot.isPresent()) {
                sleeper.sleepUntil(slot.get());
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Instant next = slot.isPresent() ? clock.instant() : rateLimiter.nextFree();
        outbox.release(List.of(row.id()), node, next);
        batch.rateLimitedUntil.compareAndSet(null, next);
        return false;
    }

    private MailSender borrowSender() {
        MailSender idle = idleSenders.poll();
        return idle != null ? idle : transport.open();
    }

    private void closeIdleSenders() {
        MailSender sender;
        while ((sender = idleSenders.poll()) != null) {
            sender.close();
        }
    }

    private static void await(Future<?> future) {
        try {
            future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            log.error("a delivery worker failed", e.getCause());
        }
    }

    /** Stops claiming, waits for the round in progress to finish, and closes the connections. */
    @Override
    public void close() {
        stop();
        synchronized (this) {
            workers.shutdown();
            closeIdleSenders();
        }
    }

    private static final class Tally {
        final AtomicInteger sent = new AtomicInteger();
        final AtomicInteger retried = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        final AtomicInteger cancelled = new AtomicInteger();
        Instant rateLimitedUntil;

        DeliverySummary summary(String pausedBecause) {
            return new DeliverySummary(sent.get(), retried.get(), failed.get(), cancelled.get(), pausedBecause,
                    rateLimitedUntil);
        }
    }
}

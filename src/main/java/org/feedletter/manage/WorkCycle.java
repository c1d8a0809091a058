package org.feedletter.manage;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.feedletter.digest.EditionOutcome;
import org.feedletter.ingest.poll.PollSummary;
import org.feedletter.ingest.poll.RefreshOutcome;
import org.feedletter.mail.DeliverySummary;
import org.feedletter.store.NodeStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The work, as {@code run --once} does it in one go and the scheduler's three ticks do it in turn: poll, build the
 * editions that are due, deliver. What each step did goes on this node's row, which {@code status} shows for every
 * node on the store.
 *
 * <p>In the service, as-published newsletters do not wait for the build tick ({@link #startPromptEditions}): a poll
 * (or any ingest, {@link #itemsArrived}) that stored something starts a check of them on a thread of this class,
 * which builds those that are due and delivers at once; and when matching items wait for their delay, a check is
 * set for the moment it ends. The newsletter's lock keeps a check on one node and a tick on another from building
 * one edition twice.
 */
public final class WorkCycle implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WorkCycle.class);
    /** How long {@link #close} lets a check that is running finish. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(30);

    private final FeedOperations feeds;
    private final EditionOperations editions;
    private final OutboxOperations outbox;
    private final NodeStore nodes;
    private final String nodeId;
    private final InstantSource clock;
    /** Whether this process ran as a node (its row says it started), so that stopping says it stopped. */
    private volatile boolean started;
    /** The as-published checks, one at a time; null until {@link #startPromptEditions} (and without such newsletters). */
    private ScheduledThreadPoolExecutor prompt;
    /** The check set for when waiting items are due, and when; null when none is set. */
    private ScheduledFuture<?> wakeUp;
    private Instant wakeUpAt;
    /** Tells the check set last from one set before and since replaced. */
    private long wakeUps;
    /** Whether a check after arrivals is queued and not begun: more arrivals meanwhile need no other. */
    private final AtomicBoolean checkQueued = new AtomicBoolean();

    public WorkCycle(FeedOperations feeds, EditionOperations editions, OutboxOperations outbox, NodeStore nodes,
            String nodeId, InstantSource clock) {
        this.feeds = feeds;
        this.editions = editions;
        this.outbox = outbox;
        this.nodes = nodes;
        this.nodeId = nodeId;
        this.clock = clock;
    }

    /** Polls every feed, builds the editions that are due, delivers what is queued. */
    public RunReport runOnce(boolean send) {
        return runOnce(send, outcome -> {});
    }

    /** The same; {@code progress} hears of each feed. */
    public RunReport runOnce(boolean send, Consumer<RefreshOutcome> progress) {
        started();
        PollSummary poll = recorded(feeds.pollAll(progress));
        List<EditionOutcome> built = recorded(editions.buildDue(send));
        if (send) {
            editions.queuePeriodicDigests();
        }
        DeliverySummary delivery = recorded(outbox.deliver());
        Map<String, Long> outboxNow = outbox.countByState();
        long stillQueued = outboxNow.getOrDefault("queued", 0L) + outboxNow.getOrDefault("sending", 0L);
        return new RunReport(poll, built, delivery, outbox.deliveredTo(), stillQueued);
    }

    /** This process works as a node from now on: its row says so. */
    public void started() {
        nodes.started(nodeId, clock.instant());
        started = true;
    }

    /**
     * The poll tick: the feeds that are due. When it stored something, the as-published newsletters are checked at
     * once ({@link #startPromptEditions}).
     */
    public void pollTick() {
        recorded(feeds.pollDue());
    }

    /** The build tick: the editions that are due, and the daily and weekly digests. */
    public void buildTick() {
        wakeUpFor(recorded(editions.buildDue(true)));
        editions.queuePeriodicDigests();
    }

    /**
     * From now on, builds as-published newsletters as soon as they are due rather than at the next build tick: after
     * every poll that stored something, and when waiting items' delay ends. Part of the service; does nothing when
     * no newsletter is as-published, or when already started.
     */
    public synchronized void startPromptEditions() {
        if (prompt != null || !editions.hasAsPublished()) {
            return;
        }
        prompt = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "as-published");
            t.setDaemon(true);
            return t;
        });
        prompt.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        prompt.setRemoveOnCancelPolicy(true);
        feeds.whenItemsArrive(this::itemsArrived);
    }

    /**
     * Something stored items (a poll, or another ingest such as pushed entries): checks the as-published
     * newsletters soon, on this class's thread, building and delivering those that are due. Returns at once; does
     * nothing unless {@link #startPromptEditions} ran.
     */
    public void itemsArrived() {
        if (checkQueued.compareAndSet(false, true) && submit(() -> {
            checkQueued.set(false);
            checkAsPublished();
        }, 0).isEmpty()) {
            checkQueued.set(false);
        }
    }

    /** One check of the as-published newsletters: build what is due, deliver it, and set a check for what waits. */
    private void checkAsPublished() {
        try {
            List<EditionOutcome> built = editions.buildAsPublished();
            if (built.stream().anyMatch(EditionOutcome::built)) {
                recorded(built);
                recorded(outbox.deliver());
            }
            wakeUpFor(built);
        } catch (RuntimeException e) {
            log.error("building as-published editions failed; the next poll or build tick tries again", e);
        }
    }

    /** Sets a check for the earliest time an as-published newsletter's waiting items are due, if any wait. */
    private void wakeUpFor(List<EditionOutcome> outcomes) {
        outcomes.stream().map(EditionOutcome::waitingUntil).filter(Objects::nonNull).min(Instant::compareTo)
                .ifPresent(this::wakeUpAt);
    }

    /** Keeps one check set: the earliest asked for. */
    private synchronized void wakeUpAt(Instant when) {
        if (prompt == null || wakeUp != null && !wakeUp.isDone() && !wakeUpAt.isAfter(when)) {
            return;
        }
        if (wakeUp != null) {
            wakeUp.cancel(false);
        }
        // A millisecond late rather than early: a check that came early would only find the items still waiting.
        long delay = Math.max(0, Duration.between(clock.instant(), when).toMillis() + 1);
        long number = ++wakeUps;
        wakeUp = submit(() -> wokeUp(number), delay).orElse(null);
        wakeUpAt = when;
    }

    private void wokeUp(long number) {
        synchronized (this) {
            if (number == wakeUps) {
                wakeUp = null; // this one is running: the check may set the next
                wakeUpAt = null;
            }
        }
        checkAsPublished();
    }

    private synchronized Optional<ScheduledFuture<?>> submit(Runnable check, long delayMillis) {
        if (prompt == null || prompt.isShutdown()) {
            return Optional.empty();
        }
        try {
            return Optional.of(prompt.schedule(check, delayMillis, TimeUnit.MILLISECONDS));
        } catch (RejectedExecutionException e) {
            return Optional.empty(); // closing
        }
    }

    /** Stops the as-published checks: none starts from now on, and one that is running finishes. */
    @Override
    public void close() {
        ScheduledThreadPoolExecutor executor;
        synchronized (this) {
            executor = prompt;
        }
        if (executor == null) {
            return;
        }
        executor.shutdown();
        try {
            if (!executor.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("an as-published check did not finish within {}; stopping it", CLOSE_WAIT);
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** The deliver tick. */
    public void deliverTick() {
        recorded(outbox.deliver());
    }

    /** Says on this node's row that it stopped, if it ever started. */
    public void stopped() {
        if (started) {
            nodes.stopped(nodeId, clock.instant());
        }
    }

    private PollSummary recorded(PollSummary poll) {
        nodes.polled(nodeId, poll.polled(), poll.totals().newItems(), clock.instant());
        return poll;
    }

    private List<EditionOutcome> recorded(List<EditionOutcome> built) {
        nodes.builtEditions(nodeId, (int) built.stream().filter(EditionOutcome::built).count(), clock.instant());
        return built;
    }

    private DeliverySummary recorded(DeliverySummary delivery) {
        nodes.delivered(nodeId, delivery.sent(), clock.instant());
        return delivery;
    }
}

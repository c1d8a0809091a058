package org.feedletter.manage;

import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.feedletter.digest.EditionOutcome;
import org.feedletter.ingest.poll.PollSummary;
import org.feedletter.ingest.poll.RefreshOutcome;
import org.feedletter.mail.DeliverySummary;
import org.feedletter.store.NodeStore;

/**
 * The work, as {@code run --once} does it in one go and the scheduler's three ticks do it in turn: poll, build the
 * editions that are due, deliver. What each step did goes on this node's row, which {@code status} shows for every
 * node on the store.
 */
public final class WorkCycle {

    private final FeedOperations feeds;
    private final EditionOperations editions;
    private final OutboxOperations outbox;
    private final NodeStore nodes;
    private final String nodeId;
    private final InstantSource clock;
    /** Whether this process ran as a node (its row says it started), so that stopping says it stopped. */
    private volatile boolean started;

    public WorkCycle(FeedOperations feeds, EditionOperations editions, OutboxOperations outbox, NodeStore nodes,
            String nodeId, InstantSource clock) {
        this.feeds = feeds;
        this.editions = editions;
        this.outbox = outbox;
        this.nodes = nodes;
        this.nodeId = nodeId;
        this.clock = clock;
    }

    /** Polls every feed, builds the editions that are due, delivers what is queued; {@code progress} hears of each feed. */
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

    /** The poll tick: the feeds that are due. */
    public void pollTick() {
        recorded(feeds.pollDue());
    }

    /** The build tick: the editions that are due, and the daily and weekly digests. */
    public void buildTick() {
        recorded(editions.buildDue(true));
        editions.queuePeriodicDigests();
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

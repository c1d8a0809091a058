package org.feedletter.manage;

import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.feedletter.mail.DeliverySummary;
import org.feedletter.mail.OutboxDeliverer;
import org.feedletter.metrics.FeedletterMetrics;
import org.feedletter.store.OperatorViews;
import org.feedletter.store.OutboxStore;
import org.feedletter.store.OutboxStore.OutboxError;

/**
 * The outbox as an operator follows and nudges it: what {@code status}, {@code mail retry}, {@code digest send},
 * the admin pages and the deliver tick call. Every delivery is counted in the metrics.
 */
public final class OutboxOperations {

    private final OutboxStore outbox;
    private final OperatorViews views;
    private final Supplier<OutboxDeliverer> deliverer;
    private final Supplier<String> deliveredTo;
    private final Supplier<FeedletterMetrics> metrics;
    private final InstantSource clock;

    /** {@code deliveredTo}: where mail goes, in words ("SMTP to host:port", "files in ..."). */
    public OutboxOperations(OutboxStore outbox, OperatorViews views, Supplier<OutboxDeliverer> deliverer,
            Supplier<String> deliveredTo, Supplier<FeedletterMetrics> metrics, InstantSource clock) {
        this.outbox = outbox;
        this.views = views;
        this.deliverer = deliverer;
        this.deliveredTo = deliveredTo;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Messages by state: queued, sending, sent, failed, cancelled. */
    public Map<String, Long> countByState() {
        return outbox.countByState();
    }

    /** The latest failures, newest first. */
    public List<OutboxError> lastErrors(int limit) {
        return outbox.lastErrors(limit);
    }

    /** Queues every failed message again; returns how many. */
    public int retryFailed() {
        return outbox.retryFailed(clock.instant());
    }

    /** Delivers what is queued and due. */
    public DeliverySummary deliver() {
        return metrics.get().recordDelivery(deliverer.get().deliverDue());
    }

    /** Where mail goes, in words. */
    public String deliveredTo() {
        return deliveredTo.get();
    }

    public int[] sentPerDay(Instant now, int days) {
        return views.messagesSentPerDay(now, days);
    }

    public int[] failedPerDay(Instant now, int days) {
        return views.messagesFailedPerDay(now, days);
    }
}

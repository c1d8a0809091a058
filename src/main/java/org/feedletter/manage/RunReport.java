package org.feedletter.manage;

import java.util.List;
import org.feedletter.digest.EditionOutcome;
import org.feedletter.ingest.poll.PollSummary;
import org.feedletter.mail.DeliverySummary;

/**
 * What one {@code run --once} did.
 *
 * @param deliveredTo where messages went, e.g. "files in data/outbox"
 * @param stillQueued messages the outbox holds after the round: waiting for a retry, a rate limit or another node
 */
public record RunReport(PollSummary poll, List<EditionOutcome> editions, DeliverySummary delivery, String deliveredTo,
        long stillQueued) {

    public RunReport {
        editions = List.copyOf(editions);
    }

    /** True when something failed and was recorded: a feed, a message, or delivery itself. */
    public boolean hasFailures() {
        return !poll.failures().isEmpty() || delivery.failed() > 0 || delivery.paused();
    }
}

package org.feedletter;

import java.util.List;
import org.feedletter.digest.EditionOutcome;
import org.feedletter.ingest.PollSummary;
import org.feedletter.mail.DeliverySummary;

/**
 * What one {@code run --once} did.
 *
 * @param deliveredTo where messages went, e.g. "files in data/outbox"
 */
public record RunReport(PollSummary poll, List<EditionOutcome> editions, DeliverySummary delivery, String deliveredTo) {

    public RunReport {
        editions = List.copyOf(editions);
    }

    /** True when something failed and was recorded: a feed, a message, or delivery itself. */
    public boolean hasFailures() {
        return !poll.failures().isEmpty() || delivery.failed() > 0 || delivery.paused();
    }
}

package org.feedletter.ingest.poll;

import java.util.List;
import org.feedletter.ingest.dedup.IngestReport;

/** What one round of polling did, for the operator. */
public record PollSummary(List<RefreshOutcome> outcomes) {

    public PollSummary {
        outcomes = List.copyOf(outcomes);
    }

    public int polled() {
        return outcomes.size();
    }

    public int notModified() {
        return (int) outcomes.stream().filter(o -> o.kind() == RefreshOutcome.Kind.NOT_MODIFIED).count();
    }

    public List<RefreshOutcome> failures() {
        return outcomes.stream().filter(RefreshOutcome::failed).toList();
    }

    public IngestReport totals() {
        return outcomes.stream().map(RefreshOutcome::report).reduce(IngestReport.NOTHING, IngestReport::plus);
    }
}

package org.feedletter.cli;

import java.io.PrintWriter;
import java.time.temporal.ChronoUnit;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.feedletter.manage.RunReport;
import org.feedletter.digest.EditionOutcome;
import org.feedletter.ingest.dedup.IngestReport;
import org.feedletter.ingest.poll.PollSummary;
import org.feedletter.ingest.poll.RefreshOutcome;
import org.feedletter.mail.DeliverySummary;

/** Prints what a run did, in the words an operator looks for. */
final class RunReportPrinter {

    private RunReportPrinter() {}

    static void print(RunReport report, PrintWriter out) {
        PollSummary poll = report.poll();
        IngestReport totals = poll.totals();
        int failed = poll.failures().size();
        out.printf("Feeds:      %d polled, %d not modified, %d failed%n", poll.polled(), poll.notModified(), failed);
        for (RefreshOutcome failure : poll.failures()) {
            out.printf("            ! %s: %s%n", failure.feed().label(), failure.message());
        }
        poll.outcomes().stream().filter(o -> !o.failed() && o.message() != null)
                .forEach(o -> out.printf("            note %s: %s%n", o.feed().label(), o.message()));
        out.printf("Items:      %d new, %s, %d updated in place%n", totals.newItems(), duplicates(totals),
                totals.updated());
        long built = report.editions().stream().filter(EditionOutcome::built).count();
        out.printf("Editions:   %d built%n", built);
        for (EditionOutcome edition : report.editions()) {
            out.printf("            %s: %s%n", edition.newsletterId(), describe(edition));
        }
        DeliverySummary delivery = report.delivery();
        out.printf("Messages:   %d sent to %s, %d to retry, %d failed%s%n", delivery.sent(), report.deliveredTo(),
                delivery.retried(), delivery.failed(), report.stillQueued() == 0 ? ""
                        : "; " + Counted.of(report.stillQueued(), "message") + " still in the outbox");
        if (delivery.paused()) {
            out.printf("            ! delivery paused: %s%n", delivery.pausedBecause());
        }
        if (delivery.rateLimitedUntil() != null) {
            out.printf("            the rate limit holds the rest until %s%n", delivery.rateLimitedUntil());
        }
        out.flush();
    }

    private static String describe(EditionOutcome edition) {
        if (!edition.due()) {
            return edition.waitingUntil() == null ? "not due yet"
                    : "not due yet: matching items wait until " + edition.waitingUntil().plusNanos(999_999_999)
                            .truncatedTo(ChronoUnit.SECONDS);
        }
        if (!edition.built()) {
            return "nothing new, no edition";
        }
        return "edition " + edition.editionId() + " with " + Counted.of(edition.items(), "item") + ", "
                + Counted.of(edition.queued(), "message") + " queued";
    }

    /** "6 duplicates dropped (canonical-url 4, fingerprint 2)": which rule found how many. */
    static String duplicates(IngestReport totals) {
        String text = totals.duplicates() + " duplicates dropped";
        if (totals.duplicatesByRule().isEmpty()) {
            return text;
        }
        return text + new TreeMap<>(totals.duplicatesByRule()).entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", ", " (", ")"));
    }
}

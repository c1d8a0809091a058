package org.feedletter.bounce;

import java.time.Duration;
import org.feedletter.config.Durations;
import org.feedletter.config.Durations.Units;
import org.feedletter.store.BounceStore;
import org.feedletter.store.BounceStore.Decision;
import org.feedletter.store.BounceStore.NewReport;

/**
 * What a report does to its address. A hard bounce or a complaint suppresses it at once; soft bounces suppress it
 * when {@code softLimit} of them came within {@code softWindow}; anything else is only recorded. A report tied to no
 * message of ours (no VERP address, or one whose signature does not verify; an unknown Message-ID) is recorded and
 * never acted on: anyone can send mail to the bounce address.
 */
public final class BouncePolicy implements BounceStore.Policy {

    private final int softLimit;
    private final Duration softWindow;

    public BouncePolicy(int softLimit, Duration softWindow) {
        this.softLimit = softLimit;
        this.softWindow = softWindow;
    }

    public Duration softWindow() {
        return softWindow;
    }

    @Override
    public Decision decide(NewReport report, int softBounces, boolean suppressed) {
        ReportKind kind = ReportKind.valueOf(report.kind().toUpperCase(java.util.Locale.ROOT));
        if (kind == ReportKind.NONE) {
            return Decision.none("not a bounce: recorded only");
        }
        if ("none".equals(report.matchedBy()) || report.email() == null) {
            return Decision.none("not tied to a message of ours: recorded, not acted on");
        }
        if (suppressed) {
            return Decision.none(kind.code() + (kind == ReportKind.COMPLAINT ? "" : " bounce")
                    + ": the address is suppressed already");
        }
        String evidence = evidence(report);
        return switch (kind) {
            case HARD -> new Decision("hard", evidence, "suppressed: hard bounce");
            case COMPLAINT -> new Decision("complaint", evidence, "suppressed: complaint");
            case SOFT -> softBounces >= softLimit
                    ? new Decision("soft", softBounces + " soft bounces within " + window() + "; the last: " + evidence,
                            "suppressed: " + softBounces + " soft bounces within " + window())
                    : Decision.none("soft bounce " + softBounces + " of " + softLimit + " within " + window());
            case NONE -> Decision.none("not a bounce");
        };
    }

    private String window() {
        return Durations.roughly(softWindow, Units.SHORT_WORDS);
    }

    /** "mailbox, 5.1.1: 550 5.1.1 <alice@...>: User unknown (edition 7, quick-comment)". */
    static String evidence(NewReport r) {
        StringBuilder s = new StringBuilder(r.source());
        if (r.status() != null) {
            s.append(", ").append(r.status());
        }
        if (r.diagnostic() != null && !r.diagnostic().isBlank()) {
            s.append(": ").append(r.diagnostic().strip());
        }
        if (r.editionId() != null) {
            s.append(" (edition ").append(r.editionId())
                    .append(r.newsletterId() == null ? "" : ", " + r.newsletterId()).append(')');
        }
        return s.toString();
    }
}

package org.feedletter.bounce;

import java.util.Locale;

/** What a report says about one recipient. */
public enum ReportKind {
    /** A permanent failure: the address does not take mail (no such user, no such domain, disabled). */
    HARD,
    /** A failure that may pass: mailbox full, a policy or system problem, a transient failure given up. */
    SOFT,
    /** The recipient marked our mail as spam (a feedback-loop report). */
    COMPLAINT,
    /** Not a failure: a delay warning, a delivery notice, an auto-reply, something else in the mailbox. */
    NONE;

    /** As stored: hard, soft, complaint, none. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}

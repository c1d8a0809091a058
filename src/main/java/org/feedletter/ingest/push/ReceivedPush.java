package org.feedletter.ingest.push;

import org.feedletter.ingest.poll.RefreshOutcome;

/** A push and what it did: the refresh's outcome when it was read (else null). */
public record ReceivedPush(PushReceipt receipt, RefreshOutcome outcome) {}

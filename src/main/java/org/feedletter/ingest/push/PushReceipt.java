package org.feedletter.ingest.push;

/** What became of a push. */
public enum PushReceipt {
    /** Signed with the subscription's secret and read: its entries went in as a poll's would. */
    ACCEPTED,
    /** No signature: ignored. */
    UNSIGNED,
    /** A signature that is not the subscription's: ignored. */
    BAD_SIGNATURE,
    /** Signed, but not a readable feed. */
    UNREADABLE,
    /** Signed, for a feed that is paused or gone: ignored. */
    IGNORED,
    /** No subscription of ours (any more) has this callback, or its feed was removed. */
    UNKNOWN,
    /** Larger than {@code fetch.max-body}: not read. */
    TOO_LARGE
}

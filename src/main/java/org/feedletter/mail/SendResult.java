package org.feedletter.mail;

/** How handing one message to the mail server ended. */
public sealed interface SendResult {

    /** Accepted; {@code serverReply} is what the server said (e.g. "250 2.0.0 Ok: queued as 4F2A"). */
    record Sent(String serverReply) implements SendResult {}

    /** This message failed for now (4xx, a timeout, a dropped connection mid-message): try it again later. */
    record RetryLater(String reason) implements SendResult {}

    /** This message or recipient was refused for good (5xx). */
    record Rejected(String reason) implements SendResult {}

    /**
     * The server cannot take any message now (cannot connect, login refused, sender refused): every message
     * would fail the same way, so delivery pauses instead of burning through the queue.
     */
    record ConnectionProblem(String reason) implements SendResult {}
}

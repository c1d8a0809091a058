package org.feedletter.schedule;

import java.time.Duration;

/**
 * The work each tick does, handed in by the composition root; the jobs only call these.
 *
 * @param pollFeeds polls the feeds that are due
 * @param buildEditions builds the editions that are due
 * @param deliver delivers the outbox rows that are due
 * @param readBounces reads the bounce mailbox, or null when there is none
 * @param readBouncesEvery how often; null when there is no bounce mailbox
 */
public record Ticks(Runnable pollFeeds, Runnable buildEditions, Runnable deliver, Runnable readBounces,
        Duration readBouncesEvery) {

    /** Without a bounce mailbox. */
    public Ticks(Runnable pollFeeds, Runnable buildEditions, Runnable deliver) {
        this(pollFeeds, buildEditions, deliver, null, null);
    }

    /** The same ticks, and the bounce mailbox read every {@code every}. */
    public Ticks withBounceMailbox(Runnable read, Duration every) {
        return new Ticks(pollFeeds, buildEditions, deliver, read, every);
    }
}

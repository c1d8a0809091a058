package org.feedletter.schedule;

/**
 * The work each tick does, handed in by the composition root; the jobs only call these.
 *
 * @param pollFeeds polls the feeds that are due
 * @param buildEditions builds the editions that are due
 * @param deliver delivers the outbox rows that are due
 */
public record Ticks(Runnable pollFeeds, Runnable buildEditions, Runnable deliver) {}

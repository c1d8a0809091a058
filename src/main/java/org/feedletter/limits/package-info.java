/**
 * Counting events against a limit, in memory: {@link org.feedletter.limits.SlidingWindowLimit}, at most so many
 * events per key in any window of time, read from a clock. The features keep their policies (which key, how many,
 * what a refusal means: sign-ups per client and per address in {@code subscribe}, sends per hour in {@code mail}).
 */
package org.feedletter.limits;

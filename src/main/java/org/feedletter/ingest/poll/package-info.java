/**
 * Polling: {@link org.feedletter.ingest.poll.FeedPoller} claims due feeds and runs their refreshes on two pools
 * (fetching waits on the network, the rest uses the CPU); {@link org.feedletter.ingest.poll.FeedRefresher} fetches,
 * parses, normalizes and hands one feed's entries to {@code ingest.dedup}, and says how the poll ended
 * ({@link org.feedletter.ingest.poll.RefreshOutcome}, what the feed's row records). Also what a poll takes from one
 * document ({@code EntryCap}), the categories the config adds to a feed's entries ({@code FeedLabels}), the backoff
 * of failing feeds, and reading a feed once without storing it ({@code FeedProbe}). It uses the other two rooms;
 * neither uses it.
 */
package org.feedletter.ingest.poll;

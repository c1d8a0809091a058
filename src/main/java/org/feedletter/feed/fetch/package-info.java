/**
 * Fetching feeds over HTTP (and {@code file:} URLs): conditional GET, decompression, size and time limits,
 * redirects checked against the egress rules, per-host limits and backoff. The answer is a
 * {@link org.feedletter.feed.fetch.FetchResult}, never an exception.
 */
package org.feedletter.feed.fetch;

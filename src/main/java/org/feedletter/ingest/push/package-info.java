/**
 * WebSub, the subscriber side: {@link org.feedletter.ingest.push.PushSubscriber} subscribes feeds at the hubs their
 * documents name, answers the hubs' verifications, takes signed pushes in through the poll's own path
 * ({@code FeedRefresher.process}), renews leases and falls back to polling when a subscription fails or lapses;
 * {@code HubSignature} checks {@code X-Hub-Signature}. The HTTP side (the callback route) is in {@code web}, through
 * {@code manage}'s operations; the state is in {@code store.PushStore}.
 */
package org.feedletter.ingest.push;

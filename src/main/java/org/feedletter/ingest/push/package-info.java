/**
 * WebSub, the subscriber side, entered through {@link org.feedletter.ingest.push.PushSubscriber}:
 * {@code HubsNamedByFeeds} subscribes feeds at the hubs their documents name (through {@code HubRequests}, the
 * requests to hubs), {@code HubVerifications} answers the hubs' verifications, {@code PushReceiver} takes signed
 * pushes in through the poll's own path ({@code FeedRefresher.process}), {@code LeaseMaintenance} renews leases and
 * retries, and {@code PushTimes} gives feeds back to polling when a subscription fails or lapses;
 * {@code HubSignature} checks {@code X-Hub-Signature}. The HTTP side (the callback route) is in {@code web}, through
 * {@code manage}'s operations; the state is in {@code store.PushStore}.
 */
package org.feedletter.ingest.push;

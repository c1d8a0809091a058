package org.feedletter.manage;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.feedletter.store.OperatorViews;
import org.feedletter.store.OperatorViews.SubscriberSummary;
import org.feedletter.store.StoredSubscriber;
import org.feedletter.store.SubscriberStore;
import org.feedletter.subscribe.SubscriberRoster;

/**
 * Subscribers as an operator finds, counts, adds and removes them: what {@code feedletter subscribers},
 * {@code status}, {@code digest preview --as} and the admin pages call.
 */
public final class SubscriberOperations {

    private final SubscriberStore subscribers;
    private final OperatorViews views;
    private final SubscriberRoster roster;

    public SubscriberOperations(SubscriberStore subscribers, OperatorViews views, SubscriberRoster roster) {
        this.subscribers = subscribers;
        this.views = views;
        this.roster = roster;
    }

    /** Adding, removing, listing, importing and exporting, with the rules sign-ups follow. */
    public SubscriberRoster roster() {
        return roster;
    }

    /** By address as {@code EmailAddress} normalizes it. */
    public Optional<StoredSubscriber> findByEmail(String normalizedEmail) {
        return subscribers.findByEmail(normalizedEmail);
    }

    public Optional<StoredSubscriber> find(long id) {
        return subscribers.find(id);
    }

    /** The ids of the newsletters the subscriber gets. */
    public List<String> newslettersOf(long subscriberId) {
        return subscribers.newslettersOf(subscriberId);
    }

    public Map<StoredSubscriber.State, Long> countByState() {
        return subscribers.countByState();
    }

    /** Subscribers whose address contains {@code text}, in a state or any (null). */
    public List<SubscriberSummary> search(String text, StoredSubscriber.State state, int limit) {
        return views.searchSubscribers(text, state, limit);
    }

    public int[] activePerDay(Instant now, int days) {
        return views.activeSubscribersPerDay(now, days);
    }
}

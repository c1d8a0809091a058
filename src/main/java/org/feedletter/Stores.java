package org.feedletter;

import org.feedletter.store.Database;
import org.feedletter.store.EditionStore;
import org.feedletter.store.FeedStore;
import org.feedletter.store.ItemStore;
import org.feedletter.store.NodeStore;
import org.feedletter.store.OutboxStore;
import org.feedletter.store.SubscriberStore;

/**
 * The stores the root wires into several parts, one instance each over the open database. They stay in this package:
 * callers get operations ({@link Operations}), never a store.
 */
record Stores(Database database, FeedStore feeds, ItemStore items, EditionStore editions, SubscriberStore subscribers,
        OutboxStore outbox, NodeStore nodes) {

    static Stores on(Database database) {
        return new Stores(database, new FeedStore(database), new ItemStore(database), new EditionStore(database),
                new SubscriberStore(database), new OutboxStore(database), new NodeStore(database));
    }
}

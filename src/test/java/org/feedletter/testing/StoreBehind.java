package org.feedletter.testing;

import org.feedletter.config.FeedletterConfig;
import org.feedletter.store.Database;
import org.feedletter.store.ItemStore;
import org.feedletter.store.NodeStore;
import org.feedletter.store.OutboxStore;
import org.feedletter.store.SubscriberStore;

/**
 * The store under a feedletter a test opened, opened once more beside it (through the process that serves an H2
 * file, as a command would): for arranging what delivery or a bounce would have recorded, and reading what no
 * operation shows. feedletter itself hands its callers operations, never a store.
 */
public final class StoreBehind implements AutoCloseable {

    private final Database database;

    private StoreBehind(Database database) {
        this.database = database;
    }

    public static StoreBehind of(FeedletterConfig config) {
        return new StoreBehind(Database.open(config.database()));
    }

    public OutboxStore outbox() {
        return new OutboxStore(database);
    }

    public SubscriberStore subscribers() {
        return new SubscriberStore(database);
    }

    public ItemStore items() {
        return new ItemStore(database);
    }

    public NodeStore nodes() {
        return new NodeStore(database);
    }

    @Override
    public void close() {
        database.close();
    }
}

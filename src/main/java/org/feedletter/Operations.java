package org.feedletter;

import java.time.InstantSource;
import java.util.function.Supplier;
import org.feedletter.bounce.BounceHandling;
import org.feedletter.config.FeedletterConfig;
import org.feedletter.manage.BounceOperations;
import org.feedletter.manage.EditionOperations;
import org.feedletter.manage.FeedChanges;
import org.feedletter.manage.FeedOperations;
import org.feedletter.manage.ItemOperations;
import org.feedletter.manage.NodeOperations;
import org.feedletter.manage.OutboxOperations;
import org.feedletter.manage.PushOperations;
import org.feedletter.manage.SubscriberOperations;
import org.feedletter.metrics.FeedletterMetrics;
import org.feedletter.store.BounceStore;
import org.feedletter.store.OperatorViews;
import org.feedletter.store.PushStore;
import org.feedletter.store.SubscriberChangeStore;
import org.feedletter.subscribe.SubscriberRoster;

/**
 * The operations layer as the root wires it: what the CLI, the admin pages and the scheduler call, over the stores,
 * which stay behind it. Work that needs fetching, rendering or mail reaches the working parts through suppliers, so
 * building these builds none of it. Bounce handling (VERP, the mailbox, the webhooks' recorder; suppressions always)
 * is built here too, as the deliverer, the web routes and the scheduler share it.
 */
record Operations(FeedOperations feeds, ItemOperations items, EditionOperations editions, OutboxOperations outbox,
        SubscriberOperations subscribers, NodeOperations nodes, PushOperations push, BounceOperations bounces,
        BounceHandling bounceHandling) {

    static Operations over(FeedletterConfig config, InstantSource clock, Stores stores, LazyWork work) {
        OperatorViews views = new OperatorViews(stores.database());
        SubscriberRoster roster = new SubscriberRoster(new SubscriberChangeStore(stores.database()),
                config.newsletters(), config.subscriptions(), clock);
        Supplier<FeedletterMetrics> metrics = () -> work.get().metrics();
        PushOperations push = pushEnabled(config)
                ? new PushOperations(new PushStore(stores.database()), () -> work.get().pushSubscriber(), metrics)
                : PushOperations.OFF;
        FeedOperations feeds = new FeedOperations(stores.feeds(), views,
                new FeedChanges(stores.feeds(), config.source(), clock), () -> work.get().poller(),
                () -> work.get().probe(), metrics, clock, push);
        BounceHandling bounceHandling = new BounceHandling(config, new BounceStore(stores.database()), clock);
        return new Operations(feeds,
                new ItemOperations(stores.items(), stores.feeds(), views),
                new EditionOperations(views, () -> work.get().editions(), () -> work.get().preview(),
                        () -> work.get().periodicDigests(), metrics),
                new OutboxOperations(stores.outbox(), views, () -> work.get().deliverer(),
                        () -> work.get().transport().describe(), metrics, clock),
                new SubscriberOperations(stores.subscribers(), views, roster),
                new NodeOperations(stores.nodes()),
                push,
                new BounceOperations(new BounceStore(stores.database()), bounceHandling, metrics, clock),
                bounceHandling);
    }

    /** WebSub subscriptions: only with a web section (the hubs need its callbacks) that switches them on. */
    private static boolean pushEnabled(FeedletterConfig config) {
        return config.web().map(web -> web.push().enabled()).orElse(false);
    }
}

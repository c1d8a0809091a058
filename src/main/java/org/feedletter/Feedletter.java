package org.feedletter;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.InstantSource;
import java.util.Optional;
import org.feedletter.config.FeedletterConfig;
import org.feedletter.manage.BounceOperations;
import org.feedletter.manage.EditionOperations;
import org.feedletter.manage.FeedOperations;
import org.feedletter.manage.ItemOperations;
import org.feedletter.manage.NodeOperations;
import org.feedletter.manage.OutboxOperations;
import org.feedletter.manage.SubscriberOperations;
import org.feedletter.manage.WorkCycle;
import org.feedletter.metrics.FeedletterMetrics;
import org.feedletter.store.Database;
import org.feedletter.subscribe.SubscriberSeeder;
import org.feedletter.web.Router;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds every part once, wires them by hand, hands them out, and closes them in order. It
 * runs nothing itself: callers ask it for a part and call that ({@link #cycle()} for {@code run --once},
 * {@link #service()} to run as the service, {@link #web()} for the HTTP side alone, the operations for the rest).
 * Nothing else constructs a service; features receive what they need through their constructors.
 *
 * <p>The stores and the operations are built at once; what fetches, renders, mails, serves and counts
 * ({@link WorkingParts}) when first used, so commands that only look at the store start quickly.
 */
public final class Feedletter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Feedletter.class);

    private final FeedletterConfig config;
    private final InstantSource clock;
    private final String nodeId;
    private final Stores stores;
    private final LazyWork work;
    // The operations layer: what the CLI, the admin pages and the scheduler call (no store leaves this package).
    private final Operations operations;
    private final WorkCycle cycle;
    private final WebSide web;
    private final Service service;

    private Feedletter(FeedletterConfig config, InstantSource clock, String nodeId, Database database) {
        this.config = config;
        this.clock = clock;
        this.nodeId = nodeId;
        this.stores = Stores.on(database);
        this.work = new LazyWork(this::buildWork);
        this.operations = Operations.over(config, clock, stores, work);
        this.cycle = new WorkCycle(operations.feeds(), operations.editions(), operations.outbox(), stores.nodes(),
                nodeId, clock);
        operations.push().whenItemsArrive(cycle::itemsArrived); // pushed entries reach as-published newsletters at once
        this.web = new WebSide(work, this::routes);
        this.service = new Service(config, nodeId, database, cycle, work, web, operations.bounces());

        if (!database.throughService()) {
            // The service that serves the file synced its config when it started, and keeps to it until restarted:
            // a command beside it looks at what it runs (and answers sooner: each statement is a round trip).
            stores.feeds().syncConfigFeeds(config.feeds(), clock.instant());
            stores.editions().syncNewsletters(config.newsletters(), clock.instant());
            new SubscriberSeeder(stores.subscribers(), clock).seed(config.subscribers());
        }
    }

    private WorkingParts buildWork() throws StartupException {
        return WorkingParts.build(config, clock, nodeId, stores, operations.push(), operations.bounceHandling());
    }

    /** The router, when the web side starts: the working parts are built by then. */
    private Router routes() {
        return new WebRoutes(config, clock, stores, operations, work.get(), service::isScheduling).router();
    }

    /**
     * Opens the database (migrating it), syncs feeds, newsletters and subscribers from the config, and builds what
     * fetches, renders and mails, checking the templates: what running needs.
     */
    public static Feedletter open(FeedletterConfig config, InstantSource clock, String nodeId) throws StartupException {
        return open(config, clock, nodeId, Database.Sharing.JOIN_OR_SERVE);
    }

    /**
     * The same, with an embedded database file shared with other feedletter processes as {@code sharing} says: the
     * service serves it, so commands run beside it.
     */
    public static Feedletter open(FeedletterConfig config, InstantSource clock, String nodeId,
            Database.Sharing sharing) throws StartupException {
        Feedletter feedletter = openStore(config, clock, nodeId, sharing);
        try {
            feedletter.work.buildNow();
            return feedletter;
        } catch (StartupException | RuntimeException e) {
            feedletter.close();
            throw e;
        }
    }

    /**
     * Opens the database (migrating it) and syncs feeds, newsletters and subscribers from the config; what fetches,
     * renders and mails is built when first used. For commands that look at or change the store: they start in a
     * fraction of the time.
     */
    public static Feedletter openStore(FeedletterConfig config, InstantSource clock, String nodeId)
            throws StartupException {
        return openStore(config, clock, nodeId, Database.Sharing.JOIN_OR_OPEN);
    }

    private static Feedletter openStore(FeedletterConfig config, InstantSource clock, String nodeId,
            Database.Sharing sharing) throws StartupException {
        // The config loader reports this with its line; a config made otherwise is held to it before anything starts.
        Optional<String> loginInClear = config.mail().loginWithoutTlsProblem();
        if (loginInClear.isPresent()) {
            throw new StartupException("mail: " + loginInClear.get(), null);
        }
        Database database;
        try {
            database = Database.open(config.database(), sharing);
        } catch (RuntimeException e) {
            throw new StartupException("cannot open the database " + config.database().url() + ": " + rootMessage(e), e);
        }
        try {
            return new Feedletter(config, clock, nodeId, database);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    public FeedletterConfig config() {
        return config;
    }

    // The parts callers use. The operations are for the CLI (the admin pages and the scheduler get theirs wired).

    public FeedOperations feeds() {
        return operations.feeds();
    }

    public ItemOperations items() {
        return operations.items();
    }

    public EditionOperations editions() {
        return operations.editions();
    }

    public OutboxOperations outbox() {
        return operations.outbox();
    }

    public SubscriberOperations subscribers() {
        return operations.subscribers();
    }

    public NodeOperations nodes() {
        return operations.nodes();
    }

    public BounceOperations bounces() {
        return operations.bounces();
    }

    /**
     * The poll-build-deliver cycle: {@code run --once} calls it, the scheduler's ticks too; an ingest other than a
     * poll (pushed entries) tells it {@link WorkCycle#itemsArrived} so as-published newsletters go out without
     * waiting for a tick.
     */
    public WorkCycle cycle() {
        return cycle;
    }

    /** Running as the service: the scheduler and the web side. */
    public Service service() {
        return service;
    }

    /** The HTTP side: part of the service, or started alone. */
    public WebSide web() {
        return web;
    }

    /** The metrics, as {@code /metrics} serves them; builds the working parts if they were not. */
    public FeedletterMetrics metrics() {
        return work.get().metrics();
    }

    /** Stops claiming work, lets what is in flight finish, then closes everything, the database last. */
    @Override
    public void close() {
        Optional<WorkingParts> built = work.ifBuilt();
        built.ifPresent(WorkingParts::stopDelivering);
        service.close(); // the web server, the merged feeds, the scheduler
        cycle.close();
        built.ifPresent(WorkingParts::close);
        try {
            cycle.stopped();
        } catch (RuntimeException e) {
            log.warn("could not record that node {} stopped: {}", nodeId, e.getMessage());
        }
        stores.database().close();
    }

    /** A name for this process, unique among the nodes sharing a database: host and process id. */
    public static String defaultNodeId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        return host + "-" + ProcessHandle.current().pid(); // not the management beans: 10 ms of every command's start
    }

    /** The innermost cause's message: what an operator can act on (a refused port, an unknown host). */
    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }
}

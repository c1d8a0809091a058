package org.feedletter;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.feedletter.bounce.BounceHandling;
import org.feedletter.config.BounceConfig;
import org.feedletter.config.FeedletterConfig;
import org.feedletter.config.MailConfig;
import org.feedletter.config.NewsletterConfig;
import org.feedletter.config.WebConfig;
import org.feedletter.digest.DigestRenderer;
import org.feedletter.digest.EditionBuilder;
import org.feedletter.digest.EditionPreview;
import org.feedletter.digest.LinkMaker;
import org.feedletter.digest.PeriodicDigests;
import org.feedletter.feed.opml.Opml;
import org.feedletter.feed.fetch.FeedFetcher;
import org.feedletter.feed.parse.FeedParser;
import org.feedletter.ingest.poll.EntryCap;
import org.feedletter.ingest.normalize.EntryNormalizer;
import org.feedletter.ingest.poll.FeedPoller;
import org.feedletter.ingest.poll.FeedLabels;
import org.feedletter.ingest.poll.FeedProbe;
import org.feedletter.ingest.poll.FeedRefresher;
import org.feedletter.ingest.normalize.HtmlSanitizer;
import org.feedletter.ingest.dedup.ItemIngestor;
import org.feedletter.ingest.poll.RefreshOutcome;
import org.feedletter.ingest.push.PushSubscriber;
import org.feedletter.mail.DigestMessages;
import org.feedletter.mail.MailTransport;
import org.feedletter.mail.MailTransports;
import org.feedletter.mail.MessageComposer;
import org.feedletter.mail.MessagesByKind;
import org.feedletter.mail.OutboxMessages;
import org.feedletter.mail.OutboxDeliverer;
import org.feedletter.manage.BounceOperations;
import org.feedletter.manage.EditionOperations;
import org.feedletter.manage.FeedChanges;
import org.feedletter.manage.FeedOperations;
import org.feedletter.manage.ItemOperations;
import org.feedletter.manage.NodeOperations;
import org.feedletter.manage.OutboxOperations;
import org.feedletter.manage.PushOperations;
import org.feedletter.manage.RunReport;
import org.feedletter.manage.SubscriberOperations;
import org.feedletter.manage.WorkCycle;
import org.feedletter.metrics.FeedletterMetrics;
import org.feedletter.schedule.Scheduling;
import org.feedletter.schedule.Ticks;
import org.feedletter.store.AdminLogoutStore;
import org.feedletter.store.BounceStore;
import org.feedletter.store.Database;
import org.feedletter.store.EditionStore;
import org.feedletter.store.FeedStore;
import org.feedletter.store.ItemStore;
import org.feedletter.store.NodeStore;
import org.feedletter.store.OperatorViews;
import org.feedletter.store.OutboxStore;
import org.feedletter.store.PeriodicDigestStore;
import org.feedletter.store.PushStore;
import org.feedletter.store.SubscriberChangeStore;
import org.feedletter.store.SubscriberStore;
import org.feedletter.subscribe.ConfirmationMessages;
import org.feedletter.subscribe.LinkTokens;
import org.feedletter.subscribe.MailtoLinks;
import org.feedletter.subscribe.SelfService;
import org.feedletter.subscribe.SignedLinks;
import org.feedletter.subscribe.Signups;
import org.feedletter.subscribe.SubscriberRoster;
import org.feedletter.subscribe.SubscriberSeeder;
import org.feedletter.web.Pages;
import org.feedletter.web.Router;
import org.feedletter.web.archive.ArchiveRoutes;
import org.feedletter.web.bouncehooks.BounceHooks;
import org.feedletter.web.mergedfeed.FeedRoutes;
import org.feedletter.web.mergedfeed.HubNotifier;
import org.feedletter.web.mergedfeed.MergedFeeds;
import org.feedletter.web.mergedfeed.SourcesRoute;
import org.feedletter.web.subscriberpages.SelfServiceRoutes;
import org.feedletter.web.subscriberpages.SubscribeRoutes;
import org.feedletter.web.WebServer;
import org.feedletter.web.admin.AdminRouter;
import org.feedletter.web.admin.ConfirmationResender;
import org.feedletter.web.admin.FeedsSection;
import org.feedletter.web.admin.ItemsSection;
import org.feedletter.web.admin.NewslettersSection;
import org.feedletter.web.admin.OverviewSection;
import org.feedletter.web.admin.SubscribersSection;
import org.feedletter.web.health.HealthRoutes;
import org.feedletter.web.health.MetricsRoute;
import org.feedletter.web.home.HomeRoute;
import org.feedletter.web.websub.CallbackRoutes;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds every part once, wires them by hand, and owns their lifecycle. Nothing else
 * constructs a service; features receive what they need through their constructors.
 */
public final class Feedletter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Feedletter.class);

    private final FeedletterConfig config;
    private final InstantSource clock;
    private final String nodeId;
    private final Database database;
    private final FeedStore feeds;
    private final OutboxStore outbox;
    private final NodeStore nodes;
    private final ItemStore items;
    private final SubscriberStore subscribers;
    private final EditionStore editionStore;
    // The operations layer: what the CLI, the admin pages and the scheduler call (no store leaves this class).
    private final FeedOperations feedOperations;
    private final ItemOperations itemOperations;
    private final EditionOperations editionOperations;
    private final OutboxOperations outboxOperations;
    private final SubscriberOperations subscriberOperations;
    private final NodeOperations nodeOperations;
    private final PushOperations pushOperations;
    private final BounceHandling bounceHandling;
    private final BounceOperations bounceOperations;
    private final WorkCycle cycle;
    /** Fetching, rendering, mail, web and metrics: built on first use (see {@link #work()}). */
    private Work work;
    private volatile Scheduling scheduling;
    private WebServer web;

    private Feedletter(FeedletterConfig config, InstantSource clock, String nodeId, Database database) {
        this.config = config;
        this.clock = clock;
        this.nodeId = nodeId;
        this.database = database;
        this.feeds = new FeedStore(database);
        this.items = new ItemStore(database);
        this.editionStore = new EditionStore(database);
        this.subscribers = new SubscriberStore(database);
        this.outbox = new OutboxStore(database);
        this.nodes = new NodeStore(database);
        OperatorViews views = new OperatorViews(database);
        SubscriberRoster roster = new SubscriberRoster(new SubscriberChangeStore(database), config.newsletters(), config.subscriptions(),
                clock);
        Supplier<FeedletterMetrics> metrics = () -> work().metrics();
        this.pushOperations = pushEnabled(config)
                ? new PushOperations(new PushStore(database), () -> work().pushSubscriber(), metrics)
                : PushOperations.OFF;
        this.feedOperations = new FeedOperations(feeds, views, new FeedChanges(feeds, config.source(), clock),
                () -> work().poller(), () -> work().probe(), metrics, clock, pushOperations);
        this.itemOperations = new ItemOperations(items, feeds, views);
        this.editionOperations = new EditionOperations(views, () -> work().editions(), () -> work().preview(),
                () -> work().periodicDigests(), metrics);
        this.outboxOperations = new OutboxOperations(outbox, views, () -> work().deliverer(),
                () -> work().transport().describe(), metrics, clock);
        this.subscriberOperations = new SubscriberOperations(subscribers, views, roster);
        this.nodeOperations = new NodeOperations(nodes);
        // Bounces and complaints (the bounces section): VERP, the mailbox, the webhooks; suppressions always.
        this.bounceHandling = new BounceHandling(config, new BounceStore(database), clock);
        this.bounceOperations = new BounceOperations(new BounceStore(database), bounceHandling, metrics, clock);
        this.cycle = new WorkCycle(feedOperations, editionOperations, outboxOperations, nodes, nodeId, clock);
        pushOperations.whenItemsArrive(cycle::itemsArrived); // pushed entries reach as-published newsletters at once

        if (!database.throughService()) {
            // The service that serves the file synced its config when it started, and keeps to it until restarted:
            // a command beside it looks at what it runs (and answers sooner: each statement is a round trip).
            feeds.syncConfigFeeds(config.feeds(), clock.instant());
            editionStore.syncNewsletters(config.newsletters(), clock.instant());
            new SubscriberSeeder(subscribers, clock).seed(config.subscribers());
        }
    }

    /**
     * The parts that fetch, render, mail, serve and count: what running needs and looking at the store does not.
     *
     * @param webFeatures what the HTTP side serves, or null without a web section
     * @param pushSubscriber WebSub subscriptions, or null unless {@code web.push} is on
     */
    private record Work(FeedFetcher fetcher, FeedPoller poller, FeedProbe probe, EditionBuilder editions,
            EditionPreview preview, MailTransport transport, OutboxDeliverer deliverer,
            PeriodicDigests periodicDigests, WebFeatures webFeatures, FeedletterMetrics metrics,
            PushSubscriber pushSubscriber) {}

    /** WebSub subscriptions: only with a web section (the hubs need its callbacks) that switches them on. */
    private static boolean pushEnabled(FeedletterConfig config) {
        return config.web().map(web -> web.push().enabled()).orElse(false);
    }

    /** The working parts, built the first time they are asked for; their templates are checked then. */
    private synchronized Work work() {
        if (work == null) {
            try {
                work = buildWork();
            } catch (StartupException e) {
                throw new IllegalStateException("feedletter cannot start: " + e.getMessage(), e);
            }
        }
        return work;
    }

    private Work buildWork() throws StartupException {
        FeedFetcher fetcher = new FeedFetcher(config.fetch());
        FeedParser parser = new FeedParser();
        EntryNormalizer normalizer = new EntryNormalizer(new HtmlSanitizer());
        EntryCap cap = new EntryCap(items, config.fetch().maxEntriesPerPoll(), config.feeds());
        FeedRefresher refresher = new FeedRefresher(fetcher, parser, normalizer, new ItemIngestor(items, config.dedup()),
                cap, clock, FeedLabels.of(config.feeds()));
        FeedProbe probe = new FeedProbe(fetcher, parser, normalizer, clock);
        FeedPoller poller = new FeedPoller(feeds, refresher, config.fetch().concurrency(), nodeId,
                config.fetch().deadline().multipliedBy(3), clock);

        InternetAddress from = senderAddress(config.mail());
        String senderDomain = from.getAddress().substring(from.getAddress().indexOf('@') + 1);
        EditionBuilder editions = new EditionBuilder(editionStore, config.newsletters(), senderDomain, clock);

        DigestRenderer renderer = new DigestRenderer(config.templates().dir());
        try {
            renderer.check(config.newsletters());
        } catch (DigestRenderer.TemplateProblem e) {
            throw new StartupException(e.getMessage(), e);
        }
        MailTransport transport = MailTransports.of(config.mail());
        MailtoLinks mailto = new MailtoLinks(from.getAddress());
        SubscriberChangeStore subscriptions = new SubscriberChangeStore(database);
        PeriodicDigests periodicDigests = new PeriodicDigests(new PeriodicDigestStore(database), config.subscriptions(),
                senderDomain, clock);
        MessageComposer composer = new MessageComposer(from);
        Map<String, OutboxMessages> messagesByKind = new HashMap<>();
        LinkMaker links = mailto;
        FeedletterMetrics metrics = new FeedletterMetrics(outbox,
                config.newsletters().stream().map(NewsletterConfig::id).toList());
        WebFeatures webFeatures = null;
        if (config.web().isPresent()) {
            WebConfig webConfig = config.web().get();
            LinkTokens tokens = new LinkTokens(webConfig.secret());
            SignedLinks signed = new SignedLinks(webConfig, tokens, subscribers, mailto);
            links = signed;
            ConfirmationMessages confirmations = new ConfirmationMessages(subscribers, config.newsletters(), webConfig,
                    tokens, signed, config.subscriptions().confirmWithin(), config.templates().dir(), composer, clock);
            confirmations.check();
            messagesByKind.put("confirm", confirmations);
            webFeatures = new WebFeatures(webConfig, new Pages(config.templates().dir(), webConfig.title()),
                    new MergedFeeds(items, feeds, config.newsletters(), webConfig, hubNotifier(webConfig, metrics)),
                    new Signups(subscriptions, config.newsletters(), config.subscriptions(), senderDomain, clock),
                    new SelfService(tokens, subscribers, subscriptions, config.newsletters(), clock), editionStore,
                    renderer);
        }
        messagesByKind.put("digest", new DigestMessages(editionStore, config.newsletters(), renderer, links, composer,
                this::moreUrl, senderDomain, clock));
        OutboxDeliverer deliverer = new OutboxDeliverer(outbox, bounceHandling.deliveryFeedback(subscribers,
                config.delivery().bounceAfter()), new MessagesByKind(messagesByKind), transport, config.delivery(),
                nodeId, clock);
        metrics.watchBounces(new BounceStore(database), config.bounces().map(BounceConfig::complaintWarning)
                .orElse(BounceConfig.DEFAULT_COMPLAINT_WARNING), config.bounces().map(BounceConfig::bounceWarning)
                .orElse(BounceConfig.DEFAULT_BOUNCE_WARNING));
        EditionPreview preview = new EditionPreview(editionStore, renderer, links, this::moreUrl, clock);
        PushSubscriber pushSubscriber = null;
        if (pushEnabled(config)) {
            pushSubscriber = new PushSubscriber(new PushStore(database), feeds, refresher, fetcher,
                    config.web().orElseThrow(), clock);
            metrics.watchPushSubscriptions(PushOperations.states(), PushOperations.receipts(),
                    pushOperations::countByState);
        }
        return new Work(fetcher, poller, probe, editions, preview, transport, deliverer, periodicDigests, webFeatures,
                metrics, pushSubscriber);
    }

    /**
     * The WebSub hub's notifier when {@code web.hub} names one: with the fetcher's user agent and time limits, its
     * pings counted in the metrics.
     */
    private Optional<HubNotifier> hubNotifier(WebConfig webConfig, FeedletterMetrics metrics) {
        return webConfig.hub().map(hub -> {
            HubNotifier notifier = new HubNotifier(hub, config.fetch().userAgent(), config.fetch().connectTimeout(),
                    config.fetch().readTimeout(), metrics::recordHubPing);
            metrics.watchHubPings(notifier::unfinished);
            return notifier;
        });
    }

    /** What the HTTP side serves; built only when web is configured. */
    private record WebFeatures(WebConfig web, Pages pages, MergedFeeds feeds, Signups signups, SelfService selfService,
            EditionStore editions, DigestRenderer renderer) {}

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
            feedletter.buildWorkNow();
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

    private synchronized void buildWorkNow() throws StartupException {
        if (work == null) {
            work = buildWork();
        }
    }

    /** Polls every feed, builds the editions that are due, delivers what is queued. */
    public RunReport runOnce(boolean send) {
        return cycle.runOnce(send, outcome -> {});
    }

    /** The same, telling {@code progress} of each feed's poll as it ends. */
    public RunReport runOnce(boolean send, Consumer<RefreshOutcome> progress) {
        return cycle.runOnce(send, progress);
    }

    /** Starts the scheduler, and the web server when one is configured; returns at once. {@link #close()} stops them. */
    public void startService() throws SchedulerException, StartupException {
        Work w = work();
        startWeb();
        cycle.started();
        cycle.startPromptEditions();
        Ticks ticks = new Ticks(cycle::pollTick, cycle::buildTick, cycle::deliverTick);
        if (bounceHandling.enabled()) { // reads the bounce mailbox, if any, and warns of editions' rates
            ticks = ticks.withBounceMailbox(bounceOperations::tick, config.bounces().orElseThrow().mailbox()
                    .map(BounceConfig.Mailbox::every).orElse(BounceConfig.Mailbox.DEFAULT_EVERY));
        }
        scheduling = Scheduling.start(database.dataSource(), config.database().isPostgres(), nodeId, ticks, config.ticks());
        log.info("feedletter node {} running: {} feeds, {} newsletters, mail to {}", nodeId, config.feeds().size(),
                config.newsletters().size(), w.transport().describe());
    }

    /** Starts the web server (and the merged feeds it serves) when one is configured; part of the service. */
    public void startWeb() throws StartupException {
        WebFeatures webFeatures = work().webFeatures();
        if (webFeatures == null || web != null) {
            return;
        }
        webFeatures.feeds().start();
        web = new WebServer(config.web().get(), routes());
        try {
            web.start();
        } catch (Exception e) {
            throw new StartupException("cannot serve HTTP on " + config.web().get().bindAddress() + ":"
                    + config.web().get().port() + ": " + rootMessage(e), e);
        }
        if (work().pushSubscriber() != null) {
            work().pushSubscriber().serving(); // its callbacks are answered now: it may subscribe
        }
    }

    /** Every HTTP route, from the features that serve one. */
    private Router routes() {
        Router router = new Router();
        WebFeatures w = work().webFeatures();
        if (w != null) {
            new FeedRoutes(w.feeds()).register(router);
            new SourcesRoute(feeds, new Opml(), w.web()).register(router);
            new SubscribeRoutes(w.pages(), w.signups(), config.newsletters(), config.subscriptions()).register(router);
            new SelfServiceRoutes(w.pages(), w.selfService(), config.newsletters()).register(router);
            new ArchiveRoutes(w.pages(), w.editions(), w.renderer(), config.newsletters(), this::moreUrl)
                    .register(router);
            new HomeRoute(w.pages(), w.web(), config.newsletters()).register(router);
            if (pushOperations.enabled()) {
                new CallbackRoutes(pushOperations, config.fetch().maxBodyBytes()).register(router);
            }
            bounceHandling.recorder().ifPresent(recorder -> BounceHooks.register(router, config.bounces().orElseThrow(),
                    recorder, config.fetch().maxBodyBytes(), clock));
        }
        new HealthRoutes(database::isReachable, () -> scheduling != null && scheduling.isRunning()).register(router);
        new MetricsRoute(work().metrics()::scrape, FeedletterMetrics.contentType(),
                config.web().map(WebConfig::metricsToken).orElse("")).register(router);
        adminRoutes(router);
        return router;
    }

    /** Queues the daily and weekly digests that are due (part of every build tick). */
    public int queuePeriodicDigests() {
        return editionOperations.queuePeriodicDigests();
    }

    /** Rebuilds the merged feeds now when items changed (they also follow by themselves while serving). */
    public void refreshMergedFeeds() {
        WebFeatures webFeatures = work().webFeatures();
        if (webFeatures != null) {
            webFeatures.feeds().refresh();
        }
    }

    /** The admin pages, when a password is set. */
    private void adminRoutes(Router router) {
        if (!config.admin().enabled()) {
            AdminRouter.registerOff(router);
            return;
        }
        new AdminRouter(config.admin(), config.web().orElseThrow(), new AdminLogoutStore(database),
                new Pages(config.templates().dir(), config.web().orElseThrow().title()), clock)
                .with(new OverviewSection(feedOperations, itemOperations, editionOperations, outboxOperations,
                        subscriberOperations))
                .with(new FeedsSection(feedOperations))
                .with(new NewslettersSection(config.newsletters(), editionOperations, subscriberOperations))
                .with(new SubscribersSection(subscriberOperations, confirmationResender(), bounceOperations))
                .with(new ItemsSection(itemOperations))
                .register(router);
    }

    /** The admin's "resend confirmation": sign-ups exist only with a web side (admin requires one). */
    private ConfirmationResender confirmationResender() {
        WebFeatures webFeatures = work().webFeatures();
        if (webFeatures == null) {
            return ConfirmationResender.NOT_AVAILABLE;
        }
        return subscriberId -> webFeatures.signups().resendConfirmation(subscriberId)
                .map(email -> new ConfirmationResender.Result(true, "confirmation queued for " + email))
                .orElse(new ConfirmationResender.Result(false, "only pending subscribers get a confirmation"));
    }

    /** The port the web server listens on, when it runs. */
    public int webPort() {
        return web == null ? -1 : web.port();
    }

    public FeedletterConfig config() {
        return config;
    }

    // The operations layer, for the CLI (the admin pages and the scheduler get theirs above).

    public FeedOperations feeds() {
        return feedOperations;
    }

    public ItemOperations items() {
        return itemOperations;
    }

    public EditionOperations editions() {
        return editionOperations;
    }

    public OutboxOperations outbox() {
        return outboxOperations;
    }

    public SubscriberOperations subscribers() {
        return subscriberOperations;
    }

    public NodeOperations nodes() {
        return nodeOperations;
    }

    public BounceOperations bounces() {
        return bounceOperations;
    }

    /**
     * The poll-build-deliver cycle the scheduler's ticks call; an ingest other than a poll (pushed entries) tells it
     * {@link WorkCycle#itemsArrived} so as-published newsletters go out without waiting for a tick.
     */
    public WorkCycle cycle() {
        return cycle;
    }

    /** The metrics as {@code /metrics} serves them. */
    public String metricsText() {
        return work().metrics().scrape();
    }

    /** Where readers find the items an edition could not list: the newsletter's merged feed, when served. */
    private String moreUrl(String newsletterId) {
        return config.web().map(WebConfig::baseUrl)
                .map(base -> base.resolve("/newsletters/" + newsletterId + "/feed.atom").toString())
                .orElse(null);
    }

    /** Stops claiming work, lets what is in flight finish, then closes everything. */
    @Override
    public void close() {
        Work w;
        synchronized (this) {
            w = work;
        }
        if (w != null) {
            w.deliverer().stop();
        }
        if (web != null) {
            web.close();
        }
        if (w != null && w.webFeatures() != null) {
            w.webFeatures().feeds().close();
        }
        if (scheduling != null) {
            scheduling.close();
        }
        cycle.close();
        if (w != null) {
            w.deliverer().close();
            if (w.pushSubscriber() != null) {
                w.pushSubscriber().close();
            }
            w.poller().close();
            w.fetcher().close();
            w.metrics().close();
        }
        try {
            cycle.stopped();
        } catch (RuntimeException e) {
            log.warn("could not record that node {} stopped: {}", nodeId, e.getMessage());
        }
        database.close();
    }

    /** A name for this process, unique among the nodes sharing a database: host and process id. */
    public static String defaultNodeId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        return host + "-" + ManagementFactory.getRuntimeMXBean().getPid();
    }


    private static InternetAddress senderAddress(MailConfig mail) throws StartupException {
        try {
            return new InternetAddress(mail.from(), true);
        } catch (AddressException e) {
            throw new StartupException("mail.from is not an address: " + mail.from(), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }
}

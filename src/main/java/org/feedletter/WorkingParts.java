package org.feedletter;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.feedletter.bounce.BounceHandling;
import org.feedletter.config.BounceConfig;
import org.feedletter.store.BounceStore;
import org.feedletter.config.FeedletterConfig;
import org.feedletter.config.MailConfig;
import org.feedletter.config.NewsletterConfig;
import org.feedletter.config.WebConfig;
import org.feedletter.digest.DigestRenderer;
import org.feedletter.digest.EditionBuilder;
import org.feedletter.digest.EditionPreview;
import org.feedletter.digest.LinkMaker;
import org.feedletter.digest.PeriodicDigests;
import org.feedletter.feed.fetch.FeedFetcher;
import org.feedletter.feed.parse.FeedParser;
import org.feedletter.ingest.dedup.ItemIngestor;
import org.feedletter.ingest.normalize.EntryNormalizer;
import org.feedletter.ingest.normalize.HtmlSanitizer;
import org.feedletter.ingest.poll.EntryCap;
import org.feedletter.ingest.poll.FeedLabels;
import org.feedletter.ingest.poll.FeedPoller;
import org.feedletter.ingest.poll.FeedProbe;
import org.feedletter.ingest.poll.FeedRefresher;
import org.feedletter.ingest.push.PushSubscriber;
import org.feedletter.mail.DigestMessages;
import org.feedletter.mail.MailTransport;
import org.feedletter.mail.MailTransports;
import org.feedletter.mail.MessageComposer;
import org.feedletter.mail.MessagesByKind;
import org.feedletter.mail.OutboxDeliverer;
import org.feedletter.mail.OutboxMessages;
import org.feedletter.manage.PushOperations;
import org.feedletter.metrics.FeedletterMetrics;
import org.feedletter.store.Database;
import org.feedletter.store.PeriodicDigestStore;
import org.feedletter.store.PushStore;
import org.feedletter.store.SubscriberChangeStore;
import org.feedletter.subscribe.ConfirmationMessages;
import org.feedletter.subscribe.LinkTokens;
import org.feedletter.subscribe.MailtoLinks;
import org.feedletter.subscribe.SelfService;
import org.feedletter.subscribe.SignedLinks;
import org.feedletter.subscribe.Signups;
import org.feedletter.web.Pages;
import org.feedletter.web.mergedfeed.HubNotifier;
import org.feedletter.web.mergedfeed.MergedFeeds;

/**
 * The parts that fetch, render, mail, serve and count: what running needs and looking at the store does not, so the
 * root builds them only when first asked ({@link LazyWork}).
 *
 * @param webFeatures what the HTTP side serves, or null without a web section
 * @param pushSubscriber WebSub subscriptions, or null unless {@code web.push} is on
 */
record WorkingParts(FeedFetcher fetcher, FeedPoller poller, FeedProbe probe, EditionBuilder editions,
        EditionPreview preview, MailTransport transport, OutboxDeliverer deliverer, PeriodicDigests periodicDigests,
        WebFeatures webFeatures, FeedletterMetrics metrics, PushSubscriber pushSubscriber) {

    /** What the HTTP side serves; built only when web is configured. */
    record WebFeatures(WebConfig web, Pages pages, MergedFeeds feeds, Signups signups, SelfService selfService,
            DigestRenderer renderer) {}

    /** Builds them, checking the templates and the sender's address. */
    static WorkingParts build(FeedletterConfig config, InstantSource clock, String nodeId, Stores stores,
            PushOperations push, BounceHandling bounces) throws StartupException {
        Database database = stores.database();
        FeedFetcher fetcher = new FeedFetcher(config.fetch());
        FeedParser parser = new FeedParser();
        EntryNormalizer normalizer = new EntryNormalizer(new HtmlSanitizer());
        EntryCap cap = new EntryCap(stores.items(), config.fetch().maxEntriesPerPoll(), config.feeds());
        FeedRefresher refresher = new FeedRefresher(fetcher, parser, normalizer,
                new ItemIngestor(stores.items(), config.dedup()), cap, clock, FeedLabels.of(config.feeds()));
        FeedProbe probe = new FeedProbe(fetcher, parser, normalizer, clock);
        FeedPoller poller = new FeedPoller(stores.feeds(), refresher, config.fetch().concurrency(), nodeId,
                config.fetch().deadline().multipliedBy(3), clock);

        InternetAddress from = senderAddress(config.mail());
        String senderDomain = from.getAddress().substring(from.getAddress().indexOf('@') + 1);
        EditionBuilder editions = new EditionBuilder(stores.editions(), config.newsletters(), senderDomain, clock);

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
        FeedletterMetrics metrics = new FeedletterMetrics(stores.outbox(),
                config.newsletters().stream().map(NewsletterConfig::id).toList());
        Function<String, String> moreUrl = moreUrl(config);
        WebFeatures webFeatures = null;
        if (config.web().isPresent()) {
            WebConfig webConfig = config.web().get();
            LinkTokens tokens = new LinkTokens(webConfig.secret());
            SignedLinks signed = new SignedLinks(webConfig, tokens, stores.subscribers(), mailto);
            links = signed;
            ConfirmationMessages confirmations = new ConfirmationMessages(stores.subscribers(), config.newsletters(),
                    webConfig, tokens, signed, config.subscriptions().confirmWithin(), config.templates().dir(),
                    composer, clock);
            confirmations.check();
            messagesByKind.put("confirm", confirmations);
            webFeatures = new WebFeatures(webConfig, new Pages(config.templates().dir(), webConfig.title()),
                    new MergedFeeds(stores.items(), stores.feeds(), config.newsletters(), webConfig,
                            hubNotifier(config, webConfig, metrics)),
                    new Signups(subscriptions, config.newsletters(), config.subscriptions(), senderDomain, clock),
                    new SelfService(tokens, stores.subscribers(), subscriptions, config.newsletters(), clock),
                    renderer);
        }
        messagesByKind.put("digest", new DigestMessages(stores.editions(), config.newsletters(), renderer, links,
                composer, moreUrl, senderDomain, clock));
        OutboxDeliverer deliverer = new OutboxDeliverer(stores.outbox(),
                bounces.deliveryFeedback(stores.subscribers(), config.delivery().bounceAfter()),
                new MessagesByKind(messagesByKind), transport, config.delivery(), nodeId, clock);
        metrics.watchBounces(new BounceStore(database), config.bounces().map(BounceConfig::complaintWarning)
                .orElse(BounceConfig.DEFAULT_COMPLAINT_WARNING), config.bounces().map(BounceConfig::bounceWarning)
                .orElse(BounceConfig.DEFAULT_BOUNCE_WARNING));
        EditionPreview preview = new EditionPreview(stores.editions(), renderer, links, moreUrl, clock);
        PushSubscriber pushSubscriber = null;
        if (push.enabled()) {
            pushSubscriber = new PushSubscriber(new PushStore(database), stores.feeds(), refresher, fetcher,
                    config.web().orElseThrow(), clock);
            metrics.watchPushSubscriptions(PushOperations.states(), PushOperations.receipts(), push::countByState);
        }
        return new WorkingParts(fetcher, poller, probe, editions, preview, transport, deliverer, periodicDigests,
                webFeatures, metrics, pushSubscriber);
    }

    /** Where readers find the items an edition could not list: the newsletter's merged feed, when served. */
    static Function<String, String> moreUrl(FeedletterConfig config) {
        return newsletterId -> config.web().map(WebConfig::baseUrl)
                .map(base -> base.resolve("/newsletters/" + newsletterId + "/feed.atom").toString())
                .orElse(null);
    }

    /** Delivery claims no more outbox rows; what it sends now finishes. The first step of closing. */
    void stopDelivering() {
        deliverer.stop();
    }

    /**
     * Closes what claims work and holds threads or connections, after the service stopped (the root's close order);
     * the merged feeds close with the web side ({@link WebSide}).
     */
    void close() {
        deliverer.close();
        if (pushSubscriber != null) {
            pushSubscriber.close();
        }
        poller.close();
        fetcher.close();
        metrics.close();
    }

    /**
     * The WebSub hub's notifier when {@code web.hub} names one: with the fetcher's user agent and time limits, its
     * pings counted in the metrics.
     */
    private static Optional<HubNotifier> hubNotifier(FeedletterConfig config, WebConfig webConfig,
            FeedletterMetrics metrics) {
        return webConfig.hub().map(hub -> {
            HubNotifier notifier = new HubNotifier(hub, config.fetch().userAgent(), config.fetch().connectTimeout(),
                    config.fetch().readTimeout(), metrics::recordHubPing);
            metrics.watchHubPings(notifier::unfinished);
            return notifier;
        });
    }

    private static InternetAddress senderAddress(MailConfig mail) throws StartupException {
        try {
            return new InternetAddress(mail.from(), true);
        } catch (AddressException e) {
            throw new StartupException("mail.from is not an address: " + mail.from(), e);
        }
    }
}

package org.feedletter;

import java.time.InstantSource;
import java.util.function.BooleanSupplier;
import org.feedletter.config.FeedletterConfig;
import org.feedletter.config.WebConfig;
import org.feedletter.feed.opml.Opml;
import org.feedletter.metrics.FeedletterMetrics;
import org.feedletter.store.AdminLogoutStore;
import org.feedletter.web.Pages;
import org.feedletter.web.Router;
import org.feedletter.web.admin.AdminRouter;
import org.feedletter.web.admin.ConfirmationResender;
import org.feedletter.web.admin.FeedsSection;
import org.feedletter.web.admin.ItemsSection;
import org.feedletter.web.admin.NewslettersSection;
import org.feedletter.web.admin.OverviewSection;
import org.feedletter.web.admin.SubscribersSection;
import org.feedletter.web.bouncehooks.BounceHooks;
import org.feedletter.web.archive.ArchiveRoutes;
import org.feedletter.web.health.HealthRoutes;
import org.feedletter.web.health.MetricsRoute;
import org.feedletter.web.home.HomeRoute;
import org.feedletter.web.mergedfeed.FeedRoutes;
import org.feedletter.web.mergedfeed.SourcesRoute;
import org.feedletter.web.subscriberpages.SelfServiceRoutes;
import org.feedletter.web.subscriberpages.SubscribeRoutes;
import org.feedletter.web.websub.CallbackRoutes;

/**
 * Every HTTP route, from the features that serve one: the router the web server answers through. Built when the web
 * side starts; {@code web} may not reach the root, so the routes are assembled here.
 */
final class WebRoutes {

    private final FeedletterConfig config;
    private final InstantSource clock;
    private final Stores stores;
    private final Operations operations;
    private final WorkingParts work;
    private final BooleanSupplier scheduling;

    /** @param scheduling whether the scheduler runs, for {@code /health} */
    WebRoutes(FeedletterConfig config, InstantSource clock, Stores stores, Operations operations, WorkingParts work,
            BooleanSupplier scheduling) {
        this.config = config;
        this.clock = clock;
        this.stores = stores;
        this.operations = operations;
        this.work = work;
        this.scheduling = scheduling;
    }

    Router router() {
        Router router = new Router();
        WorkingParts.WebFeatures w = work.webFeatures();
        if (w != null) {
            new FeedRoutes(w.feeds()).register(router);
            new SourcesRoute(stores.feeds(), new Opml(), w.web()).register(router);
            new SubscribeRoutes(w.pages(), w.signups(), config.newsletters(), config.subscriptions()).register(router);
            new SelfServiceRoutes(w.pages(), w.selfService(), config.newsletters()).register(router);
            new ArchiveRoutes(w.pages(), stores.editions(), w.renderer(), config.newsletters(),
                    WorkingParts.moreUrl(config)).register(router);
            new HomeRoute(w.pages(), w.web(), config.newsletters()).register(router);
            if (operations.push().enabled()) {
                new CallbackRoutes(operations.push(), config.fetch().maxBodyBytes()).register(router);
            }
            operations.bounceHandling().recorder().ifPresent(recorder -> BounceHooks.register(router,
                    config.bounces().orElseThrow(), recorder, config.fetch().maxBodyBytes(), clock));
        }
        new HealthRoutes(stores.database()::isReachable, scheduling).register(router);
        new MetricsRoute(work.metrics()::scrape, FeedletterMetrics.contentType(),
                config.web().map(WebConfig::metricsToken).orElse("")).register(router);
        adminRoutes(router);
        return router;
    }

    /** The admin pages, when a password is set: one section per subject, each given only the operations it uses. */
    private void adminRoutes(Router router) {
        if (!config.admin().enabled()) {
            AdminRouter.registerOff(router);
            return;
        }
        Operations o = operations;
        new AdminRouter(config.admin(), config.web().orElseThrow(), new AdminLogoutStore(stores.database()),
                new Pages(config.templates().dir(), config.web().orElseThrow().title()), clock)
                .with(new OverviewSection(o.feeds(), o.items(), o.editions(), o.outbox(), o.subscribers()))
                .with(new FeedsSection(o.feeds()))
                .with(new NewslettersSection(config.newsletters(), o.editions(), o.subscribers()))
                .with(new SubscribersSection(o.subscribers(), confirmationResender(), o.bounces()))
                .with(new ItemsSection(o.items()))
                .register(router);
    }

    /** The admin's "resend confirmation": sign-ups exist only with a web side (admin requires one). */
    private ConfirmationResender confirmationResender() {
        WorkingParts.WebFeatures webFeatures = work.webFeatures();
        if (webFeatures == null) {
            return ConfirmationResender.NOT_AVAILABLE;
        }
        return subscriberId -> webFeatures.signups().resendConfirmation(subscriberId)
                .map(email -> new ConfirmationResender.Result(true, "confirmation queued for " + email))
                .orElse(new ConfirmationResender.Result(false, "only pending subscribers get a confirmation"));
    }
}

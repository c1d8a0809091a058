package org.feedletter.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The whole, validated configuration. Built once at start-up by {@link ConfigLoader} and immutable after.
 *
 * @param dedup how near-duplicates across feeds are recognised
 * @param bounces bounce and complaint handling; empty without a bounces section
 * @param source the file it was read from, for messages; relative paths in it were resolved against the working
 *     directory, so every path and {@code file:} URL here is absolute
 */
public record FeedletterConfig(
        Path source,
        DatabaseConfig database,
        Optional<WebConfig> web,
        MailConfig mail,
        FetchSettings fetch,
        DeliverySettings delivery,
        TemplatesConfig templates,
        TickSettings ticks,
        List<FeedConfig> feeds,
        List<NewsletterConfig> newsletters,
        List<SubscriberSeed> subscribers,
        SubscriptionSettings subscriptions,
        AdminConfig admin,
        DedupSettings dedup,
        Optional<BounceConfig> bounces) {

    public FeedletterConfig {
        feeds = List.copyOf(feeds);
        newsletters = List.copyOf(newsletters);
        subscribers = List.copyOf(subscribers);
    }

    /** A config with default ticks and subscription settings and no admin pages (for code that builds configs). */
    public FeedletterConfig(Path source, DatabaseConfig database, Optional<WebConfig> web, MailConfig mail,
            FetchSettings fetch, DeliverySettings delivery, TemplatesConfig templates, List<FeedConfig> feeds,
            List<NewsletterConfig> newsletters, List<SubscriberSeed> subscribers) {
        this(source, database, web, mail, fetch, delivery, templates, TickSettings.defaults(), feeds, newsletters,
                subscribers, SubscriptionSettings.defaults(), AdminConfig.OFF, DedupSettings.defaults());
    }

    /** Without bounce handling (for code that builds configs). */
    public FeedletterConfig(Path source, DatabaseConfig database, Optional<WebConfig> web, MailConfig mail,
            FetchSettings fetch, DeliverySettings delivery, TemplatesConfig templates, TickSettings ticks,
            List<FeedConfig> feeds, List<NewsletterConfig> newsletters, List<SubscriberSeed> subscribers,
            SubscriptionSettings subscriptions, AdminConfig admin, DedupSettings dedup) {
        this(source, database, web, mail, fetch, delivery, templates, ticks, feeds, newsletters, subscribers,
                subscriptions, admin, dedup, Optional.empty());
    }

    public Optional<NewsletterConfig> newsletter(String id) {
        return newsletters.stream().filter(n -> n.id().equals(id)).findFirst();
    }
}

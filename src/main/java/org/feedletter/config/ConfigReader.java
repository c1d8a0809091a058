package org.feedletter.config;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads a {@link FeedletterConfig} from a parsed config file, one small method per section. Problems go to
 * {@link Problems}; where a value is bad, its default stands in so that reading goes on and finds the rest.
 * A new section or key is one entry in a key list below and one line in the section's method.
 */
final class ConfigReader {

    private static final List<String> TOP_KEYS =
            List.of("database", "web", "mail", "fetch", "delivery", "templates", "schedule", "feeds", "newsletters",
                    "subscribers", "subscriptions", "admin", "dedup", "bounces");
    private static final List<String> DATABASE_KEYS = List.of("url", "username", "password", "pool-size");
    private static final List<String> WEB_KEYS = List.of("port", "base-url", "bind", "secret", "trusted-proxies",
            "client-address-header", "metrics-token", "title", "author", "description", "hub", "push");
    private static final List<String> PUSH_KEYS = List.of("enabled", "poll-every", "lease");
    private static final List<String> SUBSCRIPTIONS_KEYS = List.of("confirm-within", "resend-after", "per-client",
            "per-address", "time-zone", "digest-hour", "weekly-on");
    /** HMAC-SHA256 wants a key of 32 bytes or more. */
    private static final int MIN_SECRET_LENGTH = 32;
    /** A bearer token anyone may try against /metrics: too long to guess. */
    private static final int MIN_METRICS_TOKEN_LENGTH = 16;
    /** RFC 6750's b64token: what an Authorization: Bearer header can carry. */
    private static final Pattern BEARER_TOKEN = Pattern.compile("[A-Za-z0-9._~+/-]+=*");
    private static final List<String> MAIL_KEYS =
            List.of("transport", "host", "port", "security", "username", "password", "from", "outbox-dir",
                    MailConfig.ALLOW_LOGIN_WITHOUT_TLS);
    private static final List<String> FETCH_KEYS = List.of("connect-timeout", "read-timeout", "deadline", "max-body",
            "max-redirects", "concurrency", "per-host", "user-agent", "allow-internal", "max-entries-per-poll");
    private static final List<String> DELIVERY_KEYS = List.of("concurrency", "max-attempts", "max-age",
            "initial-backoff", "max-backoff", "claim-timeout", "rate-per-second", "rate-per-hour", "bounce-after");
    private static final List<String> BOUNCES_KEYS = List.of("envelope", "address", "secret", "soft-bounce-limit",
            "soft-bounce-window", "complaint-warning", "bounce-warning", "mailbox", "ses-topics", "mailgun-signing-key");
    private static final List<String> BOUNCE_MAILBOX_KEYS = List.of("protocol", "host", "port", "security", "username",
            "password", "folder", "processed-folder", "every");
    private static final List<String> TEMPLATES_KEYS = List.of("dir");
    private static final List<String> SCHEDULE_KEYS = List.of("poll-every", "editions-every", "deliver-every");
    private static final List<String> ADMIN_KEYS = List.of("password", "session");
    private static final List<String> DEDUP_KEYS =
            List.of("window", "min-words", "text-similarity", "title-similarity");
    private static final Section.Items FEEDS =
            new Section.Items("feeds", "feed", List.of("url", "name", "interval", "max-entries-per-poll", "categories"),
                    "url", "URL");
    private static final Section.Items NEWSLETTERS = new Section.Items("newsletters", "newsletter",
            List.of("id", "title", "description", "include", "exclude", "schedule", "publish-delay", "quiet-period",
                    "max-per-day", "time-zone", "max-items", "updates", "drop-title-prefix", "language"), "id", "id");
    /** The keys only {@code schedule: as-published} takes. */
    private static final List<String> AS_PUBLISHED_KEYS = List.of("publish-delay", "quiet-period", "max-per-day");
    private static final List<String> UPDATES_KEYS = List.of("enabled", "text-change");
    private static final Section.Items SUBSCRIBERS = new Section.Items("subscribers", "subscriber",
            List.of("email", "newsletters", "time-zone"), "email", "email");

    private final Path source;
    private final Path workingDirectory;
    private final Problems problems;
    private final Placeholders placeholders;
    private final List<LanguageCheck> languageChecks = new ArrayList<>();

    ConfigReader(Path source, Path workingDirectory, Problems problems, Placeholders placeholders) {
        this.source = source;
        this.workingDirectory = workingDirectory;
        this.problems = problems;
        this.placeholders = placeholders;
    }

    /** The config as read, in the file's keys, with the defaults used; after {@link #read}. */
    private EffectiveConfig effective;

    EffectiveConfig effective() {
        return effective;
    }

    /** The config; only to be used when {@link Problems} stayed empty. */
    FeedletterConfig read(YamlNode.Mapping root) {
        Section file = Section.root(root, TOP_KEYS, problems, placeholders);
        effective = file.effective();
        FetchSettings fetch = fetch(file.section("fetch", FETCH_KEYS));
        List<FeedConfig> feeds = file.items(FEEDS, feed -> feed(feed, fetch), FeedConfig::url);
        FilterReader filters = new FilterReader(feeds, workingDirectory);
        List<NewsletterConfig> newsletters =
                file.items(NEWSLETTERS, newsletter -> newsletter(newsletter, filters), NewsletterConfig::id);
        Optional<WebConfig> web = web(file.section("web", WEB_KEYS));
        TemplatesConfig templates = templates(file.section("templates", TEMPLATES_KEYS));
        languageChecks.forEach(check -> check.against(templates));
        return new FeedletterConfig(
                source,
                database(file.section("database", DATABASE_KEYS)),
                web,
                mail(file.section("mail", MAIL_KEYS)),
                fetch,
                delivery(file.section("delivery", DELIVERY_KEYS)),
                templates,
                ticks(file.section("schedule", SCHEDULE_KEYS)),
                feeds,
                newsletters,
                subscribers(file, newsletters, declaredNewsletterIds(root)),
                subscriptions(file.section("subscriptions", SUBSCRIPTIONS_KEYS)),
                admin(file.section("admin", ADMIN_KEYS), web.isPresent()),
                dedup(file.section("dedup", DEDUP_KEYS)),
                bounces(file.section("bounces", BOUNCES_KEYS), web));
    }

    /** Bounce handling: off without the section; VERP by default, signed with web.secret unless a secret is set. */
    private static Optional<BounceConfig> bounces(Section bounces, Optional<WebConfig> web) {
        if (!bounces.present()) {
            return Optional.empty();
        }
        BounceConfig.Envelope envelope = bounces.get("envelope", Values.oneOf(BounceConfig.Envelope.class),
                BounceConfig.Envelope.VERP);
        String address = envelope == BounceConfig.Envelope.VERP
                ? bounces.require("address", "where bounces go, e.g. bounces@example.org; its mailbox must also take "
                        + "bounces+anything@example.org", Values::plainAddress).orElse("")
                : bounces.get("address", Values::plainAddress, "");
        if (address.contains("+")) {
            bounces.problem(bounces.line("address"), "expected an address without '+' for address (feedletter adds "
                    + "+<tag> to it), got " + address);
        }
        String secret = bounces.secret("secret", "FEEDLETTER_VERP_SECRET");
        if (!secret.isEmpty() && secret.length() < MIN_SECRET_LENGTH) {
            bounces.problem(bounces.line("secret"), "expected a secret of at least " + MIN_SECRET_LENGTH
                    + " characters, e.g. made by 'openssl rand -base64 32'");
        }
        if (secret.isEmpty()) {
            secret = web.map(WebConfig::secret).orElse("");
        }
        if (secret.isEmpty() && envelope == BounceConfig.Envelope.VERP) {
            bounces.problem(bounces.line("envelope"), "envelope: verp signs each bounce address: set secret: "
                    + "${FEEDLETTER_VERP_SECRET} (or have a web section, whose secret it then uses), or use "
                    + "envelope: message-id");
        }
        List<String> topics = new ArrayList<>();
        for (Section.Value value : bounces.values("ses-topics", "Amazon SNS topic ARNs")) {
            if (!value.text().startsWith("arn:aws:sns:")) {
                bounces.problem(value.line(), "expected an SNS topic ARN such as arn:aws:sns:eu-west-1:123456789012:"
                        + "bounces in ses-topics, got '" + value.shown() + "'");
            } else {
                topics.add(value.text().strip());
            }
        }
        String mailgunKey = bounces.secret("mailgun-signing-key", "MAILGUN_SIGNING_KEY");
        if ((!topics.isEmpty() || !mailgunKey.isEmpty()) && web.isEmpty()) {
            bounces.problem(bounces.line(topics.isEmpty() ? "mailgun-signing-key" : "ses-topics"), "webhooks are "
                    + "served by the web server: add a web section, or remove the webhook keys");
        }
        return Optional.of(new BounceConfig(envelope, address, secret,
                bounces.get("soft-bounce-limit", Values::positive, BounceConfig.DEFAULT_SOFT_LIMIT),
                bounces.get("soft-bounce-window", Values::positiveDuration, BounceConfig.DEFAULT_SOFT_WINDOW),
                bounces.get("complaint-warning", Values::fraction, BounceConfig.DEFAULT_COMPLAINT_WARNING),
                bounces.get("bounce-warning", Values::fraction, BounceConfig.DEFAULT_BOUNCE_WARNING),
                bounceMailbox(bounces.section("mailbox", BOUNCE_MAILBOX_KEYS)),
                topics, mailgunKey));
    }

    /** The bounce mailbox: IMAP over TLS by default; a login in the clear only to this machine. */
    private static Optional<BounceConfig.Mailbox> bounceMailbox(Section mailbox) {
        if (!mailbox.present()) {
            return Optional.empty();
        }
        BounceConfig.Protocol protocol = mailbox.get("protocol", Values.oneOf(BounceConfig.Protocol.class),
                BounceConfig.Protocol.IMAP);
        MailConfig.Security security = mailbox.get("security", Values.oneOf(MailConfig.Security.class),
                MailConfig.Security.SSL);
        String host = mailbox.require("host", "the IMAP or POP3 server, e.g. imap.example.org", Values::nonBlank)
                .orElse("");
        int defaultPort = switch (security) {
            case SSL -> protocol == BounceConfig.Protocol.IMAP ? 993 : 995;
            default -> protocol == BounceConfig.Protocol.IMAP ? 143 : 110;
        };
        if (security == MailConfig.Security.NONE && !host.isEmpty() && !LoopbackHost.isLoopback(host)) {
            mailbox.problem(mailbox.line("security"), "security: none would send the mailbox's username and password "
                    + "unencrypted to " + host + "; use security: ssl or starttls");
        }
        return Optional.of(new BounceConfig.Mailbox(protocol, host,
                mailbox.get("port", Values::port, defaultPort),
                security,
                mailbox.require("username", "the mailbox's login", Values::nonBlank).orElse(""),
                mailbox.secret("password", "BOUNCE_MAILBOX_PASSWORD"),
                mailbox.get("folder", Values::nonBlank, "INBOX"),
                mailbox.get("processed-folder", Values::nonBlank, "feedletter-processed"),
                mailbox.get("every", Values::positiveDuration, BounceConfig.Mailbox.DEFAULT_EVERY)));
    }

    private DatabaseConfig database(Section database) {
        return new DatabaseConfig(
                database.get("url", Values::databaseUrl, DatabaseConfig.DEFAULT_URL),
                database.string("username", ""),
                database.secret("password", "DB_PASSWORD"),
                database.get("pool-size", Values::positive, 10));
    }

    private Optional<WebConfig> web(Section web) {
        if (!web.present()) {
            return Optional.empty();
        }
        int port = web.require("port", "the port to listen on, e.g. 8080", Values::port).orElse(8080);
        URI baseUrl = web.get("base-url", Values::webUrl, URI.create("http://localhost:" + port));
        String title = web.get("title", Values::nonBlank, WebConfig.defaultTitle(baseUrl));
        return Optional.of(new WebConfig(
                web.get("bind", Values::nonBlank, "127.0.0.1"), // behind a reverse proxy, as the README advises
                port,
                baseUrl,
                webSecret(web),
                trustedProxies(web),
                web.get("client-address-header", Values.oneOf(ClientAddressHeader.class),
                        ClientAddressHeader.X_FORWARDED_FOR),
                metricsToken(web),
                title,
                web.get("author", Values::nonBlank, title),
                web.string("description", ""),
                web.get("hub", Values::hubUrl),
                push(web.section("push", PUSH_KEYS), baseUrl)));
    }

    /** WebSub subscriptions: off by default; on, the hubs must be able to reach the base URL. */
    private static PushSettings push(Section push, URI baseUrl) {
        PushSettings settings = new PushSettings(
                push.get("enabled", Values::bool, false),
                push.get("poll-every", Values::positiveDuration, PushSettings.DEFAULT_POLL_EVERY),
                push.get("lease", Values::positiveDuration, PushSettings.DEFAULT_LEASE));
        if (settings.enabled() && baseUrl.getHost() != null && LoopbackHost.isLoopback(baseUrl.getHost())) {
            push.problem(push.line("enabled"), "push needs a base-url that the hubs can reach, and " + baseUrl
                    + " is this machine: set web.base-url to the public address");
        }
        return settings;
    }

    /** Each an address or a CIDR block; a bad one is reported at its own line. */
    private static List<AddressRange> trustedProxies(Section web) {
        List<AddressRange> ranges = new ArrayList<>();
        for (Section.Value value : web.values("trusted-proxies", "IP addresses or CIDR blocks")) {
            web.parse("trusted-proxies", value, Values::addressRange).ifPresent(ranges::add);
        }
        return ranges;
    }

    /** Optional; when set, /metrics wants it as a bearer token. Never quoted in a message. */
    private static String metricsToken(Section web) {
        String token = web.secret("metrics-token", "FEEDLETTER_METRICS_TOKEN");
        if (!token.isEmpty() && token.length() < MIN_METRICS_TOKEN_LENGTH) {
            web.problem(web.line("metrics-token"), "expected a metrics-token of at least " + MIN_METRICS_TOKEN_LENGTH
                    + " characters, e.g. made by 'openssl rand -hex 32'");
        } else if (!token.isEmpty() && !BEARER_TOKEN.matcher(token).matches()) {
            web.problem(web.line("metrics-token"), "expected a metrics-token of letters, digits and -._~+/ only (it "
                    + "goes into an Authorization: Bearer header), e.g. made by 'openssl rand -hex 32'");
        }
        return token;
    }

    /** Signs the links in mails; without it anyone could unsubscribe anyone. Never quoted in a message. */
    private static String webSecret(Section web) {
        web.requireKey("secret", "signs confirmation and unsubscribe links; from the environment, e.g. secret: "
                + "${FEEDLETTER_SECRET} with a value made by 'openssl rand -base64 32'");
        String secret = web.secret("secret", "FEEDLETTER_SECRET");
        if (!secret.isEmpty() && secret.length() < MIN_SECRET_LENGTH) {
            web.problem(web.line("secret"), "expected a secret of at least " + MIN_SECRET_LENGTH
                    + " characters, e.g. made by 'openssl rand -base64 32'");
        }
        return secret;
    }

    private SubscriptionSettings subscriptions(Section subscriptions) {
        SubscriptionSettings defaults = SubscriptionSettings.defaults();
        int hour = subscriptions.get("digest-hour", Values::nonNegative, defaults.digestHour());
        if (hour > 23) {
            subscriptions.problem(subscriptions.line("digest-hour"), "expected an hour from 0 to 23 for digest-hour, got "
                    + hour);
        }
        return new SubscriptionSettings(
                subscriptions.get("confirm-within", Values::positiveDuration, defaults.confirmWithin()),
                subscriptions.get("resend-after", Values::positiveDuration, defaults.resendAfter()),
                subscriptions.get("per-client", Values::positive, defaults.perClientPerHour()),
                subscriptions.get("per-address", Values::positive, defaults.perAddressPerHour()),
                subscriptions.get("time-zone", Values::zone, defaults.defaultTimeZone()),
                hour,
                subscriptions.get("weekly-on", Values.oneOf(DayOfWeek.class), defaults.weeklyOn()));
    }

    /** Off without a password; {@code password: ${FEEDLETTER_ADMIN_PASSWORD:-}} leaves it to the environment. */
    private AdminConfig admin(Section admin, boolean served) {
        String password = admin.secret("password", "FEEDLETTER_ADMIN_PASSWORD");
        Duration session = admin.get("session", Values::positiveDuration, AdminConfig.DEFAULT_SESSION);
        if (!password.isEmpty() && password.length() < AdminConfig.MIN_PASSWORD_LENGTH) {
            admin.problem(admin.line("password"), "expected a password of at least " + AdminConfig.MIN_PASSWORD_LENGTH
                    + " characters for password, got a shorter one");
        }
        if (!password.isEmpty() && !served) {
            admin.problem(admin.line("password"), "the admin pages need a web section to be served from");
        }
        return new AdminConfig(password, session);
    }

    private MailConfig mail(Section mail) {
        MailConfig.Transport transport = mail.get("transport", Values.oneOf(MailConfig.Transport.class),
                MailConfig.Transport.SMTP);
        MailConfig.Security security = mail.get("security", Values.oneOf(MailConfig.Security.class),
                MailConfig.Security.STARTTLS);
        String host = transport == MailConfig.Transport.SMTP
                ? mail.require("host", "the SMTP server, e.g. smtp.example.org", Values::nonBlank).orElse("")
                : mail.get("host", Values::nonBlank, "");
        MailConfig config = new MailConfig(
                transport,
                host,
                mail.get("port", Values::port, defaultPort(security)),
                security,
                mail.string("username", ""),
                mail.secret("password", "SMTP_PASSWORD"),
                mail.require("from", "the sender, e.g. \"Digest <digest@example.org>\"", Values::mailbox).orElse(""),
                mail.get("outbox-dir", Values.path(workingDirectory), workingDirectory.resolve("data/outbox")),
                mail.get(MailConfig.ALLOW_LOGIN_WITHOUT_TLS, Values::bool, false));
        // A password in the clear to another machine is refused here, so that config check and start-up say so.
        config.loginWithoutTlsProblem().ifPresent(problem -> mail.problem(mail.line("security"), problem));
        return config;
    }

    private static int defaultPort(MailConfig.Security security) {
        return switch (security) {
            case NONE -> 25;
            case STARTTLS -> 587;
            case SSL -> 465;
        };
    }

    private FetchSettings fetch(Section fetch) {
        FetchSettings defaults = FetchSettings.defaults(FeedletterVersion.userAgent());
        return new FetchSettings(
                fetch.get("connect-timeout", Values::positiveDuration, defaults.connectTimeout()),
                fetch.get("read-timeout", Values::positiveDuration, defaults.readTimeout()),
                fetch.get("deadline", Values::positiveDuration, defaults.deadline()),
                fetch.get("max-body", Values::positiveSize, defaults.maxBodyBytes()),
                fetch.get("max-redirects", Values::nonNegative, defaults.maxRedirects()),
                fetch.get("concurrency", Values::positive, defaults.concurrency()),
                fetch.get("per-host", Values::positive, defaults.perHostConcurrency()),
                fetch.get("user-agent", Values::nonBlank, defaults.userAgent()),
                allowInternal(fetch),
                fetch.get("max-entries-per-poll", Values::positive, defaults.maxEntriesPerPoll()));
    }

    /** {@code allow-internal: [loopback, 10.0.0.0/8, "fd00::/8"]}; each bad range is its own problem. */
    private static List<AddressRange> allowInternal(Section fetch) {
        List<AddressRange> ranges = new ArrayList<>();
        for (Section.Value value : fetch.values("allow-internal", "address ranges")) {
            fetch.parse("allow-internal", value, Values::addressRange).ifPresent(ranges::add);
        }
        return ranges;
    }

    private DeliverySettings delivery(Section delivery) {
        DeliverySettings defaults = DeliverySettings.defaults();
        DeliverySettings settings = new DeliverySettings(
                delivery.get("concurrency", Values::positive, defaults.concurrency()),
                delivery.get("max-attempts", Values::positive, defaults.maxAttempts()),
                delivery.get("max-age", Values::positiveDuration, defaults.maxAge()),
                delivery.get("initial-backoff", Values::positiveDuration, defaults.initialBackoff()),
                delivery.get("max-backoff", Values::positiveDuration, defaults.maxBackoff()),
                delivery.get("claim-timeout", Values::positiveDuration, defaults.claimTimeout()),
                delivery.get("rate-per-second", Values::rate, defaults.ratePerSecond()),
                delivery.get("rate-per-hour", Values::nonNegative, defaults.ratePerHour()),
                delivery.get("bounce-after", Values::positive, defaults.bounceAfter()));
        if (settings.maxBackoff().compareTo(settings.initialBackoff()) < 0) {
            delivery.problem(delivery.line("max-backoff"), "expected max-backoff to be at least initial-backoff ("
                    + settings.initialBackoff() + "), got " + settings.maxBackoff());
        }
        return settings;
    }

    private TemplatesConfig templates(Section templates) {
        Optional<Path> dir = templates.get("dir", Values.path(workingDirectory));
        dir.filter(d -> !Files.isDirectory(d)).ifPresent(d -> templates.problem(templates.line("dir"),
                "expected an existing folder for dir, but " + d + " is not one"));
        return new TemplatesConfig(dir);
    }

    private TickSettings ticks(Section schedule) {
        TickSettings defaults = TickSettings.defaults();
        return new TickSettings(
                schedule.get("poll-every", Values::positiveDuration, defaults.pollFeeds()),
                schedule.get("editions-every", Values::positiveDuration, defaults.buildEditions()),
                schedule.get("deliver-every", Values::positiveDuration, defaults.deliver()));
    }

    private DedupSettings dedup(Section dedup) {
        DedupSettings defaults = DedupSettings.defaults();
        return new DedupSettings(
                dedup.get("window", Values::positiveDuration, defaults.window()),
                dedup.get("min-words", Values::positive, defaults.minWords()),
                dedup.get("text-similarity", Values::fraction, defaults.textSimilarity()),
                dedup.get("title-similarity", Values::fraction, defaults.titleSimilarity()));
    }

    private Optional<FeedConfig> feed(Section feed, FetchSettings fetch) {
        Optional<URI> url = feed.require("url", "the feed's address", Values.feedUrl(workingDirectory));
        Optional<String> name = feed.get("name", Values::nonBlank);
        Duration interval = feed.get("interval", Values::positiveDuration, FeedConfig.DEFAULT_INTERVAL);
        int maxEntries = feed.get("max-entries-per-poll", Values::positive, fetch.maxEntriesPerPoll());
        List<String> categories = new ArrayList<>();
        for (Section.Value value : feed.oneOrMore("categories", "category names")) {
            if (value.text().isBlank()) {
                feed.problem(value.line(), "expected a category name in categories, got an empty one");
            } else {
                categories.add(value.text().strip());
            }
        }
        return url.map(u -> new FeedConfig(u, name.orElseGet(() -> defaultName(u)), interval, maxEntries,
                categories));
    }

    /** The host for web feeds; a local file has none, so its file name. */
    private static String defaultName(URI url) {
        if (url.getHost() != null) {
            return url.getHost();
        }
        String path = url.getPath() == null ? url.toString() : url.getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** Empty only when id or schedule is missing; a malformed id is reported but kept, so subscribers still match. */
    private Optional<NewsletterConfig> newsletter(Section newsletter, FilterReader filters) {
        Optional<String> id = newsletter.required("id", "lower-case letters, digits and dashes, e.g. quick-comment")
                .map(value -> {
                    newsletter.parse("id", value, Values::newsletterId);
                    return value.text();
                });
        String title = newsletter.get("title", Values::nonBlank, id.orElse(""));
        String description = newsletter.string("description", "");
        Include include = filters.include(newsletter.section("include", FilterReader.INCLUDE_KEYS));
        FilterRules exclude = filters.exclude(newsletter.section("exclude", FilterReader.RULE_KEYS));
        Optional<String> schedule = newsletter.require("schedule", "a Quartz cron expression, e.g. \"0 0 8 * * ?\", "
                + "or as-published", Values::schedule);
        Optional<AsPublished> asPublished = asPublished(newsletter, schedule);
        ZoneId zone = newsletter.get("time-zone", Values::zone, ZoneOffset.UTC);
        int maxItems = newsletter.get("max-items", Values::positive, NewsletterConfig.DEFAULT_MAX_ITEMS);
        UpdateListing updates = updates(newsletter.section("updates", UPDATES_KEYS));
        boolean dropTitlePrefix = newsletter.get("drop-title-prefix", Values::bool, false);
        Locale language = newsletter.get("language", Values::language, NewsletterConfig.DEFAULT_LANGUAGE);
        newsletter.value("language").ifPresent(value -> languageChecks.add(new LanguageCheck(newsletter, value,
                language)));
        if (id.isEmpty() || schedule.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new NewsletterConfig(id.get(), title, description, include, schedule.get(), zone, maxItems,
                exclude, updates, dropTitlePrefix, asPublished, language));
    }

    /** A newsletter's language as written, checked once the template folder is read: whether it has messages. */
    private record LanguageCheck(Section newsletter, Section.Value value, Locale language) {

        void against(TemplatesConfig templates) {
            if (Languages.available(language, templates.dir())) {
                return;
            }
            List<String> files = Languages.files(language);
            String file = files.get(files.size() - 1); // messages/messages_xx.properties, xx the language alone
            newsletter.problem(value.line(), "feedletter ships no messages in '" + value.shown() + "' for language "
                    + "(it ships " + String.join(", ", Languages.SHIPPED) + "); " + templates.dir()
                            .map(dir -> "add " + dir.resolve(file) + " with its translations")
                            .orElse("add templates: dir: with a " + file + " of its translations"));
        }
    }

    /**
     * The delay, the quiet period and the daily cap of {@code schedule: as-published}, defaults filled in; empty for a cron schedule,
     * where either key is a problem at its line (and for a schedule too broken to tell, where only their values are
     * checked).
     */
    private static Optional<AsPublished> asPublished(Section newsletter, Optional<String> schedule) {
        if (schedule.filter(NewsletterConfig.AS_PUBLISHED::equals).isPresent()) {
            return Optional.of(new AsPublished(
                    newsletter.get("publish-delay", Values::nonNegativeDuration, AsPublished.DEFAULT_DELAY),
                    newsletter.get("quiet-period", Values::nonNegativeDuration, AsPublished.DEFAULT_QUIET_PERIOD),
                    newsletter.get("max-per-day", Values::positive, AsPublished.DEFAULT_MAX_PER_DAY)));
        }
        if (schedule.isEmpty()) {
            newsletter.get("publish-delay", Values::nonNegativeDuration);
            newsletter.get("quiet-period", Values::nonNegativeDuration);
            newsletter.get("max-per-day", Values::positive);
            return Optional.empty();
        }
        for (String key : AS_PUBLISHED_KEYS) {
            newsletter.value(key).ifPresent(value -> newsletter.problem(value.line(), key + " applies only to "
                    + "schedule: as-published, not to a cron schedule (remove " + key + ", or set schedule: "
                    + "as-published)"));
        }
        return Optional.empty();
    }

    private static UpdateListing updates(Section updates) {
        return new UpdateListing(
                updates.get("enabled", Values::bool, false),
                updates.get("text-change", Values::fraction, UpdateListing.DEFAULT_TEXT_CHANGE));
    }

    private List<SubscriberSeed> subscribers(Section file, List<NewsletterConfig> newsletters, Set<String> declaredIds) {
        Map<String, NewsletterConfig> byId = new HashMap<>();
        newsletters.forEach(n -> byId.putIfAbsent(n.id(), n));
        return file.items(SUBSCRIBERS, s -> subscriber(s, byId, declaredIds),
                s -> s.email().toLowerCase(Locale.ROOT));
    }

    private Optional<SubscriberSeed> subscriber(Section subscriber, Map<String, NewsletterConfig> newsletters,
            Set<String> declaredIds) {
        Optional<String> email = subscriber.require("email", "an address like alice@example.org", Values::plainAddress);
        subscriber.requireKey("newsletters", "the ids of the newsletters to send, e.g. [quick-comment]");
        List<Section.Value> wanted = subscriber.values("newsletters", "newsletter ids");
        if (subscriber.isEmptyList("newsletters")) {
            subscriber.problem(subscriber.line("newsletters"), "expected at least one newsletter id for newsletters");
        }
        List<String> ids = new ArrayList<>();
        for (Section.Value id : wanted) {
            if (ids.contains(id.text())) {
                subscriber.problem(id.line(), "newsletter '" + id.shown() + "' is listed twice");
            } else if (declaredIds.contains(id.text())) {
                ids.add(id.text());
            } else {
                subscriber.problem(id.line(), "newsletter '" + id.shown() + "' is not defined" + Suggestions
                        .closest(id.text(), declaredIds)
                        .map(s -> " (did you mean '" + s + "'?)")
                        .orElse(declaredIds.isEmpty() ? " (no newsletters are defined)"
                                : " (defined: " + String.join(", ", declaredIds) + ")"));
            }
        }
        ZoneId zone = subscriber.get("time-zone", Values::zone)
                .orElseGet(() -> ids.isEmpty() || !newsletters.containsKey(ids.get(0)) ? ZoneOffset.UTC
                        : newsletters.get(ids.get(0)).timeZone());
        return email.map(e -> new SubscriberSeed(e, ids, zone));
    }

    /**
     * Every id written under newsletters, valid or not: a newsletter with a bad schedule is one problem, not one
     * more for each of its subscribers.
     */
    private static Set<String> declaredNewsletterIds(YamlNode.Mapping root) {
        Set<String> ids = new TreeSet<>();
        if (root.entry("newsletters").map(YamlNode.Entry::value).orElse(null) instanceof YamlNode.Sequence list) {
            for (YamlNode item : list.items()) {
                if (item instanceof YamlNode.Mapping newsletter
                        && newsletter.entry("id").map(YamlNode.Entry::value).orElse(null) instanceof YamlNode.Scalar id) {
                    ids.add(id.text());
                }
            }
        }
        return ids;
    }
}

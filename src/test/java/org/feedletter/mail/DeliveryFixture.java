package org.feedletter.mail;

import jakarta.mail.internet.InternetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.feedletter.config.DeliverySettings;
import org.feedletter.config.Include;
import org.feedletter.config.MailConfig;
import org.feedletter.config.NewsletterConfig;
import org.feedletter.digest.DigestRenderer;
import org.feedletter.digest.EditionBuilder;
import org.feedletter.feed.parse.Entry;
import org.feedletter.ingest.dedup.ItemIngestor;
import org.feedletter.ingest.normalize.EntryNormalizer;
import org.feedletter.ingest.normalize.HtmlSanitizer;
import org.feedletter.store.Database;
import org.feedletter.store.EditionStore;
import org.feedletter.store.FeedStore;
import org.feedletter.store.ItemStore;
import org.feedletter.store.OutboxStore;
import org.feedletter.store.SubscriberStore;
import org.feedletter.subscribe.MailtoLinks;
import org.feedletter.testing.MutableClock;
import org.feedletter.testing.TestDatabases;

/**
 * A database with one newsletter, its subscribers, and editions built on demand (each queues one outbox row per
 * active subscriber), for delivery tests. The clock starts at a Thursday 10:00 UTC; the newsletter goes out daily.
 */
final class DeliveryFixture implements AutoCloseable {

    static final ZoneId ZONE = ZoneId.of("Europe/Stockholm");
    static final NewsletterConfig NEWSLETTER = new NewsletterConfig("quick-comment", "Quick Comment digest", "",
            Include.EVERYTHING, "0 0 8 * * ?", ZONE, 100);
    static final String FROM = "digest@example.org";

    final MutableClock clock = MutableClock.at("2026-11-26T10:00:00Z");
    final Database database = TestDatabases.fresh();
    final OutboxStore outbox = new OutboxStore(database);
    final SubscriberStore subscribers = new SubscriberStore(database);
    final EditionStore editions = new EditionStore(database);
    private final long feedId;
    private final AtomicInteger items = new AtomicInteger();
    private boolean built;

    /** @param names local parts of the subscribers' addresses at example.org */
    DeliveryFixture(String... names) {
        editions.syncNewsletters(List.of(NEWSLETTER), clock.instant());
        for (String name : names) {
            subscribers.seed(address(name), address(name), ZONE, List.of(NEWSLETTER.id()), clock.instant());
        }
        feedId = new FeedStore(database).add(URI.create("https://example.org/feed"), "Site", Duration.ofMinutes(30),
                clock.instant()).id();
    }

    static String address(String name) {
        return name + "@example.org";
    }

    /** A new item, then the next day's edition (the first is due at once): one queued row per active subscriber. */
    long newEdition() {
        if (built) {
            clock.advance(Duration.ofDays(1));
        }
        built = true;
        int n = items.incrementAndGet();
        Entry entry = new Entry("g" + n, URI.create("https://example.org/p/" + n), "Quick Comment: Piece " + n, "A",
                clock.instant().minus(Duration.ofHours(1)), null, "<p>text " + n + "</p>", null,
                List.of("Quick Comment"), null, List.of());
        new ItemIngestor(new ItemStore(database)).ingest(feedId,
                List.of(new EntryNormalizer(new HtmlSanitizer()).normalize(entry, feedId, clock.instant())),
                clock.instant());
        Long edition = new EditionBuilder(editions, List.of(NEWSLETTER), "example.org", clock)
                .buildIfDue(NEWSLETTER, true).editionId();
        if (edition == null) {
            throw new IllegalStateException("no edition was built");
        }
        return edition;
    }

    DigestMessages messages() {
        return new DigestMessages(editions, List.of(NEWSLETTER), new DigestRenderer(Optional.empty()),
                new MailtoLinks(FROM), new MessageComposer(internet("Quick Comments <" + FROM + ">")), id -> null,
                "example.org", clock);
    }

    OutboxDeliverer deliverer(MailTransport transport, DeliverySettings settings, String node) {
        return new OutboxDeliverer(outbox, subscribers, messages(), transport, settings, node, clock);
    }

    OutboxDeliverer deliverer(MailTransport transport) {
        return deliverer(transport, DeliverySettings.defaults(), "node-a");
    }

    static SmtpTransport smtp(int port) {
        return new SmtpTransport(mailConfig(port, MailConfig.Security.NONE, "", ""));
    }

    static MailConfig mailConfig(int port, MailConfig.Security security, String user, String password) {
        return new MailConfig(MailConfig.Transport.SMTP, "127.0.0.1", port, security, user, password,
                "Quick Comments <" + FROM + ">", Path.of("unused"));
    }

    static SmtpTransport smtp(MailConfig config, Properties extra) {
        return new SmtpTransport(config, extra);
    }

    /** A delivery setting changed from the defaults. */
    static DeliverySettings settings(int concurrency, int maxAttempts, Duration maxAge, double perSecond, int perHour) {
        DeliverySettings d = DeliverySettings.defaults();
        return new DeliverySettings(concurrency, maxAttempts, maxAge, d.initialBackoff(), d.maxBackoff(),
                d.claimTimeout(), perSecond, perHour, d.bounceAfter());
    }

    /** An outbox row as a test looks at it. */
    record Row(String email, long editionId, String state, int attempts, String lastError, String messageId,
            String serverReply, Instant nextAttemptAt) {}

    /** Every outbox row, in id order. */
    List<Row> rows() {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT s.email, o.edition_id, o.state, o.attempts, "
                        + "o.last_error, o.message_id, o.server_reply, o.next_attempt_at FROM outbox o "
                        + "JOIN subscribers s ON s.id = o.subscriber_id ORDER BY o.id")
                .map((rs, ctx) -> new Row(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getInt(4),
                        rs.getString(5), rs.getString(6), rs.getString(7),
                        ctx.findColumnMapperFor(Instant.class).orElseThrow().map(rs, 8, ctx)))
                .list());
    }

    /** The rows of one edition by recipient. */
    Map<String, Row> rowsOf(long editionId) {
        Map<String, Row> byEmail = new LinkedHashMap<>();
        rows().stream().filter(r -> r.editionId() == editionId).forEach(r -> byEmail.put(r.email(), r));
        return byEmail;
    }

    String subscriberState(String name) {
        return subscribers.findByEmail(address(name)).orElseThrow().state().name().toLowerCase();
    }

    private static InternetAddress internet(String text) {
        try {
            return new InternetAddress(text, true);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Override
    public void close() {
        database.close();
    }
}

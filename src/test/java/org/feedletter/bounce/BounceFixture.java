package org.feedletter.bounce;

import jakarta.mail.internet.InternetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.feedletter.config.DeliverySettings;
import org.feedletter.config.Include;
import org.feedletter.config.NewsletterConfig;
import org.feedletter.digest.DigestRenderer;
import org.feedletter.digest.EditionBuilder;
import org.feedletter.feed.parse.Entry;
import org.feedletter.ingest.dedup.ItemIngestor;
import org.feedletter.ingest.normalize.EntryNormalizer;
import org.feedletter.ingest.normalize.HtmlSanitizer;
import org.feedletter.mail.DeliveryFeedback;
import org.feedletter.mail.DigestMessages;
import org.feedletter.mail.MailTransport;
import org.feedletter.mail.MessageComposer;
import org.feedletter.mail.OutboxDeliverer;
import org.feedletter.mail.VerpAddresses;
import org.feedletter.store.BounceStore;
import org.feedletter.store.Database;
import org.feedletter.store.EditionStore;
import org.feedletter.store.FeedStore;
import org.feedletter.store.ItemStore;
import org.feedletter.store.OutboxStore;
import org.feedletter.store.SubscriberStore;
import org.feedletter.subscribe.MailtoLinks;
import org.feedletter.testing.MutableClock;

/**
 * A database with one newsletter, subscribers at example.net, editions built on demand, and bounce handling in VERP
 * mode: the deliverer sends each message with its signed envelope sender, and reports are recorded with the policy
 * (3 soft bounces in 14 days).
 */
final class BounceFixture implements AutoCloseable {

    static final String SECRET = "a-test-secret-of-more-than-32-characters";
    static final String BOUNCES = "bounces@example.org";
    static final ZoneId ZONE = ZoneId.of("UTC");
    static final NewsletterConfig NEWSLETTER = new NewsletterConfig("quick-comment", "Quick Comment digest", "",
            Include.EVERYTHING, "0 0 8 * * ?", ZONE, 100);

    final MutableClock clock = MutableClock.at("2026-11-26T10:00:00Z");
    final Database database;
    final OutboxStore outbox;
    final SubscriberStore subscribers;
    final EditionStore editions;
    final BounceStore bounces;
    final VerpAddresses verp = new VerpAddresses(BOUNCES, SECRET);
    final BouncePolicy policy = new BouncePolicy(3, Duration.ofDays(14));
    final ReportRecorder recorder;
    final ReportParser parser = new ReportParser(Set.of("example.org"));
    private final long feedId;
    private final AtomicInteger items = new AtomicInteger();
    private boolean built;

    BounceFixture(Database database, String... names) {
        this(database, true, names);
    }

    /** @param verpMode false: message-id mode */
    BounceFixture(Database database, boolean verpMode, String... names) {
        this.database = database;
        this.outbox = new OutboxStore(database);
        this.subscribers = new SubscriberStore(database);
        this.editions = new EditionStore(database);
        this.bounces = new BounceStore(database);
        this.recorder = new ReportRecorder(bounces, policy, verpMode ? Optional.of(verp) : Optional.empty(), clock);
        editions.syncNewsletters(List.of(NEWSLETTER), clock.instant());
        for (String name : names) {
            subscribers.seed(address(name), address(name), ZONE, List.of(NEWSLETTER.id()), clock.instant());
        }
        feedId = new FeedStore(database).add(URI.create("https://example.org/feed"), "Site", Duration.ofMinutes(30),
                clock.instant()).id();
    }

    static String address(String name) {
        return name + "@example.net";
    }

    /** A new item, then the next day's edition: one queued row per active subscriber. */
    long newEdition() {
        if (built) {
            clock.advance(Duration.ofDays(1));
        }
        built = true;
        int n = items.incrementAndGet();
        Entry entry = new Entry("g" + n, URI.create("https://example.org/p/" + n), "Piece " + n, "A",
                clock.instant().minus(Duration.ofHours(1)), null, "<p>text " + n + "</p>", null, List.of(), null,
                List.of());
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

    OutboxDeliverer deliverer(MailTransport transport) {
        DigestMessages messages = new DigestMessages(editions, List.of(NEWSLETTER),
                new DigestRenderer(Optional.empty()), new MailtoLinks("digest@example.org"),
                new MessageComposer(internet("Quick Comments <digest@example.org>")), id -> null, "example.org",
                clock);
        return new OutboxDeliverer(outbox, new DeliveryFeedback(verp::addressFor, recorder, subscribers::resetBounces),
                messages, transport, DeliverySettings.defaults(), "node-a", clock);
    }

    /** The outbox row of a subscriber's copy of an edition. */
    long outboxId(String name, long editionId) {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT o.id FROM outbox o JOIN subscribers s "
                        + "ON s.id = o.subscriber_id WHERE s.email = :e AND o.edition_id = :ed")
                .bind("e", address(name))
                .bind("ed", editionId)
                .mapTo(Long.class)
                .one());
    }

    String messageId(String name, long editionId) {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT message_id FROM outbox WHERE id = :id")
                .bind("id", outboxId(name, editionId))
                .mapTo(String.class)
                .one());
    }

    String state(String name) {
        return subscribers.findByEmail(address(name)).orElseThrow().state().name().toLowerCase();
    }

    int reportCount() {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM delivery_reports")
                .mapTo(Integer.class).one());
    }

    /**
     * A delivery status notification as Postfix writes it, about the message with {@code messageId} sent with the
     * envelope sender {@code envelope} to {@code recipient}.
     */
    static byte[] dsn(String id, String envelope, String recipient, String messageId, String status,
            String diagnostic) {
        String text = """
                Return-Path: <>
                Delivered-To: %2$s
                Date: Thu, 26 Nov 2026 10:02:13 +0000 (UTC)
                From: MAILER-DAEMON@mx.example.net (Mail Delivery System)
                Subject: Undelivered Mail Returned to Sender
                To: %2$s
                Auto-Submitted: auto-replied
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status;
                \tboundary="%1$s/mx.example.net"
                Message-Id: <%1$s@mx.example.net>

                This is a MIME-encapsulated message.

                --%1$s/mx.example.net
                Content-Description: Notification
                Content-Type: text/plain; charset=us-ascii

                This is the mail system at host mx.example.net.

                I'm sorry to have to inform you that your message could not
                be delivered to one or more recipients. It's attached below.

                <%3$s>: host mx.example.net[203.0.113.25] said: %6$s

                --%1$s/mx.example.net
                Content-Description: Delivery report
                Content-Type: message/delivery-status

                Reporting-MTA: dns; mx.example.net
                Arrival-Date: Thu, 26 Nov 2026 10:02:12 +0000 (UTC)

                Final-Recipient: rfc822; %3$s
                Action: failed
                Status: %5$s
                Diagnostic-Code: smtp; %6$s

                --%1$s/mx.example.net
                Content-Description: Undelivered Message Headers
                Content-Type: text/rfc822-headers

                Return-Path: <%2$s>
                From: Quick Comments <digest@example.org>
                To: %3$s
                Message-ID: %4$s
                Subject: Quick Comment digest

                --%1$s/mx.example.net--
                """.formatted(id, envelope, recipient, messageId, status, diagnostic);
        return text.replace("\n", "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    static InternetAddress internet(String text) {
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

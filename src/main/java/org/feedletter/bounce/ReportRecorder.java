package org.feedletter.bounce;

import java.time.Instant;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.feedletter.bounce.ParsedReport.Recipient;
import org.feedletter.mail.DeliveryFeedback;
import org.feedletter.mail.VerpAddresses;
import org.feedletter.store.BounceStore;
import org.feedletter.store.BounceStore.NewReport;
import org.feedletter.store.BounceStore.Recorded;
import org.feedletter.store.BounceStore.Sent;
import org.feedletter.store.OutboxRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ties each report to the message it is about and records it with the policy's decision, once per key. A report of
 * the bounce mailbox is tied by its signed VERP address (VERP mode; an address that does not verify ties it to
 * nothing) or by the Message-ID it quotes (message-id mode); a webhook's, which its signature vouches for, by the
 * recipient's address (and our Message-ID, when the service returns it); an SMTP refusal by its outbox row.
 */
public final class ReportRecorder implements DeliveryFeedback.Refusals {

    private static final Logger log = LoggerFactory.getLogger(ReportRecorder.class);

    private final BounceStore store;
    private final BouncePolicy policy;
    private final Optional<VerpAddresses> verp;
    private final UnsubscribeLinks links;
    private final InstantSource clock;

    /** The subscriber and newsletter a List-Unsubscribe header's signed link names, if it is one of ours. */
    @FunctionalInterface
    public interface UnsubscribeLinks {
        Optional<Subscription> verify(String listUnsubscribe);

        UnsubscribeLinks NONE = header -> Optional.empty();
    }

    /** Who a signed unsubscribe link is for. */
    public record Subscription(long subscriberId, String newsletterId) {}

    /** @param verp the VERP addresses in VERP mode; empty in message-id mode */
    public ReportRecorder(BounceStore store, BouncePolicy policy, Optional<VerpAddresses> verp, InstantSource clock) {
        this(store, policy, verp, UnsubscribeLinks.NONE, clock);
    }

    /**
     * @param links verifies the signed unsubscribe link of a report's original message: a complaint whose original
     *     lost its envelope sender (feedback loops redact) is still tied to its subscriber
     */
    public ReportRecorder(BounceStore store, BouncePolicy policy, Optional<VerpAddresses> verp, UnsubscribeLinks links,
            InstantSource clock) {
        this.store = store;
        this.policy = policy;
        this.verp = verp;
        this.links = links;
        this.clock = clock;
    }

    /** What tying a report found: the message (or only its subscriber), or none with the reason. */
    private record Match(Optional<Sent> sent, String by, String note) {
        static Match none(String note) {
            return new Match(Optional.empty(), "none", note);
        }
    }

    /**
     * A message of the bounce mailbox, read.
     *
     * @param key the report message's identity (its Message-ID, or a hash of its bytes)
     */
    public Recorded recordMailboxReport(String key, ParsedReport report) {
        Recipient recipient = report.recipients().stream().min(Comparator.comparing(Recipient::kind)).orElseThrow();
        Match match = report.kind() == ReportKind.NONE ? Match.none(null) : matchMailboxReport(report);
        if (match.sent().isEmpty() && report.kind() != ReportKind.NONE) {
            Optional<Match> byLink = matchByUnsubscribeLink(report);
            if (byLink.isPresent()) {
                match = byLink.get();
            }
        }
        Sent sent = match.sent().orElse(null);
        String diagnostic = recipient.diagnostic();
        if (match.note() != null) {
            diagnostic = (diagnostic == null ? "" : diagnostic + " ") + "[" + match.note() + "]";
        }
        NewReport row = new NewReport("mailbox:" + key, "mailbox", report.kind().code(),
                sent != null ? sent.email() : lower(recipient.address()),
                sent == null ? null : sent.subscriberId(), sent == null || sent.outboxId() == 0 ? null : sent.outboxId(),
                sent == null ? null : sent.editionId(), sent == null ? null : sent.newsletterId(),
                match.by(), recipient.status(), withFormat(report.format(), diagnostic), clock.instant());
        return logged(store.record(List.of(row), policy.softWindow(), policy).get(0));
    }

    /** The subscriber of the original's signed List-Unsubscribe link: no message, but its newsletter. */
    private Optional<Match> matchByUnsubscribeLink(ParsedReport report) {
        if (report.originalListUnsubscribe() == null) {
            return Optional.empty();
        }
        return links.verify(report.originalListUnsubscribe()).flatMap(s -> store.emailOf(s.subscriberId())
                .map(email -> new Match(Optional.of(new Sent(0, s.subscriberId(), email, null, s.newsletterId(),
                        null)), "list-unsubscribe", null)));
    }

    private Match matchMailboxReport(ParsedReport report) {
        if (verp.isPresent()) {
            VerpAddresses.Verdict verdict = verp.get().find(report.text());
            if (verdict instanceof VerpAddresses.Verified verified) {
                return store.sentByOutboxId(verified.outboxId()).map(s -> new Match(Optional.of(s), "verp", null))
                        .orElseGet(() -> Match.none("VERP for outbox row " + verified.outboxId() + ", which is gone"));
            }
            if (verdict instanceof VerpAddresses.Forged forged) {
                return Match.none("VERP address whose signature does not verify: " + forged.address());
            }
            return Match.none("no VERP address of ours in it");
        }
        if (report.originalMessageId() == null) {
            return Match.none("quotes no Message-ID");
        }
        return store.sentByMessageId(report.originalMessageId())
                .map(s -> new Match(Optional.of(s), "message-id", null))
                .orElseGet(() -> Match.none("Message-ID " + report.originalMessageId() + " is not one of ours"));
    }

    /**
     * An event of a mail service's webhook, whose signature was verified.
     *
     * @param source "ses" or "mailgun"
     * @param eventId the service's id for the event (with the recipient, for events about several)
     * @param messageId our Message-ID if the service returns it, else null
     */
    public Recorded recordWebhookEvent(String source, String eventId, String email, ReportKind kind, String status,
            String diagnostic, String messageId) {
        String address = lower(email);
        Optional<Sent> sent = messageId == null ? Optional.empty() : store.sentByMessageId(messageId)
                .filter(s -> s.email().equals(address));
        Optional<Long> subscriber = sent.map(Sent::subscriberId)
                .or(() -> address == null ? Optional.empty() : store.subscriberIdByEmail(address));
        // The service's signature vouches that it sent our mail to this address: an address no subscriber has (any
        // more) is acted on too, so that an import cannot bring it back.
        String by = sent.isPresent() ? "message-id" : address == null ? "none" : "address";
        NewReport row = new NewReport(source + ":" + eventId, source, kind.code(), address, subscriber.orElse(null),
                sent.map(Sent::outboxId).orElse(null), sent.map(Sent::editionId).orElse(null),
                sent.map(Sent::newsletterId).orElse(null), by, status, diagnostic, clock.instant());
        return logged(store.record(List.of(row), policy.softWindow(), policy).get(0));
    }

    /** A permanent refusal at send time (5xx): a hard or soft bounce as its code says. */
    @Override
    public void refused(OutboxRow row, String reason, Instant at) {
        Optional<Sent> sent = store.sentByOutboxId(row.id());
        NewReport report = new NewReport("smtp:" + row.id() + ":" + (row.attempts() + 1), "smtp",
                StatusCodes.kindOfFailure(reason).code(), row.email(), row.subscriberId(), row.id(),
                row.editionId(), sent.map(Sent::newsletterId).orElse(null), "outbox",
                StatusCodes.status(reason).orElse(null), reason, at);
        logged(store.record(List.of(report), policy.softWindow(), policy).get(0));
    }

    private static Recorded logged(Recorded recorded) {
        NewReport r = recorded.report();
        if (!recorded.fresh()) {
            log.info("{} report {} was recorded before; nothing changed", r.source(), r.key());
        } else if (recorded.suppressedNow()) {
            log.warn("{} suppressed: {} ({} report {}{})", r.email(), recorded.decision(), r.source(), r.key(),
                    r.status() == null ? "" : ", " + r.status());
        } else {
            log.info("{} report {} about {}: {}", r.source(), r.key(), r.email() == null ? "nobody known" : r.email(),
                    recorded.decision());
        }
        return recorded;
    }

    private static String withFormat(String format, String diagnostic) {
        return diagnostic == null || diagnostic.isBlank() ? format : format + ": " + diagnostic;
    }

    private static String lower(String address) {
        return address == null ? null : address.strip().toLowerCase(Locale.ROOT);
    }
}

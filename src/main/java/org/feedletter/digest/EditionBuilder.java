package org.feedletter.digest;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.stream.IntStream;
import org.feedletter.config.AsPublished;
import org.feedletter.config.NewsletterConfig;
import org.feedletter.store.EditionStore;
import org.feedletter.store.EditionStore.EditionTransaction;
import org.feedletter.store.EditionUpdate;
import org.feedletter.store.StoredItem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the editions that are due: for each newsletter whose schedule slot has come, the matching items it has
 * not had yet, newest first; at most max-items listed, the rest counted; and, when it lists updates, the items it
 * sent before that changed substantively since ({@link UpdateSelection}). Each edition queues one message per
 * active subscriber. Under the newsletter's row lock, so each slot is built once however many nodes try.
 *
 * <p>An as-published newsletter ({@code schedule: as-published}) has no slots: it is due once it has a matching
 * item (or update) it has not had, the first of which arrived (was first seen) at least its publish delay ago, and
 * fewer than its max-per-day editions went out today in its time zone; the edition then takes every matching item
 * so far, so pieces that arrived together go out together. With the cap reached they wait for the first edition
 * of the next day, just after midnight. Whether it is due is decided under the lock, from what is committed, so
 * two nodes never build one edition twice.
 */
public final class EditionBuilder {

    private static final Logger log = LoggerFactory.getLogger(EditionBuilder.class);
    /**
     * Candidates are items first seen since a little before the last slot. The margin covers ingest transactions
     * still open when that edition was built; the store's NOT EXISTS keeps anything from going out twice.
     */
    static final Duration CANDIDATE_MARGIN = Duration.ofHours(1);

    private final EditionStore editions;
    private final List<NewsletterConfig> newsletters;
    private final String messageIdDomain;
    private final InstantSource clock;

    public EditionBuilder(EditionStore editions, List<NewsletterConfig> newsletters, String messageIdDomain,
            InstantSource clock) {
        this.editions = editions;
        this.newsletters = List.copyOf(newsletters);
        this.messageIdDomain = messageIdDomain;
        this.clock = clock;
    }

    /**
     * @param send false records the items as seen without queueing mail ({@code run --once --no-send}); an
     *     as-published newsletter then records every matching item, waiting for neither its delay nor its cap
     */
    public List<EditionOutcome> buildDue(boolean send) {
        return newsletters.stream().map(n -> buildIfDue(n, send)).toList();
    }

    /** The as-published newsletters' editions that are due, queued for sending: what follows new items at once. */
    public List<EditionOutcome> buildAsPublishedDue() {
        return newsletters.stream().filter(NewsletterConfig::isAsPublished).map(n -> buildIfDue(n, true)).toList();
    }

    /** Whether any newsletter is built as items arrive. */
    public boolean hasAsPublished() {
        return newsletters.stream().anyMatch(NewsletterConfig::isAsPublished);
    }

    public EditionOutcome buildIfDue(NewsletterConfig newsletter, boolean send) {
        if (newsletter.isAsPublished()) {
            return buildAsPublished(newsletter, newsletter.asPublished().orElseThrow(), send);
        }
        NewsletterSchedule schedule = new NewsletterSchedule(newsletter.schedule(), newsletter.timeZone());
        return build(newsletter, send, schedule::dueSlot);
    }

    /**
     * Builds an edition now and queues it, whatever the schedule says ({@code feedletter digest send}); the next
     * scheduled edition then takes what arrives after this one.
     */
    public EditionOutcome buildNow(NewsletterConfig newsletter) {
        return build(newsletter, true, (lastSlot, now) -> Optional.of(newsletter.isAsPublished()
                ? after(lastSlot, now) : now));
    }

    private EditionOutcome build(NewsletterConfig newsletter, boolean send,
            BiFunction<Instant, Instant, Optional<Instant>> slotToBuild) {
        Instant now = clock.instant();
        ItemFilter filter = ItemFilter.of(newsletter);
        return editions.withNewsletterLocked(newsletter.id(), tx -> {
            Optional<Instant> slot = slotToBuild.apply(tx.lastSlot(), now);
            if (slot.isEmpty()) {
                return EditionOutcome.notDue(newsletter.id());
            }
            boolean neverSent = tx.lastSlot() == null;
            Instant since = since(tx);
            List<Long> items = matching(tx, filter, since).stream().map(StoredItem::id).toList();
            // An edition with only updates goes out too (its subject says so): a correction should not wait for news.
            List<EditionUpdate> updates = UpdateSelection.pick(tx, newsletter, filter, since);
            if (items.isEmpty() && updates.isEmpty()) {
                // A newsletter stays "never sent", and so due at once, until its first edition goes out.
                if (!neverSent) {
                    tx.setLastSlot(slot.get());
                }
                log.info("newsletter {}: nothing new for the slot {}", newsletter.id(), slot.get());
                return new EditionOutcome(newsletter.id(), slot.get(), null, 0, 0);
            }
            return insert(tx, newsletter, slot.get(), now, send, items, updates);
        });
    }

    private EditionOutcome buildAsPublished(NewsletterConfig newsletter, AsPublished settings, boolean send) {
        Instant now = clock.instant();
        ItemFilter filter = ItemFilter.of(newsletter);
        return editions.withNewsletterLocked(newsletter.id(), tx -> {
            Instant slot = after(tx.lastSlot(), now);
            Instant since = since(tx);
            List<StoredItem> items = matching(tx, filter, since);
            UpdateSelection.Picked updates = UpdateSelection.pickTimed(tx, newsletter, filter, since);
            if (items.isEmpty() && updates.updates().isEmpty()) {
                // Checked up to now: the next check reads only what changes from here (a newsletter that never
                // sent stays so, and reads everything, until its first edition as a cron one does).
                if (tx.lastSlot() != null) {
                    tx.setLastSlot(slot);
                }
                return new EditionOutcome(newsletter.id(), slot, null, 0, 0);
            }
            if (send) {
                Instant firstArrived = earliest(items.stream().map(StoredItem::firstSeenAt)
                        .min(Instant::compareTo).orElse(null), updates.firstRevisedAt());
                Instant lastArrived = latest(items.stream().map(StoredItem::firstSeenAt)
                        .max(Instant::compareTo).orElse(null), updates.lastRevisedAt());
                Instant due = settings.due(firstArrived, lastArrived);
                if (due.isAfter(now)) {
                    return EditionOutcome.waiting(newsletter.id(), due);
                }
                ZoneId zone = newsletter.timeZone();
                LocalDate today = now.atZone(zone).toLocalDate();
                int sentToday = tx.sentSince(today.atStartOfDay(zone).toInstant());
                if (sentToday >= settings.maxPerDay()) {
                    return EditionOutcome.waiting(newsletter.id(), today.plusDays(1).atStartOfDay(zone).toInstant());
                }
                if (sentToday + 1 == settings.maxPerDay()) {
                    log.info("newsletter {}: edition {} of at most {} today; what arrives after it waits for the "
                            + "first edition tomorrow ({} in {})", newsletter.id(), sentToday + 1,
                            settings.maxPerDay(), today.plusDays(1), zone);
                }
            }
            return insert(tx, newsletter, slot, now, send, items.stream().map(StoredItem::id).toList(),
                    updates.updates());
        });
    }

    /** The earlier of two times, either of which may be null (not both). */
    private static Instant earliest(Instant a, Instant b) {
        return a == null || (b != null && b.isBefore(a)) ? b : a;
    }

    /** The later of two times, either of which may be null (not both). */
    private static Instant latest(Instant a, Instant b) {
        return a == null || (b != null && b.isAfter(a)) ? b : a;
    }

    /** Items of the newsletter's filter that it has not had, changed at or after {@code since}; newest first. */
    private static List<StoredItem> matching(EditionTransaction tx, ItemFilter filter, Instant since) {
        List<StoredItem> candidates = tx.candidates(since);
        List<ItemFilter.Decision> decisions = filter.explain(candidates, tx::feedUrlsOf);
        return IntStream.range(0, candidates.size()).filter(i -> decisions.get(i).included())
                .mapToObj(candidates::get).toList();
    }

    /** Where the candidates start: a margin before the last slot; null (everything) for a newsletter never sent. */
    private static Instant since(EditionTransaction tx) {
        return tx.lastSlot() == null ? null : tx.lastSlot().minus(CANDIDATE_MARGIN);
    }

    /**
     * An as-published slot: now, or just after the last slot when that is not before now (another node's clock a
     * little ahead, or a test's clock that stood still), as each edition's slot is unique. In the database's
     * precision, microseconds.
     */
    private static Instant after(Instant lastSlot, Instant now) {
        Instant slot = now.truncatedTo(ChronoUnit.MICROS);
        return lastSlot == null || slot.isAfter(lastSlot) ? slot : lastSlot.plus(1, ChronoUnit.MICROS);
    }

    private EditionOutcome insert(EditionTransaction tx, NewsletterConfig newsletter, Instant slot, Instant now,
            boolean send, List<Long> items, List<EditionUpdate> updates) {
        tx.setLastSlot(slot);
        int listed = Math.min(items.size(), newsletter.maxItems());
        long editionId = tx.insertEdition(slot, now, send, listed, items.size() - listed);
        tx.insertItems(editionId, items, listed);
        tx.insertUpdates(editionId, updates);
        int queued = send ? tx.queueDigests(editionId, messageIdDomain, now) : 0;
        log.info("newsletter {}: edition {} with {} item{} and {} update{}, {} message{} queued{}", newsletter.id(),
                editionId, items.size(), items.size() == 1 ? "" : "s", updates.size(), updates.size() == 1 ? "" : "s",
                queued, queued == 1 ? "" : "s", send ? "" : " (recorded as seen, not sent)");
        return new EditionOutcome(newsletter.id(), slot, editionId, items.size(), queued, updates.size());
    }
}

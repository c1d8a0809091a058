package org.feedletter.digest;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.stream.IntStream;
import org.feedletter.config.NewsletterConfig;
import org.feedletter.store.EditionStore;
import org.feedletter.store.EditionUpdate;
import org.feedletter.store.StoredItem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the editions that are due: for each newsletter whose schedule slot has come, the matching items it has
 * not had yet, newest first; at most max-items listed, the rest counted; and, when it lists updates, the items it
 * sent before that changed substantively since ({@link UpdateSelection}). Each edition queues one message per
 * active subscriber. Under the newsletter's row lock, so each slot is built once however many nodes try.
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
     * @param send false records the items as seen without queueing mail ({@code run --once --no-send})
     */
    public List<EditionOutcome> buildDue(boolean send) {
        return newsletters.stream().map(n -> buildIfDue(n, send)).toList();
    }

    public EditionOutcome buildIfDue(NewsletterConfig newsletter, boolean send) {
        NewsletterSchedule schedule = new NewsletterSchedule(newsletter.schedule(), newsletter.timeZone());
        return build(newsletter, send, schedule::dueSlot);
    }

    /**
     * Builds an edition now and queues it, whatever the schedule says ({@code feedletter digest send}); the next
     * scheduled edition then takes what arrives after this one.
     */
    public EditionOutcome buildNow(NewsletterConfig newsletter) {
        return build(newsletter, true, (lastSlot, now) -> Optional.of(now));
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
            Instant since = neverSent ? null : tx.lastSlot().minus(CANDIDATE_MARGIN);
            List<StoredItem> candidates = tx.candidates(since);
            List<ItemFilter.Decision> decisions = filter.explain(candidates, tx::feedUrlsOf);
            List<Long> items = IntStream.range(0, candidates.size()).filter(i -> decisions.get(i).included())
                    .mapToObj(i -> candidates.get(i).id()).toList();
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
            tx.setLastSlot(slot.get());
            int listed = Math.min(items.size(), newsletter.maxItems());
            long editionId = tx.insertEdition(slot.get(), now, send, listed, items.size() - listed);
            tx.insertItems(editionId, items, listed);
            tx.insertUpdates(editionId, updates);
            int queued = send ? tx.queueDigests(editionId, messageIdDomain, now) : 0;
            log.info("newsletter {}: edition {} with {} item{} and {} update{}, {} message{} queued{}", newsletter.id(),
                    editionId, items.size(), items.size() == 1 ? "" : "s", updates.size(), updates.size() == 1 ? "" : "s",
                    queued, queued == 1 ? "" : "s", send ? "" : " (recorded as seen, not sent)");
            return new EditionOutcome(newsletter.id(), slot.get(), editionId, items.size(), queued, updates.size());
        });
    }
}

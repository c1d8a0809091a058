package org.feedletter.digest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.feedletter.config.NewsletterConfig;
import org.feedletter.config.UpdateListing;
import org.feedletter.store.EditionStore.EditionTransaction;
import org.feedletter.store.EditionUpdate;
import org.feedletter.store.PendingRevision;
import org.feedletter.store.StoredItem;

/**
 * Which updates a newsletter's next edition lists: items it already sent whose title changed, or whose text
 * changed by at least its {@code text-change} in one revision, since its last edition, and which still pass its
 * filters. Ingest measured each revision; the newsletter's threshold judges it here, so newsletters may differ.
 * Several revisions of one item are one listing, covering them all.
 */
final class UpdateSelection {

    private UpdateSelection() {}

    /**
     * The updates picked, and when the first and the last revision they cover were made (null when there are none):
     * an as-published newsletter lets an update wait as it does an item.
     */
    record Picked(List<EditionUpdate> updates, Instant firstRevisedAt, Instant lastRevisedAt) {}

    /** Newest revision first; empty when the newsletter does not list updates. */
    static List<EditionUpdate> pick(EditionTransaction tx, NewsletterConfig newsletter, ItemFilter filter,
            Instant since) {
        return pickTimed(tx, newsletter, filter, since).updates();
    }

    /** The same, with the times of the first and the last revision they cover. */
    static Picked pickTimed(EditionTransaction tx, NewsletterConfig newsletter, ItemFilter filter, Instant since) {
        UpdateListing listing = newsletter.updates();
        if (!listing.enabled()) {
            return new Picked(List.of(), null, null);
        }
        Map<Long, List<PendingRevision>> byItem = tx.pendingRevisions(since).stream()
                .collect(Collectors.groupingBy(PendingRevision::itemId, LinkedHashMap::new, Collectors.toList()));
        Map<Long, StoredItem> current = tx.items(byItem.keySet()).stream()
                .collect(Collectors.toMap(StoredItem::id, Function.identity()));
        List<StoredItem> candidates = new ArrayList<>();
        List<EditionUpdate> updates = new ArrayList<>();
        byItem.forEach((itemId, revisions) -> {
            StoredItem item = current.get(itemId);
            EditionUpdate update = item == null ? null : judge(item, revisions, listing);
            if (update != null) {
                candidates.add(item);
                updates.add(update);
            }
        });
        List<ItemFilter.Decision> decisions = filter.explain(candidates, tx::feedUrlsOf);
        List<EditionUpdate> taken = new ArrayList<>();
        Instant firstRevisedAt = null;
        Instant lastRevisedAt = null;
        for (int i = 0; i < updates.size(); i++) {
            if (decisions.get(i).included()) {
                EditionUpdate update = updates.get(i);
                taken.add(update);
                List<PendingRevision> revisions = byItem.get(update.itemId());
                Instant first = revisions.get(0).revisedAt();
                Instant last = revisions.get(revisions.size() - 1).revisedAt();
                if (firstRevisedAt == null || first.isBefore(firstRevisedAt)) {
                    firstRevisedAt = first;
                }
                if (lastRevisedAt == null || last.isAfter(lastRevisedAt)) {
                    lastRevisedAt = last;
                }
            }
        }
        taken.sort(Comparator.comparingLong(EditionUpdate::revisionId).reversed());
        return new Picked(taken, firstRevisedAt, lastRevisedAt);
    }

    /**
     * The listing of one item's revisions (oldest first), or null when none is substantive for this newsletter.
     * The old title is the one before the first of them: what readers last saw.
     */
    private static EditionUpdate judge(StoredItem item, List<PendingRevision> revisions, UpdateListing listing) {
        PendingRevision first = revisions.get(0);
        PendingRevision last = revisions.get(revisions.size() - 1);
        boolean titleChanged = revisions.stream().anyMatch(PendingRevision::titleChanged)
                && !first.oldTitle().equals(item.title()); // changed, and not back again
        boolean textRevised = revisions.stream()
                .anyMatch(r -> r.textChange() > 0 && r.textChange() >= listing.textChange());
        if (!titleChanged && !textRevised) {
            return null;
        }
        return new EditionUpdate(item.id(), last.revisionId(), titleChanged, titleChanged ? first.oldTitle() : null,
                textRevised);
    }
}

package org.feedletter.digest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.feedletter.config.NewsletterConfig;
import org.feedletter.store.EditionStore;
import org.feedletter.store.ListedUpdate;
import org.feedletter.store.StoredEdition;
import org.feedletter.store.StoredItem;

/**
 * Loads what a digest shows: one edition, or for a daily or weekly digest the newsletter's sent editions after
 * {@code since} up to {@code upto}, newest first. Used for mail and for the archive, so both show the same.
 */
public final class DigestLoader {

    private final EditionStore editions;
    private final Map<String, NewsletterConfig> newsletters = new LinkedHashMap<>();
    private final Function<String, String> moreUrl;

    /** @param moreUrl newsletter id -> where readers find items beyond max-items, or null */
    public DigestLoader(EditionStore editions, List<NewsletterConfig> newsletters, Function<String, String> moreUrl) {
        this.editions = editions;
        newsletters.forEach(n -> this.newsletters.put(n.id(), n));
        this.moreUrl = moreUrl;
    }

    public DigestContent load(Long since, long upto) throws MissingContent {
        StoredEdition edition = editions.find(upto)
                .orElseThrow(() -> new MissingContent("edition " + upto + " does not exist"));
        NewsletterConfig newsletter = newsletters.get(edition.newsletterId());
        if (newsletter == null) {
            throw new MissingContent("newsletter '" + edition.newsletterId() + "' is no longer configured");
        }
        List<StoredEdition> included = since == null ? List.of(edition)
                : editions.sentBetween(newsletter.id(), since, upto);
        List<Long> ids = included.stream().map(StoredEdition::id).toList();
        List<StoredItem> items = editions.listedItems(ids);
        List<ListedUpdate> updates = onePerItem(editions.listedUpdates(ids), items);
        int more = included.stream().mapToInt(StoredEdition::moreCount).sum();
        return new DigestContent(newsletter, upto, edition.builtAt(), items, updates, more,
                moreUrl.apply(newsletter.id()));
    }

    /**
     * A digest of several editions shows an item updated in more than one of them once, with all that changed
     * since the oldest listing's title; and not at all when the same digest lists it as new, in its current form.
     */
    private static List<ListedUpdate> onePerItem(List<ListedUpdate> newestFirst, List<StoredItem> items) {
        Set<Long> listedAsNew = items.stream().map(StoredItem::id).collect(Collectors.toSet());
        Map<Long, ListedUpdate> byItem = new LinkedHashMap<>();
        for (ListedUpdate update : newestFirst) {
            if (!listedAsNew.contains(update.item().id())) {
                byItem.merge(update.item().id(), update, (newer, older) -> new ListedUpdate(newer.item(),
                        newer.titleChanged() || older.titleChanged(),
                        older.titleChanged() ? older.oldTitle() : newer.oldTitle(),
                        newer.textRevised() || older.textRevised()));
            }
        }
        return List.copyOf(byItem.values());
    }

    /** The edition a digest would show is gone, or its newsletter is. */
    public static final class MissingContent extends Exception {
        public MissingContent(String message) {
            super(message);
        }
    }
}

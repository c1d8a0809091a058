package org.feedletter.ingest.dedup;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.feedletter.identity.EntryEvidence;
import org.feedletter.identity.Representative;
import org.feedletter.identity.TextOpening;
import org.feedletter.ingest.normalize.CanonicalUrl;
import org.feedletter.ingest.normalize.EntryNormalizer;
import org.feedletter.store.FeedStore;
import org.feedletter.store.ItemAlias;
import org.feedletter.store.ItemSource;
import org.feedletter.store.ItemStore;
import org.feedletter.store.StoredEntry;
import org.feedletter.store.StoredFeed;
import org.feedletter.store.StoredItem;

/**
 * Finds items the way an operator names them and gathers their {@link ItemProvenance}. Shared by
 * {@code feedletter items why} and the admin's Items page, so both explain a dedup decision the same way.
 */
public final class ProvenanceLookup {

    private static final Pattern ID = Pattern.compile("[0-9]{1,18}");
    private static final String PUBLIC_ID_PREFIX = "urn:feedletter:";

    private final ItemStore items;
    private final FeedStore feeds;

    public ProvenanceLookup(ItemStore items, FeedStore feeds) {
        this.items = items;
        this.feeds = feeds;
    }

    /**
     * The items a query names: an id, a public id ({@code urn:feedletter:...}), or a URL under any of the names an
     * item goes by (its own, a merged entry's, a declared original, or an entry's link as its feed gave it).
     */
    public List<StoredItem> find(String query) {
        String given = query.strip();
        // No stored id or URL holds a control character, and PostgreSQL refuses a NUL in a parameter outright.
        if (given.isEmpty() || given.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return List.of();
        }
        return items.findByIds(idsOf(given));
    }

    private List<Long> idsOf(String given) {
        Set<Long> ids = new LinkedHashSet<>();
        if (ID.matcher(given).matches()) {
            ids.add(Long.parseLong(given));
        } else if (given.startsWith(PUBLIC_ID_PREFIX)) {
            items.findByPublicId(given).forEach(i -> ids.add(i.id()));
        } else {
            CanonicalUrl.of(CanonicalUrl.withoutTracking(given)).map(EntryNormalizer::publicIdOf).ifPresent(id -> {
                items.findByPublicId(id).forEach(i -> ids.add(i.id()));
                ids.addAll(items.itemIdsByAlias(id));
            });
            ids.addAll(items.itemIdsByOriginalUrl(given));
        }
        return new ArrayList<>(ids);
    }

    /** The provenance of the item with this id, if there is one. */
    public Optional<ItemProvenance> of(long itemId) {
        return items.findByIds(List.of(itemId)).stream().findFirst().map(this::of);
    }

    public ItemProvenance of(StoredItem item) {
        Map<Long, ItemProvenance.Feed> feedsById = new HashMap<>();
        List<ItemProvenance.Alias> alsoUnder = new ArrayList<>();
        for (ItemAlias alias : items.aliasesOf(item.id())) {
            if (!alias.url().equals(item.canonicalUrl())) { // an original the item now shows is its own URL already
                alsoUnder.add(new ItemProvenance.Alias(alias.url(), switch (alias.kind()) {
                    case ItemAlias.DECLARED -> "declared as its original";
                    case ItemAlias.MERGED -> "the id of an item merged into it";
                    default -> "a merged entry's URL";
                }));
            }
        }
        List<StoredEntry> entries = items.entriesOf(item.id());
        List<EntryEvidence> evidence = entries.stream().map(Evidence::ofStored).toList();
        Representative.Ranking ranking = evidence.isEmpty() ? null : Representative.rank(evidence);
        List<ItemProvenance.Source> sources = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            ItemSource source = entries.get(i).source();
            EntryEvidence e = evidence.get(i);
            sources.add(new ItemProvenance.Source(feed(source.feedId(), feedsById), source.guid(),
                    source.originalUrl(), source.firstSeenAt(), source.rule(), source.evidence(), carried(e),
                    ranking != null && ranking.chosen() == e));
        }
        return new ItemProvenance(item, feed(item.firstFeedId(), feedsById),
                ranking == null ? "no entries stored" : ranking.reason(), alsoUnder, sources);
    }

    private static ItemProvenance.Carried carried(EntryEvidence e) {
        List<String> texts = new ArrayList<>();
        for (TextOpening t : e.texts()) {
            texts.add((t.kind() == TextOpening.Kind.SUMMARY ? "summary " : "text ") + t.words() + " words");
        }
        return new ItemProvenance.Carried(e.published(), e.title().folded(), e.authors().toString(),
                texts.isEmpty() ? "no text" : String.join(", ", texts), e.marks().describe());
    }

    /** Looked up once per feed: an item's entries mostly come from a handful. */
    private ItemProvenance.Feed feed(long feedId, Map<Long, ItemProvenance.Feed> known) {
        return known.computeIfAbsent(feedId, id -> new ItemProvenance.Feed(id,
                feeds.find(id).map(StoredFeed::label).orElse(null)));
    }
}

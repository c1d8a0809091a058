package org.feedletter.digest;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.feedletter.config.NewsletterConfig;
import org.feedletter.store.ListedUpdate;
import org.feedletter.store.StoredItem;

/**
 * One edition's content, shared by all its recipients: the template model of its items is built once per
 * time zone, so rendering per recipient only adds the personal parts.
 *
 * @see DigestRenderer
 */
public final class DigestContent {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter DAY_AND_TIME = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", Locale.ENGLISH);

    private final NewsletterConfig newsletter;
    private final long editionId;
    private final Instant builtAt;
    private final List<StoredItem> items;
    private final List<ListedUpdate> updates;
    private final int moreCount;
    private final String moreUrl;
    private final Map<ZoneId, List<Map<String, Object>>> itemModels = new ConcurrentHashMap<>();
    private final Map<ZoneId, List<Map<String, Object>>> updateModels = new ConcurrentHashMap<>();
    private final Map<DigestSkeleton.Key, DigestSkeleton> skeletons = new ConcurrentHashMap<>();

    /** A digest without updates. */
    public DigestContent(NewsletterConfig newsletter, long editionId, Instant builtAt, List<StoredItem> items,
            int moreCount, String moreUrl) {
        this(newsletter, editionId, builtAt, items, List.of(), moreCount, moreUrl);
    }

    /**
     * @param updates items sent before that changed since, for the "Updated" section
     * @param moreUrl where the items beyond max-items can be read (the merged feed), or null
     */
    public DigestContent(NewsletterConfig newsletter, long editionId, Instant builtAt, List<StoredItem> items,
            List<ListedUpdate> updates, int moreCount, String moreUrl) {
        this.newsletter = newsletter;
        this.editionId = editionId;
        this.builtAt = builtAt;
        this.items = List.copyOf(items);
        this.updates = List.copyOf(updates);
        this.moreCount = moreCount;
        this.moreUrl = moreUrl;
    }

    public NewsletterConfig newsletter() {
        return newsletter;
    }

    public long editionId() {
        return editionId;
    }

    public List<StoredItem> items() {
        return items;
    }

    public List<ListedUpdate> updates() {
        return updates;
    }

    Map<String, Object> editionModel(ZoneId zone) {
        Map<String, Object> edition = new LinkedHashMap<>();
        edition.put("id", editionId);
        edition.put("date", DAY.format(builtAt.atZone(zone)));
        edition.put("itemCount", items.size());
        edition.put("updateCount", updates.size());
        edition.put("moreCount", moreCount);
        edition.put("moreUrl", moreUrl == null ? "" : moreUrl);
        return edition;
    }

    List<Map<String, Object>> itemModels(ZoneId zone) {
        return itemModels.computeIfAbsent(zone, z -> items.stream().map(item -> itemModel(item, z)).toList());
    }

    /**
     * How an item's title is shown: whole, or without a prefix the newsletter's include names when it drops those
     * ("Central bank pauses" in a Quick Comment digest, not "Quick Comment: Central bank pauses").
     */
    String shownTitle(String title) {
        if (!newsletter.dropTitlePrefix() || title == null) {
            return title;
        }
        Set<String> heads = new HashSet<>();
        newsletter.include().rules().categories().forEach(c -> heads.add(FilterText.fold(c)));
        newsletter.include().rules().labels().forEach(l -> heads.add(FilterText.fold(l)));
        return FilterText.withoutHead(title, heads);
    }

    /**
     * Each update as an item model plus what changed: {@code titleChanged} and {@code oldTitle}, {@code textRevised},
     * and {@code change} saying it in words ("Title changed; was: …", "Text revised").
     */
    List<Map<String, Object>> updateModels(ZoneId zone) {
        return updateModels.computeIfAbsent(zone, z -> updates.stream().map(update -> updateModel(update, z)).toList());
    }

    private Map<String, Object> updateModel(ListedUpdate update, ZoneId zone) {
        Map<String, Object> model = itemModel(update.item(), zone);
        String oldTitle = update.oldTitle() == null ? "" : update.oldTitle();
        model.put("titleChanged", update.titleChanged());
        model.put("oldTitle", oldTitle);
        model.put("textRevised", update.textRevised());
        List<String> changes = new ArrayList<>();
        if (update.titleChanged()) {
            changes.add("Title changed; was: " + oldTitle);
        }
        if (update.textRevised()) {
            changes.add(changes.isEmpty() ? "Text revised" : "text revised");
        }
        model.put("change", String.join("; ", changes));
        return model;
    }

    private Map<String, Object> itemModel(StoredItem item, ZoneId zone) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("title", shownTitle(item.title()));
        model.put("fullTitle", item.title());
        model.put("link", item.link() == null ? "" : item.link());
        model.put("author", item.author() == null ? "" : item.author());
        ZonedDateTime published = item.published().atZone(zone);
        model.put("date", DAY_AND_TIME.format(published) + " " + ZoneAbbreviations.of(published));
        model.put("isoDate", item.published().toString());
        model.put("excerpt", item.excerpt() == null ? "" : item.excerpt());
        model.put("categories", item.categories());
        return model;
    }

    DigestSkeleton skeleton(DigestSkeleton.Key key) {
        return skeletons.get(key);
    }

    void keepSkeleton(DigestSkeleton.Key key, DigestSkeleton skeleton) {
        skeletons.put(key, skeleton);
    }
}

package org.feedletter.digest;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.feedletter.config.NewsletterConfig;
import org.feedletter.lang.Messages;
import org.feedletter.lang.TextDirection;
import org.feedletter.store.ListedUpdate;
import org.feedletter.store.StoredItem;

/**
 * One edition's content, shared by all its recipients: the template model of its items is built once per
 * time zone, so rendering per recipient only adds the personal parts. Dates and the words of updates are in the
 * newsletter's language (one per content: a newsletter has one).
 *
 * @see DigestRenderer
 */
public final class DigestContent {

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

    Map<String, Object> editionModel(ZoneId zone, Messages words) {
        Map<String, Object> edition = new LinkedHashMap<>();
        edition.put("id", editionId);
        edition.put("date", words.day(builtAt.atZone(zone)));
        edition.put("itemCount", items.size());
        edition.put("updateCount", updates.size());
        edition.put("moreCount", moreCount);
        edition.put("moreUrl", moreUrl == null ? "" : moreUrl);
        return edition;
    }

    List<Map<String, Object>> itemModels(ZoneId zone, Messages words) {
        return itemModels.computeIfAbsent(zone, z -> items.stream().map(item -> itemModel(item, z, words)).toList());
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
     * and {@code change} saying it in words ("Title changed; was: …", "Text revised", from the bundles).
     */
    List<Map<String, Object>> updateModels(ZoneId zone, Messages words) {
        return updateModels.computeIfAbsent(zone, z -> updates.stream().map(update -> updateModel(update, z, words))
                .toList());
    }

    private Map<String, Object> updateModel(ListedUpdate update, ZoneId zone, Messages words) {
        Map<String, Object> model = itemModel(update.item(), zone, words);
        String oldTitle = update.oldTitle() == null ? "" : update.oldTitle();
        model.put("titleChanged", update.titleChanged());
        model.put("oldTitle", oldTitle);
        model.put("textRevised", update.textRevised());
        String change = "";
        if (update.titleChanged() && update.textRevised()) {
            change = words.text("digest.update.titleChangedTextRevised", oldTitle);
        } else if (update.titleChanged()) {
            change = words.text("digest.update.titleChanged", oldTitle);
        } else if (update.textRevised()) {
            change = words.text("digest.update.textRevised");
        }
        model.put("change", change);
        return model;
    }

    /**
     * An item's model; {@code dir} is the direction of its own text (its title, else its excerpt: Arabic in an
     * English digest is {@code rtl}), the newsletter's where the text has no letters; {@code lang} the language its
     * feed declared, or empty.
     */
    private Map<String, Object> itemModel(StoredItem item, ZoneId zone, Messages words) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("title", shownTitle(item.title()));
        model.put("fullTitle", item.title());
        model.put("link", item.link() == null ? "" : item.link());
        model.put("author", item.author() == null ? "" : item.author());
        ZonedDateTime published = item.published().atZone(zone);
        model.put("date", words.dayAndTime(published) + " " + ZoneAbbreviations.of(published));
        model.put("isoDate", item.published().toString());
        model.put("excerpt", item.excerpt() == null ? "" : item.excerpt());
        model.put("categories", item.categories());
        TextDirection own = TextDirection.ofText(item.title(), TextDirection.ofText(item.excerpt(), words.direction()));
        model.put("dir", own.attribute());
        model.put("lang", languageTag(item.language()));
        return model;
    }

    /** The item's language as its feed declared it, as a well-formed tag; empty when none or unreadable. */
    private static String languageTag(String declared) {
        if (declared == null || declared.isBlank()) {
            return "";
        }
        String tag = java.util.Locale.forLanguageTag(declared.strip().replace('_', '-')).toLanguageTag();
        return tag.equals("und") ? "" : tag;
    }

    DigestSkeleton skeleton(DigestSkeleton.Key key) {
        return skeletons.get(key);
    }

    void keepSkeleton(DigestSkeleton.Key key, DigestSkeleton skeleton) {
        skeletons.put(key, skeleton);
    }
}

package org.feedletter.ingest.dedup;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import org.feedletter.identity.EntryEvidence;
import org.feedletter.identity.Representative;
import org.feedletter.store.ItemDraft;

/**
 * What an item shows, as a function of its entries alone: the title, URL, date and text of its representative
 * ({@link Representative}); an author, a summary, a text and a language from the next entry in rank that has one
 * where the representative lacks it; the categories of all its entries, so a newsletter's filter sees the
 * publisher's own labels whichever copy came first. The link is the representative page's cleanest form any entry
 * gave (https over http, no mobile or AMP host).
 *
 * @param facts what the item shows; its HTML is that of {@code contentEntry}, left out here (null) because stored
 *     entries' HTML is read only when the item's text comes from another entry than before
 * @param feedId the feed of the representative: the feed the item is shown from
 * @param contentEntry the key of the entry whose HTML the item shows, or null when none has any
 */
record ShownFacts(ItemDraft facts, long feedId, String reason, String contentEntry) {

    private static final int MAX_CATEGORIES_CHARS = 3900;

    /**
     * @param factsByEntry each entry's facts, by {@link #key}
     * @param hasContent whether the entry with that key has HTML
     */
    static ShownFacts of(Representative.Ranking ranking, Map<String, ItemDraft> factsByEntry,
            Predicate<String> hasContent) {
        List<EntryEvidence> order = ranking.order();
        EntryEvidence chosen = ranking.chosen();
        ItemDraft shown = factsByEntry.get(key(chosen));
        String author = null;
        String excerpt = null;
        String contentEntry = null;
        String language = null;
        List<String> categories = new ArrayList<>();
        Set<String> seenCategories = new HashSet<>();
        int categoryChars = 0;
        for (EntryEvidence e : order) {
            String key = key(e);
            ItemDraft f = factsByEntry.get(key);
            if (f == null) {
                continue;
            }
            author = author != null ? author : f.author();
            excerpt = excerpt != null ? excerpt : f.excerpt();
            language = language != null ? language : f.language();
            if (contentEntry == null && hasContent.test(key)) {
                contentEntry = key;
            }
            for (String category : f.categories()) {
                if (seenCategories.add(category.toLowerCase(Locale.ROOT))
                        && categoryChars + category.length() + 1 <= MAX_CATEGORIES_CHARS) {
                    categories.add(category);
                    categoryChars += category.length() + 1;
                }
            }
        }
        String link = cleanestLink(order, factsByEntry, chosen.canonicalUrl(), shown.link());
        ItemDraft facts = new ItemDraft(null, shown.canonicalUrl(), link, shown.title(), author, shown.published(),
                shown.updated(), null, excerpt, categories, null, language);
        return new ShownFacts(facts, chosen.feedId(), ranking.reason(), contentEntry);
    }

    /** The same facts with the item's HTML. */
    ItemDraft withContent(String html, String publicId) {
        ItemDraft f = facts;
        return new ItemDraft(publicId, f.canonicalUrl(), f.link(), f.title(), f.author(), f.published(), f.updated(),
                html, f.excerpt(), f.categories(), null, f.language());
    }

    /** Whether an item showing {@code other} shows the same, HTML apart (times to the millisecond databases keep). */
    boolean sameAs(ShownFacts other) {
        ItemDraft a = facts;
        ItemDraft b = other.facts;
        return feedId == other.feedId && Objects.equals(a.canonicalUrl(), b.canonicalUrl())
                && Objects.equals(a.link(), b.link()) && Objects.equals(a.title(), b.title())
                && Objects.equals(a.author(), b.author()) && sameTime(a.published(), b.published())
                && sameTime(a.updated(), b.updated()) && Objects.equals(a.excerpt(), b.excerpt())
                && a.categories().equals(b.categories()) && Objects.equals(a.language(), b.language());
    }

    private static boolean sameTime(Instant a, Instant b) {
        return a == null ? b == null
                : b != null && a.truncatedTo(ChronoUnit.MILLIS).equals(b.truncatedTo(ChronoUnit.MILLIS));
    }

    static String key(EntryEvidence e) {
        return e.feedId() + " " + e.sourceKey();
    }

    /** Among the links entries gave for the representative's page, the one in the best form, else its own. */
    private static String cleanestLink(List<EntryEvidence> order, Map<String, ItemDraft> factsByEntry,
            String canonicalUrl, String own) {
        String best = own;
        int bestForm = form(own);
        if (canonicalUrl == null) {
            return best;
        }
        for (EntryEvidence e : order) {
            if (!canonicalUrl.equals(e.canonicalUrl())) {
                continue;
            }
            ItemDraft f = factsByEntry.get(key(e));
            int form = f == null ? -1 : form(f.link());
            if (form > bestForm) {
                best = f.link();
                bestForm = form;
            }
        }
        return best;
    }

    /** Higher for https, for a host that is not a mobile or AMP copy, for a path that is not an AMP one. */
    private static int form(String link) {
        if (link == null) {
            return -1;
        }
        String lower = link.toLowerCase(Locale.ROOT);
        int form = lower.startsWith("https://") ? 4 : 0;
        int scheme = lower.indexOf("://");
        String host = scheme > 0 && lower.substring(0, scheme).chars().allMatch(c -> c >= 'a' && c <= 'z')
                ? lower.substring(scheme + 3) : lower;
        form += host.startsWith("m.") || host.startsWith("mobile.") || host.startsWith("amp.") ? 0 : 2;
        form += lower.contains("/amp/") || lower.endsWith("/amp") || lower.contains(".amp.") ? 0 : 1;
        return form;
    }
}

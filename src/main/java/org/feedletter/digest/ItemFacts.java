package org.feedletter.digest;

import java.net.URI;
import java.util.List;
import org.feedletter.store.StoredItem;

/**
 * What a newsletter's filter looks at in an item.
 *
 * @param text the plain-text excerpt (the summary, else the start of the content), or null
 * @param author one name or several joined ("A, B"), or null
 * @param language a BCP 47 tag, or null when the feed did not say
 * @param feeds the URLs of the feeds that carried the item
 * @param url where the piece lives (the item's link), or null
 * @param contentHtml the item's whole text as HTML, or null: text rules read it as well as the excerpt
 */
public record ItemFacts(String title, String text, String author, List<String> categories, String language,
        List<URI> feeds, String url, String contentHtml) {

    public ItemFacts {
        title = title == null ? "" : title;
        categories = List.copyOf(categories);
        feeds = List.copyOf(feeds);
    }

    /** Without a URL or HTML: what the rules on them then see is nothing. */
    public ItemFacts(String title, String text, String author, List<String> categories, String language,
            List<URI> feeds) {
        this(title, text, author, categories, language, feeds, null, null);
    }

    public static ItemFacts of(StoredItem item, List<URI> feeds) {
        return new ItemFacts(item.title(), item.excerpt(), item.author(), item.categories(), item.language(), feeds,
                item.link() != null ? item.link() : item.canonicalUrl(), item.contentHtml());
    }
}

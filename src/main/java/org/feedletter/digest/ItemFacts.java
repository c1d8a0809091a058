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
 */
public record ItemFacts(String title, String text, String author, List<String> categories, String language,
        List<URI> feeds) {

    public ItemFacts {
        title = title == null ? "" : title;
        categories = List.copyOf(categories);
        feeds = List.copyOf(feeds);
    }

    public static ItemFacts of(StoredItem item, List<URI> feeds) {
        return new ItemFacts(item.title(), item.excerpt(), item.author(), item.categories(), item.language(), feeds);
    }
}

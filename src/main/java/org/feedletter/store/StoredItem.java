package org.feedletter.store;

import java.time.Instant;
import java.util.List;

/**
 * One distinct piece, however many feeds carried it.
 *
 * @param language a BCP 47 tag such as "en-GB", or null when its feed did not say
 */
public record StoredItem(
        long id,
        String publicId,
        String canonicalUrl,
        String link,
        String title,
        String author,
        Instant published,
        Instant updated,
        String contentHtml,
        String excerpt,
        List<String> categories,
        Long fingerprint,
        long firstFeedId,
        Instant firstSeenAt,
        Instant changedAt,
        String language) {

    public StoredItem {
        categories = List.copyOf(categories);
    }
}

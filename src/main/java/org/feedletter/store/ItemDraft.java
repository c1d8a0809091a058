package org.feedletter.store;

import java.time.Instant;
import java.util.List;

/**
 * An item as ingest prepared it, ready to be written: sanitized HTML, plain-text title and excerpt.
 *
 * @param canonicalUrl null when the entry had no usable link
 * @param fingerprint a near-duplicate fingerprint of title and text, or null
 * @param language a BCP 47 tag such as "en-GB", or null when the feed does not say
 */
public record ItemDraft(
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
        String language) {

    public ItemDraft {
        categories = List.copyOf(categories);
    }

    /** A draft whose language is not known. */
    public ItemDraft(String publicId, String canonicalUrl, String link, String title, String author, Instant published,
            Instant updated, String contentHtml, String excerpt, List<String> categories, Long fingerprint) {
        this(publicId, canonicalUrl, link, title, author, published, updated, contentHtml, excerpt, categories,
                fingerprint, null);
    }
}

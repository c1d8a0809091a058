package org.feedletter.feed.parse;

import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * One entry as a feed gives it, in our own terms, whatever the format.
 *
 * @param guid the feed's own id for the entry (RSS guid, Atom id, JSON Feed id), or null
 * @param link the entry's page, made absolute, or null
 * @param title as text (markup and entities already decoded), or null
 * @param author a display name, or null
 * @param published null when missing or unparsable
 * @param updated null when missing or unparsable
 * @param contentHtml the full content as HTML, unsanitized, or null
 * @param summaryHtml the summary or description as HTML, unsanitized, or null
 * @param categories RSS category and dc:subject, Atom category term or label, JSON Feed tags, in feed order
 * @param contentBase the base URI for relative links inside the HTML (xml:base, else the link, else the feed URL)
 * @param declaredOriginals URLs the feed declares as this entry's original: rel="canonical", rel="via",
 *     dc:source, JSON Feed external_url; empty when none
 * @param language a BCP 47 tag such as "en-GB" (xml:lang in scope, else dc:language, else the RSS channel's
 *     language, else JSON Feed's language), or null when the feed does not say
 * @param sourceFeed the feed the entry says it was taken from (an RSS or Atom source element): it names a feed,
 *     not the piece's original, so it only tells that the entry is a copy; null when none
 */
public record Entry(
        String guid,
        URI link,
        String title,
        String author,
        Instant published,
        Instant updated,
        String contentHtml,
        String summaryHtml,
        List<String> categories,
        URI contentBase,
        List<URI> declaredOriginals,
        String language,
        URI sourceFeed) {

    public Entry {
        categories = List.copyOf(categories);
        declaredOriginals = List.copyOf(declaredOriginals);
    }

    /** An entry taken from no other feed. */
    public Entry(String guid, URI link, String title, String author, Instant published, Instant updated,
            String contentHtml, String summaryHtml, List<String> categories, URI contentBase,
            List<URI> declaredOriginals, String language) {
        this(guid, link, title, author, published, updated, contentHtml, summaryHtml, categories, contentBase,
                declaredOriginals, language, null);
    }

    /** An entry whose language is not known. */
    public Entry(String guid, URI link, String title, String author, Instant published, Instant updated,
            String contentHtml, String summaryHtml, List<String> categories, URI contentBase,
            List<URI> declaredOriginals) {
        this(guid, link, title, author, published, updated, contentHtml, summaryHtml, categories, contentBase,
                declaredOriginals, null);
    }
}

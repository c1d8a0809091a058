package org.feedletter.feed.parse;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Collects one entry's fields from a format reader and applies the rules every format shares: blank is
 * missing, categories are trimmed and unique, declared originals are unique, the content base falls back
 * to the link and then the feed URL. Not thread-safe; one per entry.
 */
final class EntryBuilder {

    private String guid;
    private URI link;
    private String title;
    private String author;
    private Instant published;
    private Instant updated;
    private String contentHtml;
    private String summaryHtml;
    private final List<String> categories = new ArrayList<>();
    private final Set<String> categoryKeys = new HashSet<>();
    private URI contentBase;
    private final Set<URI> declaredOriginals = new LinkedHashSet<>();
    private String language;
    private URI sourceFeed;

    /** Trimmed only: a guid is an identity, so its inside is kept exactly. */
    EntryBuilder guid(String value) {
        guid = value == null || value.isBlank() ? null : value.strip();
        return this;
    }

    EntryBuilder link(URI value) {
        link = value;
        return this;
    }

    /** @param value already plain text */
    EntryBuilder title(String value) {
        title = FeedText.collapseWhitespace(value);
        return this;
    }

    EntryBuilder author(String value) {
        author = FeedText.collapseWhitespace(value);
        return this;
    }

    boolean hasAuthor() {
        return author != null;
    }

    EntryBuilder published(Instant value) {
        published = value;
        return this;
    }

    EntryBuilder updated(Instant value) {
        updated = value;
        return this;
    }

    EntryBuilder contentHtml(String value) {
        contentHtml = blankToNull(value);
        return this;
    }

    EntryBuilder summaryHtml(String value) {
        summaryHtml = blankToNull(value);
        return this;
    }

    /** Adds a category unless it is blank or already there in any letter case; feed order is kept. */
    EntryBuilder category(String value) {
        String name = FeedText.collapseWhitespace(value);
        if (name != null && categoryKeys.add(name.toLowerCase(Locale.ROOT))) {
            categories.add(name);
        }
        return this;
    }

    EntryBuilder contentBase(URI value) {
        contentBase = value;
        return this;
    }

    EntryBuilder declaredOriginal(URI value) {
        if (value != null) {
            declaredOriginals.add(value);
        }
        return this;
    }

    EntryBuilder sourceFeed(URI value) {
        if (sourceFeed == null) {
            sourceFeed = value;
        }
        return this;
    }

    /** Keeps the first well-formed tag given; "en_us" and "EN-us" become "en-US", anything else is ignored. */
    EntryBuilder language(String value) {
        if (language == null) {
            language = FeedText.languageTag(value);
        }
        return this;
    }

    Entry build(URI feedUrl) {
        URI base = contentBase != null ? contentBase : link != null ? link : feedUrl;
        return new Entry(guid, link, title, author, published, updated, contentHtml, summaryHtml, categories, base,
                List.copyOf(declaredOriginals), language, sourceFeed);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}

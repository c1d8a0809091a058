package org.feedletter.config;

import java.util.List;

/**
 * Rules on items, as a newsletter's include or exclude section gives them. Each list that is not empty, and each
 * regex that is not null, is one rule; a rule matches when any of its values matches.
 *
 * @param categories matched on categories and on a title prefix, folding case, hyphens and plurals ("Quick
 *     comments" = "quick-comment" = "Quick Comment")
 * @param authors matched case- and whitespace-insensitively on the item's author, or one of several
 * @param feeds the feeds that carried the item, by configured name or by URL
 * @param keywords whole words or phrases, case-insensitively, in the title or anywhere in the text
 * @param titleRegex a Java regex found anywhere in the title, or null
 * @param textRegex a Java regex found anywhere in the text (the summary and the whole content), or null
 * @param languages BCP 47 prefixes: "en" matches "en" and "en-GB"
 * @param urlPaths prefixes of the item's URL path, whole segments: "/publications/quick-comment" takes
 *     "/publications/quick-comment/2026/x", not "/publications/quick-commentary"
 * @param urlRegex a Java regex found anywhere in the item's URL, or null
 * @param labels a label at the top of the text ("Quick Comment - insights from our experts"): the first lines or
 *     heading, folded as categories are
 */
public record FilterRules(
        List<String> categories,
        List<String> authors,
        List<FeedSelector> feeds,
        List<String> keywords,
        String titleRegex,
        String textRegex,
        List<String> languages,
        List<String> urlPaths,
        String urlRegex,
        List<String> labels) {

    public static final FilterRules NONE = new FilterRules(List.of(), List.of(), List.of(), List.of(), null, null,
            List.of());

    public FilterRules {
        categories = List.copyOf(categories);
        authors = List.copyOf(authors);
        feeds = List.copyOf(feeds);
        keywords = List.copyOf(keywords);
        languages = List.copyOf(languages);
        urlPaths = List.copyOf(urlPaths);
        labels = List.copyOf(labels);
    }

    /** Without rules on where a piece lives or how its text is labelled. */
    public FilterRules(List<String> categories, List<String> authors, List<FeedSelector> feeds, List<String> keywords,
            String titleRegex, String textRegex, List<String> languages) {
        this(categories, authors, feeds, keywords, titleRegex, textRegex, languages, List.of(), null, List.of());
    }

    public static FilterRules categories(List<String> categories) {
        return new FilterRules(categories, List.of(), List.of(), List.of(), null, null, List.of());
    }

    public boolean isEmpty() {
        return categories.isEmpty() && authors.isEmpty() && feeds.isEmpty() && keywords.isEmpty() && titleRegex == null
                && textRegex == null && languages.isEmpty() && urlPaths.isEmpty() && urlRegex == null
                && labels.isEmpty();
    }
}

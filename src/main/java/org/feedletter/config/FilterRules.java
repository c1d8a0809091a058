package org.feedletter.config;

import java.util.List;

/**
 * Rules on items, as a newsletter's include or exclude section gives them. Each list that is not empty, and each
 * regex that is not null, is one rule; a rule matches when any of its values matches.
 *
 * @param categories matched case- and whitespace-insensitively on categories and on a title prefix
 * @param authors matched case- and whitespace-insensitively on the item's author, or one of several
 * @param feeds the feeds that carried the item, by configured name or by URL
 * @param keywords whole words or phrases, case-insensitively, in the title or the plain-text excerpt
 * @param titleRegex a Java regex found anywhere in the title, or null
 * @param textRegex a Java regex found anywhere in the plain-text excerpt, or null
 * @param languages BCP 47 prefixes: "en" matches "en" and "en-GB"
 */
public record FilterRules(
        List<String> categories,
        List<String> authors,
        List<FeedSelector> feeds,
        List<String> keywords,
        String titleRegex,
        String textRegex,
        List<String> languages) {

    public static final FilterRules NONE = new FilterRules(List.of(), List.of(), List.of(), List.of(), null, null,
            List.of());

    public FilterRules {
        categories = List.copyOf(categories);
        authors = List.copyOf(authors);
        feeds = List.copyOf(feeds);
        keywords = List.copyOf(keywords);
        languages = List.copyOf(languages);
    }

    public static FilterRules categories(List<String> categories) {
        return new FilterRules(categories, List.of(), List.of(), List.of(), null, null, List.of());
    }

    public boolean isEmpty() {
        return categories.isEmpty() && authors.isEmpty() && feeds.isEmpty() && keywords.isEmpty() && titleRegex == null
                && textRegex == null && languages.isEmpty();
    }
}

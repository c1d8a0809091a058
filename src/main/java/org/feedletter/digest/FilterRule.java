package org.feedletter.digest;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.feedletter.config.FeedSelector;
import org.feedletter.config.FilterRules;

/**
 * One rule of a newsletter's include or exclude section. {@link #test} says whether it matches and why, in words
 * for an operator: "category 'quick comment'" when it does, "author 'X' is not among [Jane Doe]" when not.
 */
sealed interface FilterRule {

    Outcome test(ItemFacts item);

    record Outcome(boolean matched, String why) {}

    /** The rules a section gives, in the order the docs list them; regexes compiled once, here. */
    static List<FilterRule> of(FilterRules rules) {
        List<FilterRule> list = new ArrayList<>();
        if (!rules.categories().isEmpty()) {
            list.add(new Category(rules.categories().stream().map(FilterText::normalize).toList()));
        }
        if (!rules.authors().isEmpty()) {
            list.add(new Author(rules.authors()));
        }
        if (!rules.feeds().isEmpty()) {
            list.add(new Feed(rules.feeds()));
        }
        if (!rules.keywords().isEmpty()) {
            list.add(new Keyword(rules.keywords(), rules.keywords().stream().map(FilterText::wholeWords).toList()));
        }
        if (rules.titleRegex() != null) {
            list.add(new TitleRegex(Pattern.compile(rules.titleRegex())));
        }
        if (rules.textRegex() != null) {
            list.add(new TextRegex(Pattern.compile(rules.textRegex())));
        }
        if (!rules.languages().isEmpty()) {
            list.add(new Language(rules.languages().stream().map(l -> l.toLowerCase(Locale.ROOT)).toList()));
        }
        return List.copyOf(list);
    }

    /** One of the categories, or a title prefix such as "Quick Comment: …". {@code wanted} already normalized. */
    record Category(List<String> wanted) implements FilterRule {
        /** What may follow a category used as a title prefix: "Quick Comment: ...", "Quick Comment – ...". */
        private static final String PREFIX_SEPARATORS = ":|-–—";

        @Override
        public Outcome test(ItemFacts item) {
            List<String> categories = item.categories().stream().map(FilterText::normalize).toList();
            String title = FilterText.normalize(item.title());
            for (String category : wanted) {
                if (categories.contains(category)) {
                    return new Outcome(true, "category '" + category + "'");
                }
                if (hasPrefix(title, category)) {
                    return new Outcome(true, "title starts with '" + category + "'");
                }
            }
            return new Outcome(false, "no category or title prefix among " + wanted + (categories.isEmpty()
                    ? " (the item has no categories)" : " (its categories: " + categories + ")"));
        }

        private static boolean hasPrefix(String title, String category) {
            if (!title.startsWith(category)) {
                return false;
            }
            String rest = title.substring(category.length()).stripLeading();
            return !rest.isEmpty() && PREFIX_SEPARATORS.indexOf(rest.charAt(0)) >= 0;
        }
    }

    /** The author, or one of several authors ("A, B and C"), is one of these names. */
    record Author(List<String> wanted) implements FilterRule {
        private static final Pattern SEPARATORS = Pattern.compile("\\s*(?:[,;&]|\\band\\b)\\s*");

        @Override
        public Outcome test(ItemFacts item) {
            if (item.author() == null || item.author().isBlank()) {
                return new Outcome(false, "the item has no author, so none among " + wanted);
            }
            List<String> names = Arrays.stream(SEPARATORS.split(FilterText.normalize(item.author())))
                    .filter(n -> !n.isEmpty()).toList();
            String whole = FilterText.normalize(item.author());
            for (String name : wanted) {
                String normalized = FilterText.normalize(name);
                if (whole.equals(normalized) || names.contains(normalized)) {
                    return new Outcome(true, "author '" + name + "'");
                }
            }
            return new Outcome(false, "author '" + item.author() + "' is not among " + wanted);
        }
    }

    /** One of the feeds that carried the item is one of these. */
    record Feed(List<FeedSelector> wanted) implements FilterRule {
        @Override
        public Outcome test(ItemFacts item) {
            for (FeedSelector feed : wanted) {
                for (URI url : feed.urls()) {
                    if (item.feeds().stream().anyMatch(f -> f.toString().equals(url.toString()))) {
                        return new Outcome(true, "feed '" + feed.written() + "'");
                    }
                }
            }
            List<String> written = wanted.stream().map(FeedSelector::written).toList();
            return new Outcome(false, (item.feeds().isEmpty() ? "no known feed"
                    : "feed " + item.feeds().stream().map(URI::toString).toList()) + " is not among " + written);
        }
    }

    /** A whole word or phrase, in any letter case, in the title or the text. */
    record Keyword(List<String> keywords, List<Pattern> patterns) implements FilterRule {
        @Override
        public Outcome test(ItemFacts item) {
            for (int i = 0; i < keywords.size(); i++) {
                if (patterns.get(i).matcher(item.title()).find()) {
                    return new Outcome(true, "keyword '" + keywords.get(i) + "' in the title");
                }
                if (item.text() != null && patterns.get(i).matcher(item.text()).find()) {
                    return new Outcome(true, "keyword '" + keywords.get(i) + "' in the text");
                }
            }
            return new Outcome(false, "no keyword among " + keywords + " in the title or text");
        }
    }

    record TitleRegex(Pattern pattern) implements FilterRule {
        @Override
        public Outcome test(ItemFacts item) {
            boolean found = pattern.matcher(item.title()).find();
            return new Outcome(found, (found ? "title matches /" : "title does not match /") + pattern + "/");
        }
    }

    record TextRegex(Pattern pattern) implements FilterRule {
        @Override
        public Outcome test(ItemFacts item) {
            if (item.text() == null) {
                return new Outcome(false, "the item has no text to match /" + pattern + "/");
            }
            boolean found = pattern.matcher(item.text()).find();
            return new Outcome(found, (found ? "text matches /" : "text does not match /") + pattern + "/");
        }
    }

    /** The item's language is one of these or more specific: "en" takes "en" and "en-GB", not "eng". */
    record Language(List<String> prefixes) implements FilterRule {
        @Override
        public Outcome test(ItemFacts item) {
            if (item.language() == null) {
                return new Outcome(false, "the item has no language (its feed gives none), so none among " + prefixes);
            }
            String language = item.language().toLowerCase(Locale.ROOT);
            for (String prefix : prefixes) {
                if (language.equals(prefix) || language.startsWith(prefix + "-")) {
                    return new Outcome(true, "language '" + item.language() + "'"
                            + (language.equals(prefix) ? "" : " (" + prefix + ")"));
                }
            }
            return new Outcome(false, "language '" + item.language() + "' is not among " + prefixes);
        }
    }
}

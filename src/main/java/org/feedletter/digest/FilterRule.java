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
            list.add(new Category(rules.categories()));
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
        if (!rules.urlPaths().isEmpty()) {
            list.add(new UrlPath(rules.urlPaths()));
        }
        if (rules.urlRegex() != null) {
            list.add(new UrlRegex(Pattern.compile(rules.urlRegex())));
        }
        if (!rules.labels().isEmpty()) {
            list.add(new Label(rules.labels()));
        }
        return List.copyOf(list);
    }

    /**
     * One of the categories, or a title prefix such as "Quick Comment: …"; folded, so "Quick comments" and
     * "quick-comment" are "Quick Comment".
     */
    record Category(List<String> wanted, List<String> folded) implements FilterRule {

        Category(List<String> wanted) {
            this(wanted, wanted.stream().map(FilterText::fold).toList());
        }

        @Override
        public Outcome test(ItemFacts item) {
            String titleHead = FilterText.foldedHead(item.title());
            for (int i = 0; i < wanted.size(); i++) {
                String category = folded.get(i);
                for (String own : item.categories()) {
                    if (FilterText.fold(own).equals(category)) {
                        return new Outcome(true, "category '" + FilterText.normalize(own) + "'"
                                + (FilterText.normalize(own).equals(FilterText.normalize(wanted.get(i))) ? ""
                                : " (as '" + wanted.get(i) + "')"));
                    }
                }
                if (!category.isEmpty() && titleHead.equals(category)) {
                    return new Outcome(true, "title starts with '" + FilterText.normalize(wanted.get(i)) + "'");
                }
            }
            List<String> normalized = wanted.stream().map(FilterText::normalize).toList();
            List<String> categories = item.categories().stream().map(FilterText::normalize).toList();
            return new Outcome(false, "no category or title prefix among " + normalized + (categories.isEmpty()
                    ? " (the item has no categories)" : " (its categories: " + categories + ")"));
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
            }
            String text = FilterText.wholeText(item.text(), item.contentHtml());
            for (int i = 0; i < keywords.size(); i++) {
                if (text != null && patterns.get(i).matcher(text).find()) {
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
            String text = FilterText.wholeText(item.text(), item.contentHtml());
            if (text == null) {
                return new Outcome(false, "the item has no text to match /" + pattern + "/");
            }
            boolean found = pattern.matcher(text).find();
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

    /** The item's URL path starts with one of these, segment by segment; letter case aside. */
    record UrlPath(List<String> prefixes) implements FilterRule {
        @Override
        public Outcome test(ItemFacts item) {
            String path = pathOf(item.url());
            if (path == null) {
                return new Outcome(false, "the item has no URL, so no path among " + prefixes);
            }
            String lower = path.toLowerCase(Locale.ROOT);
            for (String prefix : prefixes) {
                String p = prefix.toLowerCase(Locale.ROOT);
                String segment = p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
                if (lower.equals(segment) || lower.startsWith(segment + "/")) {
                    return new Outcome(true, "URL path starts with '" + prefix + "'");
                }
            }
            return new Outcome(false, "URL path '" + path + "' starts with none of " + prefixes);
        }

        private static String pathOf(String url) {
            if (url == null) {
                return null;
            }
            try {
                String path = URI.create(url.strip()).getPath();
                return path == null || path.isEmpty() ? "/" : path;
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }

    record UrlRegex(Pattern pattern) implements FilterRule {
        @Override
        public Outcome test(ItemFacts item) {
            if (item.url() == null) {
                return new Outcome(false, "the item has no URL to match /" + pattern + "/");
            }
            boolean found = pattern.matcher(item.url()).find();
            return new Outcome(found, (found ? "URL matches /" : "URL does not match /") + pattern + "/");
        }
    }

    /**
     * A label on a line of its own or before a separator at the top of the text ("Quick Comment - insights from our
     * experts on breaking news"), folded as categories are.
     */
    record Label(List<String> wanted, List<String> folded) implements FilterRule {

        Label(List<String> wanted) {
            this(wanted, wanted.stream().map(FilterText::fold).toList());
        }

        @Override
        public Outcome test(ItemFacts item) {
            List<String> lines = FilterText.topLines(item.text(), item.contentHtml());
            for (String line : lines) {
                String whole = FilterText.fold(line);
                String head = FilterText.foldedHead(line);
                for (int i = 0; i < wanted.size(); i++) {
                    String label = folded.get(i);
                    if (!label.isEmpty() && (whole.equals(label) || head.equals(label))) {
                        return new Outcome(true, "label '" + wanted.get(i) + "' at the top of the text");
                    }
                }
            }
            return new Outcome(false, lines.isEmpty() ? "the item has no text, so no label among " + wanted
                    : "no label among " + wanted + " at the top of the text");
        }
    }
}

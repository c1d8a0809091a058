package org.feedletter.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;

/**
 * Reads a newsletter's include and exclude sections. Regexes are compiled here once, so that a bad one is a
 * start-up problem with its line rather than a failure at the first edition; feed names must be configured feeds.
 */
final class FilterReader {

    static final List<String> RULE_KEYS = List.of("categories", "authors", "feeds", "keywords", "title-regex",
            "text-regex", "languages", "url-path", "url-regex", "labels"); // and Section.OTHER_SPELLINGS
    static final List<String> INCLUDE_KEYS = Stream.concat(Stream.of("match"), RULE_KEYS.stream()).toList();
    private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*");

    private final List<FeedConfig> feeds;
    private final Path workingDirectory;

    /** @param feeds the configured feeds, which {@code feeds:} may name */
    FilterReader(List<FeedConfig> feeds, Path workingDirectory) {
        this.feeds = List.copyOf(feeds);
        this.workingDirectory = workingDirectory;
    }

    Include include(Section include) {
        Include.Match match = include.get("match", Values.oneOf(Include.Match.class), Include.Match.ANY);
        return new Include(match, rules(include));
    }

    FilterRules exclude(Section exclude) {
        return rules(exclude);
    }

    private FilterRules rules(Section section) {
        return new FilterRules(
                names(section, "categories", "category names", "a category name"),
                names(section, "authors", "author names", "an author's name"),
                section.values("feeds", "feed names or URLs").stream()
                        .map(value -> feed(section, value)).flatMap(Optional::stream).toList(),
                names(section, "keywords", "words or phrases", "a word or phrase"),
                section.get("title-regex", FilterReader::regex).orElse(null),
                section.get("text-regex", FilterReader::regex).orElse(null),
                section.values("languages", "language tags").stream()
                        .map(value -> section.parse("languages", value, FilterReader::language))
                        .flatMap(Optional::stream).toList(),
                Stream.of("url-path", "url-paths")
                        .flatMap(key -> section.oneOrMore(key, "URL paths").stream()
                                .map(value -> section.parse(key, value, FilterReader::urlPath)))
                        .flatMap(Optional::stream).toList(),
                section.get("url-regex", FilterReader::regex).orElse(null),
                Stream.of("label", "labels")
                        .flatMap(key -> names(section, key, "labels", "a label such as Quick Comment", true).stream())
                        .toList());
    }

    /** "/publications/quick-comment/"; of a whole URL, its path, which is what the rule compares. */
    private static String urlPath(String key, Section.Value value) {
        String written = value.text().strip();
        if (written.contains("://")) {
            try {
                String path = URI.create(written).getRawPath();
                if (path != null && path.startsWith("/")) {
                    return path;
                }
            } catch (IllegalArgumentException e) {
                // reported below
            }
        }
        if (!written.startsWith("/") || written.contains(" ")) {
            throw new IllegalArgumentException("expected a URL path starting with /, such as "
                    + "/publications/quick-comment/, for " + key + ", got '" + value.shown() + "'");
        }
        return written;
    }

    private static List<String> names(Section section, String key, String whatItHolds, String one) {
        return names(section, key, whatItHolds, one, false);
    }

    /** @param single whether one value may stand without a list around it */
    private static List<String> names(Section section, String key, String whatItHolds, String one, boolean single) {
        List<String> names = new ArrayList<>();
        for (Section.Value value : single ? section.oneOrMore(key, whatItHolds) : section.values(key, whatItHolds)) {
            if (value.text().isBlank()) {
                section.problem(value.line(), "expected " + one + " in " + key + ", got an empty one");
            } else {
                names.add(value.text().strip());
            }
        }
        return names;
    }

    /** A configured feed's name (all feeds of that name), else a URL: feeds added at run time have no name here. */
    private Optional<FeedSelector> feed(Section section, Section.Value value) {
        String written = value.text().strip();
        List<URI> named = feeds.stream().filter(f -> f.name().equalsIgnoreCase(written)).map(FeedConfig::url).toList();
        if (!named.isEmpty()) {
            return Optional.of(new FeedSelector(written, named));
        }
        if (written.contains("://")) {
            return section.parse("feeds", value, Values.feedUrl(workingDirectory))
                    .map(url -> new FeedSelector(written, List.of(url)));
        }
        List<String> names = feeds.stream().map(FeedConfig::name).distinct().toList();
        section.problem(value.line(), "feed '" + value.shown() + "' is neither the name of a configured feed nor a URL"
                + Suggestions.closest(written, names).map(s -> " (did you mean '" + s + "'?)")
                .orElse(names.isEmpty() ? " (no feeds are configured; give the feed's URL)"
                        : " (configured: " + String.join(", ", names) + ")"));
        return Optional.empty();
    }

    private static String regex(String key, Section.Value value) {
        try {
            Pattern.compile(value.text());
            return value.text();
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("expected a Java regular expression for " + key + ", but '"
                    + value.shown() + "' is not one: " + e.getDescription()
                    + (e.getIndex() >= 0 ? " near index " + e.getIndex() : ""));
        }
    }

    private static String language(String key, Section.Value value) {
        String tag = value.text().strip();
        if (!LANGUAGE.matcher(tag).matches()) {
            throw new IllegalArgumentException("expected a language tag such as en or en-GB in " + key + ", got '"
                    + value.shown() + "'");
        }
        return tag;
    }
}

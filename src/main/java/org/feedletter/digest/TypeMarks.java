package org.feedletter.digest;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.feedletter.store.StoredItem;

/**
 * How a feed's entries mark their type, for an operator choosing a newsletter's rule: the categories they carry,
 * the URL path prefixes that split them, the prefixes their titles share ("Quick Comment: ..."), and the labels at
 * the top of their texts ("Quick Comment - insights from our experts"). Each with the number of entries that have
 * it; a mark only one entry has is left out when there are more than three (it tells no type).
 *
 * @param items how many entries were looked at
 */
public record TypeMarks(int items, List<Mark> categories, List<Mark> urlPaths, List<Mark> titlePrefixes,
        List<Mark> labels) {

    /** One way of marking, as the entries write it, and how many entries have it. */
    public record Mark(String value, int count) {}

    private static final int MAX_EACH = 6;
    /** Longer heads are sentences, not labels. */
    private static final int MAX_LABEL_WORDS = 5;

    public boolean isEmpty() {
        return categories.isEmpty() && urlPaths.isEmpty() && titlePrefixes.isEmpty() && labels.isEmpty();
    }

    public static TypeMarks of(List<StoredItem> items) {
        Tally categories = new Tally();
        Tally paths = new Tally();
        Tally titles = new Tally();
        Tally labels = new Tally();
        for (StoredItem item : items) {
            Set<String> own = new LinkedHashSet<>();
            item.categories().forEach(c -> own.add(c.strip()));
            categories.count(own, FilterText::fold);
            paths.count(pathPrefixes(item.link() != null ? item.link() : item.canonicalUrl()), p -> p);
            String title = item.title() == null ? "" : item.title();
            head(title).ifPresent(h -> titles.count(Set.of(h), FilterText::fold));
            Set<String> found = new LinkedHashSet<>();
            for (String line : FilterText.topLines(item.excerpt(), item.contentHtml())) {
                head(line).or(() -> standsAlone(line) ? Optional.of(line.strip()) : Optional.empty())
                        .ifPresent(found::add);
            }
            labels.count(found, FilterText::fold);
        }
        int n = items.size();
        return new TypeMarks(n, categories.marks(n, false), paths.marks(n, true), titles.marks(n, false),
                labels.marks(n, false));
    }

    /** What stands before a separator, when it is short enough to be a label. */
    private static Optional<String> head(String line) {
        return FilterText.head(line).filter(h -> words(h) <= MAX_LABEL_WORDS && !FilterText.fold(h).isEmpty());
    }

    /** A line of a few words that is no sentence: a heading such as "Quick Comment". */
    private static boolean standsAlone(String line) {
        String stripped = line.strip();
        return words(stripped) < MAX_LABEL_WORDS && !stripped.isEmpty()
                && ".!?".indexOf(stripped.charAt(stripped.length() - 1)) < 0;
    }

    private static int words(String text) {
        String stripped = text.strip();
        return stripped.isEmpty() ? 0 : stripped.split("\\s+").length;
    }

    /**
     * "/publications/" and "/publications/quick-comment/" of ".../quick-comment/central-bank-pauses": the first two
     * folders, not the page itself, and none that is a number (a year, a month).
     */
    static Set<String> pathPrefixes(String url) {
        Set<String> prefixes = new LinkedHashSet<>();
        if (url == null) {
            return prefixes;
        }
        String path;
        try {
            path = URI.create(url.strip()).getPath();
        } catch (IllegalArgumentException e) {
            return prefixes;
        }
        if (path == null) {
            return prefixes;
        }
        List<String> segments = Arrays.stream(path.split("/")).filter(x -> !x.isEmpty()).toList();
        StringBuilder prefix = new StringBuilder("/");
        // the last segment is the page itself, with or without a slash after it
        for (int i = 0; i < Math.min(2, segments.size() - 1); i++) {
            String segment = segments.get(i);
            if (segment.chars().allMatch(Character::isDigit)) {
                break;
            }
            prefix.append(segment).append('/');
            prefixes.add(prefix.toString());
        }
        return prefixes;
    }

    /** Counts marks by their folded form, keeping the form written most often. */
    private static final class Tally {
        private final Map<String, Integer> counts = new LinkedHashMap<>();
        private final Map<String, Map<String, Integer>> written = new HashMap<>();

        void count(Set<String> marks, UnaryOperator<String> fold) {
            Set<String> keys = new LinkedHashSet<>();
            for (String mark : marks) {
                String key = fold.apply(mark);
                if (key.isEmpty()) {
                    continue;
                }
                written.computeIfAbsent(key, k -> new LinkedHashMap<>()).merge(mark, 1, Integer::sum);
                keys.add(key);
            }
            keys.forEach(key -> counts.merge(key, 1, Integer::sum));
        }

        /** @param splitting only marks some entries have and others lack: one all have tells no type apart */
        List<Mark> marks(int items, boolean splitting) {
            List<Mark> marks = new ArrayList<>();
            counts.forEach((key, count) -> {
                if (!(splitting && count == items)) {
                    String shown = written.get(key).entrySet().stream()
                            .max(Map.Entry.comparingByValue()).orElseThrow().getKey();
                    marks.add(new Mark(shown, count));
                }
            });
            marks.sort(Comparator.comparingInt(Mark::count).reversed());
            return List.copyOf(marks.subList(0, Math.min(MAX_EACH, marks.size())));
        }
    }
}

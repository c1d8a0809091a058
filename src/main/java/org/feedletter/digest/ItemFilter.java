package org.feedletter.digest;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.feedletter.config.FilterRules;
import org.feedletter.config.Include;
import org.feedletter.config.NewsletterConfig;
import org.feedletter.store.StoredItem;

/**
 * Which items a newsletter takes: an item must pass its include rules (any of them, or with {@code match: all}
 * every one; no rule takes everything) and match none of its exclude rules, which always win. See
 * {@link FilterRule} for what each rule compares.
 */
public final class ItemFilter {

    private final Include.Match match;
    private final List<FilterRule> include;
    private final List<FilterRule> exclude;

    private ItemFilter(Include.Match match, List<FilterRule> include, List<FilterRule> exclude) {
        this.match = match;
        this.include = include;
        this.exclude = exclude;
    }

    public static ItemFilter of(NewsletterConfig newsletter) {
        return of(newsletter.include(), newsletter.exclude());
    }

    public static ItemFilter of(Include include) {
        return of(include, FilterRules.NONE);
    }

    public static ItemFilter of(Include include, FilterRules exclude) {
        return new ItemFilter(include.match(), FilterRule.of(include.rules()), FilterRule.of(exclude));
    }

    /** True when a rule looks at the item's feeds, which callers then have to look up. */
    public boolean looksAtFeeds() {
        return include.stream().anyMatch(r -> r instanceof FilterRule.Feed)
                || exclude.stream().anyMatch(r -> r instanceof FilterRule.Feed);
    }

    /** True when a rule reads the item's whole text (keywords, text-regex, labels): callers then give its HTML. */
    public boolean readsWholeText() {
        return Stream.concat(include.stream(), exclude.stream()).anyMatch(r ->
                r instanceof FilterRule.Keyword || r instanceof FilterRule.TextRegex || r instanceof FilterRule.Label);
    }

    /** For filters that do not look at feeds ({@link #looksAtFeeds()} false). */
    public boolean matches(StoredItem item) {
        return explain(item).included();
    }

    public boolean matches(ItemFacts item) {
        return explain(item).included();
    }

    /** For filters that do not look at feeds ({@link #looksAtFeeds()} false). */
    public Decision explain(StoredItem item) {
        if (looksAtFeeds()) {
            throw new IllegalStateException("this filter looks at feeds; give the item with its feeds as ItemFacts");
        }
        return explain(ItemFacts.of(item, List.of()));
    }

    /** Each item's verdict, its feeds looked up by {@code feedUrls} (item ids -> feed URLs) only when needed. */
    public List<Decision> explain(List<StoredItem> items, Function<List<Long>, Map<Long, List<URI>>> feedUrls) {
        Map<Long, List<URI>> feeds = looksAtFeeds() ? feedUrls.apply(items.stream().map(StoredItem::id).toList())
                : Map.of();
        return items.stream().map(i -> explain(ItemFacts.of(i, feeds.getOrDefault(i.id(), List.of())))).toList();
    }

    /** Whether the item is in, and why, in words for an operator. */
    public Decision explain(ItemFacts item) {
        for (FilterRule rule : exclude) {
            FilterRule.Outcome outcome = rule.test(item);
            if (outcome.matched()) {
                return new Decision(false, "excluded by " + outcome.why());
            }
        }
        if (include.isEmpty()) {
            return new Decision(true, exclude.isEmpty() ? "the newsletter takes every item"
                    : "the newsletter takes every item not excluded");
        }
        return match == Include.Match.ALL ? all(item) : any(item);
    }

    private Decision any(ItemFacts item) {
        List<String> misses = new ArrayList<>();
        for (FilterRule rule : include) {
            FilterRule.Outcome outcome = rule.test(item);
            if (outcome.matched()) {
                return new Decision(true, outcome.why());
            }
            misses.add(outcome.why());
        }
        return new Decision(false, String.join("; ", misses));
    }

    private Decision all(ItemFacts item) {
        List<String> hits = new ArrayList<>();
        for (FilterRule rule : include) {
            FilterRule.Outcome outcome = rule.test(item);
            if (!outcome.matched()) {
                return new Decision(false, "match all — " + outcome.why());
            }
            hits.add(outcome.why());
        }
        return new Decision(true, String.join(" and ", hits));
    }

    /** A filter's verdict on one item. */
    public record Decision(boolean included, String reason) {}
}

package org.feedletter.ingest.poll;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.feedletter.config.FeedConfig;
import org.feedletter.feed.parse.Entry;
import org.feedletter.store.StoredFeed;

/**
 * The categories the config gives feeds ({@code feeds: - { url: ..., categories: [Quick Comment] }}), added to each
 * entry the feed carries: a type-feed's entries often carry none, the feed itself is the type. Stored with the
 * entries, they reach the item those entries join (its categories are all its entries'), whichever feed brought
 * it first. By the URL as written in the config, which stays when the feed moves.
 */
public record FeedLabels(Map<String, List<String>> byConfigUrl) {

    public static final FeedLabels NONE = new FeedLabels(Map.of());

    public FeedLabels {
        byConfigUrl = Map.copyOf(byConfigUrl);
    }

    public static FeedLabels of(List<FeedConfig> feeds) {
        Map<String, List<String>> labels = new HashMap<>();
        for (FeedConfig feed : feeds) {
            if (!feed.categories().isEmpty()) {
                labels.put(feed.url().toString(), feed.categories());
            }
        }
        return new FeedLabels(labels);
    }

    /** The feed's entries, each with the feed's categories after its own (one of each, letter case aside). */
    List<Entry> label(StoredFeed feed, List<Entry> entries) {
        List<String> labels = feed.configUrl() == null ? null : byConfigUrl.get(feed.configUrl());
        if (labels == null) {
            return entries;
        }
        List<Entry> labelled = new ArrayList<>(entries.size());
        for (Entry e : entries) {
            Set<String> seen = new HashSet<>();
            List<String> categories = new ArrayList<>(e.categories());
            categories.forEach(c -> seen.add(c.strip().toLowerCase(Locale.ROOT)));
            for (String label : labels) {
                if (seen.add(label.toLowerCase(Locale.ROOT))) {
                    categories.add(label);
                }
            }
            labelled.add(new Entry(e.guid(), e.link(), e.title(), e.author(), e.published(), e.updated(),
                    e.contentHtml(), e.summaryHtml(), categories, e.contentBase(), e.declaredOriginals(),
                    e.language(), e.sourceFeed()));
        }
        return labelled;
    }
}

package org.feedletter.ingest.poll;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.feedletter.config.FeedConfig;
import org.feedletter.feed.parse.Entry;
import org.feedletter.ingest.normalize.CandidateItem;
import org.feedletter.store.ItemSource;
import org.feedletter.store.ItemStore;
import org.feedletter.store.StoredFeed;

/**
 * Caps the new or changed entries one poll takes from a feed's document. Without it a feed listing 10,000 new
 * entries has them all sanitized, compared and stored in one transaction, and one hostile or misconfigured feed holds
 * up the round. Entries already stored unchanged cost nothing and always pass.
 *
 * <p>The newest are taken first (by published date, else updated), so that the next edition gets what is current; an
 * entry without a date keeps its place in the document. The rest come at the next polls, as long as the document
 * still lists them: they are not stored, so they are still new then, and the poll keeps no ETag or Last-Modified
 * (see {@link FeedRefresher}), so the next fetch gets the whole document again rather than a 304.
 */
public final class EntryCap {

    private final ItemStore items;
    private final int defaultCap;
    /** By the URL as the config file has it, which is what a config feed's row keeps. */
    private final Map<String, Integer> capByConfigUrl = new HashMap<>();

    /**
     * @param defaultCap {@code fetch.max-entries-per-poll}, for feeds added at run time
     * @param configured the config's feeds, each with its own cap
     */
    public EntryCap(ItemStore items, int defaultCap, List<FeedConfig> configured) {
        if (defaultCap < 1) {
            throw new IllegalArgumentException("the cap on entries per poll must be positive, got " + defaultCap);
        }
        this.items = items;
        this.defaultCap = defaultCap;
        configured.forEach(feed -> capByConfigUrl.put(feed.url().toString(), feed.maxEntriesPerPoll()));
    }

    /**
     * What one poll takes from a document.
     *
     * @param entries to ingest, in document order
     * @param pending new or changed entries the document has
     * @param left of those, the ones not taken, for the next polls; 0 when all were taken
     */
    public record Taken(List<CandidateItem> entries, int pending, int left, int cap) {

        /** For the feed's row and the log, or null when nothing was left. */
        public String note() {
            return left == 0 ? null : "took the newest " + (pending - left) + " of " + pending
                    + " new or changed entries (at most " + cap + " a poll); " + left + " left for the next poll";
        }
    }

    /**
     * @param parsed the document's entries
     * @param normalized the same entries, normalized, in the same order
     */
    Taken take(StoredFeed feed, List<Entry> parsed, List<CandidateItem> normalized) {
        int cap = feed.configUrl() == null ? defaultCap : capByConfigUrl.getOrDefault(feed.configUrl(), defaultCap);
        if (normalized.size() <= cap) {
            return new Taken(normalized, normalized.size(), 0, cap);
        }
        // As the ingestor does: a key listed twice is one entry, and the first one counts.
        Map<String, Integer> firstByKey = new LinkedHashMap<>();
        for (int i = 0; i < normalized.size(); i++) {
            firstByKey.putIfAbsent(normalized.get(i).sourceKey(), i);
        }
        Map<String, ItemSource> known = firstByKey.size() <= cap ? Map.of()
                : items.inTransaction(tx -> tx.entryReads().byGuid(feed.id(), firstByKey.keySet()));
        List<Integer> pending = new ArrayList<>();
        for (int i : firstByKey.values()) {
            ItemSource source = known.get(normalized.get(i).sourceKey());
            if (source == null || !source.versionHash().equals(normalized.get(i).versionHash())) {
                pending.add(i);
            }
        }
        if (pending.size() <= cap) {
            return new Taken(firstByKey.values().stream().map(normalized::get).toList(), pending.size(), 0, cap);
        }
        Set<Integer> taken = new HashSet<>(newestFirst(pending, parsed).subList(0, cap));
        Set<Integer> passed = new HashSet<>(firstByKey.values());
        passed.removeAll(pending);
        passed.addAll(taken);
        List<CandidateItem> entries = new ArrayList<>();
        for (int i : firstByKey.values()) {
            if (passed.contains(i)) {
                entries.add(normalized.get(i));
            }
        }
        return new Taken(entries, pending.size(), pending.size() - cap, cap);
    }

    /**
     * The dated entries sorted newest first into the places dated entries hold in the document; the undated stay
     * where they are. A feed without dates is taken from the top, where feeds put their newest.
     */
    static List<Integer> newestFirst(List<Integer> positions, List<Entry> parsed) {
        List<Integer> dated = positions.stream().filter(i -> dateOf(parsed.get(i)) != null)
                .sorted(Comparator.comparing((Integer i) -> dateOf(parsed.get(i))).reversed())
                .toList();
        List<Integer> ordered = new ArrayList<>(positions.size());
        int next = 0;
        for (int i : positions) {
            ordered.add(dateOf(parsed.get(i)) == null ? i : dated.get(next++));
        }
        return ordered;
    }

    private static Instant dateOf(Entry entry) {
        return entry.published() != null ? entry.published() : entry.updated();
    }
}

package org.feedletter.ingest.dedup;

import java.util.Map;
import java.util.TreeMap;

/**
 * What one feed's entries did to the store.
 *
 * @param newItems pieces not seen before
 * @param updated known entries that came back changed and were rewritten in place (never sent again as new)
 * @param duplicatesByRule entries dropped because another feed (or this one, under another guid) had the piece, per
 *     dedup rule that matched (e.g. "canonical-url")
 * @param unchanged entries seen before, unchanged: a re-poll adds nothing
 */
public record IngestReport(int newItems, int updated, Map<String, Integer> duplicatesByRule, int unchanged) {

    public static final IngestReport NOTHING = new IngestReport(0, 0, Map.of(), 0);

    public IngestReport {
        duplicatesByRule = Map.copyOf(duplicatesByRule);
    }

    public int duplicates() {
        return duplicatesByRule.values().stream().mapToInt(Integer::intValue).sum();
    }

    public IngestReport plus(IngestReport other) {
        Map<String, Integer> rules = new TreeMap<>(duplicatesByRule);
        other.duplicatesByRule.forEach((rule, n) -> rules.merge(rule, n, Integer::sum));
        return new IngestReport(newItems + other.newItems, updated + other.updated, rules, unchanged + other.unchanged);
    }
}

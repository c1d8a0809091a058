package org.feedletter.identity;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The verdicts of one decision, each pair compared once: the search for candidates compares an arriving entry with
 * the stored entries an index finds, and {@link Placement} compares it again with every entry of the items found.
 * A stored entry is known by its feed and key (the index and the table hold two copies of its evidence, alike).
 */
public final class PairVerdicts {

    private final PieceMatcher matcher;
    private final Map<EntryEvidence, Map<String, PairVerdict>> byArriving = new IdentityHashMap<>();

    public PairVerdicts(PieceMatcher matcher) {
        this.matcher = matcher;
    }

    public PieceMatcher matcher() {
        return matcher;
    }

    /** The verdict on an arriving entry against a stored one (or another arriving one), compared at most once. */
    public PairVerdict compare(EntryEvidence arriving, EntryEvidence stored) {
        return byArriving.computeIfAbsent(arriving, k -> new HashMap<>())
                .computeIfAbsent(stored.feedId() + " " + stored.sourceKey(), k -> matcher.compare(arriving, stored));
    }
}

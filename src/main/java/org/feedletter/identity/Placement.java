package org.feedletter.identity;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where one feed's arriving entries belong, given the stored pieces they may be copies of: a pure function of the
 * entries, no database. Every arriving entry is compared with every entry of every candidate piece its group found
 * (by URL or by text) that it may match at all ({@link PieceMatcher}; a cheap test leaves out pairs with nothing
 * alike); the matches are then taken strongest first, joining an entry to a piece, and merging pieces that one entry
 * matches, unless that would put two entries of one feed under different URLs into one piece. An entry that matches
 * no piece is a new piece. Taking matches by strength, not in arrival order, is what makes "which piece" the same
 * whichever feed was polled first.
 */
public final class Placement {

    private final PieceMatcher matcher;

    public Placement(PieceMatcher matcher) {
        this.matcher = matcher;
    }

    public PieceMatcher matcher() {
        return matcher;
    }

    /** Arriving entries of one feed under one canonical URL (or one entry without a URL): one piece, whatever else. */
    public record Group(List<EntryEvidence> entries) {

        public Group {
            entries = List.copyOf(entries);
        }

        EntryEvidence first() {
            return entries.get(0);
        }
    }

    /** A stored item and all its entries. */
    public record Piece(long itemId, List<EntryEvidence> entries) {

        public Piece {
            entries = List.copyOf(entries);
        }
    }

    /**
     * The arriving entry and the entry whose comparison joined the group to the piece.
     *
     * @param itemId the piece's item, or -1 when the other entry arrived in the same poll
     */
    public record Match(long itemId, EntryEvidence entry, EntryEvidence matched, PairVerdict verdict) {}

    /**
     * Where a group goes.
     *
     * @param itemIds the stored items it joins, merged into one where there are several; empty for a new item
     * @param match the strongest match that placed it, or null for a new item
     * @param nearest for a new item, the closest comparison (for people), or null: a match refused because the
     *     piece has another entry of the group's feed under another URL, else the closest that was not a match
     * @param sameAs for a new item, the index of an earlier group of the same poll that is the same piece (its feed
     *     lists it twice), or -1
     */
    public record Outcome(Group group, List<Long> itemIds, Match match, Match nearest, int sameAs) {

        /** A new item: it joins no stored item and no earlier group of its poll. */
        public boolean isNew() {
            return itemIds.isEmpty() && sameAs < 0;
        }
    }

    /** Which stored pieces a group of the poll found (by its URLs or its texts), by the group's index. */
    @FunctionalInterface
    public interface Found {
        boolean found(int group, long itemId);

        Found EVERY = (group, itemId) -> true;
    }

    public List<Outcome> decide(List<Group> groups, List<Piece> pieces) {
        return decide(groups, pieces, new PairVerdicts(matcher), Found.EVERY);
    }

    /**
     * The same, reusing the verdicts a search for candidates already reached on the same entries, and comparing each
     * group only with the pieces it found itself: what another group of the poll found is no candidate of this one,
     * so where a group goes does not depend on which entries were polled with it.
     */
    public List<Outcome> decide(List<Group> groups, List<Piece> pieces, PairVerdicts verdicts, Found found) {
        int g = groups.size();
        Clusters clusters = new Clusters(g + pieces.size());
        for (int i = 0; i < g; i++) {
            clusters.add(i, groups.get(i).entries());
        }
        for (int p = 0; p < pieces.size(); p++) {
            clusters.add(g + p, pieces.get(p).entries());
        }
        List<Edge> edges = new ArrayList<>();
        Match[] nearest = new Match[g];
        for (int i = 0; i < g; i++) { // one feed's groups: only what may be a verbatim copy is compared (cheaply)
            for (int j = i + 1; j < g; j++) {
                Match best = null;
                for (EntryEvidence e : groups.get(j).entries()) {
                    for (EntryEvidence s : groups.get(i).entries()) {
                        if (!PieceMatcher.mayBeVerbatim(e, s)) {
                            continue;
                        }
                        PairVerdict v = matcher.compare(e, s);
                        if (v.same() && (best == null || v.strength() > best.verdict().strength())) {
                            best = new Match(-1, e, s, v);
                        }
                    }
                }
                if (best != null) {
                    edges.add(new Edge(j, i, best, true, keyOf(groups.get(j).entries()), keyOf(groups.get(i).entries())));
                }
            }
        }
        for (int i = 0; i < g; i++) {
            for (int p = 0; p < pieces.size(); p++) {
                if (!found.found(i, pieces.get(p).itemId())) {
                    continue;
                }
                Match best = null;
                boolean overrides = false;
                compare:
                for (EntryEvidence e : groups.get(i).entries()) {
                    for (EntryEvidence s : pieces.get(p).entries()) {
                        if (!matcher.mayMatch(e, s)) {
                            continue; // most pairs: pieces the poll's other entries brought, nothing alike
                        }
                        PairVerdict v = verdicts.compare(e, s);
                        Match m = new Match(pieces.get(p).itemId(), e, s, v);
                        if (v.same()) {
                            overrides |= overridesFeedConflicts(m);
                            if (best == null || v.strength() > best.verdict().strength()) {
                                best = m;
                            }
                            if (v.rule() == PairVerdict.Rule.CANONICAL_URL) {
                                break compare; // nothing is stronger, and it already overrides feed conflicts
                            }
                        } else if (nearest[i] == null || v.strength() > nearest[i].verdict().strength()) {
                            nearest[i] = m;
                        }
                    }
                }
                if (best != null) {
                    edges.add(new Edge(i, g + p, best, overrides, keyOf(groups.get(i).entries()),
                            keyOf(pieces.get(p).entries())));
                }
            }
        }
        edges.sort(Comparator.comparingDouble((Edge e) -> -e.match().verdict().strength())
                .thenComparing(Edge::groupKey).thenComparing(Edge::pieceKey));
        Match[] joinedBy = new Match[g];
        Match[] refused = new Match[g];
        for (Edge edge : edges) {
            if (clusters.together(edge.group(), edge.piece())) {
                continue;
            }
            if (clusters.join(edge.group(), edge.piece(), edge.overridesFeedConflicts())) {
                if (joinedBy[edge.group()] == null) {
                    joinedBy[edge.group()] = edge.match();
                }
            } else if (refused[edge.group()] == null) {
                refused[edge.group()] = edge.match();
            }
        }
        List<Outcome> outcomes = new ArrayList<>(g);
        for (int i = 0; i < g; i++) {
            Set<Long> items = new TreeSet<>();
            for (int p = 0; p < pieces.size(); p++) {
                if (clusters.together(i, g + p)) {
                    items.add(pieces.get(p).itemId());
                }
            }
            int sameAs = -1;
            for (int j = 0; j < i && items.isEmpty() && sameAs < 0; j++) {
                if (clusters.together(i, j)) {
                    sameAs = j;
                }
            }
            Match closest = refused[i] != null ? refused[i] : nearest[i];
            outcomes.add(new Outcome(groups.get(i), List.copyOf(items), joinedBy[i],
                    items.isEmpty() && sameAs < 0 ? closest : null, sameAs));
        }
        return outcomes;
    }

    /**
     * @param overridesFeedConflicts a pair of the two is under the same URL, or of the same feed (one a verbatim copy
     *     of the other): the join stands even where the feeds' URLs would otherwise keep them apart
     */
    private record Edge(int group, int piece, Match match, boolean overridesFeedConflicts, String groupKey,
            String pieceKey) {}

    private static boolean overridesFeedConflicts(Match m) {
        return m.verdict().rule() == PairVerdict.Rule.CANONICAL_URL || m.entry().sameListing(m.matched());
    }

    /** The same for the same entries on every node and in every run: the least feed URL and entry key. */
    private static String keyOf(List<EntryEvidence> entries) {
        String least = null;
        for (EntryEvidence e : entries) {
            String key = e.feedKey() + " " + e.sourceKey();
            if (least == null || key.compareTo(least) < 0) {
                least = key;
            }
        }
        return least == null ? "" : least;
    }

    /**
     * Groups and pieces joined so far (union-find), each cluster with the URLs its entries have per feed: a join
     * that would put one feed's entries under two URLs into one cluster is refused, unless it is by URL.
     */
    private static final class Clusters {
        private final int[] parent;
        /** Per feed and the site it lists (see {@link EntryEvidence#sameListing}), the URLs of its entries. */
        private final List<Map<String, Set<String>>> urlsByFeed = new ArrayList<>();

        Clusters(int size) {
            parent = new int[size];
            for (int i = 0; i < size; i++) {
                parent[i] = i;
                urlsByFeed.add(null);
            }
        }

        void add(int node, List<EntryEvidence> entries) {
            Map<String, Set<String>> urls = new HashMap<>();
            for (EntryEvidence e : entries) {
                urls.computeIfAbsent(e.feedId() + " " + e.listedSite(), k -> new HashSet<>())
                        .add(e.canonicalUrl() != null ? e.canonicalUrl() : "\0" + e.sourceKey());
            }
            urlsByFeed.set(node, urls);
        }

        boolean together(int a, int b) {
            return find(a) == find(b);
        }

        boolean join(int a, int b, boolean byUrl) {
            int ra = find(a);
            int rb = find(b);
            if (!byUrl && !compatible(urlsByFeed.get(ra), urlsByFeed.get(rb))) {
                return false;
            }
            parent[rb] = ra;
            Map<String, Set<String>> merged = urlsByFeed.get(ra);
            urlsByFeed.get(rb).forEach((feed, urls) -> merged.computeIfAbsent(feed, k -> new HashSet<>()).addAll(urls));
            return true;
        }

        /** Two clusters may join when each feed they share has an entry under the same URL in both. */
        private static boolean compatible(Map<String, Set<String>> a, Map<String, Set<String>> b) {
            for (Map.Entry<String, Set<String>> e : a.entrySet()) {
                Set<String> other = b.get(e.getKey());
                if (other != null && other.stream().noneMatch(e.getValue()::contains)) {
                    return false;
                }
            }
            return true;
        }

        private int find(int x) {
            while (parent[x] != x) {
                parent[x] = parent[parent[x]];
                x = parent[x];
            }
            return x;
        }
    }
}

package org.feedletter.identity;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.feedletter.config.DedupSettings;

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
     * @param taken for a new item, stored entries it takes from the item they were in: an item joined through an
     *     original an entry named, which this group shows to be two pieces (see {@link #splitWhereDeclarationsBridge})
     * @param partedOff stored entries of the item this group joins that leave it for a new item of their own, for the
     *     same reason
     * @param drawn stored entries of other items that come to the item this group joins or makes, since they match it
     *     more than anything in their own (see {@link #drawEntriesThatMatchBetter})
     * @param sent stored entries of the item this group joins that go to an item it draws from, in exchange: each
     *     kept an entry drawn from there out (one feed's listing under another URL), and matches that item more
     */
    public record Outcome(Group group, List<Long> itemIds, Match match, Match nearest, int sameAs, Taken taken,
            List<Taken> partedOff, List<Taken> drawn, List<Sent> sent) {

        public Outcome {
            partedOff = List.copyOf(partedOff);
            drawn = List.copyOf(drawn);
            sent = List.copyOf(sent);
        }

        public Outcome(Group group, List<Long> itemIds, Match match, Match nearest, int sameAs, Taken taken,
                List<Taken> partedOff) {
            this(group, itemIds, match, nearest, sameAs, taken, partedOff, List.of(), List.of());
        }

        public Outcome(Group group, List<Long> itemIds, Match match, Match nearest, int sameAs) {
            this(group, itemIds, match, nearest, sameAs, null, List.of());
        }

        Outcome withDrawn(List<Taken> more, List<Sent> away) {
            List<Taken> all = new ArrayList<>(drawn);
            all.addAll(more);
            List<Sent> allSent = new ArrayList<>(sent);
            allSent.addAll(away);
            return new Outcome(group, itemIds, match, nearest, sameAs, taken, partedOff, all, allSent);
        }

        /** A new item: it joins no stored item and no earlier group of its poll. */
        public boolean isNew() {
            return itemIds.isEmpty() && sameAs < 0;
        }
    }

    /**
     * Stored entries a new item takes from another item.
     *
     * @param match the comparison that shows they are one piece: of the group with one of them, or of two of them
     * @param declaration the declared original that had joined them to the item they leave; for entries drawn to
     *     an item they match more (see {@link #drawEntriesThatMatchBetter}), their strongest match in the item they
     *     leave, if any
     */
    public record Taken(long fromItem, List<EntryEvidence> entries, Match match, PairVerdict declaration) {

        public Taken {
            entries = List.copyOf(entries);
        }
    }

    /**
     * Stored entries of the item a group joins going to another item ({@code toItem}), in exchange for entries drawn
     * from it: {@code taken.match()} is their strongest match there, {@code taken.declaration()} the strongest in
     * the item they leave, if any.
     */
    public record Sent(long toItem, Taken taken) {}

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
                        if (v.same() && (best == null || saysMore(v, best.verdict()))) {
                            best = new Match(-1, e, s, v);
                        }
                    }
                }
                if (best != null) {
                    edges.add(new Edge(j, i, best, Overrides.NONE.with(best), keyOf(groups.get(j).entries()),
                            keyOf(groups.get(i).entries())));
                }
            }
        }
        for (int i = 0; i < g; i++) {
            for (int p = 0; p < pieces.size(); p++) {
                if (!found.found(i, pieces.get(p).itemId())) {
                    continue;
                }
                Match best = null;
                Overrides overrides = Overrides.NONE;
                compare:
                for (EntryEvidence e : groups.get(i).entries()) {
                    for (EntryEvidence s : pieces.get(p).entries()) {
                        if (!matcher.mayMatch(e, s)) {
                            continue; // most pairs: pieces the poll's other entries brought, nothing alike
                        }
                        PairVerdict v = verdicts.compare(e, s);
                        Match m = new Match(pieces.get(p).itemId(), e, s, v);
                        if (v.same()) {
                            overrides = overrides.with(m);
                            if (best == null || saysMore(v, best.verdict())) {
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
        edges.sort(BY_STRENGTH);
        Match[] joinedBy = new Match[g];
        Match[] refused = new Match[g];
        for (Edge edge : edges) {
            if (clusters.together(edge.group(), edge.piece())) {
                continue;
            }
            if (clusters.join(edge.group(), edge.piece(), edge.overrides())) {
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
        splitWhereDeclarationsBridge(outcomes, pieces, refused, verdicts);
        drawEntriesThatMatchBetter(outcomes, pieces, verdicts, found);
        return outcomes;
    }

    /**
     * An item joined through an original one entry named (a newsletter's story giving a report's PDF as its link)
     * may hold two pieces: the story's text is one piece's, the declaration points to the other. That shows only
     * when entries arrive whose feed holds the two apart (the publisher's own feed lists both under their own URLs):
     * one is refused from the item, or joins it by URL so that the item holds its feed's entries under two URLs
     * (one stored, or two of the same poll: a read-aloud item naming a comment as its original, joined to it, and then
     * an author feed listing the comment and the site's audio post of it, the read-aloud item's link).
     * Then the item's entries and the poll's groups that joined it or were refused from it are placed again from
     * scratch, declarations last ({@link #regroup}). The part with the entry the item began with stays the item (its
     * id and history); a group placed with other entries of it becomes a new item taking them. So the same entries
     * make the same items whichever came first.
     */
    private void splitWhereDeclarationsBridge(List<Outcome> outcomes, List<Piece> pieces, Match[] refused,
            PairVerdicts verdicts) {
        for (Piece piece : pieces) {
            if (piece.entries().size() < 2) {
                continue;
            }
            boolean conflict = false;
            List<Group> joining = null; // the poll's groups that joined it so far (most pieces: none)
            for (int i = 0; i < outcomes.size() && !conflict; i++) {
                Outcome o = outcomes.get(i);
                if (o.itemIds().contains(piece.itemId())) {
                    conflict = holdsOneFeedUnderTwoUrls(o.group(), piece);
                    if (joining == null) {
                        joining = new ArrayList<>(2);
                    }
                    for (int k = 0; k < joining.size() && !conflict; k++) {
                        conflict = holdsOneFeedUnderTwoUrls(o.group(), joining.get(k).entries());
                    }
                    joining.add(o.group());
                } else {
                    conflict = o.isNew() && refused[i] != null && refused[i].itemId() == piece.itemId();
                }
            }
            if (!conflict) {
                continue; // most pieces: nothing shows them two
            }
            List<Integer> involved = new ArrayList<>();
            boolean merged = false;
            for (int i = 0; i < outcomes.size(); i++) {
                Outcome o = outcomes.get(i);
                if (o.itemIds().contains(piece.itemId())) {
                    merged |= o.itemIds().size() > 1;
                    involved.add(i);
                } else if (o.isNew() && refused[i] != null && refused[i].itemId() == piece.itemId()) {
                    involved.add(i);
                }
            }
            if (merged) {
                continue;
            }
            Regrouped r = regroup(outcomes, involved, piece, verdicts);
            if (r == null) {
                continue;
            }
            boolean partedOffGiven = false;
            for (int k = 0; k < involved.size(); k++) {
                int i = involved.get(k);
                Outcome o = outcomes.get(i);
                int cluster = r.clusterOf()[k];
                if (cluster == r.stays()) {
                    // joins the item (a group refused from it joins it now), and carries what parts from it
                    Match match = o.itemIds().contains(piece.itemId()) ? o.match() : refused[i];
                    outcomes.set(i, new Outcome(o.group(), List.of(piece.itemId()), match, null, -1, null,
                            partedOffGiven ? List.of() : r.partedOff()));
                    partedOffGiven = true;
                    continue;
                }
                int lead = r.leadOf().get(cluster);
                if (lead == i) {
                    Taken taken = r.taken().get(cluster);
                    outcomes.set(i, new Outcome(o.group(), List.of(), taken != null ? taken.match() : o.match(), null,
                            -1, taken, List.of()));
                } else {
                    outcomes.set(i, new Outcome(o.group(), List.of(), o.match(), null, lead, null, List.of()));
                }
            }
            if (!partedOffGiven && !r.partedOff().isEmpty()) {
                int i = involved.get(0); // no group stays: the first carries what parts (it has taken its own part)
                Outcome o = outcomes.get(i);
                outcomes.set(i, new Outcome(o.group(), o.itemIds(), o.match(), o.nearest(), o.sameAs(), o.taken(),
                        r.partedOff()));
            }
        }
    }

    /**
     * A stored entry that joined its item by what it says moves to the item a group of this poll joins or makes, when
     * it matches that group (or that item's entries) more than any entry of its own item (the poll's entries joining
     * it included), and the two items cannot be one (a feed lists them apart under their own URLs): had it come after
     * the group, it would have gone there. An aggregator's listing of a partner's copy of a comment, stored when only
     * the comment's read-aloud post was there to join, goes to the comment when the partner's copy comes; a podcast's
     * reading of a comment, stored with the comment's copies, goes to the site's audio post of it when the site's feed
     * lists the two apart. So where an entry ends does not depend on what came before it. Entries bound to one another
     * by a URL (the same one, or an original named) move together, when together they match the group more than the
     * rest of their item ({@link #boundWith}). Where one feed's listing in the target keeps an entry out, the two may
     * change places ({@link #sendable}). Everything of an item this poll merges or parts stays.
     */
    private void drawEntriesThatMatchBetter(List<Outcome> outcomes, List<Piece> pieces, PairVerdicts verdicts,
            Found found) {
        Set<Long> reshaped = new HashSet<>(); // items this poll merges, or takes or parts entries from
        Map<Long, List<EntryEvidence>> joining = new HashMap<>(); // the poll's entries joining one stored item
        for (Outcome o : outcomes) {
            if (o.itemIds().size() > 1) {
                reshaped.addAll(o.itemIds());
            } else if (o.itemIds().size() == 1) {
                joining.computeIfAbsent(o.itemIds().get(0), k -> new ArrayList<>()).addAll(o.group().entries());
            }
            if (o.taken() != null) {
                reshaped.add(o.taken().fromItem());
            }
            o.partedOff().forEach(t -> reshaped.add(t.fromItem()));
        }
        Map<Long, Piece> byId = new HashMap<>();
        pieces.forEach(p -> byId.put(p.itemId(), p));
        Set<EntryEvidence> drawnAlready = new HashSet<>();
        Set<EntryEvidence> sentIn = new HashSet<>(); // of drawnAlready, those sent to an item in exchange: in it now
        Map<Long, PieceSketch> sketches = new HashMap<>();
        int minWords = matcher.settings().minWords();
        double similarity = Math.min(matcher.settings().textSimilarity(), DedupSettings.STRONG_TEXT_SIMILARITY);
        for (int i = 0; i < outcomes.size(); i++) {
            Outcome o = outcomes.get(i);
            if (!(o.isNew() || o.itemIds().size() == 1)) {
                continue; // joins an earlier group of its poll, or merges items
            }
            long joins = o.isNew() ? -1 : o.itemIds().get(0);
            if (reshaped.contains(joins)) {
                continue;
            }
            List<EntryEvidence> target = null; // the group's entries and those of the item it joins, when needed
            PieceSketch targetSketch = null;
            List<Taken> drawn = new ArrayList<>();
            List<Sent> sent = new ArrayList<>();
            for (Piece other : pieces) {
                List<EntryEvidence> arriving = joining.getOrDefault(other.itemId(), List.of());
                if (other.itemId() == joins || other.entries().size() + arriving.size() < 2
                        || reshaped.contains(other.itemId())
                        || !found.found(i, other.itemId()) && !joining.containsKey(other.itemId())) {
                    continue; // most pieces: neither found by this group nor joined by another of the poll
                }
                if (target == null) {
                    target = new ArrayList<>(o.group().entries());
                    if (joins >= 0) {
                        target.addAll(byId.get(joins).entries());
                    }
                }
                if (targetSketch == null) {
                    targetSketch = new PieceSketch(target, minWords);
                }
                if (!targetSketch.mayMatch(sketches.computeIfAbsent(other.itemId(),
                        id -> new PieceSketch(other.entries(), minWords)), similarity)) {
                    continue; // most pieces: nothing of theirs is like the group's (the other pieces of its feed)
                }
                List<EntryEvidence> toward = target;
                if (other.entries().stream().noneMatch(s -> !drawnAlready.contains(s)
                        && bestMatch(s, toward, verdicts, joins) != null)) {
                    continue;
                }
                List<EntryEvidence> theirs = new ArrayList<>(other.entries());
                theirs.addAll(arriving);
                if (compatible(target, theirs)) {
                    continue; // nothing shows them two pieces
                }
                // Again until nothing moves: an entry drawn over may take with it one that matched only it there.
                for (boolean moved = true; moved; ) {
                    moved = false;
                    for (EntryEvidence s : other.entries()) {
                        if (drawnAlready.contains(s) || bestMatch(s, target, verdicts, joins) == null) {
                            continue; // a unit moves through the one of its entries like the group's
                        }
                        Set<EntryEvidence> gone = moved(drawnAlready, sentIn);
                        List<EntryEvidence> unit = boundWith(s, theirs, gone, verdicts);
                        if (unit.stream().anyMatch(u -> drawnAlready.contains(u)
                                || other.entries().stream().noneMatch(e -> e == u))) {
                            continue; // bound to an entry that cannot move (one arriving, or one come in this poll)
                        }
                        List<Sent> away = List.of();
                        List<EntryEvidence> staying = target;
                        if (!compatible(target, unit)) {
                            if (theirs.stream().allMatch(e -> gone.contains(e) || unit.contains(e))) {
                                continue; // the whole item: exchanging entries would only swap the two items' ids
                            }
                            away = sendable(unit, target, joins >= 0 ? byId.get(joins).entries() : List.of(), theirs,
                                    other.itemId(), joins, gone, verdicts);
                            if (away.isEmpty()) {
                                continue; // kept out by entries that stay
                            }
                            staying = without(target, away);
                        }
                        Match there = null;
                        PairVerdict own = null;
                        Set<EntryEvidence> apart = new HashSet<>(gone);
                        apart.addAll(unit);
                        for (EntryEvidence u : unit) {
                            Match m = bestMatch(u, staying, verdicts, joins);
                            if (m != null && (there == null || saysMore(m.verdict(), there.verdict()))) {
                                there = m;
                            }
                            PairVerdict v = strongestIn(u, theirs, apart, verdicts).verdict();
                            if (v != null && (own == null || saysMore(v, own))) {
                                own = v;
                            }
                        }
                        if (there != null && (own == null || saysMore(there.verdict(), own))) {
                            drawnAlready.addAll(unit);
                            target.retainAll(staying);
                            target.addAll(unit);
                            targetSketch = null;
                            drawn.add(new Taken(other.itemId(), unit, there, own));
                            for (Sent exchanged : away) {
                                drawnAlready.addAll(exchanged.taken().entries()); // no other group draws them now
                                sentIn.addAll(exchanged.taken().entries());
                                theirs.addAll(exchanged.taken().entries());
                            }
                            sent.addAll(away);
                            moved = true;
                        }
                    }
                }
            }
            if (!drawn.isEmpty()) {
                outcomes.set(i, o.withDrawn(drawn, sent));
            }
        }
    }

    /**
     * An entry's strongest match among the entries of its item, and whether a URL (the same one, or an original named)
     * binds it there.
     */
    private record Strongest(PairVerdict verdict, boolean bound) {}

    private Strongest strongestIn(EntryEvidence s, List<EntryEvidence> item, Set<EntryEvidence> gone,
            PairVerdicts verdicts) {
        PairVerdict own = null;
        boolean bound = false;
        for (EntryEvidence e : item) {
            if (e == s || gone.contains(e) || !matcher.mayMatch(s, e)) {
                continue;
            }
            PairVerdict v = verdicts.compare(s, e);
            bound |= v.same() && binds(v);
            if (v.same() && (own == null || saysMore(v, own))) {
                own = v;
            }
        }
        return new Strongest(own, bound);
    }

    /**
     * The stored entries of the joined item that keep the unit out of the target (listings of its feed, and site,
     * under other URLs), sent to the unit's item in exchange, when every one of them matches that item more than
     * anything left in its own and nothing binds it: an aggregator's listing of a comment, stored in the comment's audio post's item,
     * and its listing of the audio post, stored in the comment's, each keep the other where it is. Empty when any of
     * them must stay (an arriving entry, one bound by a URL, one drawn in this poll, one matching its own item more).
     */
    private List<Sent> sendable(List<EntryEvidence> unit, List<EntryEvidence> target,
            List<EntryEvidence> joinedEntries, List<EntryEvidence> theirs, long otherId, long joins,
            Set<EntryEvidence> gone, PairVerdicts verdicts) {
        List<EntryEvidence> blocking = new ArrayList<>();
        for (EntryEvidence t : target) {
            boolean blocks = unit.stream().anyMatch(u -> Clusters.keyOf(t).equals(Clusters.keyOf(u))
                    && !urlKey(t).equals(urlKey(u)));
            if (blocks) {
                if (gone.contains(t) || joinedEntries.stream().noneMatch(e -> e == t)) {
                    return List.of();
                }
                blocking.add(t);
            }
        }
        List<EntryEvidence> staying = new ArrayList<>(target);
        staying.removeAll(blocking);
        List<EntryEvidence> welcoming = new ArrayList<>(theirs);
        welcoming.removeIf(e -> unit.contains(e) || gone.contains(e));
        if (blocking.isEmpty() || !compatible(staying, unit) || !compatible(welcoming, blocking)) {
            return List.of();
        }
        List<Sent> away = new ArrayList<>();
        for (EntryEvidence b : blocking) {
            Strongest own = strongestIn(b, staying, Set.of(), verdicts);
            Match there = bestMatch(b, welcoming, verdicts, otherId);
            if (own.bound() || there == null || own.verdict() != null && !saysMore(there.verdict(), own.verdict())) {
                return List.of();
            }
            away.add(new Sent(otherId, new Taken(joins, List.of(b), there, own.verdict())));
        }
        return away;
    }

    /**
     * The entry and those of its item bound to it, directly or through one another, by a URL: the same canonical URL,
     * or an original one names (a partner's copy naming the comment, a listing naming the podcast's episode page).
     * They move together or not at all.
     */
    private List<EntryEvidence> boundWith(EntryEvidence s, List<EntryEvidence> item, Set<EntryEvidence> gone,
            PairVerdicts verdicts) {
        List<EntryEvidence> unit = new ArrayList<>(List.of(s));
        for (int k = 0; k < unit.size(); k++) {
            EntryEvidence u = unit.get(k);
            for (EntryEvidence e : item) {
                if (gone.contains(e) || unit.contains(e) || !matcher.mayMatch(u, e)) {
                    continue;
                }
                PairVerdict v = verdicts.compare(u, e);
                if (v.same() && binds(v)) {
                    unit.add(e);
                }
            }
        }
        return unit;
    }

    private static boolean binds(PairVerdict v) {
        return v.rule() == PairVerdict.Rule.CANONICAL_URL || v.rule() == PairVerdict.Rule.DECLARED_ORIGINAL;
    }

    /** Entries that left their item in this poll: drawn or sent, but not those sent to the item in question. */
    private static Set<EntryEvidence> moved(Set<EntryEvidence> drawn, Set<EntryEvidence> sentIn) {
        if (sentIn.isEmpty()) {
            return drawn;
        }
        Set<EntryEvidence> gone = new HashSet<>(drawn);
        gone.removeAll(sentIn);
        return gone;
    }

    private static List<EntryEvidence> without(List<EntryEvidence> entries, List<Sent> away) {
        List<EntryEvidence> left = new ArrayList<>(entries);
        away.forEach(sent -> left.removeAll(sent.taken().entries()));
        return left;
    }

    /** The entry's strongest match among these entries, or null when it matches none. */
    private Match bestMatch(EntryEvidence entry, List<EntryEvidence> among, PairVerdicts verdicts, long itemId) {
        Match best = null;
        for (EntryEvidence e : among) {
            if (!matcher.mayMatch(entry, e)) {
                continue;
            }
            PairVerdict v = verdicts.compare(entry, e);
            if (v.same() && (best == null || saysMore(v, best.verdict()))) {
                best = new Match(itemId, entry, e, v);
            }
        }
        return best;
    }

    /** Whether entries of the two sets may be one piece: no feed (and listed site) holds them under two URLs. */
    private static boolean compatible(List<EntryEvidence> a, List<EntryEvidence> b) {
        Clusters clusters = new Clusters(2);
        clusters.add(0, a);
        clusters.add(1, b);
        return clusters.join(0, 1, Overrides.NONE);
    }

    /**
     * Where the regrouped groups go.
     *
     * @param clusterOf each involved group's cluster
     * @param stays the cluster with the entry the piece began with
     * @param leadOf for each other cluster with a group, its first group (by index): the new item
     * @param taken for such a cluster, the piece's entries it takes
     * @param partedOff the piece's entries in clusters with no group and without the entry it began with
     */
    private record Regrouped(int[] clusterOf, int stays, Map<Integer, Integer> leadOf, Map<Integer, Taken> taken,
            List<Taken> partedOff) {}

    /**
     * Whether the group has an entry of a feed (and listed site) that the piece holds an entry of under another URL.
     * Checked for every joined group, so without allocating: most share no feed with the piece.
     */
    private static boolean holdsOneFeedUnderTwoUrls(Group group, Piece piece) {
        return holdsOneFeedUnderTwoUrls(group, piece.entries());
    }

    private static boolean holdsOneFeedUnderTwoUrls(Group group, List<EntryEvidence> entries) {
        for (EntryEvidence e : group.entries()) {
            for (EntryEvidence p : entries) {
                if (p.feedId() == e.feedId() && Objects.equals(p.listedSite(), e.listedSite())
                        && !Objects.equals(urlKey(p), urlKey(e))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String urlKey(EntryEvidence e) {
        return e.canonicalUrl() != null ? e.canonicalUrl() : "\0" + e.sourceKey();
    }

    /**
     * The piece's entries and the involved groups placed again from scratch, each stored entry on its own: the same
     * matches by strength as {@link #decide}, but declared originals only after every other rule (what two entries
     * say outright comes before what one of them points to). Null when that changes nothing: no declaration was
     * refused, or no group ends up apart from the entry the piece began with.
     */
    private Regrouped regroup(List<Outcome> outcomes, List<Integer> involved, Piece piece, PairVerdicts verdicts) {
        List<EntryEvidence> all = new ArrayList<>();
        List<Integer> nodeOfGroup = new ArrayList<>();
        List<Integer> groupOfNode = new ArrayList<>(); // -1 for the piece's entries
        for (int k = 0; k < involved.size(); k++) {
            nodeOfGroup.add(all.size());
            for (EntryEvidence e : outcomes.get(involved.get(k)).group().entries()) {
                all.add(e);
                groupOfNode.add(k);
            }
        }
        int first = all.size(); // the piece's entries start here; all.get(first) began the piece
        all.addAll(piece.entries());
        for (int k = first; k < all.size(); k++) {
            groupOfNode.add(-1);
        }
        int n = all.size();
        Clusters clusters = new Clusters(n);
        for (int k = 0; k < n; k++) {
            clusters.add(k, List.of(all.get(k)));
        }
        for (int k = 1; k < first; k++) { // a group's entries are one piece (one URL)
            if (groupOfNode.get(k).equals(groupOfNode.get(k - 1))) {
                clusters.join(k - 1, k, Overrides.ALL);
            }
        }
        List<Edge> edges = new ArrayList<>();
        for (int a = 0; a < n; a++) {
            for (int b = a + 1; b < n; b++) {
                EntryEvidence x = all.get(a);
                EntryEvidence y = all.get(b);
                if (b < first && (groupOfNode.get(a).equals(groupOfNode.get(b))
                        || !PieceMatcher.mayBeVerbatim(x, y)) || !matcher.mayMatch(x, y)) {
                    continue; // two groups of one poll are compared as decide does: verbatim copies only
                }
                PairVerdict v = verdicts.compare(x, y);
                if (v.same()) {
                    Match m = new Match(b >= first ? piece.itemId() : -1, x, y, v);
                    edges.add(new Edge(a, b, m, Overrides.NONE.with(m), keyOf(List.of(x)), keyOf(List.of(y))));
                }
            }
        }
        edges.sort(DECLARATIONS_LAST);
        boolean declarationRefused = false;
        for (Edge edge : edges) {
            if (!clusters.together(edge.group(), edge.piece())
                    && !clusters.join(edge.group(), edge.piece(), edge.overrides())) {
                declarationRefused |= edge.match().verdict().rule() == PairVerdict.Rule.DECLARED_ORIGINAL;
            }
        }
        if (!declarationRefused) {
            return null;
        }
        int[] clusterOf = new int[involved.size()];
        Map<Integer, Integer> leadOf = new HashMap<>();
        int stays = clusters.root(first);
        boolean apart = false;
        for (int k = 0; k < involved.size(); k++) {
            clusterOf[k] = clusters.root(nodeOfGroup.get(k));
            if (clusterOf[k] != stays) {
                leadOf.putIfAbsent(clusterOf[k], involved.get(k));
                apart = true;
            }
        }
        Set<Integer> parting = new TreeSet<>();
        for (int k = first; k < n; k++) {
            int cluster = clusters.root(k);
            if (cluster != stays && !leadOf.containsKey(cluster)) {
                parting.add(cluster);
            }
        }
        if (!apart && parting.isEmpty()) {
            return null;
        }
        Map<Integer, Taken> taken = new HashMap<>();
        List<Taken> partedOff = new ArrayList<>();
        for (int cluster : parting) {
            List<EntryEvidence> entries = inCluster(all, first, clusters, cluster);
            Match match = null;
            for (Edge edge : edges) {
                if (clusters.root(edge.group()) == cluster && clusters.root(edge.piece()) == cluster) {
                    match = edge.match();
                    break;
                }
            }
            partedOff.add(new Taken(piece.itemId(), entries, match, firstRefusedDeclaration(edges, clusters, cluster)));
        }
        for (int cluster : leadOf.keySet()) {
            List<EntryEvidence> entries = inCluster(all, first, clusters, cluster);
            Match match = null;
            PairVerdict declaration = null;
            for (Edge edge : edges) {
                boolean across = edge.group() < first != edge.piece() < first;
                if (!across) {
                    continue;
                }
                int stored = edge.piece() >= first ? edge.piece() : edge.group();
                int arriving = edge.piece() >= first ? edge.group() : edge.piece();
                boolean inCluster = clusters.root(arriving) == cluster;
                if (inCluster && clusters.root(stored) == cluster && match == null) {
                    match = edge.match(); // the strongest: what shows the group is these entries' piece
                }
                if (inCluster && clusters.root(stored) != cluster && declaration == null
                        && edge.match().verdict().rule() == PairVerdict.Rule.DECLARED_ORIGINAL) {
                    declaration = edge.match().verdict();
                }
            }
            if (!entries.isEmpty() && match != null) {
                taken.put(cluster, new Taken(piece.itemId(), entries, match, declaration != null ? declaration
                        : firstRefusedDeclaration(edges, clusters, cluster)));
            }
        }
        return new Regrouped(clusterOf, stays, leadOf, taken, partedOff);
    }

    /** The piece's entries ({@code all} from {@code first} on) that ended in {@code cluster}. */
    private static List<EntryEvidence> inCluster(List<EntryEvidence> all, int first, Clusters clusters, int cluster) {
        List<EntryEvidence> entries = new ArrayList<>();
        for (int k = first; k < all.size(); k++) {
            if (clusters.root(k) == cluster) {
                entries.add(all.get(k));
            }
        }
        return entries;
    }

    private static PairVerdict firstRefusedDeclaration(List<Edge> edges, Clusters clusters, int cluster) {
        for (Edge edge : edges) {
            if (edge.match().verdict().rule() == PairVerdict.Rule.DECLARED_ORIGINAL
                    && (clusters.root(edge.group()) == cluster) != (clusters.root(edge.piece()) == cluster)) {
                return edge.match().verdict();
            }
        }
        return null;
    }

    /**
     * Of matches that say exactly as much, the one whose two entries were published nearer in time first: an entry as
     * like a comment as its read-aloud version (the same transcript and title, a day later) lists the one of its day.
     */
    private static final Comparator<PairVerdict> NEARER_FIRST = Comparator.comparing(PairVerdict::apart,
            Comparator.nullsLast(Comparator.naturalOrder()));

    /** Whether {@code v} ranks before {@code other}: stronger, or as strong and nearer in time. */
    private static boolean saysMore(PairVerdict v, PairVerdict other) {
        int c = Double.compare(v.strength(), other.strength());
        return c > 0 || c == 0 && NEARER_FIRST.compare(v, other) < 0;
    }

    /** Matches by strength, but declared originals after every other rule. */
    private static final Comparator<Edge> DECLARATIONS_LAST = Comparator
            .comparing((Edge e) -> e.match().verdict().rule() == PairVerdict.Rule.DECLARED_ORIGINAL)
            .thenComparingDouble(e -> -e.match().verdict().strength())
            .thenComparing(e -> e.match().verdict(), NEARER_FIRST)
            .thenComparing(Edge::groupKey).thenComparing(Edge::pieceKey);

    /** Matches by strength, then in an order the same on every node and in every run. */
    private static final Comparator<Edge> BY_STRENGTH = Comparator
            .comparingDouble((Edge e) -> -e.match().verdict().strength())
            .thenComparing(e -> e.match().verdict(), NEARER_FIRST)
            .thenComparing(Edge::groupKey).thenComparing(Edge::pieceKey);

    /** @param overrides which feeds' URLs may not keep the two apart */
    private record Edge(int group, int piece, Match match, Overrides overrides, String groupKey, String pieceKey) {}

    /**
     * Which feeds' URLs a join passes over: every feed's, when a pair of the two is under one URL; a feed's own, when
     * it lists the piece twice (a pair of the two is of one feed and listed site, one entry a copy of the other). A
     * feed that lists a piece twice says nothing of other feeds: where another feed holds the two apart under their
     * own URLs (an author feed listing a comment and its read-aloud post), they stay apart.
     *
     * @param listings keys of {@link Clusters} ({@code feedId + " " + listedSite})
     */
    private record Overrides(boolean all, Set<String> listings) {
        static final Overrides NONE = new Overrides(false, Set.of());
        static final Overrides ALL = new Overrides(true, Set.of());

        Overrides with(Match m) {
            if (all || m.verdict().rule() == PairVerdict.Rule.CANONICAL_URL) {
                return ALL;
            }
            if (!m.entry().sameListing(m.matched())) {
                return this;
            }
            Set<String> more = new HashSet<>(listings);
            more.add(Clusters.keyOf(m.entry()));
            return new Overrides(false, more);
        }
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

        static String keyOf(EntryEvidence e) {
            return e.feedId() + " " + e.listedSite();
        }

        void add(int node, List<EntryEvidence> entries) {
            Map<String, Set<String>> urls = new HashMap<>();
            for (EntryEvidence e : entries) {
                urls.computeIfAbsent(keyOf(e), k -> new HashSet<>())
                        .add(e.canonicalUrl() != null ? e.canonicalUrl() : "\0" + e.sourceKey());
            }
            urlsByFeed.set(node, urls);
        }

        boolean together(int a, int b) {
            return find(a) == find(b);
        }

        int root(int a) {
            return find(a);
        }

        boolean join(int a, int b, Overrides overrides) {
            int ra = find(a);
            int rb = find(b);
            if (!overrides.all() && !compatible(urlsByFeed.get(ra), urlsByFeed.get(rb), overrides.listings())) {
                return false;
            }
            parent[rb] = ra;
            Map<String, Set<String>> merged = urlsByFeed.get(ra);
            urlsByFeed.get(rb).forEach((feed, urls) -> merged.computeIfAbsent(feed, k -> new HashSet<>()).addAll(urls));
            return true;
        }

        /**
         * Two clusters may join when each feed they share has an entry under the same URL in both, or is one whose
         * own URLs the join passes over.
         */
        private static boolean compatible(Map<String, Set<String>> a, Map<String, Set<String>> b,
                Set<String> passedOver) {
            for (Map.Entry<String, Set<String>> e : a.entrySet()) {
                Set<String> other = b.get(e.getKey());
                if (other != null && !passedOver.contains(e.getKey())
                        && other.stream().noneMatch(e.getValue()::contains)) {
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

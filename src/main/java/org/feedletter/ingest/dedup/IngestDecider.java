package org.feedletter.ingest.dedup;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.feedletter.identity.CandidateKeys;
import org.feedletter.identity.EntryEvidence;
import org.feedletter.identity.PairVerdict;
import org.feedletter.identity.PairVerdicts;
import org.feedletter.identity.Placement;
import org.feedletter.identity.TitleAffixes;
import org.feedletter.ingest.normalize.CandidateItem;
import org.feedletter.ingest.normalize.EntryNormalizer;
import org.feedletter.store.IngestTransaction;
import org.feedletter.store.ItemAlias;
import org.feedletter.store.ItemSource;
import org.feedletter.store.StoredEntry;

/**
 * The deciding half of an ingest: gathers, under the identity lock, the stored items a feed's arriving entries may
 * belong to (by URL from the tables, by text and title from the {@link CandidateIndex}), reads all their entries, and
 * lets {@link Placement} decide. Writes nothing.
 */
final class IngestDecider {

    private final Placement placement;
    private final CandidateIndex index;

    IngestDecider(Placement placement, CandidateIndex index) {
        this.placement = placement;
        this.index = index;
    }

    /** A changed entry of this feed: what it says now, and the row it rewrites. */
    record Changed(CandidateItem entry, EntryEvidence evidence, ItemSource stored) {}

    /**
     * What an ingest decided.
     *
     * @param outcomes where each group of arriving entries goes
     * @param evidence each arriving and changed entry's evidence
     * @param storedEntries every entry, as stored before this ingest, of the items the outcomes and the changed
     *     entries touch
     * @param closest for arriving entries that matched nothing in the index, the closest candidate, for people
     * @param aliases the aliases stored under {@code aliasesRead}, the public ids of the arriving entries' URLs and
     *     originals, as read when deciding
     */
    record Decision(List<Placement.Outcome> outcomes, Map<CandidateItem, EntryEvidence> evidence, List<Changed> changed,
            Map<Long, List<StoredEntry>> storedEntries, Map<CandidateItem, Placement.Match> closest,
            Map<String, List<ItemAlias>> aliases, Set<String> aliasesRead,
            Map<StoredEntry, EntryEvidence> storedEvidence) {

        /** A stored entry's evidence, decoded once however often the writer asks. */
        EntryEvidence evidenceOf(StoredEntry entry) {
            return storedEvidence.computeIfAbsent(entry, Evidence::ofStored);
        }
    }

    /** @param datesAlike the feed gives all its entries one date, which says nothing of when each was published */
    Decision decide(IngestTransaction tx, FeedSite site, TitleAffixes affixes, boolean datesAlike,
            List<CandidateItem> arriving, Map<CandidateItem, ItemSource> changedEntries) {
        Map<CandidateItem, EntryEvidence> evidence = new HashMap<>(); // built for every entry: entries keep it
        arriving.forEach(e -> evidence.put(e, Evidence.of(e, site, affixes, datesAlike)));
        List<Changed> changed = new ArrayList<>();
        changedEntries.forEach((e, stored) -> {
            EntryEvidence ev = Evidence.of(e, site, affixes, datesAlike);
            evidence.put(e, ev);
            changed.add(new Changed(e, ev, stored));
        });
        changed.sort(Comparator.comparing(c -> c.stored().guid()));
        List<List<CandidateItem>> groups = groupsByUrl(arriving);

        Set<Long> candidates = new TreeSet<>();
        Map<CandidateItem, Set<Long>> foundBy = new HashMap<>(); // the items each entry found, by URL or by text
        Set<String> aliasesRead = new HashSet<>();
        Map<String, List<ItemAlias>> aliases = urlCandidates(tx, arriving, candidates, foundBy, aliasesRead);
        Map<Long, List<StoredEntry>> stored = new HashMap<>(candidates.isEmpty() ? Map.of()
                : tx.entryReads().ofItems(candidates));
        Map<StoredEntry, EntryEvidence> storedEvidence = new IdentityHashMap<>();
        Set<CandidateItem> shared = underSharedLinks(site.feedId(), arriving, evidence, foundBy, stored,
                storedEvidence);
        if (!shared.isEmpty()) { // decided again without those links: they found what they should not have
            List<CandidateItem> unlinked = arriving.stream().map(e -> shared.contains(e) ? e.unlinked() : e).toList();
            return decide(tx, site, affixes, datesAlike, unlinked, changedEntries);
        }
        Set<CandidateItem> searched = needingTextSearch(arriving, evidence, foundBy, stored, storedEvidence);
        PairVerdicts verdicts = new PairVerdicts(placement.matcher());
        Map<CandidateItem, Placement.Match> closest = textCandidates(searched, evidence, candidates, verdicts,
                foundBy);
        Set<Long> read = new TreeSet<>(candidates);
        changed.forEach(c -> read.add(c.stored().itemId()));
        read.removeAll(stored.keySet());
        if (!read.isEmpty()) {
            stored.putAll(tx.entryReads().ofItems(read));
        }

        List<Placement.Piece> pieces = new ArrayList<>();
        for (long itemId : candidates) {
            List<StoredEntry> entries = stored.get(itemId);
            if (entries != null) { // an item merged away meanwhile has none
                pieces.add(new Placement.Piece(itemId, entries.stream()
                        .map(s -> storedEvidence.computeIfAbsent(s, Evidence::ofStored)).toList()));
            }
        }
        List<Placement.Group> placed = groups.stream()
                .map(g -> new Placement.Group(g.stream().map(evidence::get).toList()))
                .toList();
        List<Set<Long>> foundByGroup = groups.stream().map(g -> {
            Set<Long> items = new HashSet<>();
            g.forEach(entry -> items.addAll(foundBy.getOrDefault(entry, Set.of())));
            return items;
        }).toList();
        List<Placement.Outcome> outcomes = placement.decide(placed, pieces, verdicts,
                (group, itemId) -> foundByGroup.get(group).contains(itemId));
        return new Decision(outcomes, evidence, changed, stored, closest, aliases, aliasesRead, storedEvidence);
    }

    /**
     * Whether entries another transaction committed after this decision's look ({@code since}, read under the lock)
     * could change it: one under a URL the arriving entries have or name, or naming one of theirs; one of an item the
     * decision read (it got another entry, or moved in a merge); or one the arriving entries are the same piece as.
     * Errs on the side of yes: a yes only costs deciding again, under the lock.
     */
    boolean concerns(Decision decision, List<CandidateIndex.Written> since) {
        if (since.isEmpty()) {
            return false;
        }
        Set<String> urls = new HashSet<>();
        List<EntryEvidence> arriving = new ArrayList<>();
        for (Placement.Outcome o : decision.outcomes()) {
            for (EntryEvidence e : o.group().entries()) {
                arriving.add(e);
                if (e.canonicalUrl() != null) {
                    urls.add(e.canonicalUrl());
                }
                urls.addAll(e.declaredOriginals());
            }
        }
        Set<Long> items = new HashSet<>(decision.storedEntries().keySet());
        Set<String> entries = new HashSet<>();
        decision.storedEntries().values().forEach(list -> list.forEach(s -> entries.add(s.source().feedId() + " "
                + s.source().guid())));
        List<int[]> arrivingKeys = arriving.stream().map(CandidateKeys::of).toList();
        for (CandidateIndex.Written w : since) {
            EntryEvidence e = w.evidence();
            if (items.contains(w.itemId()) || entries.contains(e.feedId() + " " + e.sourceKey())
                    || e.canonicalUrl() != null && urls.contains(e.canonicalUrl())
                    || e.declaredOriginals().stream().anyMatch(urls::contains)) {
                return true;
            }
            int[] keys = CandidateKeys.of(e);
            for (int i = 0; i < arriving.size(); i++) {
                if (CandidateKeys.shareOne(keys, arrivingKeys.get(i))
                        && placement.matcher().compare(arriving.get(i), e).same()) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Arriving entries under one canonical URL are one piece (a feed that lists a piece twice); each entry without
     * one is a piece of its own. In the feed's order, which is the order new items are stored in (the merged feed
     * pages by it); where an entry goes does not depend on it (see {@link Placement}).
     */
    private static List<List<CandidateItem>> groupsByUrl(List<CandidateItem> arriving) {
        Map<String, List<CandidateItem>> byUrl = new LinkedHashMap<>();
        for (CandidateItem entry : arriving) {
            String key = entry.canonicalUrl() != null ? entry.canonicalUrl() : "\0" + entry.sourceKey();
            byUrl.computeIfAbsent(key, k -> new ArrayList<>()).add(entry);
        }
        return new ArrayList<>(byUrl.values());
    }

    /**
     * Items under the arriving entries' URLs or the originals they name, and items that name an arriving entry's URL
     * as their original (an alias of kind "declared"), by their public ids. Returns the aliases found; the public ids
     * looked up go into {@code lookedUp}.
     */
    private static Map<String, List<ItemAlias>> urlCandidates(IngestTransaction tx, List<CandidateItem> arriving,
            Set<Long> candidates, Map<CandidateItem, Set<Long>> foundBy, Set<String> lookedUp) {
        Set<String> publicIds = new LinkedHashSet<>();
        for (CandidateItem entry : arriving) {
            if (entry.canonicalUrl() != null) {
                publicIds.add(entry.publicId());
            }
            entry.declaredOriginals().forEach(url -> publicIds.add(EntryNormalizer.publicIdOf(url)));
        }
        if (publicIds.isEmpty()) {
            return Map.of();
        }
        lookedUp.addAll(publicIds);
        Map<String, Long> byPublicId = tx.itemReads().idsByPublicId(publicIds);
        candidates.addAll(byPublicId.values());
        Map<String, List<ItemAlias>> aliases = tx.aliases().byPublicId(publicIds);
        aliases.values().forEach(list -> list.forEach(a -> candidates.add(a.itemId())));
        for (CandidateItem entry : arriving) {
            Set<Long> found = foundBy.computeIfAbsent(entry, e -> new HashSet<>());
            List<String> ids = new ArrayList<>();
            if (entry.canonicalUrl() != null) {
                ids.add(entry.publicId());
            }
            entry.declaredOriginals().forEach(url -> ids.add(EntryNormalizer.publicIdOf(url)));
            for (String id : ids) {
                Long item = byPublicId.get(id);
                if (item != null) {
                    found.add(item);
                }
                aliases.getOrDefault(id, List.of()).forEach(a -> found.add(a.itemId()));
            }
        }
        return aliases;
    }

    /**
     * Arriving entries under a link their feed gave before to another piece (another entry of the feed under the same
     * canonical URL, with another title, that the matcher does not call the same piece): a podcast's show page, a
     * section's index, a landing page. Such a link is no piece's address, as {@link EntryNormalizer#normalizeAll}
     * finds within one fetch; this finds it across fetches, where a feed (or a hub's push) brings one entry at a time.
     */
    private Set<CandidateItem> underSharedLinks(long feedId, List<CandidateItem> arriving,
            Map<CandidateItem, EntryEvidence> evidence, Map<CandidateItem, Set<Long>> foundBy,
            Map<Long, List<StoredEntry>> stored, Map<StoredEntry, EntryEvidence> storedEvidence) {
        Set<CandidateItem> shared = new HashSet<>();
        for (CandidateItem entry : arriving) {
            if (entry.canonicalUrl() == null) {
                continue;
            }
            EntryEvidence ev = evidence.get(entry);
            for (long itemId : foundBy.getOrDefault(entry, Set.of())) {
                for (StoredEntry s : stored.getOrDefault(itemId, List.of())) {
                    if (s.source().feedId() != feedId) {
                        continue; // most: a copy's item holds the publisher's entries, not the copy's feed's
                    }
                    EntryEvidence before = storedEvidence.computeIfAbsent(s, Evidence::ofStored);
                    if (entry.canonicalUrl().equals(before.canonicalUrl())
                            && !before.sourceKey().equals(entry.sourceKey()) && titledApart(ev, before)
                            && !placement.matcher().compare(withoutUrl(ev), before).same()) {
                        shared.add(entry);
                    }
                }
            }
        }
        return shared;
    }

    /** The entry as the matcher would judge it without the link it shares. */
    private static EntryEvidence withoutUrl(EntryEvidence e) {
        return new EntryEvidence(e.feedId(), e.feedKey(), e.sourceKey(), null, e.declaredOriginals(), e.published(),
                e.updated(), e.title(), e.authors(), e.texts(), e.marks(), e.continuation());
    }

    /** Both entries have titles, and not the same one. */
    private static boolean titledApart(EntryEvidence a, EntryEvidence b) {
        String first = a.title().folded();
        String second = b.title().folded();
        return !first.isEmpty() && !second.isEmpty() && !first.equals(second);
    }

    /**
     * The arriving entries whose texts must be searched for: all but those joining, by their URL, an item with an
     * entry that says all they say ({@link EntryEvidence#saysNoMoreThan}), most exact duplicates (the same piece in
     * a publisher's site-wide feed and its type-feed). Whatever such an entry's texts would find, that entry's
     * texts found when the later of the two arrived, and it was joined then or kept apart for good; and a feed that
     * lists two pieces under different URLs keeps them apart here as well.
     */
    private static Set<CandidateItem> needingTextSearch(List<CandidateItem> arriving,
            Map<CandidateItem, EntryEvidence> evidence, Map<CandidateItem, Set<Long>> foundBy,
            Map<Long, List<StoredEntry>> stored, Map<StoredEntry, EntryEvidence> storedEvidence) {
        Set<CandidateItem> searched = new LinkedHashSet<>();
        for (CandidateItem entry : arriving) {
            EntryEvidence ev = evidence.get(entry);
            boolean settled = false;
            for (long itemId : foundBy.getOrDefault(entry, Set.of())) {
                for (StoredEntry s : stored.getOrDefault(itemId, List.of())) {
                    if (ev.saysNoMoreThan(storedEvidence.computeIfAbsent(s, Evidence::ofStored))) {
                        settled = true;
                        break;
                    }
                }
                if (settled) {
                    break;
                }
            }
            if (!settled) {
                searched.add(entry);
            }
        }
        return searched;
    }

    /**
     * Items with an entry the index finds alike enough to compare and that {@link Placement}'s matcher calls the
     * same piece; items already found by URL are not compared here, {@link Placement} compares all their entries.
     * For entries that find none, the closest comparison, for the evidence of a new item.
     */
    private Map<CandidateItem, Placement.Match> textCandidates(Set<CandidateItem> arriving,
            Map<CandidateItem, EntryEvidence> evidence, Set<Long> candidates, PairVerdicts verdicts,
            Map<CandidateItem, Set<Long>> foundBy) {
        Map<CandidateItem, Placement.Match> closest = new HashMap<>();
        if (!placement.matcher().settings().comparesTexts()) {
            return closest;
        }
        Set<Long> byUrl = Set.copyOf(candidates);
        for (CandidateItem entry : arriving) {
            EntryEvidence ev = evidence.get(entry);
            Set<Long> matched = new HashSet<>();
            Set<Long> found = foundBy.computeIfAbsent(entry, e -> new HashSet<>());
            Placement.Match nearest = null;
            for (CandidateIndex.Candidate c : index.candidates(ev)) {
                found.add(c.itemId()); // compared in full by Placement if another entry's URL brought it in
                if (byUrl.contains(c.itemId())) {
                    continue; // read and compared in full anyway: an exact duplicate's item is no question here
                }
                if (!placement.matcher().mayMatch(ev, c.evidence())) {
                    continue; // found by a title's word pair, texts with nothing alike: apart
                }
                PairVerdict v = verdicts.compare(ev, c.evidence());
                if (v.same()) {
                    matched.add(c.itemId());
                } else if (nearest == null || v.strength() > nearest.verdict().strength()) {
                    nearest = new Placement.Match(c.itemId(), ev, c.evidence(), v);
                }
            }
            candidates.addAll(matched);
            if (matched.isEmpty() && nearest != null) {
                closest.put(entry, nearest);
            }
        }
        return closest;
    }
}

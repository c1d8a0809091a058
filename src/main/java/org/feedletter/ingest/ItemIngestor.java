package org.feedletter.ingest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.feedletter.config.DedupSettings;
import org.feedletter.ingest.NearDuplicates.Comparison;
import org.feedletter.store.ItemAlias;
import org.feedletter.store.ItemDraft;
import org.feedletter.store.ItemSource;
import org.feedletter.store.ItemStore;
import org.feedletter.store.ItemStore.IngestTransaction;
import org.feedletter.store.StoredFingerprint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores a feed's entries, each distinct piece once. An entry is the same piece as a stored item when its feed
 * delivered the same guid before; when any feed delivered the same canonical URL; when it declares an item's URL
 * as its original (rel="canonical", rel="via", dc:source, a source element) or an item declared its URL; or when
 * its fingerprint (title and the opening of its text) matches an item's published within the dedup window.
 * Every entry that carried a piece is kept as its provenance, with the rule and the evidence that joined it. All of
 * one feed's entries land in one transaction.
 */
public final class ItemIngestor {

    private static final Logger log = LoggerFactory.getLogger(ItemIngestor.class);

    public static final String RULE_NEW = "new";
    public static final String RULE_CANONICAL_URL = "canonical-url";
    public static final String RULE_DECLARED_ORIGINAL = "declared-original";
    public static final String RULE_FINGERPRINT = "fingerprint";

    private final ItemStore items;
    private final NearDuplicates nearDuplicates;
    private final NearDuplicateIndex index;

    public ItemIngestor(ItemStore items) {
        this(items, DedupSettings.defaults());
    }

    public ItemIngestor(ItemStore items, DedupSettings dedup) {
        this.items = items;
        this.nearDuplicates = new NearDuplicates(dedup);
        this.index = new NearDuplicateIndex(dedup.window());
    }

    public IngestReport ingest(long feedId, List<CandidateItem> entries, Instant now) {
        List<CandidateItem> distinct = distinctBySourceKey(entries);
        if (distinct.isEmpty()) {
            return IngestReport.NOTHING;
        }
        try {
            return ingest(feedId, distinct, now, false);
        } catch (LostRace race) {
            return ingest(feedId, distinct, now, true);
        }
    }

    private IngestReport ingest(long feedId, List<CandidateItem> entries, Instant now, boolean lockFirst) {
        Batch[] last = new Batch[1];
        IngestReport report = items.inTransaction(tx ->
                (last[0] = new Batch(tx, feedId, now, nearDuplicates, index, lockFirst)).run(entries));
        last[0].committed();
        return report;
    }

    /**
     * Another ingest stored a near-duplicate of one of this batch's new entries after this one looked: the batch
     * is rolled back and decided again, this time under the near-duplicate lock from the start.
     */
    private static final class LostRace extends RuntimeException {
        LostRace() {
            super("a near-duplicate was stored meanwhile", null, false, false);
        }
    }

    /** A feed that lists one guid twice means one entry: the first wins. */
    private static List<CandidateItem> distinctBySourceKey(List<CandidateItem> entries) {
        Map<String, CandidateItem> byKey = new LinkedHashMap<>();
        for (CandidateItem entry : entries) {
            byKey.putIfAbsent(entry.sourceKey(), entry);
        }
        return List.copyOf(byKey.values());
    }

    /**
     * Where an arriving entry belongs: a stored item ({@code itemId}) or a piece inserted earlier in this batch
     * ({@code pending}, its index), with the rule and the evidence.
     *
     * @param original the entry is the original of the copy the item was made from (the copy declared it, or it
     *     was published earlier): the item takes its URL, title and text, so readers reach the source
     */
    private record Match(Long itemId, int pending, String rule, String evidence, boolean original) {

        static Match stored(long itemId, String rule, String evidence) {
            return new Match(itemId, -1, rule, evidence, false);
        }

        static Match pending(int index, String rule, String evidence) {
            return new Match(null, index, rule, evidence, false);
        }

        Match asOriginal() {
            return new Match(itemId, pending, rule, evidence + "; the item now shows this original", true);
        }
    }

    /** A stored item's fingerprint, a candidate for near-duplicate entries. */
    private record Candidate(long itemId, TextFingerprint fingerprint, Instant published) {}

    /** One feed's entries against the store, decided first and then written in batches. */
    private static final class Batch {
        private final IngestTransaction tx;
        private final long feedId;
        private final Instant now;
        private final NearDuplicates nearDuplicates;
        private final NearDuplicateIndex index;
        private final boolean lockFirst;
        private final List<NearDuplicateIndex.IndexedFingerprint> fingerprinted = new ArrayList<>();
        /** The stored items each looked-up entry was compared with (all sharing a band key, in the window or not). */
        private final Map<CandidateItem, long[]> looked = new IdentityHashMap<>();
        /** Where the index stood when {@link #looked} was filled without the lock. */
        private long lookedMark;

        private Map<String, Long> itemByPublicId = Map.of();
        private Map<String, List<ItemAlias>> aliasesByPublicId = Map.of();

        private final List<CandidateItem> inserted = new ArrayList<>();
        private final List<String> insertEvidence = new ArrayList<>();
        private final Map<String, Integer> pendingByUrl = new HashMap<>();
        private final Map<String, Integer> pendingByDeclared = new HashMap<>();
        /** Band key -> the pieces inserted earlier in this batch that have it: only those are compared. */
        private final Map<Long, List<Integer>> pendingByBand = new HashMap<>();
        private final List<Map.Entry<Match, CandidateItem>> sourcesOfInserts = new ArrayList<>();
        private final List<Map.Entry<Integer, ItemAlias>> aliasesOfInserts = new ArrayList<>();
        private final List<ItemSource> sources = new ArrayList<>();
        private final List<ItemAlias> aliases = new ArrayList<>();
        private final Set<String> aliasKeys = new HashSet<>();
        private final Map<Long, CandidateItem> updates = new HashMap<>();
        private final Map<String, String> newVersions = new HashMap<>();
        private final Map<Long, ItemDraft> gapFills = new HashMap<>();
        private final Map<Long, CandidateItem> originals = new HashMap<>();
        private final Map<String, Integer> duplicates = new TreeMap<>();
        private int unchanged;

        /**
         * @param lockFirst take the near-duplicate lock before looking for candidates; otherwise only before the
         *     fingerprints are written, checking then that no near-duplicate of a new entry was stored meanwhile
         */
        Batch(IngestTransaction tx, long feedId, Instant now, NearDuplicates nearDuplicates, NearDuplicateIndex index,
                boolean lockFirst) {
            this.tx = tx;
            this.feedId = feedId;
            this.now = now;
            this.nearDuplicates = nearDuplicates;
            this.index = index;
            this.lockFirst = lockFirst;
        }

        /** After the commit: the index learns this batch's fingerprints without reading them back. */
        void committed() {
            if (!fingerprinted.isEmpty()) {
                index.committed(tx.fingerprintSeq(), fingerprinted, now);
            }
        }

        IngestReport run(List<CandidateItem> entries) {
            Map<String, ItemSource> known = tx.sources(feedId, entries.stream().map(CandidateItem::sourceKey).toList());
            List<CandidateItem> arriving = new ArrayList<>();
            for (CandidateItem entry : entries) {
                ItemSource source = known.get(entry.sourceKey());
                if (source != null && source.versionHash().equals(entry.versionHash())) {
                    unchanged++;
                } else if (drafted(entry)) { // else left out, and tried again at the next poll
                    if (source != null) {
                        updates.put(source.itemId(), entry);
                        newVersions.put(entry.sourceKey(), entry.versionHash());
                    } else {
                        arriving.add(entry);
                    }
                }
            }
            lookUpUrls(arriving);
            Map<CandidateItem, Match> byUrl = new HashMap<>();
            List<CandidateItem> unmatched = new ArrayList<>();
            for (CandidateItem entry : arriving) {
                Match match = storedUrlMatch(entry);
                if (match != null) {
                    byUrl.put(entry, match);
                } else {
                    unmatched.add(entry);
                }
            }
            Map<CandidateItem, List<Candidate>> candidates = lookUpCandidates(unmatched);
            for (CandidateItem entry : arriving) {
                place(entry, byUrl.get(entry), candidates.getOrDefault(entry, List.of()));
            }
            write();
            return new IngestReport(inserted.size(), updates.size(), duplicates, unchanged);
        }

        /**
         * Builds the entry's stored form (sanitized HTML, fingerprint), which every new or changed entry needs; false,
         * with a warning naming the entry, when that fails. Any HTML is meant to sanitize, so a failure is a bug (as
         * one in the text writer was); it costs that entry, not the feed's other entries.
         */
        private boolean drafted(CandidateItem entry) {
            try {
                entry.draft();
                entry.fingerprint();
                return true;
            } catch (RuntimeException e) {
                log.warn("feed {}: entry {} not stored, its content could not be processed: {}", feedId,
                        entry.sourceKey(), e.toString(), e);
                return false;
            }
        }

        /**
         * Items and aliases under the arriving entries' own URLs and the originals they declare. An item's public
         * id is derived from its canonical URL, so looking up the ids finds same-URL items.
         */
        private void lookUpUrls(List<CandidateItem> arriving) {
            Set<String> publicIds = new HashSet<>();
            for (CandidateItem entry : arriving) {
                if (entry.canonicalUrl() != null) {
                    publicIds.add(entry.publicId());
                }
                entry.declaredOriginals().forEach(url -> publicIds.add(EntryNormalizer.publicIdOf(url)));
            }
            if (publicIds.isEmpty()) {
                return;
            }
            itemByPublicId = tx.itemIdsByPublicId(publicIds);
            aliasesByPublicId = tx.aliases(publicIds);
            aliasesByPublicId.values().forEach(list -> list.forEach(a -> aliasKeys.add(a.publicId() + " " + a.itemId())));
        }

        /** A stored item under the entry's URL, or under an original it declares, or declaring the entry's URL. */
        private Match storedUrlMatch(CandidateItem entry) {
            if (entry.canonicalUrl() != null) {
                Long id = itemByPublicId.get(entry.publicId());
                if (id != null) {
                    return Match.stored(id, RULE_CANONICAL_URL, "same canonical URL " + entry.canonicalUrl()
                            + " as item " + id);
                }
                for (ItemAlias alias : aliasesByPublicId.getOrDefault(entry.publicId(), List.of())) {
                    return alias.kind().equals(ItemAlias.URL)
                            ? Match.stored(alias.itemId(), RULE_CANONICAL_URL, "same canonical URL "
                                    + entry.canonicalUrl() + " as an earlier entry of item " + alias.itemId())
                            : Match.stored(alias.itemId(), RULE_DECLARED_ORIGINAL, "item " + alias.itemId()
                                    + " declares this entry's URL " + entry.canonicalUrl() + " as its original")
                                    .asOriginal();
                }
            }
            for (String original : entry.declaredOriginals()) {
                String publicId = EntryNormalizer.publicIdOf(original);
                Long id = itemByPublicId.get(publicId);
                if (id != null) {
                    return Match.stored(id, RULE_DECLARED_ORIGINAL, "declares " + original
                            + " as its original, the URL of item " + id);
                }
                for (ItemAlias alias : aliasesByPublicId.getOrDefault(publicId, List.of())) {
                    if (alias.kind().equals(ItemAlias.URL)) {
                        return Match.stored(alias.itemId(), RULE_DECLARED_ORIGINAL, "declares " + original
                                + " as its original, the URL of an entry of item " + alias.itemId());
                    }
                }
            }
            return null;
        }

        /**
         * For each comparable entry, the stored items that may be its near-duplicates: those sharing a band key with
         * it and published within the window of it, with their fingerprints. The index catches up first without the
         * near-duplicate lock, then under it with the few fingerprints written meanwhile: a concurrent ingest's
         * near-duplicate is thus either committed and found, or waits for the lock and finds ours. Unless
         * {@code lockFirst}, "under it" happens only when the fingerprints are written
         * ({@link #confirmNoNearDuplicateStoredMeanwhile}), so feeds write their items in parallel and hold the lock
         * for little more than the commit.
         */
        private Map<CandidateItem, List<Candidate>> lookUpCandidates(List<CandidateItem> entries) {
            List<CandidateItem> comparable = new ArrayList<>();
            List<TextFingerprint> fingerprints = new ArrayList<>();
            for (CandidateItem entry : entries) {
                if (nearDuplicates.comparable(entry.fingerprint())) {
                    comparable.add(entry);
                    fingerprints.add(entry.fingerprint());
                }
            }
            if (comparable.isEmpty()) {
                return Map.of();
            }
            index.catchUp(tx, now);
            List<long[]> idsPerEntry;
            if (lockFirst) {
                idsPerEntry = index.itemsSharingBands(tx, tx.lockNearDuplicates(), fingerprints, now);
            } else {
                NearDuplicateIndex.Sharing sharing = index.itemsSharingBands(fingerprints);
                idsPerEntry = sharing.ids();
                lookedMark = sharing.mark();
            }
            BandKeyIndex.Ids gathered = new BandKeyIndex.Ids();
            for (int i = 0; i < comparable.size(); i++) {
                looked.put(comparable.get(i), idsPerEntry.get(i));
                for (long id : idsPerEntry.get(i)) {
                    gathered.add(id);
                }
            }
            long[] allIds = gathered.sortedDistinct();
            Map<Long, Candidate> byId = new HashMap<>();
            index.latest(allIds).forEach((id, kept) ->
                    byId.put(id, new Candidate(id, kept.fingerprint(), kept.published())));
            Set<Long> notKept = new TreeSet<>();
            for (long id : allIds) {
                if (!byId.containsKey(id)) {
                    notKept.add(id);
                }
            }
            byId.putAll(storedCandidates(notKept));
            Map<CandidateItem, List<Candidate>> candidates = new IdentityHashMap<>();
            Set<Long> alike = new TreeSet<>();
            for (int i = 0; i < comparable.size(); i++) {
                CandidateItem entry = comparable.get(i);
                Instant published = entry.draft().published();
                Instant from = published.minus(nearDuplicates.window());
                Instant to = published.plus(nearDuplicates.window());
                List<Candidate> inWindow = Arrays.stream(idsPerEntry.get(i))
                        .mapToObj(byId::get)
                        .filter(c -> c != null && !c.published().isBefore(from) && !c.published().isAfter(to))
                        .toList();
                candidates.put(entry, inWindow);
                for (Candidate c : inWindow) {
                    if (nearDuplicates.samePiece(entry.fingerprint(), published, c.fingerprint(), c.published())) {
                        alike.add(c.itemId());
                    }
                }
            }
            return alike.isEmpty() ? candidates : withStoredFingerprints(candidates, alike);
        }

        /** Candidates as the table holds them, for items the index does not keep. */
        private Map<Long, Candidate> storedCandidates(Collection<Long> itemIds) {
            Map<Long, Candidate> found = new HashMap<>();
            if (!itemIds.isEmpty()) {
                for (StoredFingerprint f : tx.fingerprints(itemIds)) {
                    found.put(f.itemId(), new Candidate(f.itemId(),
                            TextFingerprint.stored(f.titleWords(), f.shingles(), f.words()), f.published()));
                }
            }
            return found;
        }

        /**
         * The candidates with the fingerprints of {@code alike} read again from the table, which is the truth:
         * nothing is merged on what the index kept alone. A fingerprint deleted since is no candidate.
         */
        private Map<CandidateItem, List<Candidate>> withStoredFingerprints(Map<CandidateItem, List<Candidate>> candidates,
                Set<Long> alike) {
            Map<Long, Candidate> stored = storedCandidates(alike);
            Map<CandidateItem, List<Candidate>> checked = new IdentityHashMap<>();
            candidates.forEach((entry, list) -> checked.put(entry, list.stream()
                    .map(c -> alike.contains(c.itemId()) ? stored.get(c.itemId()) : c)
                    .filter(Objects::nonNull)
                    .toList()));
            return checked;
        }

        private void place(CandidateItem entry, Match storedByUrl, List<Candidate> candidates) {
            Match match = storedByUrl != null ? storedByUrl : pendingUrlMatch(entry);
            String nearest = null;
            if (match == null && nearDuplicates.comparable(entry.fingerprint())) {
                NearestPiece best = nearest(entry, candidates);
                if (best != null && best.comparison().samePiece()) {
                    match = best.match().get();
                } else if (best != null) {
                    nearest = "nearest " + best.comparison().evidence(best.label()) + ": not the same piece";
                }
            }
            if (match == null) {
                insert(entry, nearest != null ? nearest : "no earlier item under this URL, a declared original "
                        + "or a like fingerprint");
            } else {
                merge(entry, match);
            }
        }

        /** A piece inserted earlier in this batch under the entry's URL or a declared original. */
        private Match pendingUrlMatch(CandidateItem entry) {
            if (entry.canonicalUrl() != null) {
                Integer pending = pendingByUrl.get(entry.canonicalUrl());
                if (pending != null) {
                    return Match.pending(pending, RULE_CANONICAL_URL, "same canonical URL " + entry.canonicalUrl()
                            + " as entry " + inserted.get(pending).sourceKey() + " of the same poll");
                }
                pending = pendingByDeclared.get(entry.canonicalUrl());
                if (pending != null) {
                    return Match.pending(pending, RULE_DECLARED_ORIGINAL, "entry " + inserted.get(pending).sourceKey()
                            + " of the same poll declares this entry's URL " + entry.canonicalUrl() + " as its original");
                }
            }
            for (String original : entry.declaredOriginals()) {
                Integer pending = pendingByUrl.get(original);
                if (pending != null) {
                    return Match.pending(pending, RULE_DECLARED_ORIGINAL, "declares " + original
                            + " as its original, the URL of entry " + inserted.get(pending).sourceKey()
                            + " of the same poll");
                }
            }
            return null;
        }

        /** The match is made only for the piece found nearest in the end: its evidence is formatted text. */
        private record NearestPiece(Comparison comparison, Supplier<Match> match, String label) {}

        /** The most alike of the stored candidates and the pieces inserted earlier in this batch. */
        private NearestPiece nearest(CandidateItem entry, List<Candidate> candidates) {
            TextFingerprint fingerprint = entry.fingerprint();
            Instant published = entry.draft().published();
            NearestPiece best = null;
            for (Candidate c : candidates) {
                if (best != null && !mayOutrank(fingerprint.textContainment(c.fingerprint()), best.comparison())) {
                    continue; // most candidates: their titles cannot change the outcome
                }
                Comparison comparison = nearDuplicates.compare(fingerprint, published, c.fingerprint(), c.published());
                boolean earlier = entry.canonicalUrl() != null && published.isBefore(c.published());
                best = better(best, comparison, () -> {
                    Match match = Match.stored(c.itemId(), RULE_FINGERPRINT, comparison.evidence("item " + c.itemId()));
                    return earlier ? match.asOriginal() : match;
                }, "item " + c.itemId());
            }
            for (int index : pendingSharingBands(fingerprint)) {
                CandidateItem other = inserted.get(index);
                String label = "entry " + other.sourceKey() + " of the same poll";
                Comparison comparison = nearDuplicates.compare(fingerprint, published, other.fingerprint(),
                        other.draft().published());
                best = better(best, comparison, () -> Match.pending(index, RULE_FINGERPRINT,
                        comparison.evidence(label)), label);
            }
            return best;
        }

        /** In insertion order, as stored candidates are compared in id order. */
        private Set<Integer> pendingSharingBands(TextFingerprint fingerprint) {
            Set<Integer> found = new TreeSet<>();
            for (long key : fingerprint.sharedBandKeys()) {
                found.addAll(pendingByBand.getOrDefault(key, List.of()));
            }
            return found;
        }

        private static NearestPiece better(NearestPiece best, Comparison comparison,
                Supplier<Match> match, String label) {
            if (best == null || rank(comparison) > rank(best.comparison())) {
                return new NearestPiece(comparison, match, label);
            }
            return best;
        }

        /** Whether a comparison with this much text alike may rank above {@code best}, whatever its title. */
        private boolean mayOutrank(double text, Comparison best) {
            double highest = (text >= nearDuplicates.leastTextOfSamePiece() ? 10 : 0) + text + 1.0 / 100;
            return highest > rank(best);
        }

        /** Same pieces first, then by text and title alike. */
        private static double rank(Comparison c) {
            return (c.samePiece() ? 10 : 0) + c.text() + c.title() / 100;
        }

        private void insert(CandidateItem entry, String evidence) {
            int index = inserted.size();
            inserted.add(entry);
            insertEvidence.add(evidence);
            if (nearDuplicates.comparable(entry.fingerprint())) {
                for (long key : entry.fingerprint().sharedBandKeys()) {
                    pendingByBand.computeIfAbsent(key, k -> new ArrayList<>(1)).add(index);
                }
            }
            if (entry.canonicalUrl() != null) {
                pendingByUrl.putIfAbsent(entry.canonicalUrl(), index);
            }
            for (String original : entry.declaredOriginals()) {
                pendingByDeclared.putIfAbsent(original, index);
                aliasesOfInserts.add(Map.entry(index, new ItemAlias(EntryNormalizer.publicIdOf(original), 0,
                        ItemAlias.DECLARED, original)));
            }
        }

        private void merge(CandidateItem entry, Match match) {
            duplicates.merge(match.rule(), 1, Integer::sum);
            boolean ownUrlIsNew = entry.canonicalUrl() != null && !match.rule().equals(RULE_CANONICAL_URL);
            if (match.itemId() != null) {
                long itemId = match.itemId();
                sources.add(source(entry, itemId, match.rule(), match.evidence()));
                if (match.original()) {
                    originals.put(itemId, entry);
                    gapFills.remove(itemId);
                } else if (!originals.containsKey(itemId)) {
                    gapFills.put(itemId, entry.draft());
                }
                if (ownUrlIsNew) {
                    alias(new ItemAlias(entry.publicId(), itemId, ItemAlias.URL, entry.canonicalUrl()));
                }
                for (String original : entry.declaredOriginals()) {
                    alias(new ItemAlias(EntryNormalizer.publicIdOf(original), itemId, ItemAlias.DECLARED, original));
                }
            } else {
                sourcesOfInserts.add(Map.entry(match, entry));
                if (ownUrlIsNew) {
                    pendingByUrl.putIfAbsent(entry.canonicalUrl(), match.pending());
                    aliasesOfInserts.add(Map.entry(match.pending(), new ItemAlias(entry.publicId(), 0, ItemAlias.URL,
                            entry.canonicalUrl())));
                }
            }
        }

        /** Each (URL, item) once: an alias already stored, or added by this batch, is not added again. */
        private void alias(ItemAlias alias) {
            if (aliasKeys.add(alias.publicId() + " " + alias.itemId())) {
                aliases.add(alias);
            }
        }

        private void write() {
            if (!updates.isEmpty() || !originals.isEmpty()) {
                // Before any item row is written: whoever holds the lock may be waiting for one of those rows.
                tx.lockNearDuplicates();
            }
            List<ItemDraft> drafts = inserted.stream().map(CandidateItem::draft).toList();
            List<Long> ids = tx.insertItems(drafts, feedId, now);
            List<StoredFingerprint> fingerprints = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                CandidateItem entry = inserted.get(i);
                sources.add(source(entry, ids.get(i), RULE_NEW, insertEvidence.get(i)));
                fingerprintOf(ids.get(i), entry).ifPresent(fingerprints::add);
            }
            for (Map.Entry<Match, CandidateItem> pending : sourcesOfInserts) {
                Match match = pending.getKey();
                sources.add(source(pending.getValue(), ids.get(match.pending()), match.rule(), match.evidence()));
            }
            for (Map.Entry<Integer, ItemAlias> pending : aliasesOfInserts) {
                ItemAlias a = pending.getValue();
                alias(new ItemAlias(a.publicId(), ids.get(pending.getKey()), a.kind(), a.url()));
            }
            tx.insertSources(sources);
            tx.insertAliases(aliases);
            if (!fingerprints.isEmpty() && !lockFirst) {
                confirmNoNearDuplicateStoredMeanwhile();
            }
            tx.insertFingerprints(fingerprints);
            Map<Long, ItemDraft> updatedDrafts = new HashMap<>();
            List<StoredFingerprint> updatedFingerprints = new ArrayList<>();
            updates.forEach((id, entry) -> {
                updatedDrafts.put(id, entry.draft());
                fingerprintOf(id, entry).ifPresent(updatedFingerprints::add);
            });
            ItemRevisions.record(tx, updatedDrafts, now); // before the update overwrites the old title and text
            tx.updateItems(updatedDrafts, now);
            tx.replaceFingerprints(updates.keySet(), updatedFingerprints);
            tx.fillGaps(gapFills);
            Map<Long, ItemDraft> originalDrafts = new HashMap<>();
            List<StoredFingerprint> originalFingerprints = new ArrayList<>();
            originals.forEach((id, entry) -> {
                originalDrafts.put(id, entry.draft());
                fingerprintOf(id, entry).ifPresent(originalFingerprints::add);
            });
            tx.showOriginals(originalDrafts, now);
            tx.replaceFingerprints(originals.keySet(), originalFingerprints);
            tx.updateSourceVersions(feedId, newVersions);
            if (!inserted.isEmpty() || !updates.isEmpty() || !sources.isEmpty()) {
                tx.changed();
            }
        }

        /**
         * Takes the lock, and with it the fingerprints stored since the candidates were looked up; throws
         * {@link LostRace} if one of them is a near-duplicate of an entry this batch inserts as new.
         */
        private void confirmNoNearDuplicateStoredMeanwhile() {
            List<CandidateItem> fresh = inserted.stream().filter(e -> nearDuplicates.comparable(e.fingerprint())).toList();
            List<long[]> idsNow = index.itemsSharingBandsSince(tx, tx.lockNearDuplicates(),
                    fresh.stream().map(CandidateItem::fingerprint).toList(), lookedMark, now);
            Map<CandidateItem, Set<Long>> storedMeanwhile = new IdentityHashMap<>();
            Set<Long> all = new TreeSet<>();
            for (int i = 0; i < fresh.size(); i++) {
                long[] before = looked.getOrDefault(fresh.get(i), new long[0]);
                Set<Long> ids = new TreeSet<>();
                for (long id : idsNow.get(i)) {
                    if (Arrays.binarySearch(before, id) < 0) {
                        ids.add(id);
                    }
                }
                storedMeanwhile.put(fresh.get(i), ids);
                all.addAll(ids);
            }
            if (all.isEmpty()) {
                return;
            }
            Map<Long, StoredFingerprint> stored = new HashMap<>();
            tx.fingerprints(all).forEach(f -> stored.put(f.itemId(), f));
            for (CandidateItem entry : fresh) {
                for (long id : storedMeanwhile.get(entry)) {
                    StoredFingerprint f = stored.get(id);
                    if (f != null && nearDuplicates.compare(entry.fingerprint(), entry.draft().published(),
                            TextFingerprint.stored(f.titleWords(), f.shingles(), f.words()), f.published()).samePiece()) {
                        throw new LostRace();
                    }
                }
            }
        }

        private Optional<StoredFingerprint> fingerprintOf(long itemId, CandidateItem entry) {
            TextFingerprint f = entry.fingerprint();
            if (!nearDuplicates.comparable(f)) {
                return Optional.empty();
            }
            fingerprinted.add(new NearDuplicateIndex.IndexedFingerprint(itemId, f, entry.draft().published()));
            return Optional.of(new StoredFingerprint(itemId, entry.draft().published(), f.encodedTitle(),
                    f.encodedShingles(), f.words()));
        }

        private ItemSource source(CandidateItem entry, long itemId, String rule, String evidence) {
            return new ItemSource(feedId, entry.sourceKey(), itemId, entry.originalUrl(), entry.versionHash(), rule,
                    evidence, now);
        }
    }
}

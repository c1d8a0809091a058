package org.feedletter.ingest.dedup;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.feedletter.identity.EntryEvidence;
import org.feedletter.identity.PairVerdict;
import org.feedletter.identity.Placement;
import org.feedletter.identity.Representative;
import org.feedletter.ingest.normalize.CandidateItem;
import org.feedletter.ingest.normalize.EntryNormalizer;
import org.feedletter.store.EntryRow;
import org.feedletter.store.ItemAlias;
import org.feedletter.store.ItemDraft;
import org.feedletter.store.ItemSource;
import org.feedletter.store.ItemStore.IngestTransaction;
import org.feedletter.store.StoredEntry;

/**
 * The writing half of an ingest: carries out an {@link IngestDecider.Decision} in the transaction that made it.
 * New pieces become items; entries that joined stored items are written to them (merging items one entry turned out
 * to be a copy of both); changed entries are rewritten; and every item that got or changed an entry is made to show
 * what its entries now say ({@link ShownFacts}). Each entry row keeps its rule and evidence in words.
 *
 * <p>An item shows a function of its entries, so what it showed before is worked out from the entries the decision
 * read, not read again; an item whose facts do not change is not written, and stored HTML is read only when an
 * item's text comes from another entry than before.
 */
final class IngestWriter {

    private final long feedId;
    private final Instant now;
    private final List<CandidateIndex.Written> written = new ArrayList<>();

    IngestWriter(long feedId, Instant now) {
        this.feedId = feedId;
        this.now = now;
    }

    /** The entries written or moved, with their items, for the candidate index once this commits. */
    List<CandidateIndex.Written> written() {
        return written;
    }

    /**
     * One entry of an item as the writer knows it: its evidence, facts, whether it has HTML, and whether its facts
     * and HTML live only in the item's row (see {@link StoredEntry#factsInItem()}).
     */
    private record Known(String key, EntryEvidence evidence, ItemDraft facts, boolean hasContent,
            boolean contentInHand, boolean factsInItem) {

        static Known stored(StoredEntry s, EntryEvidence ev) {
            return new Known(ShownFacts.key(ev), ev, s.facts(), s.hasContent(), false, s.factsInItem());
        }

        static Known arriving(EntryEvidence ev, CandidateItem entry, boolean keepsContent) {
            ItemDraft d = entry.draft();
            return new Known(ShownFacts.key(ev), ev, d, keepsContent && d.contentHtml() != null, true, false);
        }
    }

    /**
     * A touched item: its entries before this ingest (null when not known as one list: merged or new items) and
     * after it; and whether an entry of its own feed changed (a revision, when what it shows changes).
     */
    private static final class Touched {
        List<Known> before;
        private ShownFacts shownBefore;
        final Map<String, Known> after = new LinkedHashMap<>();
        boolean revised;

        /** What the item showed before this ingest (worked out once: asked for twice). */
        ShownFacts shownBefore() {
            if (shownBefore == null) {
                shownBefore = shownBy(before);
            }
            return shownBefore;
        }
    }

    /**
     * Inserts the items the decision found new. Done before the identity lock is taken: these rows are most of what
     * an ingest writes, and feeds write them in parallel. A concurrent insert of the same URL fails one of the two
     * (its ingest runs again); any other race is caught under the lock ({@link IngestDecider#concerns}).
     */
    List<Long> insertNewItems(IngestTransaction tx, IngestDecider.Decision decision) {
        Map<EntryEvidence, CandidateItem> entryOf = new HashMap<>();
        decision.evidence().forEach((entry, ev) -> entryOf.put(ev, entry));
        List<ItemDraft> drafts = new ArrayList<>();
        for (Placement.Outcome o : decision.outcomes()) {
            if (o.isNew()) {
                drafts.add(newItemFacts(o, entryOf));
            }
        }
        return tx.insertItems(drafts, feedId, now);
    }

    /** Writes the rest of the decision, under the identity lock, after {@link #insertNewItems}. */
    IngestReport write(IngestTransaction tx, IngestDecider.Decision decision, List<Long> newIds, int unchanged) {
        Map<EntryEvidence, CandidateItem> entryOf = new HashMap<>();
        decision.evidence().forEach((entry, ev) -> entryOf.put(ev, entry));
        Map<Long, List<StoredEntry>> stored = decision.storedEntries();
        List<Placement.Outcome> outcomes = decision.outcomes();

        keepFactsOfMergedItems(tx, outcomes);
        Map<Long, Long> survivorOf = mergeItems(tx, outcomes, stored);

        Map<Long, Touched> touched = new TreeMap<>();
        List<EntryRow> rows = new ArrayList<>();
        List<ItemAlias> aliases = new ArrayList<>();
        Map<String, Integer> duplicates = new TreeMap<>();
        int[] joiners = new int[outcomes.size()];
        outcomes.forEach(o -> {
            if (o.sameAs() >= 0) {
                joiners[o.sameAs()]++;
            }
        });
        Map<Integer, Long> newItemOfGroup = new HashMap<>();
        int next = 0;
        for (int index = 0; index < outcomes.size(); index++) {
            Placement.Outcome o = outcomes.get(index);
            long itemId;
            String joinEvidence = null;
            boolean alone = false;
            EntryEvidence textFrom = null; // the entry the joined item's text comes from
            if (o.isNew()) {
                itemId = newIds.get(next++);
                newItemOfGroup.put(index, itemId);
                alone = o.group().entries().size() == 1 && joiners[index] == 0;
                if (joiners[index] > 0) {
                    touched.computeIfAbsent(itemId, k -> new Touched());
                }
            } else {
                itemId = o.itemIds().isEmpty() ? newItemOfGroup.get(o.sameAs()) : survivorOf.get(o.itemIds().get(0));
                Touched t = touched.computeIfAbsent(itemId, k -> new Touched());
                if (o.itemIds().size() == 1) {
                    t.before = stored.getOrDefault(itemId, List.of()).stream()
                            .map(s -> Known.stored(s, decision.evidenceOf(s))).toList();
                    textFrom = textFrom(t);
                }
                for (long joined : o.itemIds()) {
                    stored.getOrDefault(joined, List.of()).forEach(s -> {
                        Known k = Known.stored(s, decision.evidenceOf(s));
                        t.after.put(k.key(), k);
                    });
                }
                joinEvidence = joinEvidence(o, itemId);
            }
            EntryEvidence first = o.group().entries().get(0);
            for (EntryEvidence ev : o.group().entries()) {
                CandidateItem entry = entryOf.get(ev);
                String rule;
                String evidence;
                if (ev != first) {
                    rule = ItemIngestor.RULE_CANONICAL_URL;
                    evidence = "same canonical URL " + ev.canonicalUrl() + " as entry " + first.sourceKey()
                            + " of the same poll";
                } else if (o.isNew()) {
                    rule = ItemIngestor.RULE_NEW;
                    evidence = newEvidence(o, decision.closest().get(entry));
                } else {
                    rule = o.match() == null ? ItemIngestor.RULE_FINGERPRINT : o.match().verdict().rule().stored();
                    evidence = joinEvidence;
                }
                if (!rule.equals(ItemIngestor.RULE_NEW)) {
                    duplicates.merge(rule, 1, Integer::sum);
                }
                boolean keepsContent = !alone && mayShowItsText(ev, textFrom);
                rows.add(row(entry, ev, itemId, rule, evidence, alone, keepsContent));
                written.add(new CandidateIndex.Written(itemId, ev));
                aliasesOf(entry, itemId, rule, aliases);
                Touched t = touched.get(itemId);
                if (t != null) {
                    Known k = Known.arriving(ev, entry, keepsContent);
                    t.after.put(k.key(), k);
                }
            }
        }
        tx.insertEntries(rows);
        tx.insertAliases(withoutKnown(aliases, tx));

        List<EntryRow> changedRows = new ArrayList<>();
        Map<Long, ItemDraft> singleUpdates = new HashMap<>();
        for (IngestDecider.Changed c : decision.changed()) {
            long itemId = survivorOf.getOrDefault(c.stored().itemId(), c.stored().itemId());
            List<StoredEntry> before = stored.getOrDefault(c.stored().itemId(), List.of());
            boolean alone = before.size() <= 1 && !touched.containsKey(itemId);
            changedRows.add(row(c.entry(), c.evidence(), itemId, c.stored().rule(), c.stored().evidence(), alone,
                    !alone));
            written.add(new CandidateIndex.Written(itemId, c.evidence()));
            if (alone) {
                singleUpdates.put(itemId, c.entry().draft());
                continue;
            }
            Touched t = touched.computeIfAbsent(itemId, k -> {
                Touched fresh = new Touched();
                fresh.before = before.stream().map(s -> Known.stored(s, decision.evidenceOf(s))).toList();
                fresh.before.forEach(known -> fresh.after.put(known.key(), known));
                return fresh;
            });
            Known arrived = Known.arriving(c.evidence(), c.entry(), true);
            t.after.put(arrived.key(), arrived);
            t.revised = true;
        }
        tx.updateEntries(changedRows);
        if (!singleUpdates.isEmpty()) {
            ItemRevisions.record(tx, singleUpdates, now); // before the update overwrites the old title and text
            Map<Long, Long> shownFrom = new HashMap<>();
            singleUpdates.keySet().forEach(id -> shownFrom.put(id, feedId));
            tx.updateItemFacts(singleUpdates, shownFrom, now);
        }
        showWhatEntriesSay(tx, touched);
        for (Map.Entry<Long, List<StoredEntry>> e : stored.entrySet()) {
            long survivor = survivorOf.getOrDefault(e.getKey(), e.getKey());
            if (survivor != e.getKey()) {
                e.getValue().forEach(s -> written.add(new CandidateIndex.Written(survivor, decision.evidenceOf(s))));
            }
        }
        if (!rows.isEmpty() || !changedRows.isEmpty()) {
            tx.changed();
        }
        return new IngestReport(newIds.size(), decision.changed().size(), duplicates, unchanged);
    }

    /** Items merged into one: the facts an entry kept only in its item's row go into the entry's row first. */
    private static void keepFactsOfMergedItems(IngestTransaction tx, List<Placement.Outcome> outcomes) {
        Set<Long> merged = new TreeSet<>();
        for (Placement.Outcome o : outcomes) {
            if (o.itemIds().size() > 1) {
                merged.addAll(o.itemIds());
            }
        }
        if (!merged.isEmpty()) {
            tx.keepItemFactsInEntries(merged);
        }
    }

    /** The entry whose HTML an item with these entries shows, or null. */
    private static EntryEvidence textFrom(Touched item) {
        if (item.before.isEmpty()) {
            return null;
        }
        String key = item.shownBefore().contentEntry();
        return item.before.stream().filter(k -> k.key().equals(key)).map(Known::evidence).findFirst().orElse(null);
    }

    /**
     * Whether an entry joining an item may one day give it its text, so its HTML must be kept: not a copy under the
     * same URL as the entry the text comes from that ranks below it, which it always will (most exact duplicates).
     */
    private static boolean mayShowItsText(EntryEvidence joining, EntryEvidence textFrom) {
        return textFrom == null || joining.canonicalUrl() == null
                || !joining.canonicalUrl().equals(textFrom.canonicalUrl())
                || Representative.ranksAboveUnderOneUrl(joining, textFrom);
    }

    /** Merges the items each outcome joins into the oldest of them; returns each item's survivor. */
    private static Map<Long, Long> mergeItems(IngestTransaction tx, List<Placement.Outcome> outcomes,
            Map<Long, List<StoredEntry>> stored) {
        Map<Long, Long> survivorOf = new HashMap<>();
        for (Placement.Outcome o : outcomes) {
            if (o.itemIds().isEmpty()) {
                continue;
            }
            long survivor = o.itemIds().get(0); // ascending: the oldest keeps its public id
            for (long itemId : o.itemIds()) {
                survivorOf.put(itemId, survivor);
                if (itemId != survivor) {
                    tx.mergeInto(survivor, itemId);
                }
            }
        }
        stored.keySet().forEach(id -> survivorOf.putIfAbsent(id, id));
        return survivorOf;
    }

    /** A new item from one group of entries (usually one entry): what that group says. */
    private static ItemDraft newItemFacts(Placement.Outcome o, Map<EntryEvidence, CandidateItem> entryOf) {
        List<EntryEvidence> group = o.group().entries();
        CandidateItem first = entryOf.get(group.get(0));
        if (group.size() == 1) {
            return first.draft();
        }
        Map<String, ItemDraft> facts = new HashMap<>();
        group.forEach(ev -> facts.put(ShownFacts.key(ev), entryOf.get(ev).draft()));
        ShownFacts shown = ShownFacts.of(Representative.rank(group), facts, key -> facts.get(key).contentHtml() != null);
        return shown.withContent(shown.contentEntry() == null ? null : facts.get(shown.contentEntry()).contentHtml(),
                first.publicId());
    }

    private static String joinEvidence(Placement.Outcome o, long itemId) {
        if (o.match() == null) { // joined through another entry of the same poll that matched it
            return "the same piece as another entry of the same poll; item " + itemId;
        }
        PairVerdict v = o.match().verdict();
        if (o.match().itemId() < 0) {
            return v.describe() + "; the same piece as entry " + o.match().matched().sourceKey() + " of the same poll";
        }
        String merged = o.itemIds().size() > 1 ? "; it was a copy of items " + o.itemIds() + " alike, which became "
                + "one" : "";
        return v.describe() + "; item " + itemId + ", by its entry " + o.match().matched().sourceKey() + merged;
    }

    private static String newEvidence(Placement.Outcome o, Placement.Match closest) {
        Placement.Match nearest = o.nearest() != null ? o.nearest() : closest;
        if (nearest == null) {
            return "no earlier item under this URL, a declared original, or a like text or title";
        }
        if (nearest.verdict().same()) {
            return "matches item " + nearest.itemId() + " (" + nearest.verdict().describe() + "), but that item has an "
                    + "entry of this feed under another URL: two pieces";
        }
        return "nearest: item " + nearest.itemId() + ", " + nearest.verdict().describe();
    }

    private EntryRow row(CandidateItem entry, EntryEvidence ev, long itemId, String rule, String evidence,
            boolean alone, boolean keepsContent) {
        ItemDraft d = entry.draft();
        ItemSource source = new ItemSource(feedId, entry.sourceKey(), itemId, entry.originalUrl(), entry.versionHash(),
                rule, evidence, now);
        return new EntryRow(source, d, Evidence.stored(ev), alone, keepsContent);
    }

    /** URLs a later entry should find the item under: the entry's own when it joined by another rule, its originals. */
    private static void aliasesOf(CandidateItem entry, long itemId, String rule, List<ItemAlias> into) {
        if (entry.canonicalUrl() != null && !rule.equals(ItemIngestor.RULE_CANONICAL_URL)
                && !rule.equals(ItemIngestor.RULE_NEW)) {
            into.add(new ItemAlias(entry.publicId(), itemId, ItemAlias.URL, entry.canonicalUrl()));
        }
        for (String original : entry.declaredOriginals()) {
            into.add(new ItemAlias(EntryNormalizer.publicIdOf(original), itemId, ItemAlias.DECLARED, original));
        }
    }

    /**
     * Each (URL, item) once: one already stored (read now, after this ingest's merges moved aliases), or added twice
     * by this ingest, is not added again.
     */
    private static List<ItemAlias> withoutKnown(List<ItemAlias> aliases, IngestTransaction tx) {
        if (aliases.isEmpty()) {
            return aliases;
        }
        Set<String> keys = new HashSet<>();
        tx.aliases(aliases.stream().map(ItemAlias::publicId).collect(Collectors.toSet())).values()
                .forEach(list -> list.forEach(a -> keys.add(a.publicId() + " " + a.itemId())));
        Map<String, ItemAlias> kept = new LinkedHashMap<>();
        for (ItemAlias a : aliases) {
            String key = a.publicId() + " " + a.itemId();
            if (!keys.contains(key)) {
                kept.putIfAbsent(key, a);
            }
        }
        return new ArrayList<>(kept.values());
    }

    /**
     * Makes each touched item show what its entries now say. What it showed before is what its entries before this
     * ingest say (an item always shows what its entries say); unchanged, it is not written, and its HTML is kept
     * while its text comes from the same unchanged entry. Items whose own entries changed get a revision when what
     * they show did.
     */
    private void showWhatEntriesSay(IngestTransaction tx, Map<Long, Touched> touched) {
        Map<Long, ShownFacts> shown = new HashMap<>();
        Set<Long> keepingContent = new HashSet<>();
        Set<Long> readContent = new TreeSet<>();
        touched.forEach((itemId, t) -> {
            ShownFacts now = shownBy(t.after.values());
            if (t.before != null) {
                ShownFacts before = t.shownBefore();
                boolean sameText = java.util.Objects.equals(now.contentEntry(), before.contentEntry())
                        && (now.contentEntry() == null || !t.after.get(now.contentEntry()).contentInHand());
                if (sameText && now.sameAs(before) && !t.revised) {
                    return; // shows the same
                }
                if (sameText && !t.revised) {
                    keepingContent.add(itemId);
                }
            }
            shown.put(itemId, now);
            if (!keepingContent.contains(itemId) && now.contentEntry() != null
                    && !t.after.get(now.contentEntry()).contentInHand()) {
                readContent.add(itemId);
            }
        });
        if (shown.isEmpty()) {
            return;
        }
        Set<Long> keepFacts = new TreeSet<>();
        shown.keySet().forEach(itemId -> {
            if (touched.get(itemId).after.values().stream().anyMatch(Known::factsInItem)) {
                keepFacts.add(itemId); // the item's row is about to change: what that entry says goes into its own
            }
        });
        if (!keepFacts.isEmpty()) {
            tx.keepItemFactsInEntries(keepFacts);
        }
        Map<Long, Map<String, String>> html = readContent.isEmpty() ? Map.of() : tx.entryContents(readContent);
        Map<Long, ItemDraft> facts = new HashMap<>();
        Map<Long, ItemDraft> revised = new HashMap<>();
        Map<Long, Long> shownFrom = new HashMap<>();
        shown.forEach((itemId, s) -> {
            Touched t = touched.get(itemId);
            String content = null;
            if (s.contentEntry() != null && !keepingContent.contains(itemId)) {
                Known from = t.after.get(s.contentEntry());
                content = from.contentInHand() ? from.facts().contentHtml()
                        : html.getOrDefault(itemId, Map.of()).get(s.contentEntry());
            }
            ItemDraft d = s.withContent(content, null);
            facts.put(itemId, d);
            shownFrom.put(itemId, s.feedId());
            if (t.revised) {
                revised.put(itemId, d);
            }
        });
        ItemRevisions.record(tx, revised, now);
        tx.updateItemFacts(facts, shownFrom, now, keepingContent);
    }

    private static ShownFacts shownBy(java.util.Collection<Known> entries) {
        Map<String, ItemDraft> facts = new HashMap<>();
        Map<String, Boolean> hasContent = new HashMap<>();
        List<EntryEvidence> evidence = new ArrayList<>();
        for (Known k : entries) {
            facts.put(k.key(), k.facts());
            hasContent.put(k.key(), k.hasContent());
            evidence.add(k.evidence());
        }
        return ShownFacts.of(Representative.rank(evidence), facts, hasContent::get);
    }
}

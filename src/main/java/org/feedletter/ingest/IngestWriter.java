package org.feedletter.ingest;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.feedletter.identity.EntryEvidence;
import org.feedletter.identity.PairVerdict;
import org.feedletter.identity.Placement;
import org.feedletter.identity.Representative;
import org.feedletter.store.EntryRow;
import org.feedletter.store.ItemAlias;
import org.feedletter.store.ItemDraft;
import org.feedletter.store.ItemSource;
import org.feedletter.store.ItemStore.IngestTransaction;
import org.feedletter.store.StoredEntry;
import org.feedletter.store.StoredItem;

/**
 * The writing half of an ingest: carries out an {@link IngestDecider.Decision} in the transaction that made it.
 * New pieces become items; entries that joined stored items are written to them (merging items one entry turned out
 * to be a copy of both); changed entries are rewritten; and every item that got or changed an entry is made to show
 * what its entries now say ({@link ShownFacts}). Each entry row keeps its rule and evidence in words.
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

    IngestReport write(IngestTransaction tx, IngestDecider.Decision decision, int unchanged) {
        Map<EntryEvidence, CandidateItem> entryOf = new HashMap<>();
        decision.evidence().forEach((entry, ev) -> entryOf.put(ev, entry));
        Map<Long, List<StoredEntry>> stored = decision.storedEntries();

        keepContentOfItemsGettingASecondEntry(tx, decision, stored);
        Map<Long, Long> survivorOf = mergeItems(tx, decision.outcomes(), stored);

        List<Placement.Outcome> fresh = decision.outcomes().stream().filter(Placement.Outcome::isNew).toList();
        Set<Long> touched = new TreeSet<>();
        List<ItemDraft> drafts = new ArrayList<>();
        for (Placement.Outcome o : fresh) {
            drafts.add(newItemFacts(o, entryOf));
        }
        List<Long> newIds = tx.insertItems(drafts, feedId, now);

        List<EntryRow> rows = new ArrayList<>();
        List<ItemAlias> aliases = new ArrayList<>();
        Map<String, Integer> duplicates = new TreeMap<>();
        int next = 0;
        List<Placement.Outcome> outcomes = decision.outcomes();
        int[] joiners = new int[outcomes.size()];
        outcomes.forEach(o -> {
            if (o.sameAs() >= 0) {
                joiners[o.sameAs()]++;
            }
        });
        Map<Integer, Long> newItemOfGroup = new HashMap<>();
        for (int index = 0; index < outcomes.size(); index++) {
            Placement.Outcome o = outcomes.get(index);
            long itemId;
            String joinEvidence;
            if (o.isNew()) {
                itemId = newIds.get(next++);
                newItemOfGroup.put(index, itemId);
                joinEvidence = null;
                if (joiners[index] > 0) {
                    touched.add(itemId);
                }
            } else if (o.itemIds().isEmpty()) {
                itemId = newItemOfGroup.get(o.sameAs());
                touched.add(itemId);
                joinEvidence = joinEvidence(o, itemId);
            } else {
                itemId = survivorOf.get(o.itemIds().get(0));
                touched.add(itemId);
                joinEvidence = joinEvidence(o, itemId);
            }
            boolean keepsContent = !o.isNew() || o.group().entries().size() > 1 || joiners[index] > 0;
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
                rows.add(row(entry, ev, itemId, rule, evidence, keepsContent));
                written.add(new CandidateIndex.Written(itemId, ev));
                aliasesOf(entry, itemId, rule, aliases);
            }
        }
        tx.insertEntries(rows);
        tx.insertAliases(withoutKnown(aliases, tx));

        Map<Long, ItemDraft> singleUpdates = new HashMap<>();
        List<EntryRow> changedRows = new ArrayList<>();
        Set<Long> revised = new TreeSet<>();
        for (IngestDecider.Changed c : decision.changed()) {
            long itemId = c.stored().itemId();
            boolean alone = stored.getOrDefault(itemId, List.of()).size() <= 1;
            changedRows.add(row(c.entry(), c.evidence(), itemId, c.stored().rule(), c.stored().evidence(), !alone));
            written.add(new CandidateIndex.Written(itemId, c.evidence()));
            if (alone) {
                ItemDraft d = c.entry().draft();
                singleUpdates.put(itemId, d);
            } else {
                touched.add(itemId);
                revised.add(itemId);
            }
        }
        tx.updateEntries(changedRows);
        if (!singleUpdates.isEmpty()) {
            ItemRevisions.record(tx, singleUpdates, now); // before the update overwrites the old title and text
            Map<Long, Long> shownFrom = new HashMap<>();
            singleUpdates.keySet().forEach(id -> shownFrom.put(id, feedId));
            tx.updateItemFacts(singleUpdates, shownFrom, now);
        }
        showWhatEntriesSay(tx, touched, revised);
        for (Map.Entry<Long, List<StoredEntry>> e : stored.entrySet()) {
            long survivor = survivorOf.getOrDefault(e.getKey(), e.getKey());
            if (survivor != e.getKey()) {
                e.getValue().forEach(s -> written.add(new CandidateIndex.Written(survivor, Evidence.ofStored(s))));
            }
        }
        if (!rows.isEmpty() || !changedRows.isEmpty()) {
            tx.changed();
        }
        return new IngestReport(newIds.size(), decision.changed().size(), duplicates, unchanged);
    }

    /** An item with one entry keeps its HTML in its own row only; before a second entry comes, in the entry's too. */
    private static void keepContentOfItemsGettingASecondEntry(IngestTransaction tx, IngestDecider.Decision decision,
            Map<Long, List<StoredEntry>> stored) {
        Set<Long> single = new TreeSet<>();
        for (Placement.Outcome o : decision.outcomes()) {
            for (long itemId : o.itemIds()) {
                if (stored.getOrDefault(itemId, List.of()).size() == 1) {
                    single.add(itemId);
                }
            }
        }
        if (!single.isEmpty()) {
            tx.keepItemContentInEntries(single);
        }
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
        if (group.size() == 1) {
            return entryOf.get(group.get(0)).draft();
        }
        Map<String, ItemDraft> facts = new HashMap<>();
        group.forEach(ev -> facts.put(ShownFacts.key(ev), entryOf.get(ev).draft()));
        return ShownFacts.of(Representative.rank(group), facts, key -> facts.get(key).contentHtml(),
                entryOf.get(group.get(0)).publicId()).facts();
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
            boolean keepsContent) {
        ItemDraft d = entry.draft();
        ItemSource source = new ItemSource(feedId, entry.sourceKey(), itemId, entry.originalUrl(), entry.versionHash(),
                rule, evidence, now);
        return new EntryRow(source, d, Evidence.stored(ev), keepsContent);
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
        tx.aliases(aliases.stream().map(ItemAlias::publicId).collect(java.util.stream.Collectors.toSet())).values()
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
     * Makes each touched item show what its entries say now, read back after this ingest's writes; an item whose
     * facts do not change is left alone. Items whose own entries changed get a revision when what they show did.
     */
    private void showWhatEntriesSay(IngestTransaction tx, Set<Long> touched, Set<Long> revised) {
        if (touched.isEmpty()) {
            return;
        }
        Map<Long, List<StoredEntry>> entries = tx.entriesOf(touched);
        Map<Long, Map<String, String>> contents = tx.entryContents(touched);
        Map<Long, StoredItem> current = tx.items(touched);
        Map<Long, ItemDraft> changed = new HashMap<>();
        Map<Long, Long> shownFrom = new HashMap<>();
        for (long itemId : touched) {
            List<StoredEntry> list = entries.get(itemId);
            StoredItem before = current.get(itemId);
            if (list == null || list.isEmpty() || before == null) {
                continue;
            }
            Map<String, ItemDraft> facts = new HashMap<>();
            List<EntryEvidence> evidence = new ArrayList<>();
            for (StoredEntry s : list) {
                EntryEvidence ev = Evidence.ofStored(s);
                evidence.add(ev);
                facts.put(ShownFacts.key(ev), s.facts());
            }
            Map<String, String> html = contents.getOrDefault(itemId, Map.of());
            ShownFacts shown = ShownFacts.of(Representative.rank(evidence), facts, html::get, before.publicId());
            if (!sameFacts(shown.facts(), before) || shown.feedId() != before.firstFeedId()) {
                changed.put(itemId, shown.facts());
                shownFrom.put(itemId, shown.feedId());
            }
        }
        Map<Long, ItemDraft> revisedNow = new HashMap<>();
        changed.forEach((id, d) -> {
            if (revised.contains(id)) {
                revisedNow.put(id, d);
            }
        });
        ItemRevisions.record(tx, revisedNow, now);
        tx.updateItemFacts(changed, shownFrom, now);
    }

    /** Whether an item already shows these facts (times compared to the millisecond the databases keep). */
    private static boolean sameFacts(ItemDraft d, StoredItem i) {
        return Objects.equals(d.canonicalUrl(), i.canonicalUrl()) && Objects.equals(d.link(), i.link())
                && Objects.equals(d.title(), i.title()) && Objects.equals(d.author(), i.author())
                && sameTime(d.published(), i.published()) && sameTime(d.updated(), i.updated())
                && Objects.equals(d.contentHtml(), i.contentHtml()) && Objects.equals(d.excerpt(), i.excerpt())
                && d.categories().equals(i.categories()) && Objects.equals(d.language(), i.language());
    }

    private static boolean sameTime(Instant a, Instant b) {
        return a == null ? b == null : b != null && a.truncatedTo(ChronoUnit.MILLIS).equals(b.truncatedTo(ChronoUnit.MILLIS));
    }
}

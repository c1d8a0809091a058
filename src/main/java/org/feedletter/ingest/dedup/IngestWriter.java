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
import org.feedletter.ingest.normalize.CandidateItem;
import org.feedletter.ingest.normalize.EntryNormalizer;
import org.feedletter.store.EntryRow;
import org.feedletter.store.IngestTransaction;
import org.feedletter.store.ItemAlias;
import org.feedletter.store.ItemDraft;
import org.feedletter.store.ItemSource;
import org.feedletter.store.StoredEntry;

/**
 * The writing half of an ingest: carries out an {@link IngestDecider.Decision} in the transaction that made it.
 * New pieces become items; entries that joined stored items are written to them (merging items one entry turned out
 * to be a copy of both); changed entries are rewritten. Each entry row keeps its rule and evidence in words. Every
 * item that got or changed an entry is then made to show what its entries now say by {@link TouchedItems}, which
 * this tells where each entry went.
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
                drafts.add(TouchedItems.newItemFacts(o, entryOf));
            }
        }
        return tx.itemWrites().insert(drafts, feedId, now);
    }

    /** Writes the rest of the decision, under the identity lock, after {@link #insertNewItems}. */
    IngestReport write(IngestTransaction tx, IngestDecider.Decision decision, List<Long> newIds, int unchanged) {
        Map<EntryEvidence, CandidateItem> entryOf = new HashMap<>();
        decision.evidence().forEach((entry, ev) -> entryOf.put(ev, entry));
        Map<Long, List<StoredEntry>> stored = decision.storedEntries();
        List<Placement.Outcome> outcomes = decision.outcomes();

        keepFactsOfMergedItems(tx, outcomes);
        Map<Long, Long> survivorOf = mergeItems(tx, outcomes, stored);
        List<ItemSource> moved = new ArrayList<>();

        TouchedItems touched = new TouchedItems(decision, feedId, now);
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
                if (joiners[index] > 0 || o.taken() != null || !o.drawn().isEmpty()) {
                    alone &= o.drawn().isEmpty();
                    touched.joinedNew(itemId);
                }
                if (o.taken() != null) {
                    alone = false;
                    moved.addAll(move(tx, decision, o.taken(), itemId, touched, aliases, takenEvidence(o)));
                }
            } else {
                itemId = o.itemIds().isEmpty() ? newItemOfGroup.get(o.sameAs()) : survivorOf.get(o.itemIds().get(0));
                textFrom = touched.joined(itemId, o.itemIds());
                joinEvidence = joinEvidence(o, itemId);
                for (Placement.Taken parting : o.partedOff()) {
                    long partedId = tx.itemWrites().insert(List.of(partedDraft(decision, parting,
                            tx.lockNearDuplicates())), parting.entries().get(0).feedId(), now).get(0);
                    touched.joinedNew(partedId);
                    moved.addAll(move(tx, decision, parting, partedId, touched, aliases,
                            partedEvidence(o, parting, itemId)));
                }
            }
            for (Placement.Taken t : o.drawn()) {
                moved.addAll(move(tx, decision, t, itemId, touched, aliases, drawnEvidence(o, t)));
            }
            for (Placement.Sent sent : o.sent()) {
                moved.addAll(move(tx, decision, sent.taken(), sent.toItem(), touched, aliases,
                        sentEvidence(o, sent)));
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
                boolean keepsContent = !alone && TouchedItems.mayShowItsText(ev, textFrom);
                rows.add(row(entry, ev, itemId, rule, evidence, alone, keepsContent));
                written.add(new CandidateIndex.Written(itemId, ev));
                aliasesOf(entry, itemId, rule, aliases);
                touched.arrived(itemId, ev, entry, keepsContent);
            }
        }
        tx.entryWrites().insert(rows);
        tx.entryWrites().move(moved);
        tx.aliases().insert(withoutKnown(aliases, decision, survivorOf, tx, !moved.isEmpty()));

        List<EntryRow> changedRows = new ArrayList<>();
        for (IngestDecider.Changed c : decision.changed()) {
            long itemId = survivorOf.getOrDefault(c.stored().itemId(), c.stored().itemId());
            List<StoredEntry> before = stored.getOrDefault(c.stored().itemId(), List.of());
            boolean alone = before.size() <= 1 && !touched.touches(itemId);
            changedRows.add(row(c.entry(), c.evidence(), itemId, c.stored().rule(), c.stored().evidence(), alone,
                    !alone));
            written.add(new CandidateIndex.Written(itemId, c.evidence()));
            if (alone) {
                touched.changedAlone(itemId, c.entry());
            } else {
                touched.changed(itemId, before, c.evidence(), c.entry());
            }
        }
        tx.entryWrites().update(changedRows);
        touched.write(tx);
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
            if (o.taken() != null) {
                merged.add(o.taken().fromItem()); // the entries taken keep what they say in their own rows
            }
            o.partedOff().forEach(t -> merged.add(t.fromItem()));
            o.drawn().forEach(t -> merged.add(t.fromItem()));
            o.sent().forEach(sent -> merged.add(sent.taken().fromItem()));
        }
        if (!merged.isEmpty()) {
            tx.entryWrites().keepItemFactsInEntries(merged);
        }
    }

    /**
     * Stored entries moving to another item (see {@link Placement.Taken}): the rows to move, with the rule and
     * evidence that moved them; what the two items show is worked out by {@code touched}. The URLs the entries carry
     * or name go with them: their aliases on the item they leave go unless an entry staying there has them too.
     */
    private List<ItemSource> move(IngestTransaction tx, IngestDecider.Decision decision, Placement.Taken t,
            long itemId, TouchedItems touched, List<ItemAlias> aliases, String evidence) {
        List<StoredEntry> before = decision.storedEntries().getOrDefault(t.fromItem(), List.of());
        List<StoredEntry> taken = new ArrayList<>();
        Set<String> staying = new HashSet<>();
        for (StoredEntry s : before) {
            EntryEvidence ev = decision.evidenceOf(s);
            if (t.entries().stream().anyMatch(e -> e == ev)) {
                taken.add(s);
            } else {
                if (ev.canonicalUrl() != null) {
                    staying.add(ev.canonicalUrl());
                }
                staying.addAll(ev.declaredOriginals());
            }
        }
        touched.took(itemId, t.fromItem(), taken);
        String rule = t.match() == null ? ItemIngestor.RULE_NEW : t.match().verdict().rule().stored();
        List<ItemSource> moved = new ArrayList<>();
        List<ItemAlias> leaving = new ArrayList<>();
        for (StoredEntry s : taken) {
            ItemSource src = s.source();
            moved.add(new ItemSource(src.feedId(), src.guid(), itemId, src.originalUrl(), src.versionHash(), rule,
                    evidence, src.firstSeenAt()));
            EntryEvidence ev = decision.evidenceOf(s);
            written.add(new CandidateIndex.Written(itemId, ev));
            List<ItemAlias> own = new ArrayList<>();
            if (ev.canonicalUrl() != null) {
                own.add(new ItemAlias(EntryNormalizer.publicIdOf(ev.canonicalUrl()), itemId, ItemAlias.URL,
                        ev.canonicalUrl()));
            }
            ev.declaredOriginals().forEach(original -> own.add(new ItemAlias(EntryNormalizer.publicIdOf(original),
                    itemId, ItemAlias.DECLARED, original)));
            for (ItemAlias a : own) {
                aliases.add(a);
                if (!staying.contains(a.url())) {
                    leaving.add(new ItemAlias(a.publicId(), t.fromItem(), a.kind(), a.url()));
                }
            }
        }
        tx.aliases().delete(leaving);
        return moved;
    }

    private String takenEvidence(Placement.Outcome o) {
        Placement.Taken t = o.taken();
        return t.match().verdict().describe() + "; taken from item " + t.fromItem() + " with entry "
                + o.group().entries().get(0).sourceKey() + " of feed " + feedId + ", whose feed lists it apart from "
                + "that item's piece: it had joined that item by a declared original"
                + (t.declaration() == null ? "" : " (" + t.declaration().describe() + ")")
                + ", and what it says outright makes it this piece";
    }

    private String drawnEvidence(Placement.Outcome o, Placement.Taken t) {
        return t.match().verdict().describe() + "; drawn from item " + t.fromItem() + " when entry "
                + o.group().entries().get(0).sourceKey() + " of feed " + feedId + " came: it matches this piece more"
                + " than anything there" + (t.declaration() == null ? "" : " (" + t.declaration().describe() + ")")
                + ", and a feed lists the two pieces apart";
    }

    private String sentEvidence(Placement.Outcome o, Placement.Sent sent) {
        Placement.Taken t = sent.taken();
        return t.match().verdict().describe() + "; sent from item " + t.fromItem() + " to this one when entry "
                + o.group().entries().get(0).sourceKey() + " of feed " + feedId + " came and drew from here an entry"
                + " of the same feed that it kept out: it matches this piece more than anything there"
                + (t.declaration() == null ? "" : " (" + t.declaration().describe() + ")")
                + ", and a feed lists the two pieces apart";
    }

    private String partedEvidence(Placement.Outcome o, Placement.Taken t, long joined) {
        return (t.match() == null ? "" : t.match().verdict().describe() + "; ") + "parted from item " + joined
                + " when entry " + o.group().entries().get(0).sourceKey() + " of feed " + feedId + ", which lists "
                + "the two pieces apart, joined it: it had joined that item by a declared original"
                + (t.declaration() == null ? "" : " (" + t.declaration().describe() + ")");
    }

    /**
     * A new item for stored entries parting from theirs, under a public id of its own, made with this transaction's
     * number so that no earlier parting can have taken it (their URLs become its aliases): what it shows is worked
     * out by {@link TouchedItems} once they are in it.
     */
    private static ItemDraft partedDraft(IngestDecider.Decision decision, Placement.Taken t, long seq) {
        StoredEntry first = null;
        for (StoredEntry s : decision.storedEntries().getOrDefault(t.fromItem(), List.of())) {
            EntryEvidence ev = decision.evidenceOf(s);
            if (t.entries().stream().anyMatch(e -> e == ev)) {
                first = s;
                break;
            }
        }
        if (first == null) {
            throw new IllegalStateException("entries parting from item " + t.fromItem() + " were not read with it");
        }
        ItemDraft d = first.facts();
        return new ItemDraft(EntryNormalizer.publicIdOfParted(t.fromItem(), seq, first.source().feedId(),
                first.source().guid()), d.canonicalUrl(), d.link(), d.title(), d.author(), d.published(), d.updated(),
                null, d.excerpt(), d.categories(), null, d.language());
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
                    tx.itemMerger().mergeInto(survivor, itemId);
                }
            }
        }
        stored.keySet().forEach(id -> survivorOf.putIfAbsent(id, id));
        return survivorOf;
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
     * Each (URL, item) once: one already stored, or added twice by this ingest, is not added again. What is stored
     * is what the decision read under these public ids (the aliases come from the arriving entries' URLs and
     * originals, which it looked up); read again where this ingest merged items, which moves aliases. An alias
     * another transaction stored since the decision read is a unique violation, and the ingest runs again.
     */
    private static List<ItemAlias> withoutKnown(List<ItemAlias> aliases, IngestDecider.Decision decision,
            Map<Long, Long> survivorOf, IngestTransaction tx, boolean moved) {
        if (aliases.isEmpty()) {
            return aliases;
        }
        boolean merged = moved || survivorOf.entrySet().stream().anyMatch(e -> !e.getKey().equals(e.getValue()));
        Set<String> publicIds = aliases.stream().map(ItemAlias::publicId).collect(Collectors.toSet());
        Map<String, List<ItemAlias>> stored = merged || !decision.aliasesRead().containsAll(publicIds)
                ? tx.aliases().byPublicId(publicIds) : decision.aliases();
        Set<String> keys = new HashSet<>();
        stored.values().forEach(list -> list.forEach(a -> keys.add(a.publicId() + " " + a.itemId())));
        Map<String, ItemAlias> kept = new LinkedHashMap<>();
        for (ItemAlias a : aliases) {
            String key = a.publicId() + " " + a.itemId();
            if (!keys.contains(key)) {
                kept.putIfAbsent(key, a);
            }
        }
        return new ArrayList<>(kept.values());
    }
}

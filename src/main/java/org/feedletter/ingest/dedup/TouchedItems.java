package org.feedletter.ingest.dedup;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
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
import org.feedletter.identity.Placement;
import org.feedletter.identity.Representative;
import org.feedletter.ingest.normalize.CandidateItem;
import org.feedletter.store.IngestTransaction;
import org.feedletter.store.ItemDraft;
import org.feedletter.store.StoredEntry;

/**
 * The other half of writing an ingest's decision: the items it touched, and making each show what its entries now
 * say ({@link ShownFacts}). {@link IngestWriter} writes the entries and tells this which item each went to; at the
 * end {@link #write} updates the items' rows, with a revision for each whose own entry changed what it shows.
 *
 * <p>An item shows a function of its entries, so what it showed before is worked out from the entries the decision
 * read, not read again; an item whose facts do not change is not written, and stored HTML is read only when an
 * item's text comes from another entry than before.
 */
final class TouchedItems {

    private final IngestDecider.Decision decision;
    private final long feedId;
    private final Instant now;
    private final Map<Long, Touched> touched = new TreeMap<>();
    /** Items with one entry, which changed: they show that entry's new draft as it is. */
    private final Map<Long, ItemDraft> singleUpdates = new HashMap<>();

    TouchedItems(IngestDecider.Decision decision, long feedId, Instant now) {
        this.decision = decision;
        this.feedId = feedId;
        this.now = now;
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
        /** Entries another item took (see {@link #took}): not among its entries after, whatever else added them. */
        final Set<String> left = new HashSet<>();
        boolean revised;

        /** What the item showed before this ingest (worked out once: asked for twice). */
        ShownFacts shownBefore() {
            if (shownBefore == null) {
                shownBefore = shownBy(before);
            }
            return shownBefore;
        }
    }

    /** A new item from one group of entries (usually one entry): what that group says. */
    static ItemDraft newItemFacts(Placement.Outcome o, Map<EntryEvidence, CandidateItem> entryOf) {
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

    /** A new item that later groups of the same poll join: what it shows is worked out once they have. */
    void joinedNew(long itemId) {
        touched.computeIfAbsent(itemId, k -> new Touched());
    }

    /**
     * A group joins the item {@code itemId}: the stored items {@code itemIds} (merged into it when more than one), or,
     * when there are none, the new item of an earlier group of the same poll. It shows what all their entries say.
     *
     * @return the entry whose HTML the item showed, when it is one stored item (not a merge) and has one; else null
     */
    EntryEvidence joined(long itemId, List<Long> itemIds) {
        Map<Long, List<StoredEntry>> stored = decision.storedEntries();
        EntryEvidence textFrom = null;
        Touched t = touched.computeIfAbsent(itemId, k -> new Touched());
        if (itemIds.size() == 1) {
            t.before = stored.getOrDefault(itemId, List.of()).stream()
                    .map(s -> Known.stored(s, decision.evidenceOf(s))).toList();
            textFrom = textFrom(t);
        }
        for (long joined : itemIds) {
            stored.getOrDefault(joined, List.of()).forEach(s -> {
                Known k = Known.stored(s, decision.evidenceOf(s));
                t.after.put(k.key(), k);
            });
        }
        return textFrom;
    }

    /**
     * Stored entries of item {@code fromItem} move to the item {@code itemId}: a new one or one a group joins
     * (touched as a whole, see {@link #joinedNew} and {@link #joined}), or a stored one they are sent to: both show
     * what their entries then say.
     */
    void took(long itemId, long fromItem, List<StoredEntry> taken) {
        Touched to = touched.containsKey(itemId) ? touched.get(itemId) : asStored(itemId); // sent to an item
        Touched from = asStored(fromItem);
        for (StoredEntry s : taken) {
            Known k = Known.stored(s, decision.evidenceOf(s));
            to.after.put(k.key(), k);
            from.left.add(k.key());
        }
    }

    /**
     * A stored item that entries leave or come to (nothing else of this ingest touching it as a whole): its entries
     * as stored, and after this ingest those less the entries gone and with those come.
     */
    private Touched asStored(long itemId) {
        Touched t = touched.computeIfAbsent(itemId, k -> new Touched());
        if (t.before == null) {
            t.before = decision.storedEntries().getOrDefault(itemId, List.of()).stream()
                    .map(s -> Known.stored(s, decision.evidenceOf(s))).toList();
            t.before.forEach(known -> t.after.put(known.key(), known));
        }
        return t;
    }

    /** An arriving entry written to {@code itemId}; counts only for items touched as a whole (not a new one alone). */
    void arrived(long itemId, EntryEvidence ev, CandidateItem entry, boolean keepsContent) {
        Touched t = touched.get(itemId);
        if (t != null) {
            Known k = Known.arriving(ev, entry, keepsContent);
            t.after.put(k.key(), k);
        }
    }

    /** Whether the item is touched as a whole: it has other entries this ingest joined, merged or changed. */
    boolean touches(long itemId) {
        return touched.containsKey(itemId);
    }

    /** A changed entry of this feed, alone in its item: the item shows its new draft. */
    void changedAlone(long itemId, CandidateItem entry) {
        singleUpdates.put(itemId, entry.draft());
    }

    /** A changed entry of this feed in an item with other entries ({@code before}, as stored before this ingest). */
    void changed(long itemId, List<StoredEntry> before, EntryEvidence ev, CandidateItem entry) {
        Touched t = touched.computeIfAbsent(itemId, k -> {
            Touched fresh = new Touched();
            fresh.before = before.stream().map(s -> Known.stored(s, decision.evidenceOf(s))).toList();
            fresh.before.forEach(known -> fresh.after.put(known.key(), known));
            return fresh;
        });
        Known arrived = Known.arriving(ev, entry, true);
        t.after.put(arrived.key(), arrived);
        t.revised = true;
    }

    /**
     * Whether an entry joining an item may one day give it its text, so its HTML must be kept: not a copy under the
     * same URL as the entry the text comes from that ranks below it, which it always will (most exact duplicates).
     */
    static boolean mayShowItsText(EntryEvidence joining, EntryEvidence textFrom) {
        return textFrom == null || joining.canonicalUrl() == null
                || !joining.canonicalUrl().equals(textFrom.canonicalUrl())
                || Representative.ranksAboveUnderOneUrl(joining, textFrom);
    }

    /** Updates the touched items' rows; call once every entry is written. */
    void write(IngestTransaction tx) {
        if (!singleUpdates.isEmpty()) {
            ItemRevisions.record(tx, singleUpdates, now); // before the update overwrites the old title and text
            Map<Long, Long> shownFrom = new HashMap<>();
            singleUpdates.keySet().forEach(id -> shownFrom.put(id, feedId));
            tx.itemWrites().updateFacts(singleUpdates, shownFrom, now);
        }
        showWhatEntriesSay(tx);
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
     * Makes each touched item show what its entries now say. What it showed before is what its entries before this
     * ingest say (an item always shows what its entries say); unchanged, it is not written, and its HTML is kept
     * while its text comes from the same unchanged entry. Items whose own entries changed get a revision when what
     * they show did.
     */
    private void showWhatEntriesSay(IngestTransaction tx) {
        Map<Long, ShownFacts> shown = new HashMap<>();
        Set<Long> keepingContent = new HashSet<>();
        Set<Long> readContent = new TreeSet<>();
        touched.forEach((itemId, t) -> {
            t.left.forEach(t.after::remove);
            ShownFacts now = shownBy(t.after.values());
            if (t.before != null) {
                ShownFacts before = t.shownBefore();
                boolean sameText = Objects.equals(now.contentEntry(), before.contentEntry())
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
            tx.entryWrites().keepItemFactsInEntries(keepFacts);
        }
        Map<Long, Map<String, String>> html = readContent.isEmpty() ? Map.of()
                : tx.entryReads().contentsOf(readContent);
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
        tx.itemWrites().updateFacts(facts, shownFrom, now, keepingContent);
    }

    private static ShownFacts shownBy(Collection<Known> entries) {
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

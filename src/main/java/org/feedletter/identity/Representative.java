package org.feedletter.identity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Which of an item's entries the item shows (its title, URL, author, date and text), by rule, whatever order they
 * came in: first an entry on its own feed's site (the publisher's page, not an aggregator's link to it); then one
 * that does not call itself a copy (a partner's republication on its own site does; the publisher's note on a piece
 * it moved, on the site the others name for the original under its earlier address, does not); then one under the
 * URL the publisher dated latest (when its own entries disagree on the URL and those under one give a later date,
 * stated change or publication, than all the others: a retitled piece whose slug changed with its title, a site that
 * moved); then the one under the URL the most feeds name, by carrying it or by declaring it as the original (an
 * aggregator's listing declares nothing by naming the page it picked up); then the earliest published; then, for
 * equal entries, the feed URL and the entry key. So a partner's copy never wins over the publisher's own entry once
 * that has arrived, and the same entries always give the same choice.
 */
public final class Representative {

    private Representative() {}

    /**
     * @param order the entries, the representative first, the others in the order they stand in for it where it
     *     lacks something (an author, a text)
     * @param reason why the first was chosen, for people
     */
    public record Ranking(List<EntryEvidence> order, String reason) {

        public EntryEvidence chosen() {
            return order.get(0);
        }
    }

    /**
     * Whether {@code a} ranks above {@code b}, two entries under the same canonical URL (as many feeds name one as
     * the other, so the rest of the rule decides, and always will, whatever entries come later).
     */
    public static boolean ranksAboveUnderOneUrl(EntryEvidence a, EntryEvidence b) {
        return UNDER_ONE_URL.compare(a, b) < 0;
    }

    private static final Comparator<EntryEvidence> UNDER_ONE_URL = Comparator
            .comparing((EntryEvidence e) -> !e.marks().ownSite())
            .thenComparing(e -> e.marks().copy())
            .thenComparing(EntryEvidence::published)
            .thenComparing(EntryEvidence::feedKey)
            .thenComparing(EntryEvidence::sourceKey);

    public static Ranking rank(Collection<EntryEvidence> entries) {
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("an item has at least one entry");
        }
        Map<String, Integer> support = support(entries);
        Set<String> named = namedOriginals(entries);
        String current = changedLast(entries, named);
        Comparator<EntryEvidence> byRule = Comparator
                .comparing((EntryEvidence e) -> !e.marks().ownSite())
                .thenComparing(e -> callsItselfACopy(e, named))
                .thenComparing(e -> current == null || !current.equals(e.canonicalUrl()))
                .thenComparing(e -> -support.getOrDefault(e.canonicalUrl(), 0))
                .thenComparing(EntryEvidence::published)
                .thenComparing(EntryEvidence::feedKey)
                .thenComparing(EntryEvidence::sourceKey);
        List<EntryEvidence> order = new ArrayList<>(entries);
        order.sort(byRule);
        return new Ranking(List.copyOf(order), reason(order, support, named, current));
    }

    /**
     * The URL under which the publisher's own entries (on their feed's site, not copies, all on one site) show the
     * piece as it is now, when they disagree on the URL: the one they date latest, later than any entry under another
     * URL was published or changed, by a stated change (updated after it was published: a retitled piece whose slug
     * changed with its title) or by publishing it there later (a site that moved gives its pieces new addresses and
     * dates some at the move). Null when they agree, when two URLs share the latest date, or when an entry's date is
     * only when it was first seen. Feeds fetched at different moments show a piece before and after it changed or
     * moved; more of them may carry the old address, but only the publisher's later date says which is now.
     */
    private static String changedLast(Collection<EntryEvidence> entries, Set<String> named) {
        Map<String, Instant> latest = new HashMap<>();
        String changed = null;
        Instant changedAt = null;
        for (EntryEvidence e : entries) {
            if (!e.marks().ownSite() || callsItselfACopy(e, named) || e.canonicalUrl() == null
                    || e.marks().undated()) {
                continue;
            }
            Instant at = datedLast(e);
            latest.merge(e.canonicalUrl(), at, (x, y) -> x.isAfter(y) ? x : y);
            if (changedAt == null || at.isAfter(changedAt)) {
                changed = e.canonicalUrl();
                changedAt = at;
            }
        }
        if (changed == null || latest.size() < 2) {
            return null;
        }
        String host = EntryEvidence.host(changed);
        for (Map.Entry<String, Instant> url : latest.entrySet()) {
            if (!url.getKey().equals(changed) && !url.getValue().isBefore(changedAt)
                    || !Objects.equals(host, EntryEvidence.host(url.getKey()))) {
                return null; // not later than all, or on two sites: which is the publisher's is the next rules' call
            }
        }
        return changed;
    }

    /** When the entry says the piece last changed: its update when after its publication, else its publication. */
    private static Instant datedLast(EntryEvidence e) {
        return e.updated() != null && e.updated().isAfter(e.published()) ? e.updated() : e.published();
    }

    /**
     * For each canonical URL, how many feeds carry an entry under it or name it as an original. An aggregator's
     * listing (its feed says it took the entry from another) names the page it picked up, which may be a partner's
     * copy: that says which page was passed around, not which came first, so it counts for neither.
     */
    private static Map<String, Integer> support(Collection<EntryEvidence> entries) {
        Map<String, Set<Long>> feeds = new HashMap<>();
        for (EntryEvidence e : entries) {
            if (e.canonicalUrl() != null) {
                feeds.computeIfAbsent(e.canonicalUrl(), k -> new HashSet<>()).add(e.feedId());
            }
            if (e.marks().aggregated()) {
                continue;
            }
            for (String declared : e.declaredOriginals()) {
                feeds.computeIfAbsent(declared, k -> new HashSet<>()).add(e.feedId());
            }
        }
        Map<String, Integer> counts = new HashMap<>();
        feeds.forEach((url, ids) -> counts.put(url, ids.size()));
        return counts;
    }

    /**
     * Whether the entry says it is a copy. A line that says where it first appeared, linking nowhere, on an entry whose
     * site is where the other entries say the original is, under another address, is the publisher's own note on a
     * piece it moved and republished ("first published as a Quick Comment on 8 November"): that entry is the
     * publisher's, not a copy. (A partner whose page another copy names, under that page's own address, is not so.)
     */
    private static boolean callsItselfACopy(EntryEvidence e, Set<String> named) {
        Marks m = e.marks();
        if (!m.copy()) {
            return false;
        }
        if (!m.attribution() || m.declaresOriginal() || m.aggregated() || e.canonicalUrl() == null) {
            return true;
        }
        String host = EntryEvidence.host(e.canonicalUrl());
        return host == null || named.stream()
                .noneMatch(url -> !url.equals(e.canonicalUrl()) && host.equals(EntryEvidence.host(url)));
    }

    /** The URLs the entries name as the original's (an aggregator's listing names only the page it picked up). */
    private static Set<String> namedOriginals(Collection<EntryEvidence> entries) {
        Set<String> urls = new HashSet<>();
        for (EntryEvidence e : entries) {
            if (!e.marks().aggregated()) {
                urls.addAll(e.declaredOriginals());
            }
        }
        return urls;
    }

    private static String reason(List<EntryEvidence> order, Map<String, Integer> support, Set<String> named,
            String current) {
        EntryEvidence chosen = order.get(0);
        if (order.size() == 1) {
            return "the item's only entry";
        }
        EntryEvidence next = order.get(1);
        int chosenSupport = support.getOrDefault(chosen.canonicalUrl(), 0);
        if (chosen.marks().ownSite() && !next.marks().ownSite()) {
            return "the only entry on its own feed's site (the others link elsewhere)";
        }
        if (!callsItselfACopy(chosen, named) && callsItselfACopy(next, named)) {
            if (chosen.marks().copy()) {
                return "the publisher's own republication, on the site the others name for the original under an "
                        + "earlier address; the next one is a copy (" + next.marks().describe() + ")";
            }
            return "does not call itself a copy; the next one does (" + next.marks().describe() + ")";
        }
        if (current != null && current.equals(chosen.canonicalUrl())) {
            EntryEvidence last = order.stream().filter(e -> current.equals(e.canonicalUrl()) && e.marks().ownSite()
                    && !e.marks().undated()).max(Comparator.comparing(Representative::datedLast)).orElse(chosen);
            return datedLast(last).equals(last.published())
                    ? "under the URL the publisher's own entries give it since it last dated it (published there "
                    + last.published() + "); the next one shows it at an earlier address"
                    : "under the URL the publisher's own entries show since its latest stated change (updated "
                    + last.updated() + "); the next one shows an earlier version";
        }
        if (chosenSupport > support.getOrDefault(next.canonicalUrl(), 0)) {
            return "under the URL that " + chosenSupport + " feeds carry or name as the original";
        }
        if (chosen.published().isBefore(next.published())) {
            return "published first";
        }
        return "equal on every rule; the first by feed URL and entry key";
    }
}

package org.feedletter.ingest.dedup;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.feedletter.config.DedupSettings;
import org.feedletter.identity.PieceMatcher;
import org.feedletter.identity.Placement;
import org.feedletter.identity.TitleAffixes;
import org.feedletter.ingest.normalize.CandidateItem;
import org.feedletter.store.IngestTransaction;
import org.feedletter.store.ItemSource;
import org.feedletter.store.ItemStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores a feed's entries, each distinct piece once. Which piece an entry is, is decided by the identity package
 * ({@link Placement}): the same canonical URL, a declared original, or texts, titles, authors and times that
 * agree; every entry that carried a piece is kept with its facts, its evidence and the rule that joined it, and the
 * item shows what its entries say ({@link ShownFacts}), so the same entries make the same items whatever order they
 * came in. All of one feed's entries land in one transaction. It decides, and inserts its new items, in parallel with
 * other feeds; then it takes the identity lock, under which every entry is written and numbered, and looks at what
 * was committed since it looked. If any of that concerns its entries it runs again with the lock taken first, so
 * concurrent polls of overlapping feeds decide as if one after the other, and none fails for a race.
 */
public final class ItemIngestor {

    private static final Logger log = LoggerFactory.getLogger(ItemIngestor.class);

    public static final String RULE_NEW = "new";
    public static final String RULE_CANONICAL_URL = "canonical-url";
    public static final String RULE_DECLARED_ORIGINAL = "declared-original";
    public static final String RULE_FINGERPRINT = "fingerprint";
    public static final String RULE_TITLE = "title";

    private final ItemStore items;
    private final CandidateIndex index;
    private final IngestDecider decider;
    /** False with only the URL rules: the candidate index is then never built. */
    private final boolean comparesTexts;

    public ItemIngestor(ItemStore items) {
        this(items, DedupSettings.defaults());
    }

    public ItemIngestor(ItemStore items, DedupSettings dedup) {
        this.items = items;
        this.comparesTexts = dedup.comparesTexts();
        this.index = new CandidateIndex(dedup.window());
        this.decider = new IngestDecider(new Placement(new PieceMatcher(dedup)), index);
    }

    /** Ingests entries of the feed with this id; its URL and site are read from the feed's row. */
    public IngestReport ingest(long feedId, List<CandidateItem> entries, Instant now) {
        return ingest(FeedSite.unknown(feedId), entries, now);
    }

    /** Ingests entries of a feed whose URL and site link are known (the site link of the document just fetched). */
    public IngestReport ingest(FeedSite site, List<CandidateItem> entries, Instant now) {
        List<CandidateItem> distinct = distinctBySourceKey(entries);
        if (distinct.isEmpty()) {
            return IngestReport.NOTHING;
        }
        List<String> titles = distinct.stream().map(CandidateItem::title).filter(t -> t != null && !t.isBlank())
                .toList();
        boolean datesAlike = datesAlike(distinct);
        IngestWriter[] writer = new IngestWriter[1];
        long[] seq = {-1};
        IngestReport report = items.inTransaction((IngestTransaction tx, int attempt) -> {
            writer[0] = null;
            // A second attempt lost a race: it decides with the lock taken, and so cannot lose again.
            IngestReport r = ingest(tx, site, titles, datesAlike, distinct, now, attempt > 1, writer);
            seq[0] = tx.fingerprintSeq();
            return r;
        });
        if (comparesTexts && writer[0] != null && seq[0] >= 0) {
            index.committed(seq[0], writer[0].written(), now);
        }
        return report;
    }

    /**
     * One attempt. It decides, and inserts the new items, without the identity lock, so feeds do that in parallel;
     * then takes the lock and reads what other transactions committed since it looked. If any of that could change
     * its decision, it rolls back and runs again with the lock taken first; else it writes the rest and commits
     * holding the lock.
     */
    private IngestReport ingest(IngestTransaction tx, FeedSite given, List<String> titles, boolean datesAlike,
            List<CandidateItem> entries, Instant now, boolean lockFirst, IngestWriter[] writer) {
        Map<String, ItemSource> known = tx.entryReads().byGuid(given.feedId(),
                entries.stream().map(CandidateItem::sourceKey).toList());
        List<CandidateItem> arriving = new ArrayList<>();
        Map<CandidateItem, ItemSource> changed = new HashMap<>();
        int unchanged = 0;
        for (CandidateItem entry : entries) {
            ItemSource source = known.get(entry.sourceKey());
            if (source != null && source.versionHash().equals(entry.versionHash())) {
                unchanged++;
            } else if (drafted(given.feedId(), entry)) { // else left out, and tried again at the next poll
                if (source != null) {
                    changed.put(entry, source);
                } else {
                    arriving.add(entry);
                }
            }
        }
        if (arriving.isEmpty() && changed.isEmpty()) {
            return new IngestReport(0, 0, Map.of(), unchanged);
        }
        FeedSite site = given.feedUrl() != null ? given : tx.itemReads().feedLinks(given.feedId())
                .map(l -> new FeedSite(given.feedId(), l.url(), l.siteLink())).orElse(given);
        if (comparesTexts) {
            index.catchUp(tx, now); // the costly first read of a large store, before the lock
        }
        if (lockFirst) {
            readUnderLock(tx, now);
        }
        long looked = index.mark();
        TitleAffixes affixes = TitleAffixes.learn(titles); // from every title of the document, when it brings news
        IngestDecider.Decision decision = decider.decide(tx, site, affixes, datesAlike, arriving, changed);
        writer[0] = new IngestWriter(site.feedId(), now);
        List<Long> newIds = writer[0].insertNewItems(tx, decision);
        if (!lockFirst) {
            readUnderLock(tx, now);
            List<CandidateIndex.Written> since = comparesTexts ? index.addedSince(looked) : List.of();
            if (since == null || decider.concerns(decision, since)) {
                throw new ItemStore.Retry("entries another transaction stored meanwhile concern this feed's");
            }
        }
        return writer[0].write(tx, decision, newIds, unchanged);
    }

    /** Takes the identity lock and brings the candidate index up to every entry committed before. */
    private void readUnderLock(IngestTransaction tx, Instant now) {
        long seq = tx.lockNearDuplicates();
        if (comparesTexts) {
            index.readUpTo(tx, seq - 1, now);
        }
    }

    /**
     * Whether the document gives all of its entries, three or more, one and the same date: the time it was written
     * (a wire's feed does), which says nothing of when each was published.
     */
    static boolean datesAlike(List<CandidateItem> entries) {
        if (entries.size() < 3 || entries.get(0).feedDate() == null) {
            return false;
        }
        Instant first = entries.get(0).feedDate();
        return entries.stream().allMatch(e -> first.equals(e.feedDate()));
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
     * Builds the entry's stored form (sanitized HTML, openings), which every new or changed entry needs; false, with
     * a warning naming the entry, when that fails. Any HTML is meant to sanitize, so a failure is a bug (as one in
     * the text writer was); it costs that entry, not the feed's other entries.
     */
    private static boolean drafted(long feedId, CandidateItem entry) {
        try {
            entry.draft();
            return true;
        } catch (RuntimeException e) {
            log.warn("feed {}: entry {} not stored, its content could not be processed: {}", feedId,
                    entry.sourceKey(), e.toString(), e);
            return false;
        }
    }
}

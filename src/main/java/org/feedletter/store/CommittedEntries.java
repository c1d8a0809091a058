package org.feedletter.store;

import static org.feedletter.store.IngestSql.chunks;
import static org.feedletter.store.IngestSql.utc;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;

/**
 * What other transactions committed, read by the entries' sequence numbers (the identity lock's): how far the
 * committed numbers go, and the entries numbered in a range, for every process's candidate index.
 */
public final class CommittedEntries {

    private final Handle h;

    CommittedEntries(Handle h) {
        this.h = h;
    }

    /**
     * The highest sequence number committed, read without the lock: every entry numbered up to it is committed,
     * since each was written and committed under the lock with the number's update.
     */
    public long lastSeq() {
        return h.createQuery("SELECT seq FROM dedup_locks WHERE slot = 0").mapTo(Long.class).one();
    }

    /**
     * Streams the entries numbered in (after, upTo], in no particular order, published from {@code publishedFrom}
     * on or first seen from {@code seenFrom} on, with their evidence (no facts).
     */
    public void forEach(long after, long upTo, Instant publishedFrom, Instant seenFrom,
            Consumer<StoredEntry> action) {
        // By the seq index alone, then the feeds' URLs: joined with feeds, H2 planned a scan of every entry.
        List<StoredEntry> read = new ArrayList<>();
        Set<Long> feedIds = new java.util.HashSet<>();
        h.createQuery("SELECT " + EntryReads.ENTRY_COLUMNS.replace(", f.url AS feed_url", ", NULL AS feed_url")
                        + " FROM item_sources s WHERE s.seq > :after AND s.seq <= :upTo "
                        + "AND (s.published_at >= :publishedFrom OR s.first_seen_at >= :seenFrom)")
                .bind("after", after)
                .bind("upTo", upTo)
                .bind("publishedFrom", utc(publishedFrom))
                .bind("seenFrom", utc(seenFrom))
                .setFetchSize(1000)
                .map((rs, ctx) -> EntryReads.mapEntry(rs, ctx, false))
                .forEach(e -> {
                    read.add(e);
                    feedIds.add(e.source().feedId());
                });
        Map<Long, String> urls = new HashMap<>();
        for (List<Long> chunk : chunks(feedIds)) {
            h.createQuery("SELECT id, url FROM feeds WHERE id IN (<ids>)").bindList("ids", chunk)
                    .map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getString(2)))
                    .forEach(e -> urls.put(e.getKey(), e.getValue()));
        }
        for (StoredEntry e : read) {
            action.accept(new StoredEntry(e.source(), urls.get(e.source().feedId()), e.seq(), e.facts(),
                    e.evidence(), e.hasContent(), e.factsInItem()));
        }
    }
}

package org.feedletter.store;

import static org.feedletter.store.IngestSql.chunks;
import static org.feedletter.store.IngestSql.cut;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Reading and writing item aliases (item_aliases) in an ingest: the other public ids an item stands under, a merged
 * entry's URL or a declared original.
 */
public final class AliasRows {

    private final Handle h;
    /** Rows inserted in this transaction, for {@link IngestTransactions}' analyses. */
    int inserted;

    AliasRows(Handle h) {
        this.h = h;
    }

    /** Aliases under these public ids, by public id. */
    public Map<String, List<ItemAlias>> byPublicId(Collection<String> publicIds) {
        Map<String, List<ItemAlias>> found = new HashMap<>();
        for (List<String> chunk : chunks(publicIds)) {
            h.createQuery("SELECT public_id, item_id, kind, url FROM item_aliases WHERE public_id IN (<ids>) "
                            + "ORDER BY item_id")
                    .bindList("ids", chunk)
                    .map((rs, ctx) -> new ItemAlias(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4)))
                    .forEach(a -> found.computeIfAbsent(a.publicId(), k -> new ArrayList<>()).add(a));
        }
        return found;
    }

    /** Deletes these aliases (by public id and item; kind and URL are not looked at). */
    public void delete(Collection<ItemAlias> aliases) {
        if (aliases.isEmpty()) {
            return;
        }
        PreparedBatch batch = h.prepareBatch("DELETE FROM item_aliases WHERE public_id = :publicId "
                + "AND item_id = :itemId");
        for (ItemAlias a : aliases) {
            batch.bind("publicId", a.publicId()).bind("itemId", a.itemId()).add();
        }
        batch.execute();
    }

    public void insert(Collection<ItemAlias> aliases) {
        if (aliases.isEmpty()) {
            return;
        }
        PreparedBatch batch = h.prepareBatch("INSERT INTO item_aliases (public_id, item_id, kind, url) "
                + "VALUES (:publicId, :itemId, :kind, :url)");
        for (ItemAlias a : aliases) {
            batch.bind("publicId", a.publicId()).bind("itemId", a.itemId()).bind("kind", a.kind())
                    .bind("url", cut(a.url(), 2048)).add();
        }
        batch.execute();
        inserted += aliases.size();
    }
}

package org.feedletter.web.admin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.feedletter.ingest.dedup.ItemProvenance;
import org.feedletter.ingest.dedup.ProvenanceLookup;
import org.feedletter.manage.ItemOperations;
import org.feedletter.store.OperatorViews;
import org.feedletter.store.StoredItem;

/**
 * {@code /admin/items}: the newest items, a search by the names {@code feedletter items why} takes, and each item's
 * provenance: every entry that carried it, with the dedup rule that joined it and what the rule saw.
 */
public final class ItemsSection implements AdminSection {

    private static final int RECENT = 50;

    private final ItemOperations items;
    private final ProvenanceLookup lookup;

    public ItemsSection(ItemOperations items) {
        this.items = items;
        this.lookup = items.lookup();
    }

    @Override
    public void addTo(AdminRouter admin) {
        admin.page("/admin/items", this::list);
        admin.page("/admin/items/{id}", this::detail);
    }

    private void list(AdminExchange exchange) {
        String query = exchange.query("q").strip();
        List<OperatorViews.ItemSummary> shown = query.isEmpty() ? items.recent(RECENT)
                : items.summaries(lookup.find(query).stream().map(StoredItem::id).toList());
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("q", query);
        model.put("items", shown.stream().map(ItemsSection::row).toList());
        exchange.render("admin/items.ftlh", model);
    }

    private static Map<String, Object> row(OperatorViews.ItemSummary item) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", item.id());
        row.put("title", item.title());
        row.put("url", orEmpty(item.canonicalUrl()));
        row.put("firstSeen", AdminFormat.time(item.firstSeenAt()));
        row.put("sources", item.sources());
        row.put("merged", item.merged());
        return row;
    }

    private void detail(AdminExchange exchange) {
        Optional<ItemProvenance> found = id(exchange.path("id")).flatMap(lookup::of);
        if (found.isEmpty()) {
            exchange.notFound("There is no item " + exchange.path("id") + ".");
            return;
        }
        ItemProvenance provenance = found.get();
        StoredItem item = provenance.item();
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("id", item.id());
        model.put("publicId", item.publicId());
        model.put("title", item.title());
        model.put("url", orEmpty(item.canonicalUrl()));
        model.put("published", AdminFormat.time(item.published()));
        model.put("firstSeen", AdminFormat.time(item.firstSeenAt()));
        model.put("shownFrom", feedName(provenance.shownFrom()));
        model.put("whyShown", provenance.whyShown());
        model.put("aliases", provenance.alsoUnder().stream().map(alias -> Map.of("url", alias.url(),
                "why", alias.why())).toList());
        List<Map<String, Object>> sources = new ArrayList<>();
        for (ItemProvenance.Source source : provenance.sources()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("feed", feedName(source.feed()));
            row.put("feedId", source.feed().id());
            row.put("guid", source.guid());
            row.put("url", orEmpty(source.originalUrl()));
            row.put("firstSeen", AdminFormat.time(source.firstSeenAt()));
            row.put("published", AdminFormat.time(source.carried().published()));
            row.put("title", source.carried().titleFolded());
            row.put("authors", source.carried().authors());
            row.put("texts", source.carried().texts());
            row.put("marks", source.carried().marks());
            row.put("shown", source.shown());
            row.put("rule", source.rule());
            row.put("evidence", orEmpty(source.evidence()));
            sources.add(row);
        }
        model.put("sources", sources);
        exchange.render("admin/item.ftlh", model);
    }

    /** A path id that cannot be an item's is no item either: the same 404. */
    private static Optional<Long> id(String text) {
        try {
            return Optional.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String feedName(ItemProvenance.Feed feed) {
        return feed.label() == null ? "feed " + feed.id() + " (removed)" : feed.label();
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }
}

package org.feedletter.web.mergedfeed;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.feedletter.config.NewsletterConfig;
import org.feedletter.config.SecretUrls;
import org.feedletter.config.WebConfig;
import org.feedletter.digest.ItemFacts;
import org.feedletter.digest.ItemFilter;
import org.feedletter.ingest.normalize.CanonicalUrl;
import org.feedletter.store.FeedStore;
import org.feedletter.store.ItemSource;
import org.feedletter.store.ItemStore;
import org.feedletter.store.ItemStore.IndexEntry;
import org.feedletter.store.StoredFeed;
import org.feedletter.store.StoredItem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The merged feeds (all items, and each newsletter's), kept as ready-to-serve bytes. A watcher reads the items'
 * change counter every {@link #CHECK_EVERY_MS} ms (other nodes bump it too) and, when it moved, builds every
 * subscription document again in all three formats, plain and gzip. Archive pages are built on their first
 * request after a change and kept. Requests only ever read the current snapshot.
 *
 * <p>Paging follows RFC 5005. Items are numbered in the order they arrived, which never changes; archive page k
 * holds numbers (k-1)*50 .. k*50-1 and exists once full, so its content is stable. The subscription document
 * holds the newest 50 and links the archive page before it ({@code prev-archive}, and {@code next} for readers
 * of paged feeds). Within a document, entries are newest first by publication date.
 *
 * <p>With a WebSub hub ({@code web.hub}), each subscription document is a topic: it names the hub and itself
 * ({@code rel="hub"}, {@code rel="self"}, in the body and in a Link header), and a rebuild that changes it queues
 * one ping to the hub for it ({@link HubNotifier}). Each format is a topic of its own, as readers subscribe to the
 * URL they read. Archive pages are no topics: once full they never change.
 */
public final class MergedFeeds implements AutoCloseable {

    static final int PAGE_SIZE = 50;
    static final long CHECK_EVERY_MS = 1000;
    private static final int MAX_CACHED_ARCHIVE_PAGES = 512;
    private static final Logger log = LoggerFactory.getLogger(MergedFeeds.class);

    private final ItemStore items;
    private final FeedStore feeds;
    private final List<NewsletterConfig> newsletters;
    private final WebConfig web;
    private final AtomWriter atom = new AtomWriter();
    private final RssWriter rss = new RssWriter();
    private final JsonFeedWriter json = new JsonFeedWriter();
    /** The hub to tell of changed topics; null without one. */
    private final HubNotifier hub;
    private final ScheduledExecutorService watcher;
    private volatile Snapshot snapshot;
    /**
     * For each newsletter whose filter reads whole texts: its verdict on each item, with the item's change time. An
     * item's HTML is read only when it is new or changed since, not at every rebuild.
     */
    private final Map<String, Map<Long, Verdict>> verdictsWithText = new HashMap<>();

    /** A verdict, and what it was reached on besides the item's HTML: its change time and its feeds. */
    private record Verdict(Instant changedAt, List<URI> feeds, boolean included) {}

    /** One feed: every item, or one newsletter's. {@code ids} in arrival order. */
    /** @param language a BCP 47 tag, or empty */
    private record Scope(String key, String feedId, String title, String description, String path, long[] ids,
            String language) {}

    private record Key(String scope, FeedFormat format, int page) {}

    private record Snapshot(long version, Map<String, Scope> scopes, Map<Key, FeedBody> current,
            Map<Key, FeedBody> archives) {}

    public MergedFeeds(ItemStore items, FeedStore feeds, List<NewsletterConfig> newsletters, WebConfig web) {
        this(items, feeds, newsletters, web, Optional.empty());
    }

    /** @param hub the WebSub hub to name in the feeds and tell of changes; closed with this */
    public MergedFeeds(ItemStore items, FeedStore feeds, List<NewsletterConfig> newsletters, WebConfig web,
            Optional<HubNotifier> hub) {
        this.items = items;
        this.feeds = feeds;
        this.newsletters = List.copyOf(newsletters);
        this.web = web;
        this.hub = hub.orElse(null);
        this.watcher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "merged-feed");
            t.setDaemon(true);
            return t;
        });
    }

    /** Builds the documents now, then keeps them current in the background. */
    public void start() {
        refresh();
        watcher.scheduleWithFixedDelay(this::refreshQuietly, CHECK_EVERY_MS, CHECK_EVERY_MS, TimeUnit.MILLISECONDS);
    }

    /** Rebuilds when items changed since the last build; true when it did. */
    public synchronized boolean refresh() {
        long version = items.version(); // read first: a change committed meanwhile shows at the next check
        Snapshot old = snapshot;
        if (old != null && old.version() == version) {
            return false;
        }
        long started = System.nanoTime();
        Map<String, Scope> scopes = scopes(items.index());
        Map<Key, FeedBody> current = new HashMap<>();
        Map<Long, StoredFeed> feedsById = feedsById();
        for (Scope scope : scopes.values()) {
            int from = Math.max(0, scope.ids().length - PAGE_SIZE);
            List<FeedEntry> entries = entries(scope, from, scope.ids().length, feedsById);
            for (FeedFormat format : FeedFormat.values()) {
                current.put(new Key(scope.key(), format, 0), body(scope, format, 0, entries));
            }
        }
        snapshot = new Snapshot(version, scopes, current, new ConcurrentHashMap<>());
        log.info("merged feeds rebuilt for item version {} in {} ms", version, (System.nanoTime() - started) / 1_000_000);
        if (hub != null && old != null) {
            tellHub(old, scopes, current);
        }
        return true;
    }

    /**
     * Queues a ping for each subscription document whose bytes changed. Not at the first build: nothing says it
     * changed (a restart builds the same bytes from the same items); what changed while no service ran reaches the
     * hub with the next change, as the hub then fetches the whole document.
     */
    private void tellHub(Snapshot old, Map<String, Scope> scopes, Map<Key, FeedBody> current) {
        try {
            List<String> changed = new ArrayList<>();
            for (Scope scope : scopes.values()) {
                for (FeedFormat format : FeedFormat.values()) {
                    Key key = new Key(scope.key(), format, 0);
                    FeedBody before = old.current().get(key);
                    if (before == null || !before.tag.equals(current.get(key).tag)) {
                        changed.add(url(scope, format, 0));
                    }
                }
            }
            hub.changed(changed);
        } catch (RuntimeException e) {
            log.warn("the WebSub hub is not told of this change: {}", e.toString());
        }
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) {
            log.warn("merged feeds not rebuilt, serving the previous ones: {}", e.toString());
        }
    }

    /**
     * A document of the merged feed: {@code newsletterId} null for all items; page 0 is the subscription
     * document, 1.. the archive pages. Empty for an unknown newsletter or a page that does not exist (yet).
     */
    Optional<FeedBody> document(String newsletterId, FeedFormat format, int page) {
        Snapshot s = snapshot;
        String scopeKey = newsletterId == null ? "" : newsletterId;
        Scope scope = s.scopes().get(scopeKey);
        if (scope == null) {
            return Optional.empty();
        }
        Key key = new Key(scopeKey, format, page);
        if (page == 0) {
            return Optional.ofNullable(s.current().get(key));
        }
        if (page < 0 || page > scope.ids().length / PAGE_SIZE) {
            return Optional.empty();
        }
        FeedBody cached = s.archives().get(key);
        if (cached != null) {
            return Optional.of(cached);
        }
        List<FeedEntry> entries = entries(scope, (page - 1) * PAGE_SIZE, page * PAGE_SIZE, feedsById());
        FeedBody built = body(scope, format, page, entries);
        if (s.archives().size() >= MAX_CACHED_ARCHIVE_PAGES) {
            s.archives().clear();
        }
        s.archives().put(key, built);
        return Optional.of(built);
    }

    private Map<String, Scope> scopes(List<IndexEntry> index) {
        Map<String, Scope> scopes = new LinkedHashMap<>();
        List<String> languages = newsletters.stream().map(n -> n.language().toLanguageTag()).distinct().toList();
        scopes.put("", new Scope("", "urn:feedletter:feed:all", web.title(), web.description(), "/feed",
                index.stream().mapToLong(IndexEntry::id).toArray(), languages.size() == 1 ? languages.get(0) : ""));
        Map<Long, List<URI>> feedUrls = null;
        for (NewsletterConfig n : newsletters) {
            ItemFilter filter = ItemFilter.of(n);
            if (filter.looksAtFeeds() && feedUrls == null) {
                feedUrls = items.feedUrlsOf(index.stream().map(IndexEntry::id).toList());
            }
            Map<Long, List<URI>> feedsOf = feedUrls == null ? Map.of() : feedUrls;
            long[] ids = filter.readsWholeText() ? withText(n.id(), filter, index, feedsOf)
                    : index.stream().filter(e -> filter.matches(facts(e, feedsOf, null)))
                    .mapToLong(IndexEntry::id).toArray();
            scopes.put(n.id(), new Scope(n.id(), "urn:feedletter:newsletter:" + n.id(), n.title(), n.description(),
                    "/newsletters/" + n.id() + "/feed", ids, n.language().toLanguageTag()));
        }
        return scopes;
    }

    private static ItemFacts facts(IndexEntry e, Map<Long, List<URI>> feedsOf, String html) {
        return new ItemFacts(e.title(), e.excerpt(), e.author(), e.categories(), e.language(),
                feedsOf.getOrDefault(e.id(), List.of()), e.link(), html);
    }

    /**
     * A newsletter's items when its filter reads whole texts, as its digests judge them: with each item's HTML, read
     * (in chunks) only for items new or changed since the last rebuild.
     */
    private long[] withText(String newsletterId, ItemFilter filter, List<IndexEntry> index,
            Map<Long, List<URI>> feedsOf) {
        Map<Long, Verdict> known = verdictsWithText.computeIfAbsent(newsletterId, k -> new HashMap<>());
        List<IndexEntry> toJudge = index.stream()
                .filter(e -> {
                    Verdict v = known.get(e.id());
                    return v == null || !Objects.equals(v.changedAt(), e.changedAt())
                            || !v.feeds().equals(feedsOf.getOrDefault(e.id(), List.of()));
                })
                .toList();
        for (int from = 0; from < toJudge.size(); from += 1000) {
            List<IndexEntry> chunk = toJudge.subList(from, Math.min(toJudge.size(), from + 1000));
            Map<Long, String> html = items.contentsOf(chunk.stream().map(IndexEntry::id).toList());
            for (IndexEntry e : chunk) {
                known.put(e.id(), new Verdict(e.changedAt(), feedsOf.getOrDefault(e.id(), List.of()),
                        filter.matches(facts(e, feedsOf, html.get(e.id())))));
            }
        }
        if (known.size() > index.size()) { // items merged away
            Set<Long> current = new HashSet<>();
            index.forEach(e -> current.add(e.id()));
            known.keySet().retainAll(current);
        }
        return index.stream().filter(e -> known.get(e.id()).included()).mapToLong(IndexEntry::id).toArray();
    }

    private FeedBody body(Scope scope, FeedFormat format, int page, List<FeedEntry> entries) {
        Instant updated = entries.stream().map(FeedEntry::updated).max(Comparator.naturalOrder()).orElse(Instant.EPOCH);
        FeedPage document = new FeedPage(scope.feedId(), scope.title(), scope.description(), web.author(),
                web.absolute("/"),
                updated, entries, links(scope, format, page), page > 0, scope.language());
        byte[] bytes = switch (format) {
            case ATOM -> atom.write(document);
            case RSS -> rss.write(document);
            case JSON -> json.write(document);
        };
        Instant changed = entries.stream().map(FeedEntry::changed).max(Comparator.naturalOrder()).orElse(Instant.EPOCH);
        String link = hub != null && page == 0 ? "<" + hub.hub() + ">; rel=\"hub\", <" + url(scope, format, 0)
                + ">; rel=\"self\"" : null;
        return new FeedBody(bytes, format, changed, page == 0 ? "public, max-age=60" : "public, max-age=3600", link);
    }

    /** RFC 5005 links for page {@code page} (0 = the subscription document). */
    private Map<String, String> links(Scope scope, FeedFormat format, int page) {
        int total = scope.ids().length;
        // The archive page just before the subscription document (it may overlap it; readers dedupe by id).
        int newestArchive = total <= PAGE_SIZE ? 0 : (total - PAGE_SIZE + PAGE_SIZE - 1) / PAGE_SIZE;
        Map<String, String> links = new LinkedHashMap<>();
        links.put("self", url(scope, format, page));
        if (page == 0) {
            if (hub != null) {
                links.put("hub", hub.hub().toString());
            }
            if (newestArchive > 0) {
                links.put("next", url(scope, format, newestArchive));
                links.put("prev-archive", url(scope, format, newestArchive));
            }
            return links;
        }
        links.put("current", url(scope, format, 0));
        if (page > 1) {
            links.put("prev-archive", url(scope, format, page - 1));
            links.put("next", url(scope, format, page - 1));
        }
        links.put("next-archive", url(scope, format, page < newestArchive ? page + 1 : 0));
        links.put("previous", url(scope, format, page < newestArchive ? page + 1 : 0));
        return links;
    }

    private String url(Scope scope, FeedFormat format, int page) {
        return web.absolute(scope.path() + "." + format.extension() + (page == 0 ? "" : "?page=" + page));
    }

    private List<FeedEntry> entries(Scope scope, int from, int to, Map<Long, StoredFeed> feedsById) {
        List<Long> ids = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            ids.add(scope.ids()[i]);
        }
        Map<Long, List<ItemSource>> sources = items.sourcesOf(ids);
        return items.findByIds(ids).stream()
                .sorted(Comparator.comparing(StoredItem::published).thenComparing(StoredItem::id).reversed())
                .map(item -> entry(item, sources.getOrDefault(item.id(), List.of()), feedsById, web.author()))
                .toList();
    }

    /**
     * One item as a feed entry: its first feed as the source, the others as "via" links (to the entry's own URL,
     * less tracking parameters); its author, else its first feed's name, else the site's author.
     */
    private static FeedEntry entry(StoredItem item, List<ItemSource> sources, Map<Long, StoredFeed> feedsById,
            String siteAuthor) {
        FeedEntry.Origin first = null;
        List<FeedEntry.Origin> via = new ArrayList<>();
        for (ItemSource source : sources) {
            StoredFeed feed = feedsById.get(source.feedId());
            if (feed == null) {
                continue;
            }
            FeedEntry.Origin origin = new FeedEntry.Origin(feed.label(), SecretUrls.publicForm(feed.url().toString()),
                    CanonicalUrl.withoutTracking(source.originalUrl())); // never the feed's credentials
            if (source.feedId() == item.firstFeedId() && first == null) {
                first = origin;
            } else if (via.stream().noneMatch(o -> o.feedUrl().equals(origin.feedUrl()))) {
                via.add(origin);
            }
        }
        String link = item.link() != null ? item.link() : item.canonicalUrl();
        Instant updated = item.updated() != null && item.updated().isAfter(item.published()) ? item.updated()
                : item.published();
        if (item.changedAt().isAfter(item.firstSeenAt()) && item.changedAt().isAfter(updated)) {
            updated = item.changedAt(); // what it shows changed (an entry joined or changed): readers update it in place
        }
        String author = item.author() != null && !item.author().isBlank() ? item.author()
                : first != null ? first.title() : siteAuthor;
        return new FeedEntry(item.publicId(), item.title(), link, author, item.published(), updated,
                item.contentHtml(), item.excerpt(), item.categories(), first, List.copyOf(via), item.changedAt());
    }

    private Map<Long, StoredFeed> feedsById() {
        Map<Long, StoredFeed> byId = new HashMap<>();
        feeds.listCurrent().forEach(f -> byId.put(f.id(), f));
        return byId;
    }

    @Override
    public void close() {
        if (hub != null) {
            hub.close();
        }
        watcher.shutdownNow();
        try {
            watcher.awaitTermination(10, TimeUnit.SECONDS); // a rebuild in flight finishes before the database closes
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package org.feedletter.ingest.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.feedletter.config.FeedConfig;
import org.feedletter.config.FetchSettings;
import org.feedletter.feed.fetch.FeedFetcher;
import org.feedletter.feed.parse.FeedParser;
import org.feedletter.ingest.normalize.CanonicalUrl;
import org.feedletter.ingest.normalize.EntryNormalizer;
import org.feedletter.ingest.normalize.HtmlSanitizer;
import org.feedletter.ingest.poll.EntryCap;
import org.feedletter.ingest.poll.FeedLabels;
import org.feedletter.ingest.poll.FeedRefresher;
import org.feedletter.ingest.poll.RefreshOutcome.Kind;
import org.feedletter.ingest.poll.RefreshOutcome;
import org.feedletter.store.Database;
import org.feedletter.store.FeedStore;
import org.feedletter.store.ItemSource;
import org.feedletter.store.ItemStore;
import org.feedletter.store.StoredFeed;
import org.feedletter.store.StoredItem;
import org.feedletter.testing.FeedServer;
import org.feedletter.testing.MutableClock;

/**
 * A hand-written dedup evaluation corpus (src/test/resources/dedup-corpus/NAME: eight feeds and the true pieces,
 * written apart from the code as publishers, partners and aggregators write them), served by a real HTTP server and
 * polled through the real fetcher, parser, normalizer and ingestor in a chosen order.
 */
final class DedupCorpus {

    static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    /** One feed entry and the piece it belongs to. */
    record Label(String feed, String key, String piece) {}

    /** A piece as its publisher published it. */
    record Piece(String id, String publisher, String type, boolean quickComment, String originalUrl, String title) {}

    final String name;
    final List<String> feeds;
    final List<Label> labels;
    final Map<String, Piece> pieces;
    final List<String[]> hardNegatives;

    DedupCorpus(String name) {
        this.name = name;
        this.labels = new ArrayList<>();
        Set<String> feedFiles = new LinkedHashSet<>();
        for (String[] row : rows("entries.tsv")) {
            labels.add(new Label(row[0], row[1], row[2]));
            feedFiles.add(row[0]);
        }
        this.feeds = List.copyOf(feedFiles);
        this.pieces = new LinkedHashMap<>();
        for (String[] row : rows("pieces.tsv")) {
            pieces.put(row[0], new Piece(row[0], row[1], row[2], row[3].equals("yes"), row[4], row[5]));
        }
        this.hardNegatives = rows("hard-negatives.tsv");
    }

    /** The feeds whose entries are mostly their pieces' originals (the publishers' own) first. */
    List<String> publishersFirst() {
        Map<String, Double> ownShare = new HashMap<>();
        for (String feed : feeds) {
            List<Label> of = labels.stream().filter(l -> l.feed().equals(feed)).toList();
            ownShare.put(feed, of.stream().filter(this::isOriginal).count() / (double) of.size());
        }
        List<String> order = new ArrayList<>(feeds);
        order.sort((a, b) -> Double.compare(ownShare.get(b), ownShare.get(a)));
        return order;
    }

    /** Whether the entry is its piece's own, on its publisher's site (same canonical URL as the original). */
    boolean isOriginal(Label label) {
        String link = parsed().get(label).link();
        Piece piece = pieces.get(label.piece());
        return link != null && CanonicalUrl.of(link).equals(CanonicalUrl.of(piece.originalUrl()));
    }

    /** An entry as its feed gives it. */
    record Parsed(String link, String title, Instant published, List<String> categories) {}

    private Map<Label, Parsed> parsed;

    /** Each labelled entry as parsed from its feed. */
    Map<Label, Parsed> parsed() {
        if (parsed == null) {
            Map<Label, Parsed> found = new HashMap<>();
            FeedParser parser = new FeedParser();
            for (String feed : feeds) {
                var result = parser.parse(bytes(feed), null, URI.create("https://feeds.example/" + feed));
                assertThat(result).as(feed).isInstanceOf(org.feedletter.feed.parse.ParseResult.Parsed.class);
                for (var entry : ((org.feedletter.feed.parse.ParseResult.Parsed) result).feed().entries()) {
                    String key = entry.guid() != null ? entry.guid() : entry.link().toString();
                    found.put(new Label(feed, key, null), new Parsed(entry.link() == null ? null
                            : entry.link().toString(), entry.title(), entry.published(), entry.categories()));
                }
            }
            parsed = new HashMap<>();
            for (Label label : labels) {
                Parsed p = found.get(new Label(label.feed(), label.key(), null));
                assertThat(p).as("labelled entry %s of %s is in the feed", label.key(), label.feed()).isNotNull();
                parsed.put(label, p);
            }
        }
        return parsed;
    }

    /** What one run stored: each labelled entry's item, and every item. */
    record Run(Map<Label, Long> itemOf, Map<Long, StoredItem> items, Map<Long, List<ItemSource>> sources) {

        /** The items as sets of the entries they hold: comparable between runs, whatever ids the items got. */
        Set<Set<String>> partition() {
            Map<Long, Set<String>> byItem = new TreeMap<>();
            itemOf.forEach((label, item) -> byItem.computeIfAbsent(item, k -> new TreeSet<>())
                    .add(label.feed() + " " + label.key()));
            return new LinkedHashSet<>(byItem.values());
        }

        /** What each item shows, by the entries it holds. */
        Map<Set<String>, String> facts() {
            Map<Long, Set<String>> byItem = new TreeMap<>();
            itemOf.forEach((label, item) -> byItem.computeIfAbsent(item, k -> new TreeSet<>())
                    .add(label.feed() + " " + label.key()));
            Map<Set<String>, String> facts = new HashMap<>();
            byItem.forEach((id, entries) -> {
                StoredItem i = items.get(id);
                facts.put(entries, String.join(" | ", i.title(), String.valueOf(i.link()), i.published().toString(),
                        String.valueOf(i.author()), String.join(",", new TreeSet<>(i.categories())),
                        String.valueOf(i.excerpt()), String.valueOf(i.language())));
            });
            return facts;
        }
    }

    /** Polls the feeds in {@code order}, one after another; each feed's entries are ingested together. */
    Run pollInOrder(Database database, List<String> order) {
        return poll(database, List.of(order), false);
    }

    /** Polls all feeds at once, each on its own thread, started together. */
    Run pollAtOnce(Database database) {
        return poll(database, List.of(feeds), true);
    }

    private Run poll(Database database, List<List<String>> rounds, boolean atOnce) {
        try (Rig rig = new Rig(database)) {
            ItemIngestor ingestor = new ItemIngestor(rig.items);
            for (List<String> round : rounds) {
                if (atOnce) {
                    rig.pollTogether(ingestor, round);
                } else {
                    for (String feed : round) {
                        rig.pollTogether(ingestor, List.of(feed));
                    }
                }
            }
            return rig.read();
        }
    }

    /** The corpus's feeds served over HTTP and stored as feeds of one database, to be polled again and again. */
    final class Rig implements AutoCloseable {
        final ItemStore items;
        private final Database database;
        private final FeedStore feedStore;
        private final MutableClock clock = new MutableClock(NOW);
        private final FeedServer server = FeedServer.start();
        private final FeedFetcher fetcher = new FeedFetcher(FetchSettings.defaults("feedletter-test"), clock);
        private final Map<String, Long> feedIds = new HashMap<>();
        private final FeedLabels feedLabels;

        Rig(Database database) {
            this.database = database;
            this.items = new ItemStore(database);
            this.feedStore = new FeedStore(database);
            Map<String, List<String>> categories = feedCategories();
            List<FeedConfig> configs = new ArrayList<>();
            for (String feed : feeds) {
                String path = "/" + name + "/" + feed;
                server.serve(path, feed.endsWith(".json") ? "application/feed+json" : "application/xml", bytes(feed));
                configs.add(new FeedConfig(server.url(path), feed, Duration.ofHours(1),
                        FetchSettings.DEFAULT_MAX_ENTRIES_PER_POLL, categories.getOrDefault(feed, List.of())));
            }
            feedStore.syncConfigFeeds(configs, NOW);
            for (FeedConfig config : configs) {
                feedIds.put(config.name(), feedStore.findByUrl(config.url().toString()).orElseThrow().id());
            }
            this.feedLabels = FeedLabels.of(configs);
        }

        /** Fetches, parses and ingests these feeds, each on its own thread, released together. */
        void pollTogether(ItemIngestor ingestor, List<String> which) {
            FeedRefresher refresher = new FeedRefresher(fetcher, new FeedParser(),
                    new EntryNormalizer(new HtmlSanitizer()), ingestor,
                    new EntryCap(items, FetchSettings.DEFAULT_MAX_ENTRIES_PER_POLL, List.of()), clock, feedLabels);
            if (which.size() == 1) {
                refreshOne(refresher, feedStore, feedIds.get(which.get(0)));
            } else {
                refreshTogether(refresher, feedStore, which.stream().map(feedIds::get).toList());
            }
        }

        /** Forgets every item, so the next poll starts from an empty store (the feeds stay). */
        void forgetItems() {
            database.jdbi().useHandle(h -> {
                for (String table : List.of("item_aliases", "item_revisions", "edition_updates", "edition_items",
                        "item_sources", "items")) {
                    h.execute("DELETE FROM " + table);
                }
            });
        }

        Run read() {
            return DedupCorpus.this.read(items, feedIds);
        }

        @Override
        public void close() {
            fetcher.close();
            server.close();
        }
    }

    static void refreshOne(FeedRefresher refresher, FeedStore feeds, long feedId) {
        StoredFeed feed = feeds.find(feedId).orElseThrow();
        RefreshOutcome outcome = refresher.refresh(feed);
        assertThat(outcome.kind()).as("%s: %s", feed.name(), outcome.message()).isEqualTo(Kind.FETCHED);
    }

    /** Refreshes the feeds on as many threads, released together: as a poll of several feeds at once does. */
    static void refreshTogether(FeedRefresher refresher, FeedStore feeds, List<Long> feedIds) {
        ExecutorService threads = Executors.newFixedThreadPool(feedIds.size());
        try {
            CyclicBarrier start = new CyclicBarrier(feedIds.size());
            List<Future<?>> done = new ArrayList<>();
            for (long id : feedIds) {
                done.add(threads.submit(() -> {
                    start.await();
                    refreshOne(refresher, feeds, id);
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } catch (Exception e) {
            throw new AssertionError("a concurrent poll failed: " + e.getMessage(), e);
        } finally {
            threads.shutdownNow();
        }
    }

    private Run read(ItemStore items, Map<String, Long> feedIds) {
        Map<Label, Long> itemOf = new HashMap<>();
        for (String feed : feeds) {
            List<Label> of = labels.stream().filter(l -> l.feed().equals(feed)).toList();
            Map<String, ItemSource> sources = items.inTransaction(tx -> tx.entryReads().byGuid(feedIds.get(feed),
                    of.stream().map(Label::key).toList()));
            for (Label label : of) {
                ItemSource source = sources.get(label.key());
                assertThat(source).as("entry %s of %s was stored", label.key(), feed).isNotNull();
                itemOf.put(label, source.itemId());
            }
        }
        Map<Long, StoredItem> stored = new HashMap<>();
        items.findByIds(new TreeSet<>(itemOf.values())).forEach(i -> stored.put(i.id(), i));
        return new Run(itemOf, stored, items.sourcesOf(stored.keySet()));
    }

    /** Pairwise precision and recall of a run's merges against the labels. */
    record Score(long truePairs, long mergedPairs, long correctPairs) {
        double precision() {
            return mergedPairs == 0 ? 1 : (double) correctPairs / mergedPairs;
        }

        double recall() {
            return truePairs == 0 ? 1 : (double) correctPairs / truePairs;
        }
    }

    Score score(Run run) {
        long truePairs = 0;
        long merged = 0;
        long correct = 0;
        for (int i = 0; i < labels.size(); i++) {
            for (int j = i + 1; j < labels.size(); j++) {
                boolean same = labels.get(i).piece().equals(labels.get(j).piece());
                boolean together = run.itemOf().get(labels.get(i)).equals(run.itemOf().get(labels.get(j)));
                truePairs += same ? 1 : 0;
                merged += together ? 1 : 0;
                correct += same && together ? 1 : 0;
            }
        }
        return new Score(truePairs, merged, correct);
    }

    /** Every wrong merge and every missed one, with the evidence stored: what to read when a figure drops. */
    List<String> mistakes(Run run) {
        List<String> found = new ArrayList<>();
        Map<Long, List<Label>> byItem = new TreeMap<>();
        run.itemOf().forEach((l, item) -> byItem.computeIfAbsent(item, k -> new ArrayList<>()).add(l));
        byItem.forEach((item, members) -> {
            if (members.stream().map(Label::piece).distinct().count() > 1) {
                found.add("wrongly merged, item " + item + ": " + members.stream().map(l -> l.piece() + "@" + l.feed())
                        .toList() + "\n      " + evidence(run, item));
            }
        });
        Map<String, List<Label>> byPiece = new TreeMap<>();
        labels.forEach(l -> byPiece.computeIfAbsent(l.piece(), k -> new ArrayList<>()).add(l));
        byPiece.forEach((piece, members) -> {
            Set<Long> itemIds = new TreeSet<>();
            members.forEach(m -> itemIds.add(run.itemOf().get(m)));
            if (itemIds.size() > 1) {
                StringBuilder s = new StringBuilder("missed, piece " + piece + ":");
                for (long id : itemIds) {
                    s.append("\n      item ").append(id).append(" ").append(members.stream()
                            .filter(m -> run.itemOf().get(m) == id).map(Label::feed).toList()).append(": ")
                            .append(evidence(run, id));
                }
                found.add(s.toString());
            }
        });
        return found;
    }

    private static String evidence(Run run, long item) {
        return run.sources().getOrDefault(item, List.of()).stream()
                .map(s -> s.rule() + ": " + s.evidence()).toList().toString();
    }

    /**
     * Whether any entry of the piece is filed under one of these categories, by its feed or by the config's
     * categories for its feed (letter case aside).
     */
    boolean filedUnder(String piece, List<String> categories) {
        Set<String> wanted = new HashSet<>();
        categories.forEach(c -> wanted.add(c.toLowerCase(Locale.ROOT)));
        Map<String, List<String>> configured = feedCategories();
        return labels.stream().filter(l -> l.piece().equals(piece)).anyMatch(l -> Stream
                .concat(parsed().get(l).categories().stream(), configured.getOrDefault(l.feed(), List.of()).stream())
                .anyMatch(c -> wanted.contains(c.strip().toLowerCase(Locale.ROOT))));
    }

    /**
     * The categories an operator's config gives some feeds (a type feed whose entries carry none), from the corpus's
     * optional {@code feed-categories.tsv}: a feed file, then its categories separated by tabs.
     */
    private Map<String, List<String>> feedCategories() {
        if (DedupCorpus.class.getResource("/dedup-corpus/" + name + "/feed-categories.tsv") == null) {
            return Map.of();
        }
        Map<String, List<String>> categories = new HashMap<>();
        for (String[] row : rows("feed-categories.tsv")) {
            assertThat(feeds).as("%s/feed-categories.tsv names a feed of the corpus", name).contains(row[0]);
            categories.put(row[0], List.of(row).subList(1, row.length));
        }
        return categories;
    }

    private List<String[]> rows(String file) {
        List<String[]> rows = new ArrayList<>();
        String[] lines = new String(bytes(file), StandardCharsets.UTF_8).split("\n");
        for (int i = 1; i < lines.length; i++) {
            if (!lines[i].isBlank() && !lines[i].startsWith("#")) {
                rows.add(lines[i].split("\t", -1));
            }
        }
        return rows;
    }

    byte[] bytes(String file) {
        try (InputStream in = DedupCorpus.class.getResourceAsStream("/dedup-corpus/" + name + "/" + file)) {
            assertThat(in).as(name + "/" + file).isNotNull();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

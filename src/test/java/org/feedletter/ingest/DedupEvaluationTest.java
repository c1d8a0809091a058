package org.feedletter.ingest;

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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.feedletter.feed.parse.FeedParser;
import org.feedletter.feed.parse.ParseResult;
import org.feedletter.store.Database;
import org.feedletter.store.FeedStore;
import org.feedletter.store.ItemSource;
import org.feedletter.store.ItemStore;
import org.feedletter.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The dedup evaluation set (src/test/resources/dedup-eval, written by its generate.py): six feeds with partner
 * republications under edited titles, aggregator excerpts, a URL scheme change and hard negatives, read by the
 * real parser and stored by the real ingestor; the merges are scored pair by pair against the labelled clusters.
 */
@Tag("database")
class DedupEvaluationTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    /** Copies before originals first, so merges are found in both directions. */
    private static final List<String> FEEDS = List.of("aggregator.rss", "institute.rss", "partner.json",
            "newswire.rss", "observatory.atom", "institute-new.atom");

    private Database database;
    private ItemStore items;
    private FeedStore feeds;

    @BeforeEach
    void openDatabase() {
        database = TestDatabases.fresh();
        items = new ItemStore(database);
        feeds = new FeedStore(database);
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    record Label(String cluster, String feed, String guid) {}

    record Score(long truePairs, long predictedPairs, long correctPairs) {
        double precision() {
            return predictedPairs == 0 ? 1 : (double) correctPairs / predictedPairs;
        }

        double recall() {
            return truePairs == 0 ? 1 : (double) correctPairs / truePairs;
        }
    }

    @Test
    void mergesRepublishedAndCopiedPiecesAndKeepsLookAlikesApart() {
        Map<String, Long> feedIds = ingestAll();
        List<Label> labels = labels();
        Map<Label, Long> predicted = new HashMap<>();
        for (Label label : labels) {
            predicted.put(label, itemOf(feedIds.get(label.feed()), label.guid()));
        }

        Score score = score(labels, predicted);
        System.out.printf(Locale.ROOT, "dedup evaluation: %d entries, %d true duplicate pairs, %d merged pairs, "
                        + "precision %.4f, recall %.4f%n", labels.size(), score.truePairs(), score.predictedPairs(),
                score.precision(), score.recall());
        printMistakes(labels, predicted);
        printRules(predicted);

        long showingOriginal = showingTheirOriginal(feedIds, labels, predicted);

        assertThat(labels).hasSizeGreaterThanOrEqualTo(200);
        assertThat(showingOriginal).as("items of the publishers' pieces that link to the publisher, not a copy")
                .isEqualTo(labels.stream().filter(l -> ORIGINALS.contains(l.feed())).count());
        assertThat(score.precision()).as("precision").isGreaterThanOrEqualTo(0.99);
        assertThat(score.recall()).as("recall").isGreaterThanOrEqualTo(0.95);
    }

    /** The publishers' own feeds: whatever copy came first, the item must end up showing (linking to) these. */
    private static final List<String> ORIGINALS = List.of("institute.rss", "newswire.rss", "observatory.atom");

    private long showingTheirOriginal(Map<String, Long> feedIds, List<Label> labels, Map<Label, Long> predicted) {
        long showing = 0;
        for (Label label : labels) {
            if (!ORIGINALS.contains(label.feed())) {
                continue;
            }
            long itemId = predicted.get(label);
            String link = items.findByIds(List.of(itemId)).get(0).link();
            String originalUrl = items.sourcesOf(List.of(itemId)).get(itemId).stream()
                    .filter(s -> s.feedId() == feedIds.get(label.feed()) && s.guid().equals(label.guid()))
                    .findFirst().orElseThrow().originalUrl();
            if (link.equals(originalUrl)) {
                showing++;
            } else {
                System.out.println("  item " + itemId + " shows " + link + ", not its original " + originalUrl);
            }
        }
        System.out.println("  items showing their original: " + showing);
        return showing;
    }

    private Map<String, Long> ingestAll() {
        FeedParser parser = new FeedParser();
        EntryNormalizer normalizer = new EntryNormalizer(new HtmlSanitizer());
        ItemIngestor ingestor = new ItemIngestor(items);
        Map<String, Long> ids = new HashMap<>();
        for (String name : FEEDS) {
            URI url = URI.create("https://feeds.example/" + name);
            long feedId = feeds.add(url, name, Duration.ofHours(1), NOW).id();
            ids.put(name, feedId);
            ParseResult result = parser.parse(resource(name), null, url);
            assertThat(result).as(name).isInstanceOf(ParseResult.Parsed.class);
            List<CandidateItem> entries = ((ParseResult.Parsed) result).feed().entries().stream()
                    .map(e -> normalizer.normalize(e, feedId, NOW))
                    .toList();
            ingestor.ingest(feedId, entries, NOW);
        }
        return ids;
    }

    private long itemOf(long feedId, String guid) {
        ItemSource source = items.inTransaction(tx -> tx.sources(feedId, List.of(guid))).get(guid);
        assertThat(source).as("entry %s of feed %d", guid, feedId).isNotNull();
        return source.itemId();
    }

    static Score score(List<Label> labels, Map<Label, Long> predicted) {
        long truePairs = 0;
        long predictedPairs = 0;
        long correct = 0;
        for (int i = 0; i < labels.size(); i++) {
            for (int j = i + 1; j < labels.size(); j++) {
                boolean same = labels.get(i).cluster().equals(labels.get(j).cluster());
                boolean merged = predicted.get(labels.get(i)).equals(predicted.get(labels.get(j)));
                truePairs += same ? 1 : 0;
                predictedPairs += merged ? 1 : 0;
                correct += same && merged ? 1 : 0;
            }
        }
        return new Score(truePairs, predictedPairs, correct);
    }

    /** Every wrong merge and every missed one, with the evidence stored: what to look at when a figure drops. */
    private void printMistakes(List<Label> labels, Map<Label, Long> predicted) {
        Map<Long, List<Label>> byItem = new HashMap<>();
        labels.forEach(l -> byItem.computeIfAbsent(predicted.get(l), k -> new ArrayList<>()).add(l));
        Map<String, List<Label>> byCluster = new HashMap<>();
        labels.forEach(l -> byCluster.computeIfAbsent(l.cluster(), k -> new ArrayList<>()).add(l));
        byItem.forEach((item, members) -> {
            if (members.stream().map(Label::cluster).distinct().count() > 1) {
                System.out.println("  wrongly merged into item " + item + ": " + members + " "
                        + items.sourcesOf(List.of(item)).get(item).stream().map(ItemSource::evidence).toList());
            }
        });
        byCluster.forEach((cluster, members) -> {
            if (members.stream().map(predicted::get).distinct().count() > 1) {
                System.out.println("  missed: " + members.stream().map(m -> m + " -> item " + predicted.get(m)).toList()
                        + " " + members.stream().map(predicted::get).distinct()
                                .flatMap(i -> items.sourcesOf(List.of(i)).get(i).stream())
                                .map(ItemSource::evidence).toList());
            }
        });
    }

    /** How many entries joined their item by each rule, and the closest calls among those kept apart. */
    private void printRules(Map<Label, Long> predicted) {
        Map<String, Integer> byRule = new java.util.TreeMap<>();
        List<String> nearest = new ArrayList<>();
        List<String> merged = new ArrayList<>();
        items.sourcesOf(List.copyOf(new java.util.HashSet<>(predicted.values()))).values().forEach(list -> list.forEach(s -> {
            byRule.merge(s.rule(), 1, Integer::sum);
            if (s.evidence() != null && s.evidence().startsWith("nearest")) {
                nearest.add(s.evidence());
            } else if (s.rule().equals(ItemIngestor.RULE_FINGERPRINT)) {
                merged.add(s.evidence());
            }
        }));
        System.out.println("  entries by rule: " + byRule);
        nearest.stream().sorted(java.util.Comparator.reverseOrder()).limit(Long.getLong("dedup.eval.nearest", 0))
                .forEach(e -> System.out.println("  kept apart: " + e));
        merged.stream().sorted().limit(Long.getLong("dedup.eval.nearest", 0))
                .forEach(e -> System.out.println("  merged: " + e));
    }

    private static List<Label> labels() {
        List<Label> labels = new ArrayList<>();
        for (String line : new String(resource("labels.tsv"), StandardCharsets.UTF_8).split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\t");
            labels.add(new Label(parts[0], parts[1], parts[2]));
        }
        return labels;
    }

    private static byte[] resource(String name) {
        try (InputStream in = DedupEvaluationTest.class.getResourceAsStream("/dedup-eval/" + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package org.feedletter.web.mergedfeed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.feedletter.config.FeedSelector;
import org.feedletter.config.FilterRules;
import org.feedletter.config.Include;
import org.feedletter.config.NewsletterConfig;
import org.feedletter.config.WebConfig;
import org.feedletter.feed.parse.Entry;
import org.feedletter.ingest.dedup.ItemIngestor;
import org.feedletter.ingest.normalize.EntryNormalizer;
import org.feedletter.ingest.normalize.HtmlSanitizer;
import org.feedletter.store.Database;
import org.feedletter.store.FeedStore;
import org.feedletter.store.ItemStore;
import org.feedletter.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A newsletter's merged feed holds what its filter takes: the same rules as its editions, feeds looked up. */
@Tag("database")
class MergedFeedFiltersTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private static final URI PUBLICATIONS = URI.create("https://example.org/publications.xml");
    private static final URI PARTNER = URI.create("https://partner.example.net/feed.json");

    private Database database;
    private ItemStore items;
    private FeedStore feeds;

    @BeforeEach
    void openDatabase() {
        database = TestDatabases.fresh();
        items = new ItemStore(database);
        feeds = new FeedStore(database);
        long publications = feeds.add(PUBLICATIONS, "Publications", Duration.ofMinutes(30), NOW).id();
        long partner = feeds.add(PARTNER, "Partner", Duration.ofMinutes(30), NOW).id();
        ingest(publications, entry("1", "Arctic shipping lanes", "sv-SE"), entry("2", "Sponsored: arctic cruises", "sv"),
                entry("3", "Arctic council, in English", "en"));
        ingest(partner, entry("4", "Arctic ports, from the partner", "sv"));
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    @Test
    void aNewsletterFeedHoldsOnlyItemsFromItsFeedsInItsLanguageWithoutExcludedOnes() throws Exception {
        FilterRules include = new FilterRules(List.of(), List.of(),
                List.of(new FeedSelector("Publications", List.of(PUBLICATIONS))), List.of("arctic"), null, null,
                List.of("sv"));
        NewsletterConfig nordic = new NewsletterConfig("nordic", "Nordic", "", new Include(Include.Match.ALL, include),
                "0 0 8 * * ?", ZoneOffset.UTC, 100, new FilterRules(List.of(), List.of(), List.of(),
                List.of("sponsored"), null, null, List.of()));

        try (MergedFeeds merged = new MergedFeeds(items, feeds, List.of(nordic),
                new WebConfig("127.0.0.1", 0, URI.create("https://news.example.org"), "x".repeat(32)))) {
            merged.refresh();

            assertThat(titles(merged, "nordic")).containsExactly("Arctic shipping lanes");
            assertThat(titles(merged, null)).hasSize(4);
        }
    }

    @Test
    void aNewsletterWhoseRulesReadWholeTextsJudgesItsFeedOnTheHtmlAsItsDigestsDo() throws Exception {
        long site = feeds.add(URI.create("https://example.org/all.xml"), "All", Duration.ofMinutes(30), NOW).id();
        ingest(site, withContent("5", "Ceasefire talks stall", "Neither side walks away.",
                "<p><strong>Quick Comment</strong> – insights from our experts</p><p>Neither side walks away.</p>"));
        NewsletterConfig quick = new NewsletterConfig("quick", "Quick", "", new Include(Include.Match.ANY,
                new FilterRules(List.of(), List.of(), List.of(), List.of(), null, null, List.of(), List.of(), null,
                        List.of("Quick Comment"))), "0 0 8 * * ?", ZoneOffset.UTC, 100);
        NewsletterConfig pipelines = new NewsletterConfig("pipelines", "Pipelines", "", new Include(Include.Match.ANY,
                new FilterRules(List.of(), List.of(), List.of(), List.of("Druzhba"), null, null, List.of())),
                "0 0 8 * * ?", ZoneOffset.UTC, 100);

        try (MergedFeeds merged = new MergedFeeds(items, feeds, List.of(quick, pipelines),
                new WebConfig("127.0.0.1", 0, URI.create("https://news.example.org"), "x".repeat(32)))) {
            merged.refresh();
            assertThat(titles(merged, "quick")).containsExactly("Ceasefire talks stall");
            assertThat(titles(merged, "pipelines")).isEmpty();

            ingest(site, withContent("6", "Oil flows again", "Supplies resume.",
                    "<p>Supplies resume.</p>" + "<p>More context follows here.</p>".repeat(20)
                            + "<p>The Druzhba pipeline carries it.</p>"));
            merged.refresh();

            assertThat(titles(merged, "pipelines")).as("a word deep in the text, past the excerpt")
                    .containsExactly("Oil flows again");
            assertThat(titles(merged, "quick")).containsExactly("Ceasefire talks stall");
        }
    }

    private static Entry withContent(String n, String title, String summary, String html) {
        return new Entry("g" + n, URI.create("https://example.org/c/" + n), title, null, NOW.minusSeconds(30), null,
                html, "<p>" + summary + "</p>", List.of(), null, List.of(), "en");
    }

    private List<String> titles(MergedFeeds merged, String newsletterId) throws Exception {
        ByteBuffer plain = merged.document(newsletterId, FeedFormat.JSON, 0).orElseThrow().plain.duplicate();
        byte[] bytes = new byte[plain.remaining()];
        plain.get(bytes);
        List<String> titles = new ArrayList<>();
        for (JsonNode item : new ObjectMapper().readTree(bytes).path("items")) {
            titles.add(item.path("title").asText());
        }
        return titles;
    }

    /** Through ingest, as a poll would: the item and the source that ties it to its feed. */
    private void ingest(long feedId, Entry... entries) {
        EntryNormalizer normalizer = new EntryNormalizer(new HtmlSanitizer());
        new ItemIngestor(items).ingest(feedId,
                Stream.of(entries).map(e -> normalizer.normalize(e, feedId, NOW)).toList(), NOW);
    }

    private static Entry entry(String n, String title, String language) {
        return new Entry("g" + n, URI.create("https://example.org/p/" + n), title, null, NOW.minusSeconds(60), null,
                null, "<p>" + title + "</p>", List.of(), null, List.of(), language);
    }
}

package org.feedletter.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.feedletter.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Item rows as ingest writes and completes them, and the ids it gets back (PostgreSQL: multi-row statements of up
 * to 1,000 rows).
 */
@Tag("database")
class ItemRowsTest {

    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");

    private Database database;
    private ItemStore items;
    private long feed;

    @BeforeEach
    void openDatabase() {
        database = TestDatabases.fresh();
        items = new ItemStore(database);
        feed = new FeedStore(database).add(URI.create("https://example.org/feed/"), "Site", Duration.ofMinutes(30), NOW)
                .id();
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    @Test
    void eachDraftGetsTheIdOfItsOwnRowWhenMoreThanOneStatementsWorthAreInserted() {
        List<ItemDraft> drafts = new ArrayList<>();
        for (int i = 0; i < 2_345; i++) {
            drafts.add(draft("urn:piece:" + i, i % 3 == 0 ? "en" : null));
        }
        Collections.shuffle(drafts, new Random(7)); // public ids out of their sort order

        List<Long> ids = items.inTransaction(tx -> tx.itemWrites().insert(drafts, feed, NOW));

        assertThat(ids).hasSize(drafts.size()).doesNotContainNull().doesNotHaveDuplicates();
        Map<Long, StoredItem> stored = items.findByIds(ids).stream()
                .collect(Collectors.toMap(StoredItem::id, Function.identity()));
        for (int i = 0; i < drafts.size(); i++) {
            StoredItem row = stored.get(ids.get(i));
            assertThat(row.publicId()).as("row of draft %d", i).isEqualTo(drafts.get(i).publicId());
            assertThat(row.title()).isEqualTo(drafts.get(i).title());
            assertThat(row.language()).isEqualTo(drafts.get(i).language());
            assertThat(row.categories()).containsExactly("Quick Comment", "Energy");
            assertThat(row.firstFeedId()).isEqualTo(feed);
        }
    }

    @Test
    void aSingleDraftIsStoredWithEveryField() {
        ItemDraft draft = new ItemDraft("urn:one", "https://example.org/p/1", "https://example.org/p/1?x=1", "One",
                "Ingrid Halvorsen", NOW.minusSeconds(60), NOW.minusSeconds(30), "<p>Text</p>", "Text",
                List.of("Quick Comment"), 42L, "nb");

        long id = items.inTransaction(tx -> tx.itemWrites().insert(List.of(draft), feed, NOW)).get(0);

        StoredItem row = items.findByIds(List.of(id)).get(0);
        assertThat(row).extracting(StoredItem::publicId, StoredItem::canonicalUrl, StoredItem::link, StoredItem::title,
                        StoredItem::author, StoredItem::published, StoredItem::updated, StoredItem::contentHtml,
                        StoredItem::excerpt, StoredItem::categories, StoredItem::fingerprint, StoredItem::language,
                        StoredItem::firstSeenAt)
                .containsExactly("urn:one", "https://example.org/p/1", "https://example.org/p/1?x=1", "One",
                        "Ingrid Halvorsen", NOW.minusSeconds(60), NOW.minusSeconds(30), "<p>Text</p>", "Text",
                        List.of("Quick Comment"), 42L, "nb", NOW);
    }

    @Test
    void anItemKeepsTheLanguageItsFeedGaveAndNullWhenNone() {
        List<Long> ids = items.inTransaction(tx -> tx.itemWrites().insert(
                List.of(bareDraft("urn:a", "en-GB"), bareDraft("urn:b", null)), feed, NOW));

        assertThat(items.findByIds(List.of(ids.get(0))).get(0).language()).isEqualTo("en-GB");
        assertThat(items.findByIds(List.of(ids.get(1))).get(0).language()).isNull();
    }

    private static ItemDraft draft(String publicId, String language) {
        return new ItemDraft(publicId, null, null, "Title " + publicId, null, NOW, null, "<p>" + publicId + "</p>",
                null, List.of("Quick Comment", "Energy"), null, language);
    }

    /** A draft with only a title and a language, as the language tests had it. */
    private static ItemDraft bareDraft(String publicId, String language) {
        return new ItemDraft(publicId, null, null, "Title " + publicId, null, NOW, null, null, null, List.of(), null,
                language);
    }
}

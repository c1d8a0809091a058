package org.feedletter.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.feedletter.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("database")
class ItemLanguageStoreTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

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
    void anItemKeepsTheLanguageItsFeedGaveAndNullWhenNone() {
        List<Long> ids = items.inTransaction(tx -> tx.insertItems(List.of(draft("urn:a", "en-GB"), draft("urn:b", null)),
                feed, NOW));

        assertThat(items.findByIds(List.of(ids.get(0))).get(0).language()).isEqualTo("en-GB");
        assertThat(items.findByIds(List.of(ids.get(1))).get(0).language()).isNull();
    }

    @Test
    void anotherFeedsCopyFillsAMissingLanguageButNeverReplacesOne() {
        List<Long> ids = items.inTransaction(tx -> tx.insertItems(List.of(draft("urn:a", null), draft("urn:b", "sv")),
                feed, NOW));

        items.inTransaction(tx -> {
            tx.fillGaps(Map.of(ids.get(0), draft("urn:a", "de"), ids.get(1), draft("urn:b", "de")));
            return null;
        });

        assertThat(items.findByIds(List.of(ids.get(0))).get(0).language()).isEqualTo("de");
        assertThat(items.findByIds(List.of(ids.get(1))).get(0).language()).isEqualTo("sv");
    }

    private static ItemDraft draft(String publicId, String language) {
        return new ItemDraft(publicId, null, null, "Title " + publicId, null, NOW, null, null, null, List.of(), null,
                language);
    }
}

package org.feedletter.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.feedletter.store.OperatorViews.SubscriberSummary;
import org.feedletter.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OperatorViewsTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

    private final Database database = TestDatabases.h2();
    private final OperatorViews views = new OperatorViews(database);
    private final FeedStore feeds = new FeedStore(database);
    private final SubscriberStore subscribers = new SubscriberStore(database);

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void entriesAreCountedPerFeedAndUtcDayOverTheWindow() {
        long a = feeds.add(URI.create("https://a.example/feed"), "A", Duration.ofMinutes(30), NOW).id();
        long b = feeds.add(URI.create("https://b.example/feed"), "B", Duration.ofMinutes(30), NOW).id();
        entry(a, "1", NOW.minus(Duration.ofMinutes(5)));
        entry(a, "2", Instant.parse("2026-11-26T00:00:00Z"));
        entry(a, "3", Instant.parse("2026-11-25T23:59:59Z"));
        entry(a, "4", Instant.parse("2026-11-24T12:00:00Z"));
        entry(a, "old", Instant.parse("2026-11-23T23:59:59Z"));
        entry(b, "1", Instant.parse("2026-11-24T12:00:00Z"));

        Map<Long, int[]> perDay = views.entriesPerDay(List.of(a, b), NOW, 3);

        assertThat(perDay.get(a)).containsExactly(1, 1, 2);
        assertThat(perDay.get(b)).containsExactly(1, 0, 0);
        assertThat(views.entriesPerDay(List.of(), NOW, 3)).isEmpty();
    }

    @Test
    void subscriberSearchTakesPercentAndUnderscoreLiterally() {
        subscribers.seed("a_b@example.org", "A_B@example.org", ZoneOffset.UTC, List.of("daily"), NOW);
        subscribers.seed("axb@example.org", "axb@example.org", ZoneOffset.UTC, List.of(), NOW);
        subscribers.seed("100%@example.org", "100%@example.org", ZoneOffset.UTC, List.of(), NOW);

        assertThat(views.searchSubscribers("A_B", null, 10)).extracting(s -> s.subscriber().email())
                .containsExactly("a_b@example.org");
        assertThat(views.searchSubscribers("%", null, 10)).extracting(s -> s.subscriber().email())
                .containsExactly("100%@example.org");
        assertThat(views.searchSubscribers("", StoredSubscriber.State.ACTIVE, 2)).hasSize(2);
        assertThat(views.searchSubscribers("", StoredSubscriber.State.BOUNCED, 10)).isEmpty();
        SubscriberSummary ab = views.searchSubscribers("a_b", null, 1).get(0);
        assertThat(ab.newsletters()).containsExactly("daily");
    }

    @Test
    void recentItemsAreNewestFirstSeenFirstWithTheirSourcesCounted() {
        long a = feeds.add(URI.create("https://a.example/feed"), "A", Duration.ofMinutes(30), NOW).id();
        long b = feeds.add(URI.create("https://b.example/feed"), "B", Duration.ofMinutes(30), NOW).id();
        long old = entry(a, "old", NOW.minus(Duration.ofDays(2)));
        long merged = entry(a, "merged", NOW.minus(Duration.ofDays(1)));
        source(b, "copy", merged, NOW);
        long newest = entry(b, "newest", NOW);

        List<OperatorViews.ItemSummary> recent = views.recentItems(2);

        assertThat(recent).extracting(OperatorViews.ItemSummary::id).containsExactly(newest, merged);
        assertThat(recent).extracting(OperatorViews.ItemSummary::sources).containsExactly(1, 2);
        assertThat(recent).extracting(OperatorViews.ItemSummary::merged).containsExactly(false, true);
        assertThat(views.itemSummaries(List.of(old, merged))).extracting(OperatorViews.ItemSummary::id)
                .containsExactly(merged, old);
        assertThat(views.itemSummaries(List.of())).isEmpty();
    }

    private long entry(long feedId, String guid, Instant seen) {
        return database.jdbi().withHandle(h -> {
            long item = h.createUpdate("INSERT INTO items (public_id, title, published_at, first_seen_at, changed_at) "
                            + "VALUES (:id, 't', :at, :at, :at)")
                    .bind("id", "urn:test:" + feedId + ":" + guid).bind("at", seen)
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            h.createUpdate("INSERT INTO item_sources (feed_id, guid, item_id, version_hash, rule, first_seen_at) "
                            + "VALUES (:feed, :guid, :item, 'v', 'new', :at)")
                    .bind("feed", feedId).bind("guid", guid).bind("item", item).bind("at", seen).execute();
            return item;
        });
    }

    private void source(long feedId, String guid, long item, Instant seen) {
        database.jdbi().useHandle(h -> h.createUpdate("INSERT INTO item_sources (feed_id, guid, item_id, version_hash, "
                        + "rule, first_seen_at) VALUES (:feed, :guid, :item, 'v', 'canonical-url', :at)")
                .bind("feed", feedId).bind("guid", guid).bind("item", item).bind("at", seen).execute());
    }
}

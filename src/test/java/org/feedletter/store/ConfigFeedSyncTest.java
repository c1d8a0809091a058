package org.feedletter.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.feedletter.config.FeedConfig;
import org.feedletter.testing.TestDatabases;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The config file's feeds brought into the store at every start: added, renamed, re-timed, dropped, brought back. */
@Tag("database")
class ConfigFeedSyncTest {

    private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");

    private static FeedConfig feed(String path, String name, int minutes) {
        return new FeedConfig(URI.create("https://institute.example" + path), name, Duration.ofMinutes(minutes));
    }

    private static Map<String, StoredFeed> byName(FeedStore feeds) {
        return feeds.listCurrent().stream().collect(Collectors.toMap(StoredFeed::name, Function.identity()));
    }

    @Test
    void theStoreFollowsTheFileAndKeepsFeedsAddedAtRunTime() {
        try (Database database = TestDatabases.fresh()) {
            FeedStore feeds = new FeedStore(database);
            StoredFeed added = feeds.add(URI.create("https://partner.example/feed"), "Partner", Duration.ofHours(1), NOW);

            feeds.syncConfigFeeds(List.of(feed("/all", "All", 30), feed("/qc", "Quick Comment", 30)), NOW);
            assertThat(byName(feeds)).containsOnlyKeys("All", "Quick Comment", "Partner");
            long allId = byName(feeds).get("All").id();

            feeds.syncConfigFeeds(List.of(feed("/all", "Everything", 15)), NOW);
            Map<String, StoredFeed> after = byName(feeds);
            assertThat(after).containsOnlyKeys("Everything", "Partner");
            assertThat(after.get("Everything").id()).isEqualTo(allId);
            assertThat(after.get("Everything").interval()).isEqualTo(Duration.ofMinutes(15));
            assertThat(after.get("Partner")).isEqualTo(added);

            feeds.syncConfigFeeds(List.of(feed("/all", "Everything", 15), feed("/qc", "Quick Comment", 30)), NOW);
            assertThat(byName(feeds)).containsOnlyKeys("Everything", "Quick Comment", "Partner");
            assertThat(byName(feeds).get("Quick Comment").state()).isEqualTo(StoredFeed.FeedState.ACTIVE);
        }
    }

    @Test
    void syncingTheSameFileAgainChangesNothing() {
        try (Database database = TestDatabases.fresh()) {
            FeedStore feeds = new FeedStore(database);
            List<FeedConfig> file = List.of(feed("/all", "All", 30), feed("/qc", "Quick Comment", 30));
            feeds.syncConfigFeeds(file, NOW);
            List<StoredFeed> before = feeds.listCurrent();

            feeds.syncConfigFeeds(file, NOW.plusSeconds(3600));

            assertThat(feeds.listCurrent()).isEqualTo(before);
        }
    }

    @Test
    void anEmptyFileRemovesEveryConfigFeed() {
        try (Database database = TestDatabases.fresh()) {
            FeedStore feeds = new FeedStore(database);
            feeds.syncConfigFeeds(List.of(feed("/all", "All", 30)), NOW);

            feeds.syncConfigFeeds(List.of(), NOW);

            assertThat(feeds.listCurrent()).isEmpty();
        }
    }
}

package org.feedletter.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.feedletter.config.DatabaseConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * H2 keeps the plans of every statement an ingest runs (with its default of 8, each was planned again each time), and
 * caches more of its file than its default 16 MB where the heap allows.
 */
class H2SettingsTest {

    @TempDir
    Path dir;

    @Test
    void eachConnectionKeepsThePlansOfAnIngestsStatements() {
        assertThat(querySetting("jdbc:h2:file:" + dir.resolve("db"))).isEqualTo(String.valueOf(Dialect.QUERY_CACHE_SIZE));
    }

    @Test
    void anOperatorsOwnQueryCacheSizeInTheUrlIsKept() {
        assertThat(querySetting("jdbc:h2:file:" + dir.resolve("own") + ";QUERY_CACHE_SIZE=12")).isEqualTo("12");
    }

    @Test
    void theFileCacheFollowsTheHeapWithinItsBounds() {
        long megabytes = Dialect.cacheKilobytes() / 1024;
        assertThat(megabytes).isBetween(16L, 256L)
                .isEqualTo(Math.max(16, Math.min(256, Runtime.getRuntime().maxMemory() / 4 / 1024 / 1024 - 128)));
        assertThat(querySetting("jdbc:h2:file:" + dir.resolve("cache"), "info.CACHE_MAX_SIZE"))
                .isEqualTo(String.valueOf(megabytes));
    }

    @Test
    void anOperatorsOwnCacheSizeInTheUrlIsKept() {
        assertThat(querySetting("jdbc:h2:file:" + dir.resolve("small") + ";CACHE_SIZE=8192", "info.CACHE_MAX_SIZE"))
                .isEqualTo("8");
        assertThat(Dialect.H2.tuneUrl("jdbc:h2:file:./x;cache_size=4096")).doesNotContain(";CACHE_SIZE=");
        assertThat(Dialect.H2.tuneUrl("jdbc:h2:file:./x;QUERY_CACHE_SIZE=4")).contains(";CACHE_SIZE=");
    }

    private static String querySetting(String url) {
        return querySetting(url, "QUERY_CACHE_SIZE");
    }

    private static String querySetting(String url, String name) {
        try (Database database = Database.open(new DatabaseConfig(url, "", "", 2))) {
            return database.jdbi().withHandle(h -> h.createQuery(
                            "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = :name")
                    .bind("name", name).mapTo(String.class).one());
        }
    }
}

package org.feedletter.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.feedletter.config.DatabaseConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** H2 keeps the plans of every statement an ingest runs: with its default of 8, each was planned again each time. */
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

    private static String querySetting(String url) {
        try (Database database = Database.open(new DatabaseConfig(url, "", "", 2))) {
            return database.jdbi().withHandle(h -> h.createQuery(
                            "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'QUERY_CACHE_SIZE'")
                    .mapTo(String.class).one());
        }
    }
}

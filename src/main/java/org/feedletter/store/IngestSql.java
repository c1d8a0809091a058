package org.feedletter.store;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** What the ingest's statements share: IN lists and multi-row inserts in chunks, times in UTC, texts cut to fit. */
final class IngestSql {

    /**
     * Rows looked up or inserted per statement: IN lists, and the 15,000 parameters of 1,000 item rows, stay well
     * inside every driver's parameter limit (PostgreSQL's protocol: 65,535).
     */
    private static final int CHUNK = 1000;

    private IngestSql() {}

    static String cut(String text, int maxChars) {
        return text == null || text.length() <= maxChars ? text : text.substring(0, maxChars - 1) + "…";
    }

    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    static <T> List<List<T>> chunks(Collection<T> values) {
        List<T> all = List.copyOf(values);
        List<List<T>> chunks = new ArrayList<>();
        for (int from = 0; from < all.size(); from += CHUNK) {
            chunks.add(all.subList(from, Math.min(all.size(), from + CHUNK)));
        }
        return chunks;
    }
}

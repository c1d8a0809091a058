package org.feedletter.digest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class ZoneAbbreviationsTest {

    // Zones no other test asks about, so their first lookup in this JVM happens here, from many threads at once.
    private static final Map<String, String> WINTER = Map.of("Europe/Lisbon", "WET", "Europe/Helsinki", "EET",
            "Europe/Warsaw", "CET", "Europe/Vienna", "CET", "America/Chicago", "CST", "America/Denver", "MST",
            "Europe/Athens", "EET", "America/Halifax", "AST");

    @Test
    void digestRenderersStartingTogetherAllGetTheZonesShortName() throws Exception {
        Instant january = Instant.parse("2026-01-15T12:00:00Z");
        CountDownLatch start = new CountDownLatch(1);
        Map<String, String> seen = new ConcurrentHashMap<>();
        List<Thread> renderers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Thread renderer = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                WINTER.keySet().forEach(zone -> seen.merge(zone,
                        ZoneAbbreviations.of(january.atZone(ZoneId.of(zone))), (a, b) -> a.equals(b) ? a : a + "|" + b));
            });
            renderer.start();
            renderers.add(renderer);
        }
        start.countDown();
        for (Thread renderer : renderers) {
            renderer.join();
        }

        assertThat(seen).isEqualTo(WINTER);
    }

    @Test
    void summerTimeHasItsOwnName() {
        assertThat(ZoneAbbreviations.of(Instant.parse("2026-07-15T12:00:00Z").atZone(ZoneId.of("America/Halifax"))))
                .isEqualTo("ADT");
        assertThat(ZoneAbbreviations.of(Instant.parse("2026-07-15T12:00:00Z").atZone(ZoneId.of("Europe/Stockholm"))))
                .isEqualTo("CEST");
    }
}

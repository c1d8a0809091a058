package org.feedletter.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class BandKeyIndexTest {

    @Test
    void findsEveryItemUnderAKeyAndNothingUnderOthers() {
        BandKeyIndex index = new BandKeyIndex();
        index.add(42L, 1);
        index.add(42L, 2);
        index.add(43L, 3);

        assertThat(collect(index, 42L)).containsExactly(1L, 2L);
        assertThat(collect(index, 43L)).containsExactly(3L);
        assertThat(collect(index, 44L)).isEmpty();
    }

    @Test
    void keepsEachKeyAndItemOnce() {
        BandKeyIndex index = new BandKeyIndex();
        index.add(7L, 1);
        index.add(7L, 1);

        assertThat(index.size()).isEqualTo(1);
    }

    @Test
    void keepsEverythingWhenItGrows() {
        BandKeyIndex index = new BandKeyIndex();
        for (long item = 1; item <= 50_000; item++) {
            index.add(item * 0x9E3779B97F4A7C15L, item);
            index.add(item % 100, item); // long chains: 500 items under each of 100 keys
        }

        assertThat(index.size()).isEqualTo(100_000);
        for (long item = 1; item <= 50_000; item += 997) {
            assertThat(collect(index, item * 0x9E3779B97F4A7C15L)).contains(item);
        }
        assertThat(collect(index, 3L)).hasSize(500).allMatch(item -> item % 100 == 3);
    }

    @Test
    void keysThatDifferOnlyInTheirHighBitsAreKeptApart() {
        BandKeyIndex index = new BandKeyIndex();
        index.add(5L, 1);
        index.add(5L | (1L << 40), 2);

        assertThat(collect(index, 5L)).containsExactly(1L);
    }

    private static Set<Long> collect(BandKeyIndex index, long key) {
        Set<Long> found = new TreeSet<>();
        index.collect(key, found);
        return found;
    }
}

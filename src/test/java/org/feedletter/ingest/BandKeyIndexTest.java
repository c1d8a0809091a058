package org.feedletter.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class BandKeyIndexTest {

    @Test
    void findsEveryItemUnderAKeyAndNothingUnderOthers() {
        BandKeyIndex index = new BandKeyIndex();
        index.add(1, new long[] {42L, 43L}, 0, 0);
        index.add(2, new long[] {42L}, 0, 0);

        assertThat(collect(index, 42L)).containsExactly(1L, 2L);
        assertThat(collect(index, 43L)).containsExactly(1L);
        assertThat(collect(index, 44L)).isEmpty();
    }

    @Test
    void keepsEverythingWhenItGrows() {
        BandKeyIndex index = new BandKeyIndex();
        for (long item = 1; item <= 50_000; item++) {
            index.add(item, new long[] {item * 0x9E3779B97F4A7C15L, item % 100}, 0, 0); // 500 items under each of 100 keys
        }

        assertThat(index.items()).isEqualTo(50_000);
        assertThat(index.entries()).isEqualTo(100_000);
        for (long item = 1; item <= 50_000; item += 997) {
            assertThat(collect(index, item * 0x9E3779B97F4A7C15L)).containsExactly(item);
        }
        assertThat(collect(index, 3L)).hasSize(500).allMatch(item -> item % 100 == 3);
    }

    @Test
    void keysThatDifferOnlyInTheirHighBitsAreKeptApart() {
        BandKeyIndex index = new BandKeyIndex();
        index.add(1, new long[] {5L}, 0, 0);
        index.add(2, new long[] {5L | (1L << 40)}, 0, 0);

        assertThat(collect(index, 5L)).containsExactly(1L);
    }

    @Test
    void retainsItemsPublishedOrIndexedRecentlyAndDropsTheRest() {
        BandKeyIndex index = new BandKeyIndex();
        for (long item = 1; item <= 10_000; item++) {
            // published at minute `item`; indexed at minute 0, except every 10th, indexed at minute 500
            index.add(item, new long[] {7L, item * 31}, item, item % 10 == 0 ? 500 : 0);
        }

        index.retainOnly(9_001, 500);

        Set<Long> kept = collect(index, 7L);
        assertThat(kept).hasSize(1_000 + 900).allMatch(item -> item > 9_000 || item % 10 == 0);
        assertThat(index.items()).isEqualTo(1_900);
        assertThat(index.entries()).isEqualTo(3_800);
        assertThat(collect(index, 9_999L * 31)).containsExactly(9_999L);
        assertThat(collect(index, 8_999L * 31)).isEmpty();
        index.add(20_000, new long[] {7L}, 20_000, 20_000);
        assertThat(collect(index, 7L)).hasSize(1_901).contains(20_000L);
    }

    @Test
    void findsPerKeySetTheItemsAddedAfterAMarkUnderOneOfItsKeys() {
        BandKeyIndex index = new BandKeyIndex();
        index.add(1, new long[] {42L, 43L}, 0, 0);
        long mark = index.mark();
        index.add(2, new long[] {42L, -5L}, 0, 0);
        index.add(3, new long[] {43L, 42L}, 0, 0);
        index.add(4, new long[] {44L | (1L << 40)}, 0, 0); // folds to another key than 44
        index.add(5, new long[] {-5L}, 0, 0);

        List<BandKeyIndex.Ids> found = List.of(new BandKeyIndex.Ids(), new BandKeyIndex.Ids(), new BandKeyIndex.Ids());
        boolean complete = index.collectAddedSince(mark, List.of(new long[] {42L}, new long[] {44L, -5L, 43L},
                new long[] {99L}), found);

        assertThat(complete).isTrue();
        assertThat(found.get(0).sortedDistinct()).containsExactly(2, 3);
        assertThat(found.get(1).sortedDistinct()).containsExactly(2, 3, 5);
        assertThat(found.get(2).sortedDistinct()).isEmpty();
    }

    @Test
    void aMarkMadeBeforeAPruningFindsNothingAndSaysSo() {
        BandKeyIndex index = new BandKeyIndex();
        index.add(1, new long[] {42L}, 10, 10);
        long mark = index.mark();
        index.add(2, new long[] {42L}, 10, 10);
        index.retainOnly(0, 0);
        index.add(3, new long[] {42L}, 10, 10);

        BandKeyIndex.Ids found = new BandKeyIndex.Ids();
        assertThat(index.collectAddedSince(mark, List.of(new long[] {42L}), List.of(found))).isFalse();
        assertThat(found.sortedDistinct()).isEmpty();
        assertThat(index.collectAddedSince(index.mark(), List.of(new long[] {42L}), List.of(found))).isTrue();
    }

    private static Set<Long> collect(BandKeyIndex index, long key) {
        BandKeyIndex.Ids found = new BandKeyIndex.Ids();
        index.collect(key, found);
        Set<Long> ids = new TreeSet<>();
        Arrays.stream(found.sortedDistinct()).forEach(ids::add);
        return ids;
    }

    @Test
    void gatheredIdsComeSortedEachOnceAndTheGatheringStartsAfresh() {
        BandKeyIndex.Ids ids = new BandKeyIndex.Ids();
        for (long id : new long[] {9, 3, 9, 70, 3, 1}) {
            ids.add(id);
        }
        for (long id = 1_000; id > 900; id--) { // past the first capacity
            ids.add(id);
        }

        long[] sorted = ids.sortedDistinct();
        assertThat(sorted).startsWith(1, 3, 9, 70, 901).endsWith(1_000).hasSize(104);
        assertThat(ids.sortedDistinct()).isEmpty();
    }
}

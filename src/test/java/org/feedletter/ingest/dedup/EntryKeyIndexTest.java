package org.feedletter.ingest.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EntryKeyIndexTest {

    @Test
    void slotsAreFoundUnderEachOfTheirKeysAndCounted() {
        EntryKeyIndex index = new EntryKeyIndex();
        index.add(0, new int[] {2, 4, 7});
        index.add(1, new int[] {4});

        assertThat(slotsUnder(index, 4)).containsExactlyInAnyOrder(0, 1);
        assertThat(slotsUnder(index, 7)).containsExactly(0);
        assertThat(index.count(4)).isEqualTo(2);
        assertThat(index.count(9)).isZero();
    }

    @Test
    void aRebuildKeepsOnlyTheSlotsKeptAndTheirCounts() {
        EntryKeyIndex index = new EntryKeyIndex();
        for (int slot = 0; slot < 5000; slot++) {
            index.add(slot, new int[] {slot * 2, 10_000});
        }
        int[] newSlot = new int[5000];
        for (int slot = 0; slot < 5000; slot++) {
            newSlot[slot] = slot % 2 == 0 ? slot / 2 : -1;
        }
        index.rebuild(newSlot);

        assertThat(index.count(10_000)).isEqualTo(2500);
        assertThat(slotsUnder(index, 8)).containsExactly(2);
        assertThat(slotsUnder(index, 6)).isEmpty();
        assertThat(index.count(6)).isZero();
    }

    @Test
    void countsStartFromZeroAfterAClear() {
        IntCounts counts = new IntCounts();
        counts.add(5, 3);
        counts.clear();
        counts.add(5, 1);
        counts.add(6, 2);

        List<String> all = new ArrayList<>();
        counts.forEach((key, count) -> all.add(key + "=" + count));
        assertThat(all).containsExactlyInAnyOrder("5=1", "6=2");
    }

    private static List<Integer> slotsUnder(EntryKeyIndex index, int key) {
        List<Integer> slots = new ArrayList<>();
        index.forEach(key, slots::add);
        return slots;
    }
}

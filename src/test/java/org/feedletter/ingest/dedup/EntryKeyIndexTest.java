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

    /**
     * Against the plainest multimap, through adds, forgets and rebuilds across several layouts: every key's slots, in
     * order (newest first), and their counts.
     */
    @Test
    void findsWhatAPlainMultimapHoldsInTheSameOrderThroughGrowthAndRebuilds() {
        EntryKeyIndex index = new EntryKeyIndex();
        java.util.Map<Integer, List<Integer>> plain = new java.util.HashMap<>(); // key -> slots, oldest first
        java.util.Map<Integer, int[]> keysOf = new java.util.HashMap<>();
        java.util.Set<Integer> dead = new java.util.HashSet<>();
        java.util.Random random = new java.util.Random(11);
        int slots = 0;
        for (int round = 0; round < 6; round++) {
            for (int i = 0; i < 3000; i++) {
                int[] keys = random.ints(1 + random.nextInt(6), 0, 4000).map(k -> k * 2).distinct().sorted().toArray();
                int slot = slots++;
                index.add(slot, keys);
                keysOf.put(slot, keys);
                for (int key : keys) {
                    plain.computeIfAbsent(key, k -> new ArrayList<>()).add(slot);
                }
                if (random.nextInt(5) == 0) {
                    int gone = random.nextInt(slots);
                    if (dead.add(gone)) {
                        index.forget(keysOf.get(gone));
                    }
                }
            }
            int[] newSlot = new int[slots];
            int kept = 0;
            for (int slot = 0; slot < slots; slot++) {
                newSlot[slot] = dead.contains(slot) ? -1 : kept++;
            }
            index.rebuild(newSlot);
            java.util.Map<Integer, List<Integer>> renumbered = new java.util.HashMap<>();
            java.util.Map<Integer, int[]> keysRenumbered = new java.util.HashMap<>();
            plain.forEach((key, list) -> list.stream().filter(s -> newSlot[s] >= 0)
                    .forEach(s -> renumbered.computeIfAbsent(key, k -> new ArrayList<>()).add(newSlot[s])));
            keysOf.forEach((slot, keys) -> {
                if (newSlot[slot] >= 0) {
                    keysRenumbered.put(newSlot[slot], keys);
                }
            });
            plain = renumbered;
            keysOf = keysRenumbered;
            dead.clear();
            slots = kept;
            for (int key = 0; key < 8000; key += 2) {
                List<Integer> expected = new ArrayList<>(plain.getOrDefault(key, List.of()));
                java.util.Collections.reverse(expected);
                assertThat(slotsUnder(index, key)).as("key %d, round %d", key, round).isEqualTo(expected);
                assertThat(index.count(key)).isEqualTo(expected.size());
            }
        }
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

package org.feedletter.ingest.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The digests ids and version hashes are made of: SHA-256 of the parts, each ended by NUL, cut to 128 bits. */
class HashesTest {

    @Test
    void aDigestIsTheFirst128BitsOfSha256OfThePartsEachEndedByNul() {
        // python3 -c 'import hashlib; print(hashlib.sha256(b"abc\x00").hexdigest()[:32])'
        assertThat(Hashes.of("abc")).isEqualTo("dc1114cd074914bd872cc1f9a23ec910");
        // a null part counts as empty: b"a\x00\x00b\x00"
        assertThat(Hashes.of("a", null, "b")).isEqualTo("1e150340af37881c9b1e9e84429d13b8");
    }

    @Test
    void aDigestDoesNotDependOnWhatTheThreadHashedBefore() throws Exception {
        String expected = Hashes.of("same", "parts");
        var pool = Executors.newFixedThreadPool(4);
        try {
            var futures = IntStream.range(0, 200).mapToObj(i -> pool.submit(() -> {
                Hashes.of("other " + i, "x".repeat(i));
                return Hashes.of("same", "parts");
            })).toList();
            for (Future<String> future : futures) {
                assertThat(future.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}

package org.feedletter.ingest.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * What the normalizer decides about an entry's URLs on its own. How the declared originals it keeps change what is
 * stored is tested where entries are stored ({@code NearDuplicateIngestTest} in {@code ingest.dedup}).
 */
class EntryNormalizerTest {

    /** An aggregator's rel="via" often names the feed it read: such a URL is no entry's original. */
    @Test
    void aFeedDocumentIsKnownByTheUsualNamesOfOne() {
        assertThat(EntryNormalizer.isFeed("https://x.example/feed/")).isTrue();
        assertThat(EntryNormalizer.isFeed("https://x.example/?feed=rss2")).isTrue();
        assertThat(EntryNormalizer.isFeed("https://x.example/topics/cee/atom.xml")).isTrue();
        assertThat(EntryNormalizer.isFeed("https://x.example/2026/11/feeding-the-grid")).isFalse();
    }
}

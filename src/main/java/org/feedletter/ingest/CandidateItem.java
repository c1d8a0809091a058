package org.feedletter.ingest;

import java.util.List;
import java.util.function.Supplier;
import org.feedletter.store.ItemDraft;

/**
 * A feed entry with its identity worked out: enough to decide whether it is new, changed, a duplicate or seen
 * before. The stored form ({@link #draft()}: sanitized HTML, plain text) is only built when asked for, which
 * dedup does for new and changed entries alone; a re-poll of a busy feed does not sanitize what it already has.
 *
 * @param sourceKey the entry's key within its feed: its guid, else its link, else a hash of title and date
 * @param originalUrl the link as the feed gave it, or null
 * @param canonicalUrl see {@link CanonicalUrl}; null without a usable link
 * @param publicId the id the item gets if this entry creates it; derived from the canonical URL when there is one
 * @param versionHash changes when the entry's title, dates or text change
 * @param declaredOriginals canonical forms of the URLs the entry names as its original
 * @param fingerprinter its near-duplicate fingerprint, made with the draft (from the same sanitized text)
 */
public record CandidateItem(
        String sourceKey,
        String originalUrl,
        String canonicalUrl,
        String publicId,
        String versionHash,
        List<String> declaredOriginals,
        Supplier<ItemDraft> drafter,
        Supplier<TextFingerprint> fingerprinter) {

    public CandidateItem {
        declaredOriginals = List.copyOf(declaredOriginals);
        drafter = memoized(drafter);
        fingerprinter = memoized(fingerprinter);
    }

    public TextFingerprint fingerprint() {
        return fingerprinter.get();
    }

    /** The item as it would be stored; built on first use. */
    public ItemDraft draft() {
        return drafter.get();
    }

    private static <T> Supplier<T> memoized(Supplier<T> supplier) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = supplier.get();
                }
                return value;
            }
        };
    }
}

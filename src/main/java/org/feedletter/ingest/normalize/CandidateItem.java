package org.feedletter.ingest.normalize;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.feedletter.identity.TextOpening;
import org.feedletter.store.ItemDraft;

/**
 * A feed entry with its identity worked out: enough to decide whether it is new, changed, a copy or seen before.
 * The stored form ({@link #draft()}: sanitized HTML, plain text) and the openings of its texts are only built when
 * asked for, which ingest does for new and changed entries alone; a re-poll of a busy feed does not sanitize what
 * it already has.
 *
 * @param sourceKey the entry's key within its feed: its guid, else its link, else a hash of title and date
 * @param originalUrl the link as the feed gave it, or null
 * @param canonicalUrl see {@link CanonicalUrl}; null without a usable link
 * @param publicId the id the item gets if this entry creates it; derived from the canonical URL when there is one
 * @param versionHash changes when the entry's title, dates or text change
 * @param title the entry's title as one line of plain text, or null: read before anything is sanitized, to learn
 *     the affixes its feed puts on its titles
 * @param namedOriginals canonical forms of the URLs the feed names as the entry's original (rel="via", JSON Feed
 *     external_url, ...); see {@link #declaredOriginals()} for those its text names too
 * @param fromAnotherFeed the feed says it took the entry from another feed (a source element)
 * @param creditedSite the host of the site or feed that source element names, or null
 * @param feedDate the date the feed gives the entry (published, else updated), or null when it gives none that can
 *     be true (none, or one in the future): the entry is then dated when first seen
 * @param unlinker the same entry under no canonical URL (see {@link #unlinked()})
 */
public record CandidateItem(
        String sourceKey,
        String originalUrl,
        String canonicalUrl,
        String publicId,
        String versionHash,
        String title,
        List<String> namedOriginals,
        boolean fromAnotherFeed,
        String creditedSite,
        Instant feedDate,
        Supplier<Drafted> drafter,
        Supplier<CandidateItem> unlinker) {

    /**
     * An entry's stored form and what its texts say.
     *
     * @param openings the openings of its summary and content, without an attribution note
     * @param continuation what its content says after its opening ({@link TextOpening#continuationOf}), or null
     * @param attribution the note in its text that says where it was first published, if any
     */
    public record Drafted(ItemDraft draft, List<TextOpening> openings, TextOpening continuation,
            Attribution attribution, List<String> attributedOriginals) {}

    public CandidateItem {
        namedOriginals = List.copyOf(namedOriginals);
        drafter = memoized(drafter);
    }

    /**
     * The same entry with no canonical URL, for when its link turns out to be no piece's address (its feed gave it
     * to another piece before: a show page, a section's index); itself when it has none.
     */
    public CandidateItem unlinked() {
        return canonicalUrl == null ? this : unlinker.get();
    }

    /** The item as it would be stored; built on first use. */
    public ItemDraft draft() {
        return drafter.get().draft();
    }

    /** The openings of the entry's texts; built with the draft. */
    public List<TextOpening> openings() {
        return drafter.get().openings();
    }

    /** What its content says after its opening, or null; built with the draft. */
    public TextOpening continuation() {
        return drafter.get().continuation();
    }

    /** The note in its text that says where it was first published; {@link Attribution#NONE} when none. */
    public Attribution attribution() {
        return drafter.get().attribution();
    }

    /**
     * Canonical URLs the entry names as its original, in its feed's metadata or in an attribution note in its text
     * (built with the draft). A note known by its form alone names nothing when the feed names the original itself:
     * the line then points to another piece, as a reply's italic opening points to the piece it answers.
     */
    public List<String> declaredOriginals() {
        List<String> attributed = drafter.get().attributedOriginals();
        if (attributed.isEmpty() || noteOverruledByFeed()) {
            return namedOriginals;
        }
        Set<String> all = new LinkedHashSet<>(namedOriginals);
        all.addAll(attributed);
        return new ArrayList<>(all);
    }

    /** Whether its note is known by its form alone and the feed names an original itself (see above). */
    public boolean noteOverruledByFeed() {
        Attribution note = attribution();
        return note.found() && !note.stated() && !namedOriginals.isEmpty();
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

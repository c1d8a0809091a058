package org.feedletter.identity;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Everything an entry carries that tells which piece it is: where it lives, what it declares, when it was
 * published, its title, its authors and the openings of its texts. Made from a feed entry when it arrives and
 * stored with it, so a stored entry is compared exactly as it was when new.
 *
 * @param feedId the feed that carried it
 * @param feedKey the feed's URL: breaks ties between entries the same way on every node and in every run
 * @param sourceKey the entry's key within its feed (guid, else link, else a hash)
 * @param canonicalUrl see CanonicalUrl in ingest; null when the entry has no usable link
 * @param declaredOriginals canonical URLs the entry names as its original (feed metadata or an attribution link)
 * @param texts the openings of its summary and its content, as far as it has them
 */
public record EntryEvidence(
        long feedId,
        String feedKey,
        String sourceKey,
        String canonicalUrl,
        Set<String> declaredOriginals,
        Instant published,
        TitleKey title,
        AuthorKey authors,
        List<TextOpening> texts,
        Marks marks) {

    public EntryEvidence {
        declaredOriginals = Set.copyOf(declaredOriginals);
        texts = List.copyOf(texts);
    }

    /** The entry's opening of this kind, or null. */
    public TextOpening text(TextOpening.Kind kind) {
        for (TextOpening t : texts) {
            if (t.kind() == kind) {
                return t;
            }
        }
        return null;
    }

    /** The most words any of its texts' openings has. */
    public int words() {
        int most = 0;
        for (TextOpening t : texts) {
            most = Math.max(most, t.words());
        }
        return most;
    }

    /** Whether this entry and {@code other} are the same entry of the same feed. */
    public boolean sameEntry(EntryEvidence other) {
        return feedId == other.feedId && sourceKey.equals(other.sourceKey);
    }
}

package org.feedletter.identity;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Everything an entry carries that tells which piece it is: where it lives, what it declares, when it was
 * published, its title, its authors and the openings of its texts. Made from a feed entry when it arrives and
 * stored with it, so a stored entry is compared exactly as it was when new.
 *
 * @param feedId the feed that carried it
 * @param feedKey the feed's URL: breaks ties between entries the same way on every node and in every run
 * @param sourceKey the entry's key within its feed (guid, else link, else a hash)
 * @param canonicalUrl see CanonicalUrl in ingest.normalize; null when the entry has no usable link
 * @param declaredOriginals canonical URLs the entry names as its original (feed metadata or an attribution link)
 * @param updated when its feed says it last changed (Atom {@code updated}), or null: which of the publisher's own
 *     entries shows the piece as it is now
 * @param texts the openings of its summary and its content, as far as it has them
 * @param continuation what its content says after its opening ({@link TextOpening#continuationOf}), or null: never
 *     compared as an opening, only to tell two texts alike in their openings apart by what follows
 */
public record EntryEvidence(
        long feedId,
        String feedKey,
        String sourceKey,
        String canonicalUrl,
        Set<String> declaredOriginals,
        Instant published,
        Instant updated,
        TitleKey title,
        AuthorKey authors,
        List<TextOpening> texts,
        Marks marks,
        TextOpening continuation) {

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

    /**
     * Whether this entry and {@code other} are two listings of one feed from the same site. A feed lists each of its
     * own pieces once, so two such entries under different URLs are two pieces; an aggregator's or a reading list's
     * entries that point to different sites (the publisher's piece and a partner's republication of it) are not.
     */
    public boolean sameListing(EntryEvidence other) {
        return feedId == other.feedId && Objects.equals(listedSite(), other.listedSite());
    }

    /**
     * The host of the site whose piece this entry lists: of the original it names (the least, for the same answer
     * every time); for an entry its feed took from elsewhere (an aggregator's), of the source it credits, and when
     * it credits none, a site of its own, since an aggregator may list one piece from two sources (the publisher's
     * and a partner's republication) under two of its own links; else of its own URL; null when it has none.
     */
    public String listedSite() {
        String least = null;
        for (String url : declaredOriginals) {
            String host = host(url);
            if (host != null && (least == null || host.compareTo(least) < 0)) {
                least = host;
            }
        }
        if (least != null) {
            return least;
        }
        if (marks.aggregated()) {
            return marks.creditedSite() != null ? marks.creditedSite() : "\0" + sourceKey;
        }
        return host(canonicalUrl);
    }

    /** The host of an absolute URL, cheaply: canonical URLs are already lower-cased and cleaned. */
    static String host(String url) {
        if (url == null) {
            return null;
        }
        int start = url.indexOf("://");
        if (start < 0) {
            return null;
        }
        start += 3;
        int end = start;
        while (end < url.length() && "/?#:".indexOf(url.charAt(end)) < 0) {
            end++;
        }
        int at = url.lastIndexOf('@', end);
        return url.substring(Math.max(start, at + 1), end);
    }

    /**
     * Whether this entry could be found the same piece as nothing {@code other} could: the same URL, originals,
     * time, title, authors, texts and marks, whatever feed carried either; only {@code other} may be on its feed's
     * own site (which adds ways to match, never removes one). An entry that joins the item of such an entry by its
     * URL needs no search of its own: what its texts find, that entry's found when the later of the two arrived.
     * (When it says it changed does not bear on what it matches.)
     */
    public boolean saysNoMoreThan(EntryEvidence other) {
        return Objects.equals(canonicalUrl, other.canonicalUrl) && declaredOriginals.equals(other.declaredOriginals)
                && Objects.equals(published, other.published) && title.equals(other.title)
                && authors.encoded().equals(other.authors.encoded()) && sameTexts(other)
                && marks.withOwnSite(other.marks.ownSite()).equals(other.marks)
                && (!marks.ownSite() || other.marks.ownSite());
    }

    private boolean sameTexts(EntryEvidence other) {
        if (texts.size() != other.texts.size()) {
            return false;
        }
        for (int i = 0; i < texts.size(); i++) {
            if (!texts.get(i).sameAs(other.texts.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** Whether this entry and {@code other} are the same entry of the same feed. */
    public boolean sameEntry(EntryEvidence other) {
        return feedId == other.feedId && sourceKey.equals(other.sourceKey);
    }
}

package org.feedletter.ingest.dedup;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.feedletter.identity.AuthorKey;
import org.feedletter.identity.EntryEvidence;
import org.feedletter.identity.Marks;
import org.feedletter.identity.TextOpening;
import org.feedletter.identity.TitleAffixes;
import org.feedletter.identity.TitleKey;
import org.feedletter.ingest.normalize.Attribution;
import org.feedletter.ingest.normalize.CandidateItem;
import org.feedletter.ingest.normalize.SiteDomain;
import org.feedletter.store.StoredEntry;
import org.feedletter.store.StoredEvidence;

/** Between an entry's evidence as identity decides on it and as the store keeps it. */
final class Evidence {

    private Evidence() {}

    /**
     * An arriving entry's evidence; its title without the affixes its feed puts on most of its titles. A feed that
     * labels its titles with their sources' names is an aggregator: its entries are taken from elsewhere. Its date
     * tells nothing when the feed gives none, or gives every entry the same ({@code datesAlike}); nor does an author
     * line that is the site's own name ({@link FeedSite#namedBy}).
     */
    static EntryEvidence of(CandidateItem entry, FeedSite site, TitleAffixes affixes, boolean datesAlike) {
        var draft = entry.draft();
        boolean aggregator = affixes.labelsSources();
        boolean attributed = attributedElsewhere(entry);
        Marks marks = new Marks(!aggregator && entry.originalUrl() != null && site.onSite(entry.originalUrl()),
                !entry.namedOriginals().isEmpty(), attributed, entry.fromAnotherFeed() || aggregator,
                entry.creditedSite(), attributed && !entry.attribution().stated(),
                entry.feedDate() == null || datesAlike);
        return new EntryEvidence(site.feedId(), site.key(), entry.sourceKey(), entry.canonicalUrl(),
                new LinkedHashSet<>(entry.declaredOriginals()), draft.published(), draft.updated(),
                TitleKey.of(TitleAffixes.withoutOwnLabel(draft.title(), draft.categories()), affixes),
                AuthorKey.parse(site.namedBy(draft.author()) ? null : draft.author()), entry.openings(), marks,
                entry.continuation());
    }

    /**
     * Whether the entry's text says it was first published elsewhere: a note that links only to the entry's own
     * site is a publisher's footer about itself ("The post ... appeared first on Institute"), not a copy's; a line
     * known by its form alone says nothing where the feed names the original itself.
     */
    private static boolean attributedElsewhere(CandidateItem entry) {
        Attribution note = entry.attribution();
        if (!note.found() || entry.noteOverruledByFeed()) {
            return false;
        }
        String own = SiteDomain.of(entry.originalUrl());
        return note.links().isEmpty() || own == null
                || note.links().stream().anyMatch(link -> !own.equals(SiteDomain.of(link)));
    }

    /** A stored entry's evidence, as it was when it arrived. */
    static EntryEvidence ofStored(StoredEntry stored) {
        StoredEvidence e = stored.evidence();
        List<TextOpening> texts = new ArrayList<>(2);
        if (e.summaryShingles() != null) {
            texts.add(TextOpening.stored(TextOpening.Kind.SUMMARY, e.summaryShingles(), e.summaryWords()));
        }
        if (e.contentShingles() != null) {
            texts.add(TextOpening.stored(TextOpening.Kind.CONTENT, e.contentShingles(), e.contentWords()));
        }
        Set<String> declared = e.declared() == null || e.declared().isEmpty() ? Set.of()
                : new LinkedHashSet<>(List.of(e.declared().split("\n")));
        return new EntryEvidence(stored.source().feedId(), stored.feedUrl(), stored.source().guid(),
                stored.facts().canonicalUrl(), declared, stored.facts().published(), stored.facts().updated(),
                TitleKey.stored(e.titleKey()), AuthorKey.decode(e.authorKey()), texts, Marks.decode(e.marks()),
                e.continuationShingles() == null ? null : TextOpening.stored(TextOpening.Kind.CONTINUATION,
                        e.continuationShingles(), e.continuationWords()));
    }

    static StoredEvidence stored(EntryEvidence e) {
        TextOpening summary = e.text(TextOpening.Kind.SUMMARY);
        TextOpening content = e.text(TextOpening.Kind.CONTENT);
        return new StoredEvidence(String.join("\n", e.declaredOriginals()), e.marks().encoded(), e.title().folded(),
                e.authors().encoded(), summary == null ? null : summary.encodedShingles(),
                summary == null ? 0 : summary.words(), content == null ? null : content.encodedShingles(),
                content == null ? 0 : content.words(),
                e.continuation() == null ? null : e.continuation().encodedShingles(),
                e.continuation() == null ? 0 : e.continuation().words());
    }
}

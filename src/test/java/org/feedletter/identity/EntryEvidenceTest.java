package org.feedletter.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** When an arriving entry says nothing a stored one does not (so its texts need no search of their own). */
class EntryEvidenceTest {

    private static final String URL = "https://institute.example/qc/central-bank";
    private static final String TEXT = "The central bank held its rate for the first time in eighteen months, and "
            + "the governor's words on the currency matter more than the decision itself.";

    private static Evidences publisher() {
        return Evidences.entry(1, URL).title("Central bank pauses").by("Marta Kowalczyk").summary(TEXT)
                .marks(new Marks(true, false, false, false));
    }

    @Test
    void theSamePieceInAnotherFeedOfThePublisherSaysNoMore() {
        EntryEvidence stored = publisher().build();
        EntryEvidence typeFeed = Evidences.entry(2, URL).key("tag:qc-101").title("Central bank pauses")
                .by("Marta Kowalczyk").summary(TEXT).marks(new Marks(true, false, false, false)).build();
        EntryEvidence offSite = Evidences.entry(3, URL).title("Central bank pauses").by("Marta Kowalczyk")
                .summary(TEXT).build();

        assertThat(typeFeed.saysNoMoreThan(stored)).isTrue();
        assertThat(offSite.saysNoMoreThan(stored)).as("off its feed's site: fewer ways to match").isTrue();
        assertThat(stored.saysNoMoreThan(offSite)).as("on its site: a way to match the other lacks").isFalse();
    }

    @Test
    void anythingElseItCarriesMayFindAnotherPiece() {
        EntryEvidence stored = publisher().build();

        assertThat(publisher().title("Central bank pauses again").build().saysNoMoreThan(stored)).isFalse();
        assertThat(publisher().summary(TEXT + " Markets rallied sharply.").build().saysNoMoreThan(stored)).isFalse();
        assertThat(publisher().text(TEXT).build().saysNoMoreThan(stored)).isFalse();
        assertThat(publisher().by("Ola Nordmann").build().saysNoMoreThan(stored)).isFalse();
        assertThat(publisher().published(Evidences.MONDAY.plusSeconds(3600)).build().saysNoMoreThan(stored)).isFalse();
        assertThat(publisher().declares("https://partner.example/a").build().saysNoMoreThan(stored)).isFalse();
        assertThat(publisher().marks(new Marks(true, false, true, false)).build().saysNoMoreThan(stored)).isFalse();
        assertThat(Evidences.entry(1, URL + "-2").title("Central bank pauses").by("Marta Kowalczyk").summary(TEXT)
                .marks(new Marks(true, false, false, false)).build().saysNoMoreThan(stored)).isFalse();
    }

    /**
     * A feed lists each of its pieces once, so two of its entries on one site under two URLs are two pieces; an
     * aggregator may list one piece twice, from the publisher and from a partner that republished it, each under a
     * link of its own: its entries are listings of the sources they credit, and apart when they credit none.
     */
    @Test
    void anAggregatorsEntriesAreListingsOfTheSourcesTheyCredit() {
        Marks aggregated = new Marks(false, false, false, true);
        EntryEvidence own1 = Evidences.entry(7, "https://institute.example/a").build();
        EntryEvidence own2 = Evidences.entry(7, "https://institute.example/b").build();
        assertThat(own1.sameListing(own2)).isTrue();

        EntryEvidence fromPublisher = Evidences.entry(9, "https://agg.example/r/1").marks(aggregated).build();
        EntryEvidence fromPartner = Evidences.entry(9, "https://agg.example/r/2").marks(aggregated).build();
        assertThat(fromPublisher.sameListing(fromPartner)).as("crediting no source").isFalse();

        Marks fromInstitute = new Marks(false, false, false, true, "institute.example");
        Marks fromPaper = new Marks(false, false, false, true, "paper.example");
        EntryEvidence a = Evidences.entry(9, "https://agg.example/r/1").marks(fromInstitute).build();
        EntryEvidence b = Evidences.entry(9, "https://agg.example/r/2").marks(fromInstitute).build();
        EntryEvidence c = Evidences.entry(9, "https://agg.example/r/3").marks(fromPaper).build();
        assertThat(a.sameListing(b)).as("both from the institute's feed").isTrue();
        assertThat(a.sameListing(c)).as("from two sources").isFalse();
    }
}

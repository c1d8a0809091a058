package org.feedletter.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.feedletter.identity.Evidences.MONDAY;
import static org.feedletter.identity.Evidences.entry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.feedletter.config.DedupSettings;
import org.junit.jupiter.api.Test;

class PlacementTest {

    private static final String DEK = "A dek that the publisher writes for its summary, one or two sentences that say "
            + "what the comment argues and why it matters this week to readers in the region.";
    private static final String BODY = "The body begins with its own first paragraph, which is not the dek at all and "
            + "tells the news: the cabinet extended the measure again on Tuesday after a short debate, and the "
            + "opposition abstained. The second paragraph explains the law behind it and the questions it raises.";

    private final Placement placement = new Placement(new PieceMatcher(DedupSettings.defaults()));

    private final EntryEvidence original = entry(1, "https://institute.example/qc/a").title("The measure, again")
            .by("Marta Lindqvist").summary(DEK).text(BODY).marks(new Marks(true, false, false, false)).build();
    private final EntryEvidence partner = entry(2, "https://partner.example/a").title("The measure, again | Partner")
            .by("M. Lindqvist").text(DEK).published(MONDAY.plus(Duration.ofHours(20)))
            .marks(new Marks(true, false, true, false)).build();
    private final EntryEvidence aggregator = entry(3, "https://agg.example/r/1").title("Analysis: The measure, again")
            .text(BODY.substring(0, BODY.indexOf("abstained.") + 10)).published(MONDAY.plus(Duration.ofHours(2))).build();

    @Test
    void twoCopiesThatShareNothingButTheOriginalBecomeOneItemInEveryOrder() {
        assertThat(placement.matcher().compare(partner, aggregator).same()).as("the copies alone").isFalse();
        Set<Set<String>> expected = Set.of(Set.of(original.sourceKey(), partner.sourceKey(), aggregator.sourceKey()));
        for (List<EntryEvidence> order : permutations(List.of(original, partner, aggregator))) {
            assertThat(arrive(order)).as("arriving as %s", order.stream().map(EntryEvidence::feedId).toList())
                    .isEqualTo(expected);
        }
    }

    @Test
    void theRepresentativeIsThePublishersOwnEntryWhateverCameFirst() {
        for (List<EntryEvidence> order : permutations(List.of(original, partner, aggregator))) {
            assertThat(Representative.rank(order).chosen()).isEqualTo(original);
        }
        assertThat(Representative.rank(List.of(partner, aggregator)).chosen()).as("without the original").isEqualTo(partner);
    }

    @Test
    void anAggregatorListingAPartnersSilentCopyDoesNotMakeThatCopyTheRepresentative() {
        // The partner republished without a word of where from, hours later; the aggregator picked up its page.
        EntryEvidence silentCopy = entry(2, "https://partner.example/a").title("The measure, again")
                .by("Lindqvist, Marta").summary(DEK).text(BODY).published(MONDAY.plus(Duration.ofHours(5)))
                .marks(new Marks(true, false, false, false)).build();
        EntryEvidence listing = entry(4, "https://agg.example/r/9").declares("https://partner.example/a")
                .title("The measure, again - Partner").text(DEK).published(MONDAY.plus(Duration.ofHours(6)))
                .marks(new Marks(true, true, false, true)).build();

        for (List<EntryEvidence> order : permutations(List.of(original, silentCopy, listing))) {
            Representative.Ranking ranking = Representative.rank(order);
            assertThat(ranking.chosen()).as("ranked as %s", order.stream().map(EntryEvidence::feedId).toList())
                    .isEqualTo(original);
            assertThat(ranking.reason()).isEqualTo("published first");
        }
    }

    @Test
    void aPieceThePublisherMovedAndRepublishedShowsThePublishersEntryNotAnEarlierPartnersCopy() {
        // The old address is gone; the publisher's new post says where it first appeared, linking nowhere.
        EntryEvidence republished = entry(1, "https://institute.example/analysis/a").title("The measure, again")
                .by("Marta Lindqvist").summary(DEK).text(BODY).published(MONDAY.plus(Duration.ofDays(5)))
                .marks(new Marks(true, false, true, false)).build();
        EntryEvidence partnerCopy = entry(2, "https://partner.example/a").declares("https://institute.example/qc/a")
                .title("The measure, again").by("M. Lindqvist").text(BODY).published(MONDAY.plus(Duration.ofHours(6)))
                .marks(new Marks(true, true, true, false)).build();

        for (List<EntryEvidence> order : permutations(List.of(republished, partnerCopy))) {
            Representative.Ranking ranking = Representative.rank(order);
            assertThat(ranking.chosen()).isEqualTo(republished);
            assertThat(ranking.reason()).startsWith("the publisher's own republication");
        }
    }

    @Test
    void aRetitledPieceShowsTheVersionThePublisherSaysItChangedLastThoughMoreFeedsCarryTheOldOne() {
        // The slug changed with a typo fix; the author feed, cached, and a partner's copy still carry the old version.
        Marks own = new Marks(true, false, false, false);
        EntryEvidence siteFeed = entry(1, "https://institute.example/qc/hidrovia").title("Hidrovía: the tender")
                .by("Martín Acosta").text(BODY).marks(own).build();
        EntryEvidence typeFeed = entry(2, "https://institute.example/qc/hidrovia").title("Hidrovía: the tender")
                .by("Martín Acosta").text(BODY).updated(MONDAY.plus(Duration.ofMinutes(90))).marks(own).build();
        EntryEvidence authorFeed = entry(3, "https://institute.example/qc/hidorvia").title("Hidorvía: the tender")
                .by("Martín Acosta").text(BODY).marks(own).build();
        EntryEvidence partnerCopy = entry(4, "https://partner.example/hidorvia")
                .declares("https://institute.example/qc/hidorvia").title("Hidorvía: the tender").by("M. Acosta")
                .text(BODY).published(MONDAY.plus(Duration.ofHours(1))).marks(new Marks(true, true, true, false))
                .build();
        EntryEvidence listing = entry(5, "https://agg.example/r/7").declares("https://institute.example/qc/hidorvia")
                .title("Hidorvía: the tender - Institute").text(DEK).published(MONDAY.plus(Duration.ofMinutes(20)))
                .marks(new Marks(true, true, false, true)).build();

        for (List<EntryEvidence> order : permutations(List.of(siteFeed, typeFeed, authorFeed, partnerCopy, listing))) {
            Representative.Ranking ranking = Representative.rank(order);
            assertThat(ranking.chosen().canonicalUrl()).isEqualTo("https://institute.example/qc/hidrovia");
            assertThat(ranking.reason()).startsWith("under the URL the publisher's own entries show since its latest "
                    + "stated change");
        }
        assertThat(Representative.rank(List.of(siteFeed, authorFeed, partnerCopy)).chosen())
                .as("without a stated change, the URL more feeds name").isEqualTo(authorFeed);
    }

    @Test
    void aSiteThatMovedShowsThePieceAtTheAddressItDatedLatestThoughMoreFeedsCarryTheOldOne() {
        // The new system re-lists the piece under a new address, dated at the move; the old type feed, frozen, and the
        // author feed still carry the old address.
        Marks own = new Marks(true, false, false, false);
        EntryEvidence oldSite = entry(1, "https://irpp.example/2026/11/02/inflacao-de-outubro")
                .title("Comentário rápido: inflação de outubro").by("Tomás Aguiar").text(BODY).marks(own).build();
        EntryEvidence oldTypeFeed = entry(2, "https://irpp.example/2026/11/02/inflacao-de-outubro")
                .title("Comentário rápido: inflação de outubro").by("Tomás Aguiar").text(BODY).marks(own).build();
        EntryEvidence newSite = entry(3, "https://irpp.example/analise/leitura-rapida-inflacao-de-outubro-4821")
                .title("Leitura rápida: inflação de outubro").by("Tomás Aguiar").text(BODY)
                .published(MONDAY.plus(Duration.ofDays(14))).marks(own).build();

        for (List<EntryEvidence> order : permutations(List.of(oldSite, oldTypeFeed, newSite))) {
            Representative.Ranking ranking = Representative.rank(order);
            assertThat(ranking.chosen()).isEqualTo(newSite);
            assertThat(ranking.reason()).startsWith("under the URL the publisher's own entries give it since it last "
                    + "dated it");
        }
        // Re-listed under its first date, nothing says which address is now: the one more feeds carry.
        EntryEvidence sameDate = entry(3, "https://irpp.example/analise/leitura-rapida-inflacao-de-outubro-4821")
                .title("Leitura rápida: inflação de outubro").by("Tomás Aguiar").text(BODY).marks(own).build();
        assertThat(Representative.rank(List.of(sameDate, oldSite, oldTypeFeed)).chosen().canonicalUrl())
                .isEqualTo(oldSite.canonicalUrl());
        // A date its feed did not give (it is when the entry was first seen) says nothing either.
        EntryEvidence undated = entry(3, "https://irpp.example/analise/leitura-rapida-inflacao-de-outubro-4821")
                .title("Leitura rápida: inflação de outubro").by("Tomás Aguiar").text(BODY)
                .published(MONDAY.plus(Duration.ofDays(14)))
                .marks(new Marks(true, false, false, false, null, false, true)).build();
        assertThat(Representative.rank(List.of(undated, oldSite, oldTypeFeed)).chosen().canonicalUrl())
                .isEqualTo(oldSite.canonicalUrl());
    }

    @Test
    void aStatedChangeDecidesNothingBetweenEntriesOnTwoSites() {
        // A cross-post on a platform, updated later, is not the publisher's newer version.
        Marks own = new Marks(true, false, false, false);
        EntryEvidence crossPost = entry(6, "https://platform.example/@m/the-measure-again").title("The Measure, Again")
                .by("Marta Lindqvist").text(BODY).updated(MONDAY.plus(Duration.ofHours(3))).marks(own).build();
        EntryEvidence partnerCopy = entry(2, "https://partner.example/a").declares("https://institute.example/qc/a")
                .title("The measure, again").by("M. Lindqvist").text(BODY).published(MONDAY.plus(Duration.ofHours(6)))
                .marks(new Marks(true, true, true, false)).build();

        for (List<EntryEvidence> order : permutations(List.of(original, crossPost, partnerCopy))) {
            assertThat(Representative.rank(order).chosen()).isEqualTo(original);
        }
    }

    @Test
    void aPartnerWhoseCopyAnotherSiteNamesIsStillACopy() {
        // A link blog names the partner's page; the partner's closing line says the piece first appeared elsewhere.
        EntryEvidence partnerCopy = entry(2, "https://partner.example/a").title("The measure, again")
                .by("M. Lindqvist").text(BODY).published(MONDAY.plus(Duration.ofHours(6)))
                .marks(new Marks(true, false, true, false)).build();
        EntryEvidence linkBlog = entry(5, "https://links.example/2026/11/23/0900").declares("https://partner.example/a")
                .title("Lindqvist on the measure").text("Marta Lindqvist on the measure, via the partner.")
                .published(MONDAY.plus(Duration.ofHours(8))).marks(new Marks(true, true, false, false)).build();

        for (List<EntryEvidence> order : permutations(List.of(original, partnerCopy, linkBlog))) {
            assertThat(Representative.rank(order).chosen()).isEqualTo(original);
        }
    }

    @Test
    void aMatchThatWouldPutTwoEntriesOfOneFeedIntoOneItemIsRefused() {
        EntryEvidence sameFeedOther = entry(2, "https://partner.example/b").title("The measure, again").by("M. Lindqvist")
                .text(DEK + " And a line the other does not have.").key("b").build();
        List<Placement.Outcome> outcomes = placement.decide(List.of(new Placement.Group(List.of(sameFeedOther))),
                List.of(new Placement.Piece(7, List.of(original, partner))));

        assertThat(outcomes.get(0).isNew()).isTrue();
        assertThat(outcomes.get(0).nearest().itemId()).isEqualTo(7);
    }

    @Test
    void anAggregatorListingTheOriginalAndAPartnersCopyFromTwoSitesGetsOneItem() {
        EntryEvidence viaOriginal = entry(4, "https://agg.example/r/1").declares("https://institute.example/qc/a")
                .title("The measure, again").by("Marta Lindqvist").text(DEK).key("r1").build();
        EntryEvidence viaPartner = entry(4, "https://agg.example/r/2").declares("https://partner.example/a")
                .title("Measure extended once more").text("Reposted from the institute. " + BODY).key("r2").build();
        EntryEvidence partnerDeclaring = entry(2, "https://partner.example/a").declares("https://institute.example/qc/a")
                .title("Measure extended once more").by("M. Lindqvist").text("Reposted from the institute. " + BODY)
                .build();

        assertThat(viaOriginal.sameListing(viaPartner)).isFalse();
        Set<Set<String>> expected = Set.of(Set.of(original.sourceKey(), partnerDeclaring.sourceKey(),
                viaOriginal.sourceKey(), viaPartner.sourceKey()));
        for (List<EntryEvidence> order : permutations(List.of(original, partnerDeclaring, viaOriginal, viaPartner))) {
            assertThat(arrive(order)).as("arriving as %s", order.stream().map(EntryEvidence::sourceKey).toList())
                    .isEqualTo(expected);
        }
    }

    /** Each entry arrives alone, as one feed's poll, against the pieces stored so far; returns the final pieces. */
    private static final String LEDE = "The new private rented sector database will go live next spring, and "
            + "ministers have rightly presented it as the backbone of the new renting rules.";
    private static final String PDF = "https://institute.example/media/renting-without-fear.pdf";

    private static final Marks OWN = new Marks(true, false, false, false);
    private static final String REPORT_SUMMARY = "Private tenants move on average every four years, and one move in "
            + "five is not their choice. This report sets out how to end no-fault evictions without driving landlords "
            + "out of the market.";
    private final EntryEvidence comment = entry(1, "https://institute.example/qc/landlord-register")
            .title("A landlord register is only as good as the people who check it").by("Tom Ashworth")
            .summary(LEDE).text(LEDE + " But a register is a list, not an inspector: councils have lost a third of "
                    + "their enforcement officers since 2010, and nothing in the bill pays for new ones.")
            .published(MONDAY.plus(Duration.ofHours(3))).marks(OWN).build();
    private final EntryEvidence report = entry(1, "https://institute.example/research/renting-without-fear")
            .key("r-site").title("Renting without fear").by("Priya Raman").summary(REPORT_SUMMARY).marks(OWN).build();
    private final EntryEvidence story = entry(4, "https://newsletter.example/p/the-weekly-46").key("1045")
            .declares(PDF).title("A landlord register is only as good as the people who check it").by("T. Ashworth")
            .summary(LEDE).published(MONDAY.plus(Duration.ofDays(2))).marks(new Marks(false, true, false, false))
            .build();

    /**
     * A newsletter's story copies a comment (its title, its lede, its author) and links, as its original, the PDF of
     * a report the comment discusses; the report's entry in an author feed links that PDF. The site feed lists
     * comment and report under their own URLs. In every order: the story with the comment, the report's two entries
     * together, and the two apart (the story, joined to the report first, is taken from it when the site shows two).
     */
    @Test
    void aStoryThatCopiesOnePieceAndNamesAnotherAsItsOriginalIsTheOneItCopiesInEveryOrder() {
        EntryEvidence authorFeed = entry(3, PDF).key("r-author").title("Renting without fear").by("Raman, Priya")
                .summary(REPORT_SUMMARY).marks(OWN).build();
        assertThat(placement.matcher().compare(story, authorFeed).same()).as("the story names the PDF").isTrue();

        Set<Set<String>> expected = Set.of(Set.of(comment.sourceKey(), "1045"), Set.of("r-site", "r-author"));
        for (List<EntryEvidence> order : permutations(List.of(comment, report, authorFeed, story))) {
            assertThat(arrive(order)).as("arriving as %s", order.stream().map(EntryEvidence::sourceKey).toList())
                    .isEqualTo(expected);
        }
    }

    /**
     * The same, with an aggregator's listing of the report that links the PDF as well: it and the story both name the
     * PDF, which says only that both point to it; its text is the report's. In every order it is the report's, and
     * the story stays with the comment (thames, where the listing joined the story when the report's author feed came
     * last).
     */
    @Test
    void anAggregatorListingAReportAndAStoryBothNamingItsPdfAreTheirOwnTextsPiecesInEveryOrder() {
        EntryEvidence authorFeed = entry(3, "https://institute.example/research/renting-without-fear").key("r-author")
                .title("Renting without fear").by("Raman, Priya").summary(REPORT_SUMMARY).marks(OWN).build();
        EntryEvidence listing = entry(5, "https://aggregator.example/uk-policy/d46b5a").key("listing").declares(PDF)
                .title("Think tank: Renting without fear")
                .summary(REPORT_SUMMARY.substring(0, REPORT_SUMMARY.indexOf(" This")) + " The report sets out how to "
                        + "end no-fault evictions without driving landlords out.")
                .published(MONDAY.plus(Duration.ofHours(6))).build();
        assertThat(placement.matcher().compare(listing, story).same()).as("both name the PDF").isTrue();
        assertThat(placement.matcher().compare(listing, report).same()).as("the listing's text is the report's")
                .isTrue();

        Set<Set<String>> expected = Set.of(Set.of(comment.sourceKey(), "1045"),
                Set.of("r-site", "r-author", "listing"));
        for (List<EntryEvidence> order : permutations(List.of(comment, report, authorFeed, story, listing))) {
            assertThat(arrive(order)).as("arriving as %s", order.stream().map(EntryEvidence::sourceKey).toList())
                    .isEqualTo(expected);
        }
    }

    /**
     * A read-aloud feed's item links the site's audio post of a comment and names the comment as its original; an
     * author feed lists the comment and the audio post, in one poll. Whichever came first, the read-aloud item goes
     * with the audio post (the same URL), and the comment stays apart: the author feed holds the two apart, though
     * when the read-aloud item had joined the comment first, both of its entries join that one item by URL (pasig).
     */
    @Test
    void twoEntriesOfOnePollThatJoinOneItemByUrlPartWhatADeclarationJoinedInEveryOrder() {
        String commentUrl = "https://institute.example/2026/11/16/flood-control-cut";
        String audioUrl = "https://institute.example/2026/11/17/audio-flood-control-cut";
        String title = "Senate flood-control cut: what the numbers say";
        String lede = "The Senate cut the flood-control budget by a fifth on Monday, and the numbers behind the cut "
                + "say less about waste than about who will pay when the next typhoon comes to the delta towns.";
        Marks own = new Marks(true, false, false, false);
        EntryEvidence comment = entry(1, commentUrl).key("comment").title(title).by("Ana Villanueva").summary(lede)
                .marks(own).build();
        EntryEvidence readAloud = entry(2, audioUrl).key("read-aloud").declares(commentUrl).title("Listen: " + title)
                .by("Ana Villanueva").summary("Ana Villanueva reads her comment on the Senate's cut.")
                .published(MONDAY.plus(Duration.ofDays(1))).build();
        EntryEvidence authorComment = entry(3, commentUrl).key("author-comment").title(title).by("Ana Villanueva")
                .summary(lede).marks(own).build();
        EntryEvidence authorAudio = entry(3, audioUrl).key("author-audio").title("Audio: " + title)
                .by("Ana Villanueva").summary("Listen to Ana Villanueva read her comment on the Senate's cut.")
                .published(MONDAY.plus(Duration.ofDays(1))).marks(own).build();

        Set<Set<String>> expected = Set.of(Set.of("comment", "author-comment"), Set.of("read-aloud", "author-audio"));
        List<List<EntryEvidence>> polls = List.of(List.of(comment), List.of(readAloud),
                List.of(authorComment, authorAudio));
        assertEveryOrderOfPollsGives(polls, expected);
    }

    /**
     * An author feed lists a comment and its read-aloud post (a day later, the same text after an intro) under their
     * own URLs; a partner republishes the comment with the audio embedded ("Listen to ... read this piece"), and an
     * aggregator lists the partner's copy. When the listing comes before the partner's copy, the read-aloud post is
     * its nearest match; once the copy comes, the listing matches the copy more, and goes with it to the comment. In
     * every order: the listing with the partner's copy and the comment, the read-aloud post apart (pasig, where the
     * order the feeds came in decided where the listing stayed).
     */
    @Test
    void aStoredEntryGoesWithTheCopyItMatchesMostWhenThatCopyComesInEveryOrder() {
        String commentUrl = "https://institute.example/2026/11/25/bicam-report-three-lines";
        String listenUrl = "https://institute.example/2026/11/26/listen-bicam-report-three-lines";
        String title = BICAM_TITLE;
        String lede = BICAM_LEDE;
        String intro = "Listen to Dr. Villanueva read this piece: ";
        EntryEvidence typeFeed = entry(1, commentUrl).key("comment").title(title).by("Maria Teresa Villanueva")
                .summary(lede).marks(OWN).build();
        EntryEvidence authorComment = entry(3, commentUrl).key("author-comment").title(title)
                .by("Villanueva, Maria Teresa").summary(lede).marks(OWN).build();
        EntryEvidence authorListen = entry(3, listenUrl).key("author-listen").title("Listen: " + title)
                .by("Villanueva, Maria Teresa").summary("Audio version of the comment by Dr. Maria Teresa Villanueva, "
                        + "read by the author. Transcript " + lede)
                .published(MONDAY.plus(Duration.ofHours(27))).marks(OWN).build();
        EntryEvidence partnerCopy = entry(6, "https://ledger.example/opinion/2026/11/26/bicam-report-three-lines")
                .key("partner").title("Bicam report: three lines to read first").by("M. T. Villanueva")
                .summary(intro + lede).published(MONDAY.plus(Duration.ofHours(30))).marks(OWN).build();
        String cut = String.join(" ", List.of(lede.split(" ")).subList(0, 24)) + "…";
        EntryEvidence listing = entry(5, "https://hub.example/r/659c581b").key("listing")
                .title("Bicam report: three lines to read first").summary(intro + cut)
                .published(MONDAY.plus(Duration.ofHours(30).plusMinutes(20)))
                .marks(new Marks(false, false, false, true, "ledger.example")).build();

        Set<Set<String>> expected = Set.of(Set.of("comment", "author-comment", "partner", "listing"),
                Set.of("author-listen"));
        List<List<EntryEvidence>> polls = List.of(List.of(typeFeed), List.of(authorComment, authorListen),
                List.of(partnerCopy), List.of(listing));
        assertEveryOrderOfPollsGives(polls, expected);
    }

    /**
     * A podcast's reading of a comment (its whole text after a spoken line) and a partner's copy of the comment come
     * first and become one item, since nothing yet tells them apart; then the site's feed lists the comment and its
     * own audio post (the same reading, a day later) under their own URLs. The comment joins the item; the audio post,
     * kept from it by the site's two URLs, takes the reading, which matches it more (as volta's podcast did). In every
     * order: the reading with the audio post, the copy with the comment.
     */
    @Test
    void aReadingStoredWithACommentsCopyGoesToTheAudioPostWhenTheSiteListsTheTwoApartInEveryOrder() {
        String reads = "Kwame Mensah reads his Quick Comment and adds a minute on the first day of the debate. ";
        EntryEvidence copy = entry(2, "https://chronicle.example/2026/11/12/surplus-on-paper").key("copy")
                .title(BICAM_TITLE).by("K. Mensah").summary(BICAM_LEDE)
                .published(MONDAY.plus(Duration.ofHours(4))).marks(OWN).build();
        EntryEvidence reading = entry(3, "https://podhost.example/episodes/a93f0d2e").key("reading")
                .title(BICAM_TITLE + " (audio)").summary(reads + BICAM_LEDE)
                .published(MONDAY.plus(Duration.ofHours(24))).marks(OWN).build();
        EntryEvidence siteComment = entry(1, "https://institute.example/2026/11/12/surplus").key("site-comment")
                .title(BICAM_TITLE).by("Kwame Mensah").summary(BICAM_LEDE).marks(OWN).build();
        EntryEvidence siteAudio = entry(1, "https://institute.example/2026/11/13/listen-surplus").key("site-audio")
                .title("Listen: " + BICAM_TITLE).by("Kwame Mensah").summary(reads + BICAM_LEDE)
                .published(MONDAY.plus(Duration.ofHours(24).plusMinutes(15))).marks(OWN).build();

        Set<Set<String>> expected = Set.of(Set.of("copy", "site-comment"), Set.of("reading", "site-audio"));
        List<List<EntryEvidence>> polls = List.of(List.of(copy), List.of(reading), List.of(siteComment, siteAudio));
        assertEveryOrderOfPollsGives(polls, expected);
    }

    private static final String READS = "Kwame Mensah reads his Quick Comment and adds a minute on the first day of "
            + "the debate. ";
    private static final String FIRST_LINE = "The bicameral conference committee signed its report on the 2027 budget "
            + "late on Tuesday, and the document is 1,146 pages long.";

    /**
     * An aggregator's listing of a comment stored in the comment's audio post's item (it joined the author feed's
     * audio entry by title alone), and its listing of the audio post stored in the comment's (with the podcast's
     * reading, through a partner's copy): each keeps the other out, one feed's listings under two URLs. When the
     * site's audio post comes and draws the reading, the two listings change places.
     */
    @Test
    void twoListingsOfOneFeedInEachOthersItemsChangePlaces() {
        Marks listed = new Marks(false, false, false, true, "institute.example");
        EntryEvidence commentListing = entry(5, "https://hub.example/go/d38a").key("comment-listing")
                .title(BICAM_TITLE).summary(FIRST_LINE).published(MONDAY.plus(Duration.ofMinutes(50)))
                .marks(listed).build();
        EntryEvidence audioListing = entry(5, "https://hub.example/go/ef8e").key("audio-listing")
                .title("Listen: " + BICAM_TITLE).summary(READS + BICAM_LEDE)
                .published(MONDAY.plus(Duration.ofHours(27).plusMinutes(25))).marks(listed).build();
        EntryEvidence reading = entry(3, "https://podhost.example/episodes/a93f").key("reading").title(BICAM_TITLE)
                .summary(READS + BICAM_LEDE).published(MONDAY.plus(Duration.ofHours(27).plusMinutes(5)))
                .marks(OWN).build();
        EntryEvidence authorComment = entry(2, "https://institute.example/2026/11/23/bicam").key("author-comment")
                .title(BICAM_TITLE).by("Kwame Mensah").summary(BICAM_LEDE).marks(OWN).build();
        EntryEvidence authorAudio = entry(2, "https://institute.example/2026/11/24/listen-bicam").key("author-audio")
                .title(BICAM_TITLE).by("Kwame Mensah").summary("Audio, 5 minutes.")
                .published(MONDAY.plus(Duration.ofHours(27))).marks(OWN).build();
        EntryEvidence siteAudio = entry(1, "https://institute.example/2026/11/24/listen-bicam").key("site-audio")
                .title("Listen: " + BICAM_TITLE).by("Kwame Mensah").summary(READS + BICAM_LEDE)
                .published(MONDAY.plus(Duration.ofHours(27))).marks(OWN).build();
        assertThat(placement.matcher().compare(commentListing, authorAudio).same()).as("alike by title").isTrue();

        Placement.Outcome o = placement.decide(List.of(new Placement.Group(List.of(siteAudio))), List.of(
                new Placement.Piece(15, List.of(authorComment, reading, audioListing)),
                new Placement.Piece(44, List.of(authorAudio, commentListing)))).get(0);

        assertThat(o.itemIds()).containsExactly(44L);
        assertThat(o.drawn()).extracting(Placement.Taken::fromItem).containsOnly(15L);
        assertThat(o.drawn()).flatExtracting(Placement.Taken::entries).extracting(EntryEvidence::sourceKey)
                .containsExactlyInAnyOrder("reading", "audio-listing");
        assertThat(o.sent()).singleElement().satisfies(sent -> {
            assertThat(sent.toItem()).isEqualTo(15L);
            assertThat(sent.taken().fromItem()).isEqualTo(44L);
            assertThat(sent.taken().entries()).containsExactly(commentListing);
            assertThat(sent.taken().match().matched()).isSameAs(authorComment);
        });
    }

    /**
     * A podcast's reading of a comment stored with a partner's copy of the comment, and an aggregator's listing that
     * names the reading's episode page as its original: the two are bound by that URL. When the site lists the audio
     * post apart from the comment, the reading goes to the audio post, and the listing bound to it goes along.
     */
    @Test
    void entriesBoundByANamedOriginalAreDrawnTogether() {
        EntryEvidence copy = entry(4, "https://abidjan.example/opinions/51219").key("copy").title(BICAM_TITLE)
                .by("Kwame Mensah").summary(BICAM_LEDE)
                .published(MONDAY.plus(Duration.ofHours(7))).marks(OWN).build();
        EntryEvidence reading = entry(3, "https://podhost.example/episodes/7c2a").key("reading").title(BICAM_TITLE)
                .summary(READS + BICAM_LEDE).published(MONDAY.plus(Duration.ofHours(27).plusMinutes(5)))
                .marks(OWN).build();
        EntryEvidence namesReading = entry(6, "https://flux.example/fo_0b6d").key("names-reading")
                .declares("https://podhost.example/episodes/7c2a").title("Episode: " + BICAM_TITLE)
                .summary("Listen on the podcast.").published(MONDAY.plus(Duration.ofHours(28)))
                .marks(new Marks(false, true, true, false)).build();
        EntryEvidence namesAudio = entry(6, "https://flux.example/fo_50ea").key("names-audio")
                .declares("https://institute.example/2026/11/24/listen-bicam").title("Audio: " + BICAM_TITLE)
                .summary("Listen on the institute's site.").published(MONDAY.plus(Duration.ofHours(28)))
                .marks(new Marks(false, true, true, false)).build();
        EntryEvidence siteAudio = entry(1, "https://institute.example/2026/11/24/listen-bicam").key("site-audio")
                .title("Listen: " + BICAM_TITLE).by("Kwame Mensah").summary(READS + BICAM_LEDE)
                .published(MONDAY.plus(Duration.ofHours(27))).marks(OWN).build();
        EntryEvidence siteComment = entry(1, "https://institute.example/2026/11/23/bicam").key("site-comment")
                .title(BICAM_TITLE).by("Kwame Mensah").summary(BICAM_LEDE).marks(OWN).build();
        assertThat(placement.matcher().compare(namesReading, reading).rule())
                .isEqualTo(PairVerdict.Rule.DECLARED_ORIGINAL);

        List<Placement.Outcome> outcomes = placement.decide(List.of(new Placement.Group(List.of(siteAudio)),
                new Placement.Group(List.of(siteComment))), List.of(
                new Placement.Piece(46, List.of(copy, reading, namesReading)),
                new Placement.Piece(62, List.of(namesAudio))));

        assertThat(outcomes.get(0).itemIds()).containsExactly(62L);
        assertThat(outcomes.get(1).itemIds()).containsExactly(46L);
        assertThat(outcomes.get(0).drawn()).singleElement().satisfies(t -> {
            assertThat(t.fromItem()).isEqualTo(46L);
            assertThat(t.entries()).extracting(EntryEvidence::sourceKey)
                    .containsExactlyInAnyOrder("reading", "names-reading");
        });
    }

    private static final String BICAM_TITLE = "The bicam report is out. Read these three lines first.";
    private static final String BICAM_LEDE = "The bicameral conference committee signed its report on the 2027 "
            + "budget late on Tuesday, and the document is 1,146 pages long. Most readers will look at the total. "
            + "Three lines say more. First, flood control: the final figure is closer to the House than to the Senate.";

    /**
     * An aggregator lists a comment half an hour after it was published; its text and title are the comment's, and
     * as much the read-aloud post's, a day later (the transcript, the title with "Listen:"), which the site lists
     * apart. It goes with the comment, whichever item was stored first or has the lesser key.
     */
    @Test
    void anEntryAsLikeTwoPiecesGoesWithTheOneNearerInTime() {
        EntryEvidence siteComment = entry(1, "https://institute.example/2026/11/25/bicam").key("z-comment")
                .title(BICAM_TITLE).by("Maria Teresa Villanueva").summary(BICAM_LEDE).marks(OWN).build();
        EntryEvidence siteAudio = entry(1, "https://institute.example/2026/11/26/listen-bicam").key("a-audio")
                .title("Listen: " + BICAM_TITLE).summary(BICAM_LEDE).published(MONDAY.plus(Duration.ofHours(27)))
                .marks(OWN).build();
        EntryEvidence listing = entry(5, "https://hub.example/r/cd3c1d30").title(BICAM_TITLE).summary(BICAM_LEDE)
                .published(MONDAY.plus(Duration.ofMinutes(30))).marks(new Marks(false, false, false, true,
                        "institute.example")).build();
        assertThat(placement.matcher().compare(listing, siteAudio).strength())
                .as("as like the one as the other").isEqualTo(placement.matcher().compare(listing, siteComment)
                        .strength());

        for (List<Placement.Piece> stored : permutations(List.of(new Placement.Piece(7, List.of(siteComment)),
                new Placement.Piece(8, List.of(siteAudio))))) {
            Placement.Outcome o = placement.decide(List.of(new Placement.Group(List.of(listing))), stored).get(0);
            assertThat(o.itemIds()).as("stored as %s", stored.stream().map(Placement.Piece::itemId).toList())
                    .containsExactly(7L);
        }
    }

    /**
     * Two entries of one aggregator's poll, one listing a comment and one a partner's copy with the audio of the
     * comment's read-aloud post embedded, are alike enough to be one piece listed twice; but each is nearest a
     * different stored item, and an author feed lists those two apart under their own URLs. What one feed lists
     * twice says nothing of the other feed: the two items stay two.
     */
    @Test
    void twoEntriesOfOnePollAlikeDoNotJoinTwoItemsAnotherFeedListsApart() {
        String intro = "Listen to Dr. Villanueva read this piece: ";
        EntryEvidence authorComment = entry(3, "https://institute.example/2026/11/25/bicam").key("author-comment")
                .title(BICAM_TITLE).by("Villanueva, Maria Teresa").summary(BICAM_LEDE).marks(OWN).build();
        EntryEvidence authorListen = entry(3, "https://institute.example/2026/11/26/listen-bicam").key("author-listen")
                .title("Listen: " + BICAM_TITLE).by("Villanueva, Maria Teresa").summary(intro + BICAM_LEDE)
                .published(MONDAY.plus(Duration.ofHours(27))).marks(OWN).build();
        EntryEvidence ofComment = entry(5, "https://hub.example/r/cd3c1d30").key("of-comment").title(BICAM_TITLE)
                .summary(BICAM_LEDE).published(MONDAY.plus(Duration.ofMinutes(5)))
                .marks(new Marks(false, false, false, true, "institute.example")).build();
        EntryEvidence ofCopy = entry(5, "https://hub.example/r/659c581b").key("of-copy").title(BICAM_TITLE)
                .summary(intro + BICAM_LEDE).published(MONDAY.plus(Duration.ofHours(27).plusMinutes(30)))
                .marks(new Marks(false, false, false, true, "ledger.example")).build();
        assertThat(placement.matcher().compare(ofCopy, ofComment).same()).as("alike").isTrue();

        List<Placement.Outcome> outcomes = placement.decide(List.of(new Placement.Group(List.of(ofComment)),
                new Placement.Group(List.of(ofCopy))), List.of(new Placement.Piece(7, List.of(authorComment)),
                new Placement.Piece(8, List.of(authorListen))));
        assertThat(outcomes.get(0).itemIds()).containsExactly(7L);
        assertThat(outcomes.get(1).itemIds()).containsExactly(8L);
    }

    private void assertEveryOrderOfPollsGives(List<List<EntryEvidence>> polls, Set<Set<String>> expected) {
        for (List<List<EntryEvidence>> order : permutations(polls)) {
            assertThat(arrivePolls(order)).as("polled as %s",
                    order.stream().map(p -> p.stream().map(EntryEvidence::sourceKey).toList()).toList())
                    .isEqualTo(expected);
        }
    }

    /** Each poll's entries arrive together (each its own group) against the pieces stored so far; the final pieces. */
    private Set<Set<String>> arrivePolls(List<List<EntryEvidence>> polls) {
        Map<Long, List<EntryEvidence>> pieces = new TreeMap<>();
        long next = 0;
        for (List<EntryEvidence> poll : polls) {
            List<Placement.Piece> stored = new ArrayList<>();
            pieces.forEach((id, entries) -> stored.add(new Placement.Piece(id, entries)));
            List<Placement.Group> groups = poll.stream().map(e -> new Placement.Group(List.of(e))).toList();
            List<Placement.Outcome> outcomes = placement.decide(groups, stored);
            long[] itemOfGroup = new long[outcomes.size()];
            for (int i = 0; i < outcomes.size(); i++) {
                Placement.Outcome o = outcomes.get(i);
                EntryEvidence e = o.group().entries().get(0);
                if (o.sameAs() >= 0) {
                    itemOfGroup[i] = itemOfGroup[o.sameAs()];
                    pieces.get(itemOfGroup[i]).add(e);
                } else if (o.itemIds().isEmpty()) {
                    List<EntryEvidence> item = new ArrayList<>(List.of(e));
                    if (o.taken() != null) {
                        List<EntryEvidence> taken = o.taken().entries();
                        pieces.get(o.taken().fromItem()).removeIf(x -> taken.stream().anyMatch(t -> t == x));
                        item.addAll(o.taken().entries());
                    }
                    itemOfGroup[i] = next++ + 1000;
                    pieces.put(itemOfGroup[i], item);
                    draw(pieces, o, itemOfGroup[i]);
                } else {
                    long survivor = o.itemIds().get(0);
                    for (long other : o.itemIds().subList(1, o.itemIds().size())) {
                        pieces.get(survivor).addAll(pieces.remove(other));
                    }
                    pieces.get(survivor).add(e);
                    for (Placement.Taken parting : o.partedOff()) {
                        pieces.get(survivor).removeIf(x -> parting.entries().stream().anyMatch(t -> t == x));
                        pieces.put(next++ + 1000, new ArrayList<>(parting.entries()));
                    }
                    itemOfGroup[i] = survivor;
                    draw(pieces, o, survivor);
                }
            }
        }
        Set<Set<String>> result = new HashSet<>();
        pieces.values().forEach(p -> result.add(new HashSet<>(p.stream().map(EntryEvidence::sourceKey).toList())));
        result.remove(Set.of());
        return result;
    }

    /** Moves the stored entries the outcome draws to its item. */
    private static void draw(Map<Long, List<EntryEvidence>> pieces, Placement.Outcome o, long itemId) {
        for (Placement.Taken t : o.drawn()) {
            pieces.get(t.fromItem()).removeIf(x -> t.entries().stream().anyMatch(e -> e == x));
            pieces.get(itemId).addAll(t.entries());
        }
    }

    private Set<Set<String>> arrive(List<EntryEvidence> order) {
        List<List<EntryEvidence>> pieces = new ArrayList<>();
        for (EntryEvidence e : order) {
            List<Placement.Piece> stored = new ArrayList<>();
            for (int i = 0; i < pieces.size(); i++) {
                stored.add(new Placement.Piece(i, pieces.get(i)));
            }
            Placement.Outcome o = placement.decide(List.of(new Placement.Group(List.of(e))), stored).get(0);
            if (o.taken() != null) {
                pieces.get((int) o.taken().fromItem()).removeIf(x -> o.taken().entries().stream().anyMatch(t -> t == x));
                List<EntryEvidence> item = new ArrayList<>(List.of(e));
                item.addAll(o.taken().entries());
                pieces.add(item);
            } else if (o.isNew()) {
                pieces.add(new ArrayList<>(List.of(e)));
            } else {
                List<EntryEvidence> merged = new ArrayList<>(); // in arrival order, as an item's entries are read
                new TreeSet<>(o.itemIds()).descendingSet().forEach(id -> merged.addAll(0, pieces.remove((int) (long) id)));
                merged.add(e);
                for (Placement.Taken parting : o.partedOff()) {
                    merged.removeIf(x -> parting.entries().stream().anyMatch(t -> t == x));
                    pieces.add(new ArrayList<>(parting.entries()));
                }
                pieces.add(merged);
            }
        }
        Set<Set<String>> result = new HashSet<>();
        pieces.forEach(p -> result.add(new HashSet<>(p.stream().map(EntryEvidence::sourceKey).toList())));
        return result;
    }

    private static <T> List<List<T>> permutations(List<T> items) {
        if (items.size() <= 1) {
            return List.of(items);
        }
        List<List<T>> all = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            List<T> rest = new ArrayList<>(items);
            T first = rest.remove(i);
            for (List<T> tail : permutations(rest)) {
                List<T> one = new ArrayList<>(List.of(first));
                one.addAll(tail);
                all.add(one);
            }
        }
        return all;
    }
}

package org.feedletter.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.feedletter.identity.Evidences.ECB_STATEMENT;
import static org.feedletter.identity.Evidences.MONDAY;
import static org.feedletter.identity.Evidences.entry;

import java.time.Duration;
import java.util.List;
import org.feedletter.config.DedupSettings;
import org.feedletter.identity.PairVerdict.Rule;
import org.junit.jupiter.api.Test;

class PieceMatcherTest {

    private static final String DEK = "Helsinki has extended the closure of its land border with Russia once more. The "
            + "security case is strong; the asylum law underpinning it is getting harder to defend.";
    private static final String TEXT = "The Finnish government announced on Tuesday that every crossing point on its "
            + "land border with Russia will stay closed until at least the end of May. It is the ninth extension since "
            + "the first closures, and nobody in Helsinki pretends it will be the last. The security argument has not "
            + "weakened, and few Finns want the crossings reopened.";
    private static final String FOLLOW_UP = "The Finnish government announced on Tuesday that every crossing point on "
            + "its land border with Russia will stay closed until at least the end of May. Four days on, the "
            + "Chancellor of Justice has asked for a report on how the emergency law is applied, and two opposition "
            + "parties want a vote on whether to use the European crisis rules instead of a national one.";

    private final PieceMatcher matcher = new PieceMatcher(DedupSettings.defaults());

    private Evidences original() {
        return entry(1, "https://institute.example/qc/finland").title("Finland keeps the eastern border shut")
                .by("Daniel Okafor").summary(DEK).text(TEXT);
    }

    @Test
    void aPartnerCarryingOnlyThePublishersSummaryMeetsTheFullEntryByItsSummary() {
        PairVerdict v = matcher.compare(entry(2, "https://partner.example/finland")
                .title("Finland keeps the eastern border shut | Observatory").by("D. Okafor").text(DEK)
                .published(MONDAY.plus(Duration.ofHours(18))).build(), original().build());

        assertThat(v.same()).isTrue();
        assertThat(v.rule()).isEqualTo(Rule.TEXT);
        assertThat(v.textPair()).isEqualTo("text ~ summary");
    }

    @Test
    void theVerdictIsTheSameWhicheverEntryIsFirst() {
        EntryEvidence copy = entry(2, "https://partner.example/finland").title("Finland: the border stays shut")
                .text(DEK).published(MONDAY.plus(Duration.ofHours(5))).build();
        EntryEvidence other = entry(3, "https://other.example/x").title("Finland keeps the eastern border shut")
                .by("Anna Virtanen").text(FOLLOW_UP).build();
        for (EntryEvidence a : new EntryEvidence[] {copy, other, original().build()}) {
            for (EntryEvidence b : new EntryEvidence[] {copy, other, original().build()}) {
                assertThat(matcher.compare(a, b).same()).isEqualTo(matcher.compare(b, a).same());
            }
        }
    }

    private static final String FIRST_PARAGRAPH = "The Finnish government announced on Tuesday that every crossing "
            + "point on its land border with Russia will stay closed until at least the end of May.";

    /** A newspaper runs the comment's first paragraph under a headline of its own, in the next morning's edition. */
    @Test
    void aRetitledCopyOfAWholeFirstParagraphIsThePieceOnlyWhenNothingElseIsInIt() {
        EntryEvidence copy = entry(2, "https://daily.example/opinion/finland-border").title("Opinion | Why Finland's door "
                + "to Russia stays closed").text(FIRST_PARAGRAPH).published(MONDAY.plus(Duration.ofHours(20))).build();
        assertThat(matcher.compare(copy, original().build()).same()).as("the copy").isTrue();

        EntryEvidence readingList = entry(2, "https://daily.example/what-we-are-reading-27-november")
                .title("What we are reading on Finland, 27 November").text(FIRST_PARAGRAPH + " And from Tallinn: the "
                        + "Estonian cabinet is weighing a levy on transit trucks to pay for the road repairs.")
                .published(MONDAY.plus(Duration.ofHours(20))).build();
        assertThat(matcher.compare(readingList, original().build()).same()).as("a list that quotes it, and more")
                .isFalse();

        EntryEvidence weekLater = entry(2, "https://daily.example/opinion/finland-border-again").title("Opinion | Why "
                + "Finland's door to Russia stays closed").text(FIRST_PARAGRAPH)
                .published(MONDAY.plus(Duration.ofDays(7))).build();
        assertThat(matcher.compare(weekLater, original().build()).same()).as("a week later").isFalse();

        EntryEvidence otherTopic = entry(2, "https://daily.example/opinion/x").title("Opinion | Tallinn weighs a levy")
                .text(FIRST_PARAGRAPH).published(MONDAY.plus(Duration.ofHours(20))).build();
        assertThat(matcher.compare(otherTopic, original().build()).same()).as("a headline sharing no word").isFalse();
    }

    @Test
    void aPieceItsAuthorPublishesAgainWordForWordWeeksLaterIsThePieceWithinHalfAWindowMore() {
        EntryEvidence republished = entry(4, "https://new-institute.example/archive/finland")
                .title("Finland keeps the eastern border shut").by("Okafor, Daniel").text(TEXT)
                .published(MONDAY.plus(Duration.ofDays(16))).build();

        PairVerdict v = matcher.compare(republished, original().build());
        assertThat(v.same()).isTrue();
        assertThat(v.reason()).contains("republished word for word");
        assertThat(matcher.compare(original().build(), republished).same()).isTrue();
        assertThat(matcher.republishedWithin()).isEqualTo(Duration.ofDays(21));
    }

    @Test
    void weeksLaterATitleOrAnAuthorOfItsOwnAShortTextOrMoreThanHalfAWindowMoreStayApart() {
        Evidences later = entry(4, "https://new-institute.example/archive/finland")
                .title("Finland keeps the eastern border shut").by("Daniel Okafor").text(TEXT)
                .published(MONDAY.plus(Duration.ofDays(16)));
        EntryEvidence original = original().build();

        assertThat(matcher.compare(later.title("Finland keeps the eastern border shut, again").build(), original)
                .same()).as("a word of its own in the title").isFalse();
        assertThat(matcher.compare(later.title("Finland keeps the eastern border shut").by("Anna Virtanen").build(),
                original).same()).as("another author").isFalse();
        assertThat(matcher.compare(later.by(null).build(), original).same()).as("no author named").isFalse();
        assertThat(matcher.compare(later.by("Daniel Okafor").text(DEK).build(), entry(1, "https://institute.example/x")
                .title("Finland keeps the eastern border shut").by("Daniel Okafor").text(DEK).build()).same())
                .as("a text under 40 words").isFalse();
        PairVerdict tooLate = matcher.compare(later.text(TEXT).published(MONDAY.plus(Duration.ofDays(22))).build(),
                original);
        assertThat(tooLate.same()).isFalse();
        assertThat(tooLate.reason()).isEqualTo("published further apart than the dedup window");
    }

    private static final String STANDING_INTRO = "Every Monday our Brussels team looks at the week ahead in the "
            + "European institutions: the files on the table, the votes to watch and what they mean for the region. "
            + "This column is free to republish with credit, and you can have it by e-mail each week by signing up "
            + "on our site. ";
    private static final String PACKAGING_WEEK = STANDING_INTRO + "This week the Council takes up the packaging "
            + "regulation again, after the Parliament's environment committee voted to soften the reuse targets for "
            + "drinks and takeaway food. Three governments want the targets dropped altogether, and the presidency "
            + "has floated a review clause in their place. The deposit schemes that already work in the north would "
            + "be left alone; the fight is over the south, where cafes and bottlers say the cost falls on them.";
    private static final String BUDGET_WEEK = STANDING_INTRO + "This week all eyes are on the budget talks, where "
            + "the net payers want the new defence fund paid from the existing envelopes rather than from fresh "
            + "money. Cohesion regions fear they will pay for it, and the Parliament has said it will not sign off on "
            + "a deal that cuts farm support again. Expect the first numbers on Thursday, and no agreement before the "
            + "summit in December, whatever the ministers say on their way in.";

    @Test
    void instalmentsOfAColumnOpeningWithTheSameStandingParagraphStayApartByWhatFollows() {
        EntryEvidence institute = entry(1, "https://institute.example/week/packaging").title("The week in Brussels")
                .by("Anna Berg").text(PACKAGING_WEEK).build();
        for (int days : new int[] {1, 7}) {
            EntryEvidence partnerNextWeek = entry(2, "https://partner.example/week-in-brussels/budget")
                    .title("The week in Brussels").by("Anna Berg").text(BUDGET_WEEK)
                    .published(MONDAY.plus(Duration.ofDays(days))).build();

            PairVerdict v = matcher.compare(partnerNextWeek, institute);
            assertThat(v.same()).as("%d days later", days).isFalse();
            assertThat(v.reason()).contains("go on apart");
        }
        EntryEvidence partnerCopy = entry(2, "https://partner.example/week-in-brussels/packaging")
                .title("The week in Brussels").by("Anna Berg").text(PACKAGING_WEEK)
                .published(MONDAY.plus(Duration.ofHours(6))).build();
        assertThat(matcher.compare(partnerCopy, institute).same()).as("a copy goes on as the piece").isTrue();
        EntryEvidence firstParagraphOnly = entry(3, "https://aggregator.example/r/1").title("The week in Brussels")
                .by("Anna Berg").text(PACKAGING_WEEK.substring(0, PACKAGING_WEEK.indexOf(" Three governments")))
                .published(MONDAY.plus(Duration.ofHours(2))).build();
        assertThat(firstParagraphOnly.continuation()).isNull();
        assertThat(matcher.compare(firstParagraphOnly, institute).same()).as("a copy cut short tells nothing against")
                .isTrue();
    }

    private static final String ROME_TAKE = ECB_STATEMENT + "That sentence will be read in Rome with alarm. Italy's "
            + "ten-year spread over Bunds widened by twelve points within the hour, and the Treasury's auction next "
            + "week now looks expensive.";
    private static final String WARSAW_TAKE = ECB_STATEMENT + "For Warsaw the decision matters less than it seems. "
            + "Poland is outside the euro, and the central bank in Warsaw cut rates only last month; the zloty "
            + "barely moved.";

    /**
     * Two institutes' quick comments on one decision, both opening with the statement they quote, carried as the
     * summaries their feeds give, under one generic headline and with no author named.
     */
    @Test
    void twoCommentsOpeningWithTheStatementTheyBothQuoteStayApart() {
        EntryEvidence rome = entry(1, "https://one.example/qc/ecb-rome").title("Quick Comment: ECB raises rates")
                .summary(ROME_TAKE).build();
        EntryEvidence warsaw = entry(2, "https://two.example/qc/ecb-warsaw").title("Quick Comment: ECB raises rates")
                .summary(WARSAW_TAKE).published(MONDAY.plus(Duration.ofHours(2))).build();

        PairVerdict v = matcher.compare(warsaw, rome);

        assertThat(v.text()).as("the quoted statement alone makes them alike").isGreaterThan(0.6);
        assertThat(v.same()).isFalse();
        assertThat(v.reason()).contains("part within their openings");
        assertThat(matcher.compare(rome, warsaw).same()).isFalse();
    }

    /** What a copy does that two pieces opening alike do not: it agrees up to where the shorter of the two ends. */
    @Test
    void copiesCutShortOrOpenedByAnIntroLineOrClosedByAReadOnLineStillMeetTheirPiece() {
        EntryEvidence rome = entry(1, "https://one.example/qc/ecb-rome").title("Quick Comment: ECB raises rates")
                .summary(ROME_TAKE).build();
        String cut = ROME_TAKE.substring(0, ROME_TAKE.indexOf(" within the hour")) + " ...";
        String introduced = "From our partners at the One Institute, a first reading of the day's decision. "
                + ROME_TAKE;
        String readOn = cut + " Celý text na webu IVD";
        String edited = ROME_TAKE.replace("next week", "on Monday");
        for (String copy : new String[] {cut, introduced, readOn, edited}) {
            PairVerdict v = matcher.compare(entry(2, "https://partner.example/ecb")
                    .title("Quick Comment: ECB raises rates").summary(copy)
                    .published(MONDAY.plus(Duration.ofHours(3))).build(), rome);

            assertThat(v.same()).as(copy).isTrue();
        }
    }

    @Test
    void aFollowUpThatRepeatsTheFirstSentenceStaysApart() {
        PairVerdict v = matcher.compare(entry(2, "https://institute.example/qc/finland-four-days-on")
                .title("Finland's border, four days on").by("Daniel Okafor").text(FOLLOW_UP)
                .published(MONDAY.plus(Duration.ofDays(4))).build(), original().build());

        assertThat(v.same()).isFalse();
    }

    @Test
    void aCopyOfJustTheRepeatedSentenceDoesNotJoinTheFollowUp() {
        String firstSentence = FOLLOW_UP.substring(0, FOLLOW_UP.indexOf("May.") + 4);
        PairVerdict v = matcher.compare(entry(2, "https://brief.example/finland").title("EPO: Finland's border shut")
                .by("Daniel Okafor").text(firstSentence + " It is the ninth extension since the first closures.")
                .build(), entry(3, "https://agg.example/r/9").title("Finland's border, four days on").by("Daniel Okafor")
                .text(FOLLOW_UP).published(MONDAY.plus(Duration.ofDays(2))).build());

        assertThat(v.same()).isFalse();
    }

    @Test
    void twoAuthorsOnTheSameNewsStayApart() {
        PairVerdict v = matcher.compare(entry(2, "https://nordbalt.example/finland").title("Finland keeps the border shut")
                .by("Anna Virtanen").text(TEXT.replace("nobody in Helsinki", "no one in the capital")).build(),
                original().build());

        assertThat(v.same()).isFalse();
        assertThat(v.reason()).isEqualTo("written by different people");
    }

    @Test
    void templateHeadlinesThatDifferInANameOrANumberStayApart() {
        EntryEvidence latvia = entry(1, "https://a.example/latvia").title("What the election in Latvia means for NATO")
                .summary("Short.").build();
        EntryEvidence lithuania = entry(2, "https://b.example/lithuania")
                .title("What the election in Lithuania means for NATO").summary("Short.").build();
        EntryEvidence week48 = entry(1, "https://a.example/48").title("Baltic Briefing No. 48").text(TEXT).build();
        EntryEvidence week49 = entry(2, "https://b.example/49").title("Baltic Briefing No. 49").text(TEXT)
                .published(MONDAY.plus(Duration.ofDays(7))).build();

        assertThat(matcher.compare(latvia, lithuania).same()).isFalse();
        assertThat(matcher.compare(week48, week49).same()).isFalse();
        assertThat(matcher.compare(week48, week49).reason()).isEqualTo("the titles carry different numbers");
    }

    @Test
    void aCopyUnderAHeadlineOfItsOwnWithAnotherFigureOfTheTextIsThePiece() {
        // The newspaper's headline picks another number from the same words: the figures say nothing then.
        EntryEvidence comment = entry(1, "https://institute.example/qc/border").title("Finland's border: 9th closure")
                .by("Daniel Okafor").summary(FIRST_PARAGRAPH).text(TEXT).build();
        EntryEvidence newspaper = entry(2, "https://paper.example/opinion/border")
                .title("Crossings shut until 31 May | Paper").by("Daniel Okafor (Institute)")
                .summary(FIRST_PARAGRAPH).text(TEXT).published(MONDAY.plus(Duration.ofHours(18))).build();
        PairVerdict v = matcher.compare(newspaper, comment);

        assertThat(v.same()).as(v.reason()).isTrue();
        assertThat(v.textPair()).as("of pairs as alike, the one over more words").isEqualTo("text ~ text");
        // Only word for word over enough words: the summary alone (under 40 words) leaves the numbers decisive.
        EntryEvidence teaser = entry(3, "https://paper.example/opinion/border-teaser")
                .title("Crossings shut until 31 May | Paper").by("Daniel Okafor")
                .summary(FIRST_PARAGRAPH).published(MONDAY.plus(Duration.ofHours(18))).build();
        assertThat(matcher.compare(teaser, comment).reason()).isEqualTo("the titles carry different numbers");
    }

    @Test
    void aSyndicatorsListingUnderItsAuthorsNameIsThePieceThoughItsSummaryIsItsOwn() {
        EntryEvidence comment = original().build();
        EntryEvidence listing = entry(5, "https://syndicate.example/commentary/finland-border")
                .title("Daniel Okafor: Finland keeps the eastern border shut").by("Daniel Okafor").text(FOLLOW_UP
                        .replace("The Finnish government", "In a sharp new commentary, the analyst argues the government"))
                .published(MONDAY.minus(Duration.ofHours(9))).build();
        PairVerdict v = matcher.compare(listing, comment);

        assertThat(v.same()).as(v.reason()).isTrue();
        assertThat(v.rule()).isEqualTo(Rule.TITLE);
        assertThat(matcher.mayMatch(listing, comment)).isTrue();
        // Another's name in front, a label in front, or days apart: the texts decide, and they disagree.
        EntryEvidence otherAuthor = entry(5, "https://syndicate.example/commentary/finland-2")
                .title("Anna Virtanen: Finland keeps the eastern border shut").by("Anna Virtanen").text(Evidences.UNRELATED_TEXT)
                .build();
        EntryEvidence labelled = entry(5, "https://syndicate.example/commentary/finland-3")
                .title("Commentary digest: Finland keeps the eastern border shut").by("Daniel Okafor").text(Evidences.UNRELATED_TEXT)
                .build();
        EntryEvidence weekLater = entry(5, "https://syndicate.example/commentary/finland-4")
                .title("Daniel Okafor: Finland keeps the eastern border shut").by("Daniel Okafor").text(Evidences.UNRELATED_TEXT)
                .published(MONDAY.plus(Duration.ofDays(7))).build();
        for (EntryEvidence apart : List.of(otherAuthor, labelled, weekLater)) {
            assertThat(matcher.compare(apart, comment).same()).as(apart.title().folded()).isFalse();
        }
    }


    private static final String BUDGET = "The 2027 budget that the Chamber began debating on Monday assumes annual "
            + "inflation of 18% for next year, a primary surplus of 1.5% of GDP and growth of 4.5%. The inflation "
            + "figure is the bravest of the three. Monthly inflation is running at around 2%, which compounds to well "
            + "over 25% a year. Hitting the target would require prices to slow to about 1.4% a month from January.";

    @Test
    void aCopyOfThePieceBeforeAFigureInItsTitleWasCorrectedJoinsTheCorrectedPiece() {
        EntryEvidence corrected = entry(1, "https://institute.example/budget-assumes-16-inflation")
                .title("The 2027 budget assumes 16% inflation. That is brave.").by("Daniel Whitfield")
                .text(BUDGET.replace("18%", "16%").replace("1.4%", "1.25%")).build();
        EntryEvidence copy = entry(2, "https://review.example/budget-assumes-18-inflation")
                .title("The 2027 budget assumes 18% inflation. That is brave.").by("Whitfield, Daniel").text(BUDGET)
                .published(MONDAY.plus(Duration.ofHours(1))).build();

        PairVerdict v = matcher.compare(copy, corrected);
        assertThat(v.same()).isTrue();
        assertThat(v.describe()).endsWith("the same but for a figure, the same day: a correction");
        assertThat(matcher.compare(corrected, copy).same()).isTrue();
    }

    @Test
    void titlesTheSameButForAFigureStayApartDaysApartOrByAnotherAuthorOrWithAnotherWord() {
        EntryEvidence first = entry(1, "https://institute.example/budget-assumes-16-inflation")
                .title("The 2027 budget assumes 16% inflation. That is brave.").by("Daniel Whitfield")
                .text(BUDGET.replace("18%", "16%")).build();
        EntryEvidence nextDay = entry(2, "https://review.example/budget-assumes-18-inflation")
                .title("The 2027 budget assumes 18% inflation. That is brave.").by("Daniel Whitfield").text(BUDGET)
                .published(MONDAY.plus(Duration.ofHours(20))).build();
        EntryEvidence otherAuthor = entry(2, "https://review.example/budget-assumes-18-inflation")
                .title("The 2027 budget assumes 18% inflation. That is brave.").by("Ana Pereira").text(BUDGET).build();
        EntryEvidence otherWord = entry(2, "https://review.example/budget-2028-assumes-18-inflation")
                .title("The 2028 budget assumes 18% inflation. That is bold.").by("Daniel Whitfield").text(BUDGET)
                .build();

        assertThat(matcher.compare(nextDay, first).reason()).isEqualTo("the titles carry different numbers");
        assertThat(matcher.compare(otherAuthor, first).same()).isFalse();
        assertThat(matcher.compare(otherWord, first).reason()).isEqualTo("the titles carry different numbers");
    }

    @Test
    void aCorrectionNoticeNeverJoinsWhatItCorrects() {
        PairVerdict v = matcher.compare(entry(2, "https://institute.example/correction").title(
                "Correction: Finland keeps the eastern border shut").by("Daniel Okafor").text(TEXT).build(),
                original().build());

        assertThat(v.same()).isFalse();
        assertThat(v.reason()).isEqualTo("one is a correction notice");
    }

    @Test
    void shortNotesNeedATitleThatAgreesAndTheAuthorOrTheText() {
        EntryEvidence episode = entry(1, "https://institute.example/podcast/12")
                .title("Podcast: who guards the Baltic cables?").by("Marta Lindqvist")
                .text("Marta Lindqvist talks to a navy officer about cables.").build();
        EntryEvidence relisted = entry(2, "https://agg.example/r/5").title("Who guards the Baltic cables?")
                .by("M. Lindqvist").text("Listen now.").published(MONDAY.plus(Duration.ofHours(3))).build();
        EntryEvidence anonymous = entry(3, "https://other.example/cables").title("Who guards the Baltic cables?")
                .text("Listen now.").build();

        assertThat(matcher.compare(relisted, episode).same()).isTrue();
        assertThat(matcher.compare(relisted, episode).rule()).isEqualTo(Rule.TITLE);
        assertThat(matcher.compare(anonymous, episode).same()).as("only the title agrees").isFalse();
    }

    /** A daily series under one long title: its author and title agree, its teasers say other things. */
    @Test
    void shortTeasersOfEightWordsOrMoreThatShareNothingAreNotCorroboratedByAuthorAndTitle() {
        EntryEvidence monday = entry(1, "https://institute.example/five/monday").title("Five things to watch this week")
                .by("Anna Berg").summary("The central bank, the jobs report and a by-election.").build();
        EntryEvidence tuesday = entry(2, "https://partner.example/five/tuesday").title("Five things to watch this week")
                .by("Anna Berg").summary("A summit, two votes and the inflation figure.")
                .published(MONDAY.plus(Duration.ofHours(20))).build();
        EntryEvidence mondayCopy = entry(2, "https://partner.example/five/monday").title("Five things to watch this week")
                .by("Anna Berg").summary("The central bank, the jobs report and a by-election to watch.")
                .published(MONDAY.plus(Duration.ofHours(3))).build();

        PairVerdict v = matcher.compare(tuesday, monday);
        assertThat(v.same()).isFalse();
        assertThat(v.reason()).isEqualTo("short texts that share no words in a row");
        assertThat(matcher.compare(mondayCopy, monday).same()).as("the same teaser").isTrue();
    }

    @Test
    void entriesOfOneFeedUnderTwoURLsArePiecesUnlessOneIsAVerbatimCopy() {
        EntryEvidence a = original().build();
        EntryEvidence other = entry(1, "https://institute.example/qc/other").title("Finland keeps the eastern border shut")
                .by("Daniel Okafor").text(FOLLOW_UP).key("other").build();
        EntryEvidence twice = entry(1, "https://institute.example/qc/finland-2").title("Finland keeps the eastern border shut")
                .by("Daniel Okafor").text(TEXT).key("twice").build();

        assertThat(matcher.compare(other, a).same()).isFalse();
        assertThat(matcher.compare(twice, a).same()).isTrue();
    }

    @Test
    void aDeclaredOriginalJoinsUnlessTitleAndTextContradictIt() {
        EntryEvidence declaring = entry(2, "https://partner.example/finland").declares("https://institute.example/qc/finland")
                .title("Finland").text("Nothing alike at all here.").build();
        EntryEvidence contradicting = entry(3, "https://partner.example/other")
                .declares("https://institute.example/qc/finland").title("Portuguese fisheries quotas explained today")
                .text("Lisbon and Madrid agreed on sardine quotas for the coming season after a long night of talks in "
                        + "Brussels, and fishermen in both countries said the deal came too late for the autumn boats "
                        + "already tied up in port because of fuel costs.").build();

        assertThat(matcher.compare(declaring, original().build()).rule()).isEqualTo(Rule.DECLARED_ORIGINAL);
        assertThat(matcher.compare(contradicting, original().build()).same()).isFalse();
    }

    /**
     * A line set apart that links elsewhere, in words not understood: it names the original when the entries agree
     * as copies do, and names nothing when they do not (a piece pointing to one it answers).
     */
    @Test
    void aLineSetApartNamesTheOriginalOnlyWhereTheEntriesAgreeAsCopiesDo() {
        Marks byForm = new Marks(false, false, true, false, null, true, false);
        EntryEvidence copy = entry(2, "https://partner.example/finland").declares("https://institute.example/qc/finland")
                .marks(byForm).title("Helsinki again closes the border to Russia").by("Daniel Okafor")
                .text("Helsinki has extended the closure of its land border with Russia once more.")
                .published(MONDAY.plus(Duration.ofHours(6))).build();
        EntryEvidence reply = entry(3, "https://partner.example/reply").declares("https://institute.example/qc/finland")
                .marks(byForm).title("Why the Okafor case for closure is wrong").by("Anna Virtanen")
                .text("Our neighbours in Helsinki have chosen the easy answer, and the asylum seekers stuck in the "
                        + "forests of Karelia pay for it while the government congratulates itself on firmness.")
                .published(MONDAY.plus(Duration.ofHours(6))).build();
        EntryEvidence late = entry(4, "https://partner.example/finland-late").declares("https://institute.example/qc/finland")
                .marks(byForm).title("Helsinki again closes the border to Russia").by("Daniel Okafor")
                .text("Helsinki has extended the closure of its land border with Russia once more.")
                .published(MONDAY.plus(Duration.ofDays(30))).build();

        PairVerdict joined = matcher.compare(copy, original().build());
        assertThat(joined.same()).isTrue();
        assertThat(joined.rule()).isEqualTo(Rule.DECLARED_ORIGINAL);
        assertThat(joined.reason()).contains("in a line set apart");
        assertThat(matcher.compare(original().build(), copy).same()).isTrue();
        assertThat(matcher.compare(reply, original().build()).same()).as("different people, texts and titles").isFalse();
        assertThat(matcher.compare(late, original().build()).same()).as("a month later").isFalse();
    }

    /**
     * A date that tells nothing (none given, or one for a whole feed) counts neither for a copy nor against it: a
     * close text under the same title is one piece however far off the date; a looser likeness is not, however
     * near; short texts, which only titles and time tell apart, stay apart.
     */
    @Test
    void anEntryWhoseDateTellsNothingIsJudgedAsIfPublishedDaysApart() {
        Marks undated = new Marks(false, false, false, false, null, false, true);
        EntryEvidence verbatimMonthLater = entry(2, "https://wire.example/finland").marks(undated)
                .title("Finland keeps the eastern border shut").text(TEXT).published(MONDAY.plus(Duration.ofDays(30)))
                .build();
        EntryEvidence looseSameHour = entry(3, "https://wire.example/finland-2").marks(undated)
                .title("Finland's border, four days on").by("Daniel Okafor").text(FOLLOW_UP).build();
        EntryEvidence shortSameHour = entry(4, "https://wire.example/finland-3").marks(undated)
                .title("Finland keeps the eastern border shut").by("Daniel Okafor").text("Listen now.").build();
        EntryEvidence shortOriginal = entry(1, "https://institute.example/qc/finland-audio")
                .title("Finland keeps the eastern border shut").by("Daniel Okafor").text("Listen to the episode.").build();

        assertThat(matcher.compare(verbatimMonthLater, original().build()).same()).isTrue();
        PairVerdict loose = matcher.compare(looseSameHour, original().build());
        assertThat(loose.same()).isFalse();
        assertThat(loose.apart()).as("no time shown for a date that tells nothing").isNull();
        assertThat(matcher.compare(shortSameHour, shortOriginal).same()).isFalse();
        EntryEvidence shortDated = entry(4, "https://wire.example/finland-3").title("Finland keeps the eastern border shut")
                .by("Daniel Okafor").text("Listen now.").build();
        assertThat(matcher.compare(shortDated, shortOriginal).same()).as("the same short note, dated").isTrue();
    }

    private static final String ZH_SUMMARY = "美国商务部周二宣布，将对从东南亚进口的太阳能电池板加征新的反倾销税，"
            + "税率最高达百分之二百五十。这一决定将直接影响在越南、泰国和马来西亚设厂的中国企业。";
    private static final String ZH_TEXT = ZH_SUMMARY + "过去五年，这些企业把产能转移到东南亚，正是为了绕开美国此前的关税。"
            + "如今这条路也被堵上，企业只剩两个选择：要么到美国本土建厂，要么放弃美国市场，把更多产品卖到欧洲和中东。"
            + "对北京而言，更值得关注的是东南亚国家的反应。";

    /** Chinese has no spaces: a partner's summary-only copy still meets the text, a follow-up and a rival do not. */
    @Test
    void chinesePiecesAreComparedCharacterByCharacter() {
        Evidences original = entry(1, "https://yangtze.example/kuaiping/solar").title("美国对东南亚光伏加税，中国企业怎么办")
                .by("王晓明").summary(ZH_SUMMARY).text(ZH_TEXT);
        EntryEvidence copy = entry(2, "https://partner.example/opinion/8812").title("美国对东南亚光伏加税：中国企业怎么办？")
                .by("王晓明").text(ZH_SUMMARY).published(MONDAY.plus(Duration.ofHours(7))).build();
        EntryEvidence followUp = entry(1, "https://yangtze.example/kuaiping/solar-2").title("光伏关税一周后：东南亚的回应")
                .by("王晓明").text("美国商务部周二宣布，将对从东南亚进口的太阳能电池板加征新的反倾销税。一周过去，"
                        + "越南和马来西亚已向世界贸易组织提出磋商请求，泰国则表示将与美方单独谈判，三国的立场明显分化。")
                .published(MONDAY.plus(Duration.ofDays(2))).build();
        EntryEvidence rival = entry(3, "https://other.example/pinglun/77").title("光伏反倾销税：东南亚产能何去何从")
                .by("李华").text("东南亚的光伏工厂大多由中国企业投资，美国新一轮反倾销税的真正目标，"
                        + "是迫使这些产能回流美国。但美国本土的电池片产能至少还要三年才能跟上，短期内电价将上涨。")
                .build();

        assertThat(matcher.compare(copy, original.build()).same()).isTrue();
        assertThat(matcher.compare(followUp, original.build()).same()).as("a follow-up repeating the first sentence")
                .isFalse();
        assertThat(matcher.compare(rival, original.build()).same()).as("another author on the same news").isFalse();
    }

    @Test
    void withOnlyTheUrlRulesTextsAreNotCompared() {
        PieceMatcher urlsOnly = new PieceMatcher(DedupSettings.urlRulesOnly());

        assertThat(urlsOnly.compare(entry(2, "https://partner.example/finland").title("Finland keeps the eastern border shut")
                .text(TEXT).build(), original().build()).same()).isFalse();
    }

    @Test
    void anAggregatorsHeadlineCreditedToThePublishersSiteIsItsPiece() {
        EntryEvidence own = entry(1, "https://mekongstrategy.example/qc/tonkin-fisheries")
                .title("Gulf of Tonkin fisheries deal: small print, big signal").by("Nguyen Thi Lan")
                .text("Hanoi and Beijing signed a fisheries deal.").marks(new Marks(true, false, false, false)).build();
        EntryEvidence credited = entry(2, "https://newsnest.example/rss/articles/CBMiK2h0?oc=5")
                .title("Gulf of Tonkin Fisheries Deal: Small Print, Big Signal").text("Mekong Strategy Centre")
                .published(MONDAY.plus(Duration.ofHours(5)))
                .marks(new Marks(false, false, false, true, "mekongstrategy.example")).build();
        EntryEvidence creditedElsewhere = entry(3, "https://newsnest.example/rss/articles/CBMiK2h1?oc=5")
                .title("Gulf of Tonkin Fisheries Deal: Small Print, Big Signal").text("SIRA")
                .published(MONDAY.plus(Duration.ofHours(5))).marks(new Marks(false, false, false, true, "sira.example"))
                .build();

        assertThat(matcher.compare(credited, own).same()).isTrue();
        assertThat(matcher.compare(own, credited).rule()).isEqualTo(Rule.TITLE);
        assertThat(matcher.compare(creditedElsewhere, own).same()).as("credited to another site").isFalse();
        assertThat(Marks.decode(credited.marks().encoded())).isEqualTo(credited.marks());
    }

    @Test
    void shortNotesWhoseTitlesHaveTheSameWordsInAnotherOrderStayApart() {
        EntryEvidence a = entry(1, "https://site1.example/qc/2").title("Quick Comment: feed 1 take 2")
                .text("Text of Quick Comment: feed 1 take 2").build();
        EntryEvidence b = entry(2, "https://site2.example/qc/1").title("Quick Comment: feed 2 take 1")
                .text("Text of Quick Comment: feed 2 take 1").build();

        assertThat(matcher.compare(a, b).same()).isFalse();
    }

    private static final Marks LISTED = new Marks(false, true, false, true, "observer.example");
    private static final String WIRE_A = "CIUDAD DE MÉXICO.— La Comisión Nacional de los Salarios Mínimos acordó este "
            + "viernes un aumento de 12% al salario mínimo general para 2027 y de 20% en la Zona Libre de la Frontera "
            + "Norte. El nuevo salario entrará en vigor el 1 de enero.";
    private static final String WIRE_B_CUT = "La Conasami aprobó un incremento de 12% al salario mínimo general para 2027 "
            + "y de 20% en la Zona Libre de la Frontera Norte, con el voto de…";

    /**
     * Two outlets' stories of one announcement, from one wire: an aggregator's listing of the second, its summary cut
     * where the stories part, is the second story's, not the first's.
     */
    @Test
    void anAggregatorsListingOfOneStoryIsNotAnotherOutletsStoryOfTheSameNews() {
        EntryEvidence first = entry(1, "https://daily.example/nacional/salario-minimo-subira-12-2027").by("Agencias")
                .title("Salario mínimo subirá 12% en 2027; 20% en la frontera").text(WIRE_A)
                .published(MONDAY).build();
        EntryEvidence listing = entry(3, "https://aggregator.example/l/de187a").declares("https://observer.example/wage")
                .title("Salario mínimo subirá 12% en 2027").summary(WIRE_B_CUT)
                .published(MONDAY.minus(Duration.ofMinutes(30))).marks(LISTED).build();

        PairVerdict v = matcher.compare(listing, first);

        assertThat(v.same()).as(v.toString()).isFalse();
        assertThat(v.reason()).contains("aggregator's listing of another page");
    }

    private static final String TAKE = "Banxico kept its target rate at 10.25% today, against our expectation of a cut to "
            + "10.00%. The vote was 4-1. The peso weighed more than core inflation.";

    /** A round-up quoting three economists, one of them a comment published hours before in full: not its copy. */
    @Test
    void aRoundUpHoldingAShortCommentWholeHoursLaterQuotesIt() {
        EntryEvidence comment = entry(6, "https://partner.example/opinion/banxico-holds").by("Lucía Ramírez Ortega")
                .title("Banxico holds at 10.25%: the peso weighed more").summary(TAKE).text(TAKE)
                .published(MONDAY).build();
        EntryEvidence roundUp = entry(2, "https://observer.example/opinion/three-readings-of-the-banxico-pause")
                .by("Newsroom").title("Three readings of the Banxico pause")
                .text("We asked three economists for their reading of Thursday's decision. Lucía Ramírez Ortega: " + TAKE
                        + " Tomás Echeverría: the pause buys the peso time, but a rate gap this wide does not last. "
                        + "Rodrigo Salas: the pause surprised us, the vote did not.")
                .published(MONDAY.plus(Duration.ofHours(4))).build();
        EntryEvidence listed = entry(3, "https://aggregator.example/l/23e2af").declares(
                "https://partner.example/opinion/banxico-holds").title("Banxico holds at 10.25%: the peso weighed more")
                .summary(TAKE.substring(0, 120) + "…").published(MONDAY.plus(Duration.ofMinutes(15))).marks(LISTED)
                .build();

        assertThat(matcher.compare(roundUp, comment).same()).isFalse();
        assertThat(matcher.compare(listed, roundUp).same()).as("its listing, cut, is in the round-up too").isFalse();
        EntryEvidence aggregated = entry(3, "https://aggregator.example/l/9f14").title(
                "Banxico holds at 10.25%: the peso weighed more").summary(TAKE.substring(0, 120) + "…")
                .published(MONDAY.plus(Duration.ofMinutes(20))).marks(new Marks(false, false, false, true,
                        "partner.example")).build();
        assertThat(matcher.compare(aggregated, roundUp).same()).as("an aggregator's excerpt of it, naming no page")
                .isFalse();
        EntryEvidence nextMorning = entry(4, "https://daily.example/banxico-the-peso-won").by("Lucía Ramírez Ortega")
                .title("Banxico: the peso won").text(TAKE).published(MONDAY.plus(Duration.ofHours(12))).build();
        assertThat(matcher.compare(nextMorning, comment).same()).as("a daily's copy under its own headline").isTrue();
    }

    /** A site's new system importing its pieces again lists one text twice in its own feed, days apart. */
    @Test
    void aSitesOwnFeedListingOneTextTwiceDaysApartIsOnePiece() {
        Marks own = new Marks(true, false, false, false);
        EntryEvidence first = entry(1, "https://institute.example/fr/analyses/accords-bilateraux").by("Claire Python")
                .title("Accords bilatéraux III, ce que change le message").text(TEXT).published(MONDAY).marks(own)
                .build();
        EntryEvidence again = entry(1, "https://institute.example/fr/analyses/accords-bilateraux-2").by("Claire Python")
                .title("Accords bilatéraux III, ce que change le message").text(TEXT)
                .published(MONDAY.plus(Duration.ofDays(4))).marks(own).build();

        assertThat(matcher.compare(again, first).same()).isTrue();
        Marks listedOwn = new Marks(false, false, false, true, "institute.example");
        assertThat(matcher.compare(entry(5, "https://aggregator.example/l/1").title(first.title().folded())
                .text(TEXT).published(MONDAY).marks(listedOwn).build(), entry(5, "https://aggregator.example/l/2")
                .title(first.title().folded()).text(TEXT).published(MONDAY.plus(Duration.ofDays(4)))
                .marks(listedOwn).build()).same()).as("an aggregator's two listings days apart").isFalse();
    }
}

package org.feedletter.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.feedletter.identity.Evidences.ECB_STATEMENT;
import static org.feedletter.identity.Evidences.MONDAY;
import static org.feedletter.identity.Evidences.entry;

import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Stream;
import org.feedletter.config.DedupSettings;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pairs of different pieces that open alike, written as publishers, partners and aggregators write them, each in a
 * feed of its own: the kinds the dedup issue names (a round-up, two comments on one statement, an announcement and
 * its report, a correction notice, a series' instalments, template headlines). None may be one piece, whichever is
 * compared with which.
 */
class HardNegativesTest {

    private static final String COMMENT_A = "The European Central Bank raised its deposit rate by a quarter point on "
            + "Thursday, to 3.25 per cent, and signalled that it is not done. Christine Lagarde told reporters that "
            + "the council was unanimous and that inflation in services remains too high for comfort. Markets had "
            + "priced the move for weeks, so the surprise lay in the tone. For governments with high debt the "
            + "message is plain: the era of cheap refinancing will not return soon, and Rome and Paris will pay more "
            + "on every bond they roll over next year. Italy alone faces some 300 billion euros of maturities in "
            + "2027. The bank also said it would end reinvestments under its pandemic programme by the summer, a "
            + "step that removes the last backstop for the spreads of the south. Whether the council can hold that "
            + "line if spreads widen is the question for the spring.";
    private static final String ROUNDUP = "The European Central Bank raised its deposit rate by a quarter point on "
            + "Thursday, to 3.25 per cent, and signalled that it is not done. Christine Lagarde told reporters that "
            + "the council was unanimous and that inflation in services remains too high for comfort. Markets had "
            + "priced the move for weeks, so the surprise lay in the tone. Read Marta Kowalczyk's full comment. Also "
            + "this week: Jonas Weber asks why Germany's debt brake reform stalled in the Bundesrat, and what the "
            + "coalition can still do before the budget deadline in January. Our energy team looks at the new gas "
            + "storage targets and finds that three member states will miss them by a wide margin unless they buy in "
            + "the spring. And in our podcast, Ana Ruiz talks to the former Spanish finance minister about fiscal "
            + "rules, elections and why nobody in Madrid trusts Brussels' numbers.";

    private static final String TAKE_ONE = ECB_STATEMENT + "That sentence will be read in Rome with alarm. Italy's "
            + "ten-year spread over Bunds widened by twelve points within the hour, and the Treasury's auction next "
            + "week now looks expensive. Giorgia Meloni's government has built its budget on a path of falling rates "
            + "that no longer exists, and the fiscal council warned in October that a single point more on average "
            + "yields would cost fifteen billion euros a year by 2028. The coalition will now have to choose between "
            + "the pension promises it made and the deficit path it agreed with the Commission.";
    private static final String TAKE_TWO = ECB_STATEMENT + "For Warsaw the decision matters less than it seems. Poland "
            + "is outside the euro, and the central bank in Warsaw cut rates only last month; the zloty barely "
            + "moved. What matters is the signal to the Polish government that the cheap money which financed its "
            + "defence build-up is gone for good. The finance ministry will issue more in euros next year, and every "
            + "quarter point the ECB adds is a quarter point on that debt too. The opposition has already asked how "
            + "the army's purchases will be paid for.";

    private static final String ANNOUNCEMENT = "Join us on 12 March for a panel discussion on the future of European "
            + "energy security. Three years after the gas crisis, the EU has filled its storage, diversified its "
            + "suppliers and cut demand, but prices remain twice the level of 2019 and industry is leaving. Our "
            + "panel brings together Kadri Simson, former Commissioner for Energy, Georg Zachmann of Bruegel and "
            + "Anne-Sophie Corbeau of Columbia University to ask what the next five years hold. The event will take "
            + "place at our Brussels office from 17:00 to 18:30 and will be streamed live. Registration is required.";
    private static final String REPORT = "On 12 March we hosted a panel discussion on the future of European energy "
            + "security. Three years after the gas crisis, the EU has filled its storage, diversified its suppliers "
            + "and cut demand, but prices remain twice the level of 2019 and industry is leaving. Kadri Simson "
            + "argued that the union should buy gas jointly on a permanent basis, while Georg Zachmann warned that "
            + "joint purchasing had saved little in 2023. Anne-Sophie Corbeau expects the global market to loosen "
            + "from 2026 as new liquefaction plants in Qatar and the United States come online. The recording is "
            + "available on our YouTube channel.";

    private static final String CORRECTION_DE = "Korrektur: In einer früheren Fassung dieses Kommentars hieß es, die "
            + "Bundesregierung habe 2024 zwölf Milliarden Euro für die Stahlindustrie bereitgestellt. Richtig ist, "
            + "dass es sieben Milliarden Euro waren. Wir haben den Text entsprechend geändert und bitten den Fehler "
            + "zu entschuldigen.";
    private static final String COMMENT_DE = "Die Bundesregierung hat 2024 sieben Milliarden Euro für die "
            + "Stahlindustrie bereitgestellt, und doch schließt Thyssenkrupp zwei Hochöfen in Duisburg. Das zeigt, "
            + "wie wenig Subventionen allein ausrichten, wenn der Strompreis doppelt so hoch ist wie in Frankreich. "
            + "Die Koalition muss entscheiden, ob sie einen Industriestrompreis will oder nicht; halbe Lösungen "
            + "kosten mehr und retten weniger. Die Beschäftigten in Duisburg warten seit zwei Jahren auf eine "
            + "Antwort.";

    private static final String INTRO = "In our Election Watch series, our experts give their first reading of the "
            + "results on the night, with what they mean for the European Union and for the country's neighbours. ";
    private static final String ROMANIA = INTRO + "Romania's presidential run-off gave Nicusor Dan a clearer victory "
            + "than the polls suggested, 54 per cent against 46. The turnout, above 64 per cent, was the highest "
            + "since 1996, and the diaspora voted in record numbers. Dan has promised to keep Romania's support for "
            + "Ukraine and to cut the deficit, which at nine per cent of output is the largest in the union. He will "
            + "need a prime minister who can pass a budget through a fragmented parliament by the autumn.";
    private static final String BULGARIA = INTRO + "Bulgaria's seventh parliamentary election in four years left "
            + "GERB first again, with 26 per cent, but short of a majority once more. The turnout fell below 35 per "
            + "cent, the lowest on record, and a new pro-Russian party crossed the threshold. Boyko Borissov will "
            + "try to form a coalition with the reformists, who refused last time. Without a government the country "
            + "cannot adopt the budget it needs to join the euro in January, as it had planned.";
    private static final String MASTHEAD = "Good morning. This is the Brussels Briefing, our daily guide to what "
            + "matters in European politics, written by our team in Brussels and sent to more than forty thousand "
            + "readers every weekday morning. Forwarded this e-mail? Sign up on our website to get it yourself. ";
    private static final String MONDAY_BRIEF = MASTHEAD + "Emmanuel Macron's gamble on a snap budget vote failed "
            + "last night, and the French government now has until Friday to find a majority or fall. Brussels is "
            + "watching the spreads. In Berlin, the coalition is arguing about the debt brake again.";
    private static final String TUESDAY_BRIEF = MASTHEAD + "Olaf Scholz's finance minister presented a budget that "
            + "the Greens say they cannot vote for, and the Bundestag's budget committee meets on Thursday. "
            + "Meanwhile in Paris, the prime minister survived the night.";

    private final PieceMatcher matcher = new PieceMatcher(DedupSettings.defaults());

    record Pair(String kind, Evidences first, Evidences second) {
        @Override
        public String toString() {
            return kind;
        }
    }

    static Stream<Pair> pairs() {
        return Stream.of(
                new Pair("a round-up opening with a comment's first paragraph, both in full",
                        entry(1, "https://institute.example/qc/ecb-raises")
                                .title("The ECB's hike leaves the south exposed").by("Marta Kowalczyk").text(COMMENT_A),
                        entry(2, "https://lists.example/institute/week-49").title("This week at the Institute")
                                .text(ROUNDUP).published(MONDAY.plus(Duration.ofDays(1)))),
                new Pair("two comments opening with the statement both quote, in full",
                        entry(1, "https://one.example/qc/ecb-rome").title("Quick Comment: the ECB's hike and Rome")
                                .by("Luca Bianchi").text(TAKE_ONE),
                        entry(2, "https://two.example/qc/ecb-warsaw").title("Quick Comment: the ECB's hike and Warsaw")
                                .by("Piotr Nowak").text(TAKE_TWO).published(MONDAY.plus(Duration.ofHours(2)))),
                new Pair("two comments opening with the statement both quote, in full, one headline, no author",
                        entry(1, "https://one.example/qc/ecb-rome").title("Quick Comment: ECB raises rates")
                                .text(TAKE_ONE),
                        entry(2, "https://two.example/qc/ecb-warsaw").title("Quick Comment: ECB raises rates")
                                .text(TAKE_TWO).published(MONDAY.plus(Duration.ofHours(2)))),
                new Pair("an event's announcement and its report, in full, under one title",
                        entry(1, "https://institute.example/events/energy-panel")
                                .title("The future of European energy security").text(ANNOUNCEMENT)
                                .published(MONDAY.minus(Duration.ofDays(3))),
                        entry(2, "https://agg.example/r/energy-panel-report")
                                .title("The future of European energy security").text(REPORT)
                                .published(MONDAY.plus(Duration.ofDays(1)))),
                new Pair("an event's announcement and its report, as excerpts",
                        entry(1, "https://institute.example/events/energy-panel")
                                .title("Panel: the future of European energy security").summary(first(ANNOUNCEMENT, 40))
                                .published(MONDAY.minus(Duration.ofDays(3))),
                        entry(2, "https://agg.example/r/energy-panel-report")
                                .title("Report: the future of European energy security").summary(first(REPORT, 40))
                                .published(MONDAY.plus(Duration.ofDays(1)))),
                new Pair("a correction notice in German and the comment it corrects, by its author",
                        entry(1, "https://institut.example/kommentar/stahl").title("Stahl: Subventionen reichen nicht")
                                .by("Katrin Vogel").text(COMMENT_DE),
                        entry(2, "https://partner.example/stahl-korrektur").title("Stahl: Subventionen reichen nicht")
                                .by("Katrin Vogel").text(CORRECTION_DE).published(MONDAY.plus(Duration.ofDays(1)))),
                new Pair("two elections read under one standing introduction, template headlines, in full",
                        entry(1, "https://institute.example/election-watch/romania").title("Election Watch: Romania")
                                .by("Elena Popescu").text(ROMANIA),
                        entry(2, "https://partner.example/election-watch/bulgaria").title("Election Watch: Bulgaria")
                                .by("Elena Popescu").text(BULGARIA).published(MONDAY.plus(Duration.ofDays(6)))),
                new Pair("two elections read under one standing introduction, one series title, cut, the same night",
                        entry(1, "https://institute.example/election-watch/romania")
                                .title("Election Watch: first reading of the results").by("Elena Popescu")
                                .text(ROMANIA),
                        entry(2, "https://partner.example/election-watch/bulgaria")
                                .title("Election Watch: first reading of the results").by("Elena Popescu")
                                .summary(first(BULGARIA, 45)).published(MONDAY.plus(Duration.ofHours(3)))),
                new Pair("a daily briefing's masthead over two days' excerpts, each under its own headline",
                        entry(1, "https://agg2.example/r/macron-gamble").title("Macron's gamble")
                                .summary(first(MONDAY_BRIEF, 50)),
                        entry(2, "https://agg.example/r/scholz-budget").title("Scholz's budget")
                                .summary(first(TUESDAY_BRIEF, 50)).published(MONDAY.plus(Duration.ofDays(1)))),
                new Pair("a daily briefing's masthead over two days in full, under the briefing's name",
                        entry(1, "https://briefing.example/p/macron-gamble").title("Brussels Briefing: Macron's gamble")
                                .text(MONDAY_BRIEF),
                        entry(2, "https://partner.example/r/scholz-budget").title("Brussels Briefing: Scholz's budget")
                                .text(TUESDAY_BRIEF).published(MONDAY.plus(Duration.ofDays(1)))),
                new Pair("template headlines differing in one name over one boilerplate teaser, by one author",
                        entry(1, "https://institute.example/ro").title("What the election in Romania means for the EU")
                                .by("Elena Popescu").summary("Our experts react to the results of the vote."),
                        entry(2, "https://partner.example/bg").title("What the election in Bulgaria means for the EU")
                                .by("Elena Popescu").summary("Our experts react to the results of the vote.")
                                .published(MONDAY.plus(Duration.ofHours(4)))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void twoPiecesThatOpenAlikeStayApartWhicheverComesFirst(Pair pair) {
        EntryEvidence first = pair.first().build();
        EntryEvidence second = pair.second().build();

        assertThat(matcher.compare(second, first).same()).as(matcher.compare(second, first).describe()).isFalse();
        assertThat(matcher.compare(first, second).same()).as(matcher.compare(first, second).describe()).isFalse();
    }

    /** The first {@code words} words, as an aggregator cuts a summary. */
    private static String first(String text, int words) {
        String[] all = text.split(" ");
        return String.join(" ", Arrays.copyOf(all, Math.min(words, all.length))) + " ...";
    }
}

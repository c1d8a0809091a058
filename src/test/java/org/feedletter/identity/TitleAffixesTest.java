package org.feedletter.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TitleAffixesTest {

    @Test
    void aSuffixMostOfAFeedsTitlesShareIsLearnedAndStripped() {
        TitleAffixes affixes = TitleAffixes.learn(List.of("Hungary's rate gamble | Observatory",
                "Finland keeps the border shut | Observatory", "Baltic cables: who pays? | Observatory",
                "Our own view on tariffs"));

        assertThat(affixes.describe()).isEqualTo("suffix \"observatory\"");
        assertThat(affixes.strip("Baltic cables: who pays? | Observatory")).isEqualTo("Baltic cables: who pays?");
        assertThat(affixes.strip("Our own view on tariffs")).isEqualTo("Our own view on tariffs");
    }

    @Test
    void prefixesAndBracketedSuffixesAreLearnedToo() {
        assertThat(TitleAffixes.learn(List.of("EPO: Rates", "EPO: Borders", "EPO: Cables")).strip("EPO: Cables"))
                .isEqualTo("Cables");
        assertThat(TitleAffixes.learn(List.of("Rates (EPO)", "Borders (EPO)", "Cables (EPO)")).strip("Rates (EPO)"))
                .isEqualTo("Rates");
    }

    /** A publisher that puts a piece's type before its title, as one of its categories: its copies drop it. */
    @Test
    void aLabelThatIsOneOfTheEntrysOwnCategoriesIsNotPartOfItsTitle() {
        assertThat(TitleAffixes.withoutOwnLabel("Rychlý komentář: inflace v říjnu", List.of("Rychlý komentář", "Ekonomika")))
                .isEqualTo("inflace v říjnu");
        assertThat(TitleAffixes.withoutOwnLabel("Inflation in October (Quick Comment)", List.of("Quick Comment")))
                .isEqualTo("Inflation in October");
        assertThat(TitleAffixes.withoutOwnLabel("Quick Comment: inflation in October", List.of("Research")))
                .as("a label the entry is not filed under stays").isEqualTo("Quick Comment: inflation in October");
        assertThat(TitleAffixes.withoutOwnLabel("Quick Comment", List.of("Quick Comment")))
                .as("nothing but the label").isEqualTo("Quick Comment");
    }

    /** French feeds keep "Tribune :" from breaking with a no-break space before the colon, narrow or not. */
    @Test
    void aPrefixBeforeANoBreakSpaceIsTheSameLabel() {
        TitleAffixes affixes = TitleAffixes.learn(List.of("Tribune\u202F: Le Rhin", "Tribune\u00A0: Les ponts",
                "Tribune : La frontière"));
        assertThat(affixes.describe()).isEqualTo("prefix \"tribune\"");
        assertThat(affixes.strip("Tribune\u202F: Le Rhin")).isEqualTo("Le Rhin");
    }

    @Test
    void anAggregatorsSourceLabelsAreASlotWhateverTheySay() {
        TitleAffixes brackets = TitleAffixes.learn(List.of("[Danube Policy Lab] Plates again", "[Sava Institute] Plates "
                + "again divide", "[Balkan Wire] Talks fail", "Untagged title"));
        assertThat(brackets.describe()).isEqualTo("a source label in brackets before the title");
        assertThat(brackets.strip("[A Source Never Seen] The vote slips again")).isEqualTo("The vote slips again");

        TitleAffixes dashes = TitleAffixes.learn(List.of("Shadow fleet reaches Lofoten — NSSF",
                "Port bans — Dogger Review", "Drones over the platform — Barents Policy Institute"));
        assertThat(dashes.describe()).isEqualTo("a source label after \"—\"");
        assertThat(dashes.strip("Scotland's ports — The Atlantic Current")).isEqualTo("Scotland's ports");
        assertThat(dashes.strip("Scotland's ports | The Atlantic Current")).isEqualTo("Scotland's ports | The Atlantic Current");
    }

    @Test
    void twoLabelsOrNumberedOnesAreNoSlot() {
        TitleAffixes ownName = TitleAffixes.learn(List.of("Rates \u2014 Observatory", "Borders \u2014 Observatory",
                "Cables \u2014 Observatory", "A podcast \u2014 Listen"));
        assertThat(ownName.describe()).isEqualTo("suffix \"observatory\"");
        assertThat(ownName.strip("A podcast \u2014 Listen")).isEqualTo("A podcast \u2014 Listen");
        TitleAffixes episodes = TitleAffixes.learn(List.of("Sixty Seconds North \u2014 Episode 14",
                "Sixty Seconds North \u2014 Episode 15", "Sixty Seconds North \u2014 Episode 16"));
        assertThat(episodes.strip("Sixty Seconds North \u2014 Episode 16")).contains("16");
    }

    @Test
    void aLeadingTopicIsNeverASlotAndOneLabelOnlyIsAnAffix() {
        TitleAffixes topics = TitleAffixes.learn(List.of("Serbia and Kosovo: plates again", "Hungary: the veto",
                "Austria: coalition talks stall"));
        assertThat(topics.isEmpty()).isTrue();
        assertThat(TitleAffixes.learn(List.of("[EPO] Rates", "[EPO] Borders", "[EPO] Cables")).describe())
                .doesNotContain("slot").doesNotContain("source label");
    }

    @Test
    void whatOnlyAFewTitlesShareIsPartOfTheTitle() {
        TitleAffixes affixes = TitleAffixes.learn(List.of("Analysis: Rates", "Analysis: Borders", "Cables", "Tariffs",
                "Elections"));

        assertThat(affixes.isEmpty()).isTrue();
        assertThat(affixes.strip("Analysis: Rates")).isEqualTo("Analysis: Rates");
    }

    @Test
    void twoTitlesTeachNothingAndNothingIsStrippedToEmpty() {
        assertThat(TitleAffixes.learn(List.of("A | X", "B | X")).isEmpty()).isTrue();
        TitleAffixes prefix = TitleAffixes.learn(List.of("Podcast: One", "Podcast: Two", "Podcast: Three"));
        assertThat(prefix.strip("Podcast:")).isEqualTo("Podcast:");
    }

    @Test
    void theKeyFoldsCaseQuotesDashesAndFunctionWords() {
        TitleKey straight = TitleKey.of("Hungary's rate gamble: what next in the Senate", TitleAffixes.NONE);
        TitleKey curly = TitleKey.of("HUNGARY\u2019S RATE GAMBLE \u2014 What Next in Senate", TitleAffixes.NONE);

        assertThat(straight.compare(curly).containment()).isEqualTo(1.0);
        assertThat(straight.compare(curly).eachHasItsOwnWords()).isFalse();
    }
}

package org.feedletter.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.feedletter.identity.Evidences.MONDAY;
import static org.feedletter.identity.Evidences.entry;

import java.time.Duration;
import java.util.List;
import org.feedletter.config.DedupSettings;
import org.junit.jupiter.api.Test;

class PieceSketchTest {

    private static final DedupSettings SETTINGS = DedupSettings.defaults();
    private static final double SIMILARITY = Math.min(SETTINGS.textSimilarity(), DedupSettings.STRONG_TEXT_SIMILARITY);
    private final PieceMatcher matcher = new PieceMatcher(SETTINGS);

    private static final String LINE = "This piece first appeared on the institute's site and is republished with "
            + "permission. ";
    private static final String COMMENT = "The central bank cut its policy rate by half a point on Thursday, the "
            + "first cut in two years, and said that inflation would be back inside its target band by the middle of "
            + "next year. Markets had expected the cut in September. The delay cost borrowers three months of higher "
            + "payments and bought the bank little credibility it did not already have.";
    private static final String OTHER = Evidences.UNRELATED_TEXT;

    private final EntryEvidence comment = entry(1, "https://institute.example/qc/rate-cut").title("The cut is late")
            .by("Ana Ruiz").summary(COMMENT).build();
    private final EntryEvidence copy = entry(2, "https://partner.example/opinion/rate-cut")
            .title("The central bank's cut is late | Partner").by("A. Ruiz").summary(LINE + COMMENT)
            .published(MONDAY.plus(Duration.ofHours(6))).build();
    private final EntryEvidence unrelated = entry(2, "https://partner.example/opinion/fisheries")
            .title("Who will count the catch?").by("Ben Ode").summary(LINE + OTHER)
            .published(MONDAY.plus(Duration.ofHours(6))).build();

    private boolean sketched(List<EntryEvidence> a, List<EntryEvidence> b) {
        return new PieceSketch(a, SETTINGS.minWords()).mayMatch(new PieceSketch(b, SETTINGS.minWords()), SIMILARITY);
    }

    @Test
    void aCopyWithALineInFrontMayMatchItsOriginal() {
        assertThat(matcher.compare(copy, comment).same()).as("one piece").isTrue();
        assertThat(sketched(List.of(comment), List.of(copy))).isTrue();
        assertThat(sketched(List.of(unrelated, copy), List.of(comment))).as("among others").isTrue();
    }

    @Test
    void twoPiecesSharingOnlyABoilerplateLineMayNotMatch() {
        assertThat(matcher.mayMatch(copy, unrelated)).as("the line's shingles are shared").isTrue();
        assertThat(matcher.compare(copy, unrelated).same()).isFalse();
        assertThat(sketched(List.of(copy), List.of(unrelated))).isFalse();
        assertThat(sketched(List.of(comment, copy), List.of(unrelated))).isFalse();
    }

    @Test
    void aShortTextAURLOrANamedOriginalMayAlwaysMatch() {
        EntryEvidence teaser = entry(3, "https://agg.example/r/1").title("The cut is late").summary("Read on.").build();
        EntryEvidence sameUrl = entry(4, "https://institute.example/qc/rate-cut").title("Fisheries").summary(OTHER)
                .build();
        EntryEvidence naming = entry(5, "https://weekly.example/p/9").declares("https://institute.example/qc/rate-cut")
                .title("This week").summary(OTHER).build();
        EntryEvidence namingToo = entry(6, "https://digest.example/p/2")
                .declares("https://institute.example/qc/rate-cut").title("Digest").summary(LINE + OTHER).build();
        assertThat(sketched(List.of(unrelated), List.of(teaser))).as("too short to compare by text").isTrue();
        assertThat(sketched(List.of(comment), List.of(sameUrl))).as("one URL").isTrue();
        assertThat(sketched(List.of(comment), List.of(naming))).as("named as the original").isTrue();
        assertThat(sketched(List.of(naming), List.of(namingToo))).as("the same original named").isTrue();
    }

    /** Whatever the sketch rules out the matcher calls apart, for every pair of these entries. */
    @Test
    void neverRulesOutAPairTheMatcherCallsOnePiece() {
        List<EntryEvidence> all = List.of(comment, copy, unrelated,
                entry(7, "https://m.partner.example/amp/rate-cut").title("THE CUT IS LATE").by("Ruiz, Ana")
                        .summary(COMMENT.substring(0, COMMENT.indexOf("Markets"))).build(),
                entry(8, "https://wire.example/story/1").title("Bank cuts rate").summary("The central bank cut its "
                        + "policy rate by half a point on Thursday, the first cut in two years. " + OTHER).build());
        for (EntryEvidence a : all) {
            for (EntryEvidence b : all) {
                if (a != b && matcher.compare(a, b).same()) {
                    assertThat(sketched(List.of(a), List.of(b))).as("%s and %s", a.sourceKey(), b.sourceKey())
                            .isTrue();
                }
            }
        }
    }

    @Test
    void aCataloguesListingUnderTheAuthorsNameIsNotRuledOutForSayingOtherWords() {
        // A syndicator's own summary shares no text with the comment; its title is the comment's after her name.
        EntryEvidence listing = entry(3, "https://syndicate.example/commentary/rate-cut")
                .title("Ana Ruiz: The cut is late").by("Ana Ruiz").summary(OTHER)
                .published(MONDAY.plus(Duration.ofHours(2))).build();

        assertThat(matcher.compare(listing, comment).same()).isTrue();
        assertThat(sketched(List.of(listing), List.of(comment))).isTrue();
        assertThat(sketched(List.of(unrelated), List.of(comment))).isFalse();
    }
}

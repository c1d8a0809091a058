package org.feedletter.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class TextOpeningTest {

    private static final String INTRO = "In our Election Watch series, our experts give their first reading of the "
            + "results on the night, with what they mean for the European Union and for the neighbours. ";
    private static final String ROMANIA = INTRO + "Romania's run-off gave Nicusor Dan a clearer victory than the "
            + "polls suggested, and the diaspora voted in record numbers.";
    private static final String BULGARIA = INTRO + "Bulgaria's seventh election in four years left GERB first again, "
            + "short of a majority once more, on the lowest turnout on record.";

    @Test
    void twoOpeningsThatShareOnlyTheirBeginningPartAndACopyCutShortDoesNot() {
        TextOpening romania = TextOpening.of(TextOpening.Kind.SUMMARY, ROMANIA);
        TextOpening bulgaria = TextOpening.of(TextOpening.Kind.SUMMARY, BULGARIA);
        TextOpening cut = TextOpening.of(TextOpening.Kind.SUMMARY,
                ROMANIA.substring(0, ROMANIA.indexOf(" than the polls")));

        assertThat(romania.partsWith(bulgaria)).isTrue();
        assertThat(bulgaria.partsWith(romania)).isTrue();
        assertThat(cut.partsWith(romania)).isFalse();
        assertThat(romania.partsWith(cut)).isFalse();
    }

    @Test
    void anOpeningTooShortToHaveAnEndingOfItsOwnNeverParts() {
        TextOpening teaser = TextOpening.of(TextOpening.Kind.SUMMARY, "Romania's run-off gave Nicusor Dan a clearer "
                + "victory than the polls suggested; the diaspora voted in record numbers.");

        assertThat(teaser.ending()).isEmpty();
        assertThat(teaser.partsWith(TextOpening.of(TextOpening.Kind.SUMMARY, BULGARIA))).isFalse();
    }

    @Test
    void theStoredFormKeepsTheEndingAndOneStoredBeforeEndingsWereKeptHasNone() {
        TextOpening romania = TextOpening.of(TextOpening.Kind.SUMMARY, ROMANIA);
        TextOpening bulgaria = TextOpening.of(TextOpening.Kind.SUMMARY, BULGARIA);

        TextOpening read = TextOpening.stored(TextOpening.Kind.SUMMARY, romania.encodedShingles(), romania.words());

        assertThat(read.sameAs(romania)).isTrue();
        assertThat(read.ending()).isEqualTo(romania.ending()).isNotEmpty();
        assertThat(read.partsWith(bulgaria)).isTrue();

        ByteBuffer olderForm = ByteBuffer.allocate(romania.shingles().length * 4);
        olderForm.asIntBuffer().put(romania.shingles());
        TextOpening older = TextOpening.stored(TextOpening.Kind.SUMMARY, olderForm.array(), romania.words());
        assertThat(older.sameAs(romania)).isTrue();
        assertThat(older.ending()).isEmpty();
        assertThat(older.partsWith(bulgaria)).as("nothing known of where it ends").isFalse();
    }

    /** H2 keeps a BLOB of up to 256 bytes in its row; a longer one is a large object, read apart. */
    @Test
    void theStoredFormOfAFullOpeningStaysWithinWhatH2KeepsInTheRow() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 2 * TextOpening.OPENING_WORDS; i++) {
            text.append("word").append(i).append(' ');
        }
        TextOpening full = TextOpening.of(TextOpening.Kind.CONTENT, text.toString());

        assertThat(full.words()).isEqualTo(TextOpening.OPENING_WORDS);
        assertThat(full.ending()).hasSize(TextOpening.ENDING_WORDS - TextOpening.SHINGLE_WORDS + 1);
        assertThat(full.encodedShingles().length).isLessThanOrEqualTo(256);
        assertThat(TextOpening.stored(TextOpening.Kind.CONTENT, full.encodedShingles(), full.words()).ending())
                .isEqualTo(full.ending());
    }

    /** A damaged row reads without its ending, not as an exception that would fail every poll that reads it back. */
    @Test
    void aStoredFormWhoseEndingDoesNotFitItsHashesReadsWithoutAnEnding() {
        TextOpening romania = TextOpening.of(TextOpening.Kind.SUMMARY, ROMANIA);
        byte[] damaged = romania.encodedShingles();
        damaged[1] = (byte) 200; // an ending longer than the form holds

        TextOpening read = TextOpening.stored(TextOpening.Kind.SUMMARY, damaged, romania.words());

        assertThat(read.ending()).isEmpty();
        assertThat(read.partsWith(TextOpening.of(TextOpening.Kind.SUMMARY, BULGARIA))).isFalse();
    }
}

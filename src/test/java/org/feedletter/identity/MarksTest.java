package org.feedletter.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MarksTest {

    /** Every mark survives the stored form, the longest credited host beside all flags within the column's 120. */
    @Test
    void theStoredFormReadsBackTheSame() {
        String host = "a".repeat(Marks.MAX_CREDITED_SITE - ".example".length()) + ".example";
        Marks all = new Marks(true, true, true, true, host, false, true);
        Marks byForm = new Marks(false, false, false, false, null, true, false);

        assertThat(Marks.decode(all.encoded())).isEqualTo(all);
        assertThat(all.encoded().length()).isLessThanOrEqualTo(120);
        assertThat(Marks.decode(byForm.encoded())).isEqualTo(byForm);
        assertThat(byForm.attribution()).as("a line set apart is an attribution").isTrue();
        assertThat(byForm.namesOriginalByFormOnly()).isTrue();
        assertThat(Marks.decode(Marks.NONE.encoded())).isEqualTo(Marks.NONE);
    }
}

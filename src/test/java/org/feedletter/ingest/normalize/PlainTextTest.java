package org.feedletter.ingest.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlainTextTest {

    @Test
    void lineBreaksTabsAndRunsOfSpacesBecomeOneSpace() {
        assertThat(PlainText.oneLine("  Quick\r\nComment:\t the   veto \u00A0 again ", 200))
                .isEqualTo("Quick Comment: the veto again");
    }

    /** French typography: a narrow no-break space before "?", "!" and ";", which a title must not lose. */
    @Test
    void narrowNoBreakAndFigureSpacesStay() {
        assertThat(PlainText.oneLine("Le Rhin supérieur\u202F? Oui\u202F! 35\u2007000 habitants", 200))
                .isEqualTo("Le Rhin supérieur\u202F? Oui\u202F! 35\u2007000 habitants");
    }

    @Test
    void controlCharactersNeverReachALine() {
        assertThat(PlainText.oneLine("Subject\u0085Bcc: x\u0000y\uFEFF", 200)).isEqualTo("Subject Bcc: x y");
    }
}

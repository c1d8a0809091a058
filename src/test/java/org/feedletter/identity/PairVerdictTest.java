package org.feedletter.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class PairVerdictTest {

    /** Evidence shows shares as %.2f did: the same text for every share a comparison can give (n of m, m <= 400). */
    @Test
    void twoDecimalsWritesWhatTheFormatterWrote() {
        for (int m = 1; m <= 400; m++) {
            for (int n = 0; n <= m; n++) {
                double share = (double) n / m;
                assertEquals(String.format(Locale.ROOT, "%.2f", share), PairVerdict.twoDecimals(share), n + "/" + m);
            }
        }
        assertEquals("0.05", PairVerdict.twoDecimals(0.05));
        assertEquals("1.00", PairVerdict.twoDecimals(0.999));
    }
}

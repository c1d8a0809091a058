package org.feedletter.feed.parse;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The byte scan that lets most UTF-8 bodies skip the scan of their decoded text. */
class BodyTextTest {

    @Test
    void theByteScanFlagsExactlyTheCharactersXmlForbids() {
        List<String> wrong = new ArrayList<>();
        for (int c = 0; c <= 0x10FFFF; c++) {
            if (c >= 0xD800 && c <= 0xDFFF) {
                continue; // no UTF-8 form
            }
            byte[] utf8 = ("a" + Character.toString(c) + "b").getBytes(UTF_8);
            boolean illegal = c < 0x20 ? c != 0x9 && c != 0xA && c != 0xD : c == 0xFFFE || c == 0xFFFF;
            if (BodyText.mayHoldIllegalUtf8(utf8, 0) != illegal) {
                wrong.add(Integer.toHexString(c));
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void bytesThatAreNoUtf8DecodeToReplacementCharactersXmlAllows() {
        byte[] encodedSurrogate = {'<', 'a', '>', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '<', '/', 'a', '>'};
        byte[] overlongNul = {'<', 'a', '>', (byte) 0xC0, (byte) 0x80, '<', '/', 'a', '>'};

        assertThat(BodyText.mayHoldIllegalUtf8(encodedSurrogate, 0)).isFalse();
        assertThat(BodyText.of(encodedSurrogate, "text/xml; charset=utf-8")).doesNotContain("\u0000")
                .matches("<a>\uFFFD+</a>");
        assertThat(BodyText.of(overlongNul, "text/xml; charset=utf-8")).matches("<a>\uFFFD+</a>");
    }

    @Test
    void illegalCharactersInUtf8BodiesAreStillDropped() {
        byte[] body = "<a>x\u0000y\uFFFFz\u0008</a>".getBytes(UTF_8);

        assertThat(BodyText.of(body, null)).isEqualTo("<a>xyz</a>");
    }
}

package org.feedletter.mail;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class QuotedPrintableTest {

    private static String wire(String text) {
        return new String(QuotedPrintable.encode(text), StandardCharsets.US_ASCII);
    }

    /** What a mail reader gets back, decoded by Jakarta Mail's own decoder. */
    private static String decoded(String text) throws Exception {
        try (var in = MimeUtility.decode(new ByteArrayInputStream(QuotedPrintable.encode(text)), "quoted-printable")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void plainAsciiStaysAsItIs() {
        assertThat(wire("Quick Comment: the bank pauses.")).isEqualTo("Quick Comment: the bank pauses.");
    }

    @Test
    void equalsSignsAndNonAsciiAreEscaped() {
        assertThat(wire("a=b café")).isEqualTo("a=3Db caf=C3=A9");
    }

    @Test
    void lineBreaksOfEveryKindBecomeCrlf() {
        assertThat(wire("one\ntwo\r\nthree\rfour")).isEqualTo("one\r\ntwo\r\nthree\r\nfour");
    }

    @Test
    void whitespaceAtTheEndOfALineIsEscapedElsewhereNot() {
        assertThat(wire("end \nmid dle\t\nlast\t")).isEqualTo("end=20\r\nmid dle=09\r\nlast=09");
    }

    @Test
    void longLinesGetSoftBreaksAndNoEncodedLineIsLongerThan76() {
        String encoded = wire("x".repeat(200) + "\n" + "é".repeat(100) + " =".repeat(80));

        assertThat(encoded.split("\r\n")).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(76))
                .allSatisfy(line -> assertThat(line).as("escapes whole, a soft break last").matches("([^=]|=[0-9A-F]{2})*=?"));
        assertThat(encoded).contains("=\r\n");
    }

    @Test
    void everythingDecodesBackToTheSameText() throws Exception {
        Random random = new Random(42);
        String alphabet = "ab =\t\n\r.é€😀<>\"'&-_";
        for (int round = 0; round < 500; round++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(400);
            for (int i = 0; i < length; i++) {
                text.appendCodePoint(alphabet.codePointAt(alphabet.offsetByCodePoints(0, random.nextInt(alphabet.codePointCount(0, alphabet.length())))));
            }
            String expected = text.toString().replace("\r\n", "\n").replace('\r', '\n').replace("\n", "\r\n");
            assertThat(decoded(text.toString())).isEqualTo(expected);
            assertThat(wire(text.toString()).split("\r\n", -1))
                    .allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(76))
                    .allSatisfy(line -> assertThat(line).doesNotEndWith(" ").doesNotEndWith("\t"));
        }
    }
}

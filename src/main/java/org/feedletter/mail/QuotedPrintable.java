package org.feedletter.mail;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Quoted-printable (RFC 2045) for a text body in UTF-8, in one pass over its characters, for {@link MessageComposer},
 * which encodes and writes the body itself instead of through Jakarta Mail's part objects.
 *
 * <p>What it buys is not measured on its own. It came in one step with the composer writing the body itself
 * (docs/BENCHMARKS.md, "Send: 10,000 personalized digests (`bench/run send`)", the item "Jakarta Mail's part objects
 * looked up a service provider on every construction and every encode"): the outbox went from 122 / 178 / 294 to
 * 165 / 472 / 614 msgs/s at concurrency 1 / 4 / 8 (2,000-message runs), a step that also dropped the
 * service-provider lookup on every encode and the second encoding of each body. The same section measured this
 * encoder alone at 65 us per 20 KB part (75 before the loop that copies runs of plain characters), and a run with
 * encoding switched off entirely (measurement only) at ratios to raw Jakarta Mail of 0.65 / 0.43 / 0.53 against
 * 0.68 / 0.46 / 0.49 with it: within the noise. Angus Mail's own encoder ({@code QPEncoderStream}, which can be
 * made directly, without the provider lookup) was never measured on the same part; that measurement would say
 * whether this class still pays for itself.
 */
final class QuotedPrintable {

    private static final int MAX_LINE = 76;
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    /** Bytes written as they are; space and tab only when not at the end of a line. */
    private static final boolean[] LITERAL = new boolean[256];

    static {
        for (int b = 33; b <= 126; b++) {
            LITERAL[b] = b != '=';
        }
    }

    private QuotedPrintable() {}

    /** Line breaks (LF, CRLF or CR) become CRLF; encoded lines are at most 76 characters, soft breaks included. */
    static byte[] encode(String text) {
        char[] chars = text.toCharArray(); // faster to walk than charAt on a string that holds any non-Latin-1 text
        int n = chars.length;
        Output out = new Output(n + n / 4 + 64);
        int i = 0;
        while (i < n) {
            i = out.literalRun(chars, i);
            if (i == n) {
                break;
            }
            char c = chars[i];
            if (c == '\r' || c == '\n') {
                if (c == '\r' && i + 1 < n && chars[i + 1] == '\n') {
                    i++;
                }
                out.lineBreak();
            } else if (c < 0x80) {
                if ((c == ' ' || c == '\t') && !endsLine(chars, i + 1)) {
                    out.literal(c);
                } else {
                    out.escaped(c);
                }
            } else {
                int codePoint = c;
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(chars[i + 1])) {
                    codePoint = Character.toCodePoint(c, chars[++i]);
                } else if (Character.isSurrogate(c)) {
                    codePoint = '?'; // as String.getBytes does with half a pair
                }
                out.utf8(codePoint);
            }
            i++;
        }
        return out.bytes();
    }

    /** Whitespace at the end of a line must be encoded, or transports may strip it. */
    private static boolean endsLine(char[] chars, int next) {
        return next == chars.length || chars[next] == '\r' || chars[next] == '\n';
    }

    /** The encoded bytes and the column of the current line. */
    private static final class Output {
        private byte[] bytes;
        private int length;
        private int column;

        Output(int capacity) {
            bytes = new byte[capacity];
        }

        /**
         * Copies characters that stay as they are, most of any text, in a tight loop with the state in locals;
         * returns the index of the first character that needs more thought (or the end).
         */
        int literalRun(char[] chars, int from) {
            int n = chars.length;
            int i = from;
            byte[] b = bytes;
            int len = length;
            int col = column;
            while (i < n) {
                char c = chars[i];
                if (c >= 0x80 || !(LITERAL[c] || ((c == ' ' || c == '\t') && !endsLine(chars, i + 1)))) {
                    break;
                }
                if (len + 4 > b.length) {
                    b = Arrays.copyOf(b, Math.max(b.length * 2, len + 64));
                }
                if (col == MAX_LINE - 1) {
                    b[len++] = '=';
                    b[len++] = '\r';
                    b[len++] = '\n';
                    col = 0;
                }
                b[len++] = (byte) c;
                col++;
                i++;
            }
            bytes = b;
            length = len;
            column = col;
            return i;
        }

        void lineBreak() {
            room(2);
            bytes[length++] = '\r';
            bytes[length++] = '\n';
            column = 0;
        }

        void literal(int b) {
            room(4);
            softBreakFor(1);
            bytes[length++] = (byte) b;
            column++;
        }

        void escaped(int b) {
            room(6);
            softBreakFor(3);
            bytes[length++] = '=';
            bytes[length++] = HEX[b >> 4];
            bytes[length++] = HEX[b & 0xf];
            column += 3;
        }

        void utf8(int codePoint) {
            if (codePoint < 0x800) {
                escaped(0xC0 | (codePoint >> 6));
            } else if (codePoint < 0x10000) {
                escaped(0xE0 | (codePoint >> 12));
                escaped(0x80 | ((codePoint >> 6) & 0x3F));
            } else {
                escaped(0xF0 | (codePoint >> 18));
                escaped(0x80 | ((codePoint >> 12) & 0x3F));
                escaped(0x80 | ((codePoint >> 6) & 0x3F));
            }
            escaped(0x80 | (codePoint & 0x3F));
        }

        /** Leaves room on the line for the "=" of a soft break. */
        private void softBreakFor(int width) {
            if (column + width > MAX_LINE - 1) {
                bytes[length++] = '=';
                bytes[length++] = '\r';
                bytes[length++] = '\n';
                column = 0;
            }
        }

        private void room(int needed) {
            if (length + needed > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + needed));
            }
        }

        byte[] bytes() {
            return Arrays.copyOf(bytes, length);
        }
    }
}

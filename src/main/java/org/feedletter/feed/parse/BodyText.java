package org.feedletter.feed.parse;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Turns a body into text in the order XML asks for (RFC 3023 / RFC 7303): a byte-order mark wins, then the
 * charset of the HTTP Content-Type, then the encoding in the XML prolog, then UTF-8. Bytes that are invalid
 * in that charset become U+FFFD instead of failing, and characters XML 1.0 forbids (NUL and most other
 * control characters) are dropped, so one stray byte does not cost the whole feed.
 */
final class BodyText {

    private static final Charset UTF_32BE = Charset.forName("UTF-32BE");
    private static final Charset UTF_32LE = Charset.forName("UTF-32LE");
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private BodyText() {}

    static String of(byte[] body, String contentType) {
        int bom = 0;
        Charset charset;
        if (startsWith(body, 0xEF, 0xBB, 0xBF)) {
            charset = StandardCharsets.UTF_8;
            bom = 3;
        } else if (startsWith(body, 0x00, 0x00, 0xFE, 0xFF)) {
            charset = UTF_32BE;
            bom = 4;
        } else if (startsWith(body, 0xFF, 0xFE, 0x00, 0x00)) {
            charset = UTF_32LE;
            bom = 4;
        } else if (startsWith(body, 0xFE, 0xFF)) {
            charset = StandardCharsets.UTF_16BE;
            bom = 2;
        } else if (startsWith(body, 0xFF, 0xFE)) {
            charset = StandardCharsets.UTF_16LE;
            bom = 2;
        } else {
            charset = fitting(body, charsetOf(httpCharset(contentType)));
            if (charset == null) {
                charset = prologCharset(body);
            }
        }
        String text = new String(body, bom, body.length - bom, charset);
        boolean clean = charset.equals(StandardCharsets.UTF_8) && !mayHoldIllegalUtf8(body, bom);
        return clean ? text : withoutIllegalCharacters(text);
    }

    /**
     * Whether UTF-8 bytes may decode to a character XML forbids: a control byte other than tab, line feed and
     * return, or U+FFFE or U+FFFF (EF BF BE, EF BF BF). Nothing else does (surrogates and overlong forms decode to
     * U+FFFD), so most bodies skip the character-by-character scan of their decoded text.
     */
    static boolean mayHoldIllegalUtf8(byte[] body, int from) {
        for (int i = from; i < body.length; i++) {
            byte b = body[i];
            if (b >= 0x20) {
                continue;
            }
            if (b < 0) {
                if (b == (byte) 0xEF && i + 2 < body.length && body[i + 1] == (byte) 0xBF
                        && (body[i + 2] == (byte) 0xBE || body[i + 2] == (byte) 0xBF)) {
                    return true;
                }
            } else if (b != 0x09 && b != 0x0A && b != 0x0D) {
                return true;
            }
        }
        return false;
    }

    /** The charset parameter of a Content-Type header, or null. */
    static String httpCharset(String contentType) {
        if (contentType == null) {
            return null;
        }
        int at = contentType.toLowerCase(Locale.ROOT).indexOf("charset=");
        if (at < 0) {
            return null;
        }
        int start = at + "charset=".length();
        int end = contentType.indexOf(';', start);
        String value = contentType.substring(start, end < 0 ? contentType.length() : end).strip();
        return value.replace("\"", "").replace("'", "");
    }

    /** The media type of a Content-Type header in lower case, or "" when there is none. */
    static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }

    private static Charset prologCharset(byte[] body) {
        if (startsWith(body, 0x3C, 0x00, 0x3F, 0x00)) {
            return StandardCharsets.UTF_16LE;
        }
        if (startsWith(body, 0x00, 0x3C, 0x00, 0x3F)) {
            return StandardCharsets.UTF_16BE;
        }
        String head = new String(body, 0, Math.min(body.length, 256), StandardCharsets.ISO_8859_1).stripLeading();
        int end = head.indexOf("?>");
        if (!head.startsWith("<?xml") || end < 0) {
            return StandardCharsets.UTF_8;
        }
        String prolog = head.substring(0, end);
        int at = prolog.indexOf("encoding");
        int equals = at < 0 ? -1 : prolog.indexOf('=', at);
        if (equals < 0) {
            return StandardCharsets.UTF_8;
        }
        String rest = prolog.substring(equals + 1).strip();
        if (rest.isEmpty() || (rest.charAt(0) != '"' && rest.charAt(0) != '\'')) {
            return StandardCharsets.UTF_8;
        }
        int close = rest.indexOf(rest.charAt(0), 1);
        Charset declared = close < 0 ? null : fitting(body, charsetOf(rest.substring(1, close)));
        return declared != null ? declared : StandardCharsets.UTF_8;
    }

    /** A Java charset for a name; Latin-1 and ASCII read as windows-1252, as browsers (and feed authors) do. */
    private static Charset charsetOf(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        try {
            Charset charset = Charset.forName(name.strip());
            return charset.equals(StandardCharsets.ISO_8859_1) || charset.equals(StandardCharsets.US_ASCII)
                    ? WINDOWS_1252 : charset;
        } catch (IllegalArgumentException unknownOrIllegalName) {
            return null;
        }
    }

    /** A 16- or 32-bit charset claimed for a body that starts with single-byte "&lt;" is a mistake; ignore it. */
    private static Charset fitting(byte[] body, Charset charset) {
        if (charset == null) {
            return null;
        }
        boolean wide = charset.name().startsWith("UTF-16") || charset.name().startsWith("UTF-32");
        boolean narrowBody = body.length >= 2 && body[0] == '<' && body[1] != 0;
        return wide && narrowBody ? null : charset;
    }

    private static boolean startsWith(byte[] body, int... prefix) {
        if (body.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((body[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** Drops characters XML 1.0 does not allow; returns the same string when there are none (the usual case). */
    static String withoutIllegalCharacters(String text) {
        int first = firstIllegal(text, 0);
        if (first < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        out.append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else if (isLegal(c)) {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static int firstIllegal(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0xD800) {
                continue; // the common case, checked first
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (!isLegal(c)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isLegal(char c) {
        return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD);
    }
}

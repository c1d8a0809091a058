package org.feedletter.mail;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Text from feeds, templates and the config made into header values, encoded by us. Printable ASCII without "=?"
 * goes as it is; anything else goes as RFC 2047 encoded words (UTF-8, base64). Jakarta Mail passes ASCII through
 * unchanged, so a feed title such as {@code =?UTF-8?B?...?=} reached the Subject as it was and mail programs
 * decoded it into text the feed never had; encoded here, a reader sees the title's own characters. Line breaks
 * must be gone before (see {@link MessageComposer#oneLine}); the caller folds the result.
 */
final class HeaderText {

    /** 36 bytes are 48 base64 characters: a word of 60, so "Subject: " and a word fit a 76-character line. */
    private static final int BYTES_PER_WORD = 36;
    private static final String WORD_START = "=?UTF-8?B?";
    private static final String WORD_END = "?=";

    private HeaderText() {}

    /** For an unstructured header such as Subject. */
    static String unstructured(String text) {
        return isPlain(text) ? text : encodedWords(text);
    }

    /**
     * For the display name before an address ({@code List-Id}): a quoted string when plain, with '"' made "'"
     * (some programs show the backslash of an escaped quote), else encoded words, which must not stand in quotes.
     */
    static String phrase(String text) {
        if (isPlain(text)) {
            return "\"" + text.replace("\"", "'").replace("\\", "\\\\") + "\"";
        }
        return encodedWords(text);
    }

    /** Safe as it is: printable ASCII with nothing a mail program could take for the start of an encoded word. */
    private static boolean isPlain(String text) {
        return text.chars().allMatch(c -> c >= 0x20 && c < 0x7f) && !text.contains("=?");
    }

    /**
     * The whole text as encoded words separated by spaces (which decoders drop between encoded words), each cut at
     * a character boundary, never inside a UTF-8 sequence or a surrogate pair.
     */
    static String encodedWords(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder chunk = new StringBuilder();
        int chunkBytes = 0;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            int bytes = utf8Length(codePoint);
            if (chunkBytes + bytes > BYTES_PER_WORD) {
                words.add(word(chunk));
                chunk.setLength(0);
                chunkBytes = 0;
            }
            chunk.appendCodePoint(codePoint);
            chunkBytes += bytes;
            i += Character.charCount(codePoint);
        }
        if (chunk.length() > 0 || words.isEmpty()) {
            words.add(word(chunk));
        }
        return String.join(" ", words);
    }

    private static String word(CharSequence chunk) {
        return WORD_START + Base64.getEncoder().encodeToString(chunk.toString().getBytes(StandardCharsets.UTF_8))
                + WORD_END;
    }

    /** A lone surrogate is written as '?', one byte. */
    private static int utf8Length(int codePoint) {
        if (codePoint < 0x80 || (codePoint <= 0xffff && Character.isSurrogate((char) codePoint))) {
            return 1;
        }
        return codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
    }
}

package org.feedletter.digest;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Comparisons that ignore letter case and runs of (non-breaking) spaces. */
final class FilterText {

    private static final Pattern SPACES = Pattern.compile("[\\s\\u00A0\\u2007\\u202F]+");
    private static final String NOT_IN_A_WORD = "(?<![\\p{L}\\p{N}_])";
    private static final String END_OF_WORD = "(?![\\p{L}\\p{N}_])";

    private FilterText() {}

    static String normalize(String text) {
        return SPACES.matcher(text).replaceAll(" ").strip().toLowerCase(Locale.ROOT);
    }

    /** "cyber attack" finds "Cyber  attack," but not "cyberattacks". */
    static Pattern wholeWords(String keyword) {
        List<String> words = Arrays.stream(SPACES.split(keyword.strip())).map(Pattern::quote).toList();
        return Pattern.compile(NOT_IN_A_WORD + String.join(SPACES.pattern(), words) + END_OF_WORD,
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }
}

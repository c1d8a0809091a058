package org.feedletter.lang;

import java.util.Locale;
import java.util.Set;

/** Left to right or right to left: of a language, and of a text by its first strong character (as browsers do). */
public enum TextDirection {
    LTR, RTL;

    /** Languages written right to left (their primary subtags); a script subtag says so for any other. */
    private static final Set<String> RTL_LANGUAGES = Set.of("ar", "he", "iw", "fa", "ur", "ps", "sd", "ug", "yi",
            "dv", "ckb");
    private static final Set<String> RTL_SCRIPTS = Set.of("Arab", "Hebr", "Thaa", "Syrc", "Nkoo", "Adlm", "Rohg");

    public static TextDirection of(Locale language) {
        if (!language.getScript().isEmpty()) {
            return RTL_SCRIPTS.contains(language.getScript()) ? RTL : LTR;
        }
        return RTL_LANGUAGES.contains(language.getLanguage()) ? RTL : LTR;
    }

    /** The direction of the first strongly directional character, or {@code otherwise} when there is none. */
    public static TextDirection ofText(String text, TextDirection otherwise) {
        if (text == null) {
            return otherwise;
        }
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            switch (Character.getDirectionality(codePoint)) {
                case Character.DIRECTIONALITY_LEFT_TO_RIGHT:
                    return LTR;
                case Character.DIRECTIONALITY_RIGHT_TO_LEFT:
                case Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC:
                    return RTL;
                default:
                    break;
            }
            i += Character.charCount(codePoint);
        }
        return otherwise;
    }

    /** As HTML's {@code dir} attribute wants it. */
    public String attribute() {
        return this == LTR ? "ltr" : "rtl";
    }
}

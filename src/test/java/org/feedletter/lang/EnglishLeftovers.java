package org.feedletter.lang;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.feedletter.config.Languages;

/**
 * English words in a text of another language: the English bundle's messages whose translation differs, cut at their
 * arguments, looked for as whole words. Short pieces (under five letters: "Feed", "and") and date forms are left
 * out; they say too little to tell a leftover from a word both languages share.
 */
final class EnglishLeftovers {

    private static final Pattern ARGUMENT = Pattern.compile("\\{\\d}");

    private final List<Pattern> english = new ArrayList<>();
    private final List<String> keys = new ArrayList<>();

    EnglishLeftovers(Locale language) {
        Map<String, String> root = MessageCatalog.bundled(Languages.rootFile());
        Messages translated = MessageCatalog.bundled().messages(language);
        root.forEach((key, text) -> {
            if (key.startsWith("format.") || text.equals(translated.text(key))) {
                return;
            }
            for (String piece : ARGUMENT.split(text)) {
                String words = piece.strip().replaceAll("^[\\p{Punct}\\s]+|[\\p{Punct}\\s]+$", "");
                if (words.codePoints().filter(Character::isLetter).count() >= 5) {
                    english.add(Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(words) + "(?![\\p{L}\\p{N}])"));
                    keys.add(key);
                }
            }
        });
    }

    /** Each English piece found, with its key. */
    List<String> in(String text) {
        List<String> found = new ArrayList<>();
        for (int i = 0; i < english.size(); i++) {
            if (english.get(i).matcher(text).find()) {
                found.add(keys.get(i) + ": " + english.get(i).pattern());
            }
        }
        return found;
    }
}

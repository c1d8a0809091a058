package org.feedletter.identity;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Words as identity compares them: letters and digits only (so quotes, dashes and punctuation never matter), lower
 * case, accents and letter variants folded ("Zielińska" = "Zielinska", "Michał" = "Michal", "Straße" = "Strasse").
 * Chinese and Japanese, and the scripts of South-East Asia, do not put spaces between words: each of their
 * characters counts as a word, so their openings and titles compare as those of spaced languages do.
 */
public final class Words {

    /**
     * Function words of the languages our publishers write in (English, French, German, the Nordic languages,
     * Polish, Czech, Spanish, Portuguese, Italian, Dutch, Hungarian, Finnish): they tell no two titles apart.
     */
    static final Set<String> FUNCTION_WORDS = Set.of(
            "a", "an", "the", "of", "in", "on", "to", "and", "or", "for", "is", "are", "was", "be", "at", "by", "with",
            "s", "as", "from", "into", "its", "it", "this", "that", "what", "why", "how", "who", "will", "can", "after",
            "over", "about", "de", "la", "le", "les", "des", "du", "et", "en", "un", "une", "der", "die", "das", "und",
            "im", "zu", "von", "den", "och", "i", "att", "av", "som", "pa", "w", "z", "na", "do", "sie", "sa", "v",
            "ta", "el", "los", "las", "del", "al", "y", "con", "por", "para", "que", "os", "da", "dos", "no", "nos",
            "nas", "em", "com", "um", "uma", "il", "gli", "di", "della", "per", "het", "een", "van", "op", "met", "az",
            "egy", "es", "ja");

    private Words() {}

    /**
     * The text with its no-break spaces as spaces: "Tribune\u202F:" and "Tribune :" are one title label, and the
     * patterns that find labels and names see spaces either side of a mark, however a feed keeps them from breaking.
     */
    static String breakable(String text) {
        return text.replace('\u00A0', ' ').replace('\u2007', ' ').replace('\u202F', ' ');
    }

    /**
     * A letter of a script written without spaces whose letters spell sounds (Thai, Lao, Khmer, Burmese) is a word's
     * part, not a word: about this many make one, where a Chinese or Japanese character is a word of its own.
     */
    static final int LETTERS_PER_WORD = 4;

    /**
     * The first {@code limit} words of {@code text}, folded; a scan that stops at the limit. In a script without
     * spaces each character (with its marks) is one unit of the list; in Thai, Lao, Khmer and Burmese
     * {@link #LETTERS_PER_WORD} of them count as one word towards the limit.
     */
    public static List<String> of(String text, int limit) {
        List<String> words = new ArrayList<>(Math.min(limit, 64));
        if (text == null) {
            return words;
        }
        int i = 0;
        int quarters = 0; // words counted so far, in units of 1 / LETTERS_PER_WORD
        while (i < text.length() && quarters < limit * LETTERS_PER_WORD) {
            int c = text.codePointAt(i);
            if (!isWordPart(c)) {
                i += Character.charCount(c);
                continue;
            }
            int start = i;
            if (isUnspaced(c)) { // one character with the marks that go with it
                i += Character.charCount(c);
                while (i < text.length() && isMark(text.codePointAt(i))) {
                    i += Character.charCount(text.codePointAt(i));
                }
                // composed, not stripped: a kana's voicing mark makes another syllable (け, げ)
                String character = Normalizer.normalize(text.substring(start, i), Normalizer.Form.NFKC);
                if (!character.isEmpty()) {
                    words.add(character);
                    quarters += spellsSounds(c) ? 1 : LETTERS_PER_WORD;
                }
                continue;
            }
            while (i < text.length() && isWordPart(text.codePointAt(i)) && !isUnspaced(text.codePointAt(i))) {
                i += Character.charCount(text.codePointAt(i));
            }
            String word = fold(text.substring(start, i));
            if (!word.isEmpty()) {
                words.add(word);
                quarters += LETTERS_PER_WORD;
            }
        }
        return words;
    }

    /** How many words the first {@code limit} of {@code text} make, counted as {@link #of} counts them. */
    public static int count(String text, int limit) {
        int quarters = 0;
        for (String unit : of(text, limit)) {
            quarters += spellsSounds(unit.codePointAt(0)) ? 1 : LETTERS_PER_WORD;
        }
        return (quarters + LETTERS_PER_WORD - 1) / LETTERS_PER_WORD;
    }

    /** A letter of Thai, Lao, Khmer or Burmese: scripts without spaces whose letters spell sounds. */
    private static boolean spellsSounds(int codePoint) {
        if (codePoint < 0x0E00) {
            return false;
        }
        Character.UnicodeScript script = Character.UnicodeScript.of(codePoint);
        return script == Character.UnicodeScript.THAI || script == Character.UnicodeScript.LAO
                || script == Character.UnicodeScript.KHMER || script == Character.UnicodeScript.MYANMAR;
    }

    /**
     * Whether a folded word carries meaning in a title: not a function word, not a lone letter; a lone character of
     * a script without spaces does, unless it is a Japanese syllable written in hiragana (mostly particles and
     * endings).
     */
    static boolean isContentWord(String folded) {
        if (!folded.isEmpty() && isUnspaced(folded.codePointAt(0))) {
            return Character.UnicodeScript.of(folded.codePointAt(0)) != Character.UnicodeScript.HIRAGANA;
        }
        return folded.length() > 1 && !FUNCTION_WORDS.contains(folded) || isNumber(folded);
    }

    /** A character of a script written without spaces between words: Han, kana, Thai, Lao, Khmer, Myanmar. */
    static boolean isUnspaced(int codePoint) {
        if (codePoint < 0x0E00) {
            return false; // Latin, Greek, Cyrillic, Arabic, Hebrew, Devanagari and the rest before Thai: all spaced
        }
        Character.UnicodeScript script = Character.UnicodeScript.of(codePoint);
        return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.THAI
                || script == Character.UnicodeScript.LAO || script == Character.UnicodeScript.KHMER
                || script == Character.UnicodeScript.MYANMAR;
    }

    static boolean isNumber(String folded) {
        for (int i = 0; i < folded.length(); i++) {
            if (Character.isDigit(folded.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    static boolean isWordPart(int codePoint) {
        return Character.isLetterOrDigit(codePoint) || isMark(codePoint);
    }

    private static boolean isMark(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
                || type == Character.COMBINING_SPACING_MARK;
    }

    /**
     * Lower case without accents or Arabic vowel marks; letters that do not decompose (ł, ø, æ, ß, đ, ı) spelled as
     * their base, and Arabic letters written for one another as one.
     */
    public static String fold(String word) {
        if (isAscii(word)) {
            return word.toLowerCase(Locale.ROOT); // most words: nothing to decompose
        }
        String decomposed = Normalizer.normalize(word, Normalizer.Form.NFKD);
        StringBuilder folded = new StringBuilder(decomposed.length());
        decomposed.codePoints().filter(c -> !isMark(c)).forEach(c -> {
            switch (Character.toLowerCase(c)) {
                case 'ł' -> folded.append('l');
                case 'ø' -> folded.append('o');
                case 'æ' -> folded.append("ae");
                case 'œ' -> folded.append("oe");
                case 'ß' -> folded.append("ss");
                case 'đ' -> folded.append('d');
                case 'ı' -> folded.append('i');
                case 'þ' -> folded.append("th");
                // Arabic script: the stretching tatweel is no letter; alef maksura, taa marbuta, the Persian kaf
                // and yeh, and Urdu's heh goal are written for one another
                case 'ـ' -> { }
                case 'ى', 'ی' -> folded.append('ي');
                case 'ة', 'ہ' -> folded.append('ه');
                case 'ک' -> folded.append('ك');
                default -> {
                    String latin = c >= 0x0400 && c <= 0x04FF ? cyrillicInLatin(Character.toLowerCase(c)) : null;
                    if (latin != null) {
                        folded.append(latin);
                    } else {
                        folded.appendCodePoint(c);
                    }
                }
            }
        });
        return folded.toString().toLowerCase(Locale.ROOT);
    }

    /**
     * A Cyrillic letter in Latin letters, folded as {@link #fold} folds them: Serbian is written in both alphabets,
     * letter for letter ("Марко Петровић" is "Marko Petrović", "љ" is "lj", "ђ" is "đ"), and its media turn one into
     * the other, so a copy in the other alphabet is the same text. The letters Serbian lacks go as their usual
     * romanisation. Null for a character that is no letter to turn.
     */
    private static String cyrillicInLatin(int c) {
        return switch (c) {
            case 'а' -> "a";
            case 'б' -> "b";
            case 'в' -> "v";
            case 'г', 'ґ' -> "g";
            case 'д', 'ђ' -> "d";
            case 'е', 'э' -> "e";
            case 'ж', 'з' -> "z";
            case 'и', 'і', 'й' -> "i";
            case 'ј' -> "j";
            case 'к' -> "k";
            case 'л' -> "l";
            case 'љ' -> "lj";
            case 'м' -> "m";
            case 'н' -> "n";
            case 'њ' -> "nj";
            case 'о' -> "o";
            case 'п' -> "p";
            case 'р' -> "r";
            case 'с', 'ш' -> "s";
            case 'т' -> "t";
            case 'ћ', 'ц', 'ч' -> "c";
            case 'у', 'ў' -> "u";
            case 'ф' -> "f";
            case 'х' -> "h";
            case 'џ' -> "dz";
            case 'щ' -> "st";
            case 'ъ' -> "a";
            case 'ы' -> "y";
            case 'ь' -> "";
            case 'ю' -> "ju";
            case 'я' -> "ja";
            case 'є' -> "je";
            case 'ѓ' -> "g";
            case 'ќ' -> "k";
            case 'ѕ' -> "dz";
            default -> null;
        };
    }

    private static boolean isAscii(String word) {
        for (int i = 0; i < word.length(); i++) {
            if (word.charAt(i) >= 128) {
                return false;
            }
        }
        return true;
    }
}

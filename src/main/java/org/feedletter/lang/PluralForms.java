package org.feedletter.lang;

import com.ibm.icu.text.PluralRules;
import com.ibm.icu.util.ULocale;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * CLDR's plural category of a count in a language ({@code zero}, {@code one}, {@code two}, {@code few}, {@code many},
 * {@code other}): English and Swedish say "1 more" / "3 more", French treats 0 as one, Polish and Ukrainian have few
 * (2-4, 22-24) and many (5-21, 25). ICU4J's rules; the only class that touches ICU, so its classes load when a
 * plural is first rendered and not before; and not at all for English, Swedish and German, whose rule for whole
 * numbers is CLDR's simplest (one for 1, other for the rest): loading ICU's data costs a few hundred milliseconds,
 * which {@code config check} and the first digest of an English newsletter need not pay ({@code PluralFormsTest}
 * holds the shortcut to ICU's answers).
 */
final class PluralForms {

    /** Languages whose only categories for whole numbers are one (exactly 1) and other. */
    static final Set<String> ONE_OR_OTHER = Set.of("en", "sv", "de");

    private static final Map<Locale, PluralRules> RULES = new ConcurrentHashMap<>();

    private PluralForms() {}

    static String category(Locale language, long count) {
        if (ONE_OR_OTHER.contains(language.getLanguage())) {
            return count == 1 ? "one" : "other";
        }
        return byIcu(language, count);
    }

    static String byIcu(Locale language, long count) {
        return RULES.computeIfAbsent(language, l -> PluralRules.forLocale(ULocale.forLocale(l))).select(count);
    }
}

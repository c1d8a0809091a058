package org.feedletter.lang;

import com.ibm.icu.text.PluralRules;
import com.ibm.icu.util.ULocale;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * CLDR's plural category of a count in a language ({@code zero}, {@code one}, {@code two}, {@code few}, {@code many},
 * {@code other}): English and Swedish say "1 more" / "3 more", French treats 0 as one, Polish and Ukrainian have few
 * (2-4, 22-24) and many (5-21, 25). ICU4J's rules; the only class that touches ICU, so its classes load when a
 * plural is first rendered and not before.
 */
final class PluralForms {

    private static final Map<Locale, PluralRules> RULES = new ConcurrentHashMap<>();

    private PluralForms() {}

    static String category(Locale language, long count) {
        return RULES.computeIfAbsent(language, l -> PluralRules.forLocale(ULocale.forLocale(l))).select(count);
    }
}

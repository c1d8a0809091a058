package org.feedletter.lang;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The language of a page that serves several newsletters: the one the browser prefers ({@code Accept-Language})
 * among the newsletters' languages, else the first newsletter's.
 */
public final class LanguageChoice {

    private LanguageChoice() {}

    /**
     * @param offered the languages the page can be in, the default first; not empty
     * @param acceptLanguage the request's header, or null
     */
    public static Locale choose(List<Locale> offered, String acceptLanguage) {
        Set<Locale> distinct = new LinkedHashSet<>(offered);
        Locale fallback = offered.get(0);
        if (distinct.size() == 1 || acceptLanguage == null || acceptLanguage.isBlank()) {
            return fallback;
        }
        List<Locale.LanguageRange> ranges;
        try {
            ranges = Locale.LanguageRange.parse(acceptLanguage.length() > 500 ? acceptLanguage.substring(0, 500)
                    : acceptLanguage);
        } catch (IllegalArgumentException e) {
            return fallback;
        }
        List<Locale> candidates = new ArrayList<>(distinct);
        // Filtering matches "de" to a de-AT newsletter as well; lookup alone would miss it.
        List<Locale> matching = Locale.filter(ranges, candidates, Locale.FilteringMode.AUTOSELECT_FILTERING);
        if (!matching.isEmpty()) {
            return matching.get(0);
        }
        Locale found = Locale.lookup(ranges, candidates);
        if (found != null) {
            return found;
        }
        // "de-AT" asked, only "de" offered (lookup truncates, but not when the range has a weight of its own).
        for (Locale.LanguageRange range : ranges) {
            if (range.getWeight() == 0) {
                continue;
            }
            String primary = range.getRange().split("-")[0];
            for (Locale candidate : candidates) {
                if (candidate.getLanguage().equalsIgnoreCase(primary)) {
                    return candidate;
                }
            }
        }
        return fallback;
    }
}

package org.feedletter.lang;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.feedletter.config.NewsletterConfig;

/**
 * Which language speaks to a reader of some newsletters: theirs when they share one; where they differ, the one
 * the browser prefers among them ({@link LanguageChoice}), else the first newsletter's (in the config's order).
 */
public final class NewsletterLanguages {

    private NewsletterLanguages() {}

    /** The languages of these newsletters, once each, in the config's order; of all of them when none is named. */
    public static List<Locale> of(List<NewsletterConfig> all, Collection<String> ids) {
        List<Locale> languages = new ArrayList<>();
        for (NewsletterConfig newsletter : all) {
            if (ids.contains(newsletter.id()) && !languages.contains(newsletter.language())) {
                languages.add(newsletter.language());
            }
        }
        if (languages.isEmpty()) {
            all.stream().map(NewsletterConfig::language).distinct().forEach(languages::add);
        }
        if (languages.isEmpty()) {
            languages.add(NewsletterConfig.DEFAULT_LANGUAGE);
        }
        return languages;
    }

    /** For a mail, where no browser says what it prefers: the first of the newsletters' languages. */
    public static Locale forMail(List<NewsletterConfig> all, Collection<String> ids) {
        return of(all, ids).get(0);
    }

    /** For a page: the browser's preference ({@code Accept-Language}, or null) among the newsletters' languages. */
    public static Locale forPage(List<NewsletterConfig> all, Collection<String> ids, String acceptLanguage) {
        return LanguageChoice.choose(of(all, ids), acceptLanguage);
    }
}

package org.feedletter.web.home;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.feedletter.config.NewsletterConfig;
import org.feedletter.config.WebConfig;
import org.feedletter.web.Pages;
import org.feedletter.web.Responses;
import org.feedletter.web.Router;

/**
 * {@code /}: the site's home page, where the merged feeds' alternate links and the JSON Feed's home page point. It
 * names the site ({@code web.title}) and links the merged feed in its three formats, each newsletter's feed, sign-up
 * and archive; in the language the browser prefers among the newsletters'.
 */
public final class HomeRoute {

    private final Pages pages;
    private final WebConfig web;
    private final List<NewsletterConfig> newsletters;

    public HomeRoute(Pages pages, WebConfig web, List<NewsletterConfig> newsletters) {
        this.pages = pages;
        this.web = web;
        this.newsletters = List.copyOf(newsletters);
    }

    public void register(Router router) {
        router.get("/", (request, response, callback, p) -> {
            Map<String, Object> model = new LinkedHashMap<>();
            model.put("title", web.title());
            model.put("description", web.description());
            model.put("newsletters", newsletters.stream().map(n -> Map.of("id", n.id(), "title", n.title(),
                    "description", n.description())).toList());
            Locale language = Pages.language(request, newsletters, List.of());
            response.getHeaders().put("Cache-Control", "public, max-age=300");
            response.getHeaders().put("Vary", "Accept-Language");
            response.getHeaders().put("Content-Language", language.toLanguageTag());
            Responses.html(response, callback, 200, pages.render("web/home.ftlh", model, language));
        });
    }
}

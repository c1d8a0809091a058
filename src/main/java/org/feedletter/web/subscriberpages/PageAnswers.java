package org.feedletter.web.subscriberpages;

import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.feedletter.web.Pages;
import org.feedletter.web.Responses;

/**
 * Answers with a page for people: never cached (personal links are in them), never sent on as a Referer (the
 * token is in the address), never framed; in the language the route chose ({@code Content-Language} says which).
 */
final class PageAnswers {

    /** Region/City zones and UTC, sorted: what a person picks from. */
    static final List<String> ZONES = ZoneId.getAvailableZoneIds().stream()
            .filter(z -> z.equals("UTC") || z.matches("(Africa|America|Antarctica|Asia|Atlantic|Australia|Europe"
                    + "|Indian|Pacific)/[A-Za-z_/-]+"))
            .sorted()
            .toList();

    private PageAnswers() {}

    static void page(Pages pages, Response response, Callback callback, int status, String template,
            Map<String, ?> model, Locale language) {
        String html = pages.render(template, model, language);
        response.getHeaders().put("Content-Language", language.toLanguageTag());
        response.getHeaders().put("Vary", "Accept-Language");
        response.getHeaders().put("Cache-Control", "no-store");
        response.getHeaders().put("Referrer-Policy", "no-referrer");
        response.getHeaders().put("X-Frame-Options", "DENY");
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        Responses.html(response, callback, status, html);
    }

    /**
     * A short page: a title, a sentence, and where to go from there; {@code key.title} and {@code key.text} of the
     * bundles ("badLink" is {@code badLink.title}, {@code badLink.text}).
     */
    static void message(Pages pages, Response response, Callback callback, int status, String key, Locale language) {
        var words = pages.messages(language);
        page(pages, response, callback, status, "web/message.ftlh", Map.of("title", words.text(key + ".title"),
                "text", words.text(key + ".text")), language);
    }

    static void badLink(Pages pages, Response response, Callback callback, Locale language) {
        message(pages, response, callback, 400, "badLink", language);
    }
}

package org.feedletter.web.subscriberpages;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.feedletter.web.Pages;
import org.feedletter.web.Responses;

/**
 * Answers with a page for people: never cached (personal links are in them), never sent on as a Referer (the
 * token is in the address), never framed.
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
            Map<String, ?> model) {
        String html = pages.render(template, model);
        response.getHeaders().put("Cache-Control", "no-store");
        response.getHeaders().put("Referrer-Policy", "no-referrer");
        response.getHeaders().put("X-Frame-Options", "DENY");
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        Responses.html(response, callback, status, html);
    }

    /** A short page: a title, a sentence, and where to go from there. */
    static void message(Pages pages, Response response, Callback callback, int status, String title, String text) {
        page(pages, response, callback, status, "web/message.ftlh", Map.of("title", title, "text", text));
    }

    static void badLink(Pages pages, Response response, Callback callback) {
        message(pages, response, callback, 400, "This link does not work",
                "The link is incomplete, has expired, or is no longer valid. Links in newer mails from us work; "
                        + "to sign up again, use the subscription page.");
    }
}

package org.feedletter.web.subscriberpages;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Fields;
import org.feedletter.config.NewsletterConfig;
import org.feedletter.config.SubscriptionSettings;
import org.feedletter.subscribe.SignUpForm;
import org.feedletter.subscribe.Signups;
import org.feedletter.web.Pages;
import org.feedletter.web.Requests;
import org.feedletter.web.Router;

/**
 * {@code /subscribe}: the sign-up form (plain HTML, works without JavaScript) and what it posts. In the language the
 * browser prefers among the newsletters' ({@code Accept-Language}); else the preselected newsletter's, else the
 * first newsletter's.
 */
public final class SubscribeRoutes {

    private final Pages pages;
    private final Signups signups;
    private final List<NewsletterConfig> newsletters;
    private final SubscriptionSettings settings;

    public SubscribeRoutes(Pages pages, Signups signups, List<NewsletterConfig> newsletters,
            SubscriptionSettings settings) {
        this.pages = pages;
        this.signups = signups;
        this.newsletters = List.copyOf(newsletters);
        this.settings = settings;
    }

    public void register(Router router) {
        router.get("/subscribe", (request, response, callback, p) -> {
            String preselected = Requests.query(request, "newsletter");
            SignUpForm empty = new SignUpForm("", preselected == null ? List.of() : List.of(preselected), "edition",
                    settings.defaultTimeZone().getId(), "");
            Locale language = language(request, empty.newsletters());
            PageAnswers.page(pages, response, callback, 200, "web/subscribe.ftlh",
                    model(empty, Map.of(), false, language), language);
        });
        router.post("/subscribe", (request, response, callback, p) -> {
            Fields fields = Requests.form(request);
            SignUpForm form = new SignUpForm(fields.getValue("email"), fields.getValuesOrEmpty("newsletter"),
                    fields.getValue("frequency"), fields.getValue("timeZone"), fields.getValue("website"));
            Signups.Answer answer = signups.signUp(form, Requests.clientNetwork(request));
            Locale language = language(request, form.newsletters());
            if (answer instanceof Signups.Accepted accepted) {
                PageAnswers.page(pages, response, callback, 200, "web/subscribe-sent.ftlh",
                        Map.of("email", accepted.email()), language);
            } else if (answer instanceof Signups.Invalid invalid) {
                PageAnswers.page(pages, response, callback, 400, "web/subscribe.ftlh",
                        model(form, invalid.problems(), true, language), language);
            } else {
                PageAnswers.message(pages, response, callback, 429, "tooMany", language);
            }
        });
    }

    /**
     * Among the languages of all the newsletters, those chosen (or preselected) first: the fallback when the browser
     * names none of them.
     */
    private Locale language(Request request, List<String> chosen) {
        List<String> ids = new ArrayList<>(chosen);
        newsletters.forEach(n -> ids.add(n.id()));
        List<NewsletterConfig> chosenFirst = new ArrayList<>(newsletters.stream()
                .filter(n -> chosen.contains(n.id())).toList());
        newsletters.stream().filter(n -> !chosen.contains(n.id())).forEach(chosenFirst::add);
        return Pages.language(request, chosenFirst, ids);
    }

    private Map<String, Object> model(SignUpForm form, Map<String, String> problems, boolean submitted,
            Locale language) {
        Map<String, Object> model = new HashMap<>();
        model.put("newsletters", newsletters.stream().map(n -> Map.of("id", n.id(), "title", n.title(),
                "description", n.description(),
                "checked", form.newsletters().contains(n.id()) || newsletters.size() == 1,
                "lang", n.language().toLanguageTag()))
                .toList());
        model.put("email", form.email() == null ? "" : form.email());
        model.put("frequency", form.frequency() == null ? "edition" : form.frequency());
        model.put("timeZone", form.timeZone() == null ? settings.defaultTimeZone().getId() : form.timeZone());
        model.put("zones", PageAnswers.ZONES);
        model.put("problems", FormProblems.shown(problems, pages.messages(language), form.email()));
        model.put("submitted", submitted);
        return model;
    }
}

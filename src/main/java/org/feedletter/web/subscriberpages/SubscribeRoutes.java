package org.feedletter.web.subscriberpages;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.util.Fields;
import org.feedletter.config.NewsletterConfig;
import org.feedletter.config.SubscriptionSettings;
import org.feedletter.subscribe.SignUpForm;
import org.feedletter.subscribe.Signups;
import org.feedletter.web.Pages;
import org.feedletter.web.Requests;
import org.feedletter.web.Router;

/** {@code /subscribe}: the sign-up form (plain HTML, works without JavaScript) and what it posts. */
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
            PageAnswers.page(pages, response, callback, 200, "web/subscribe.ftlh", model(empty, Map.of(), false));
        });
        router.post("/subscribe", (request, response, callback, p) -> {
            Fields fields = Requests.form(request);
            SignUpForm form = new SignUpForm(fields.getValue("email"), fields.getValuesOrEmpty("newsletter"),
                    fields.getValue("frequency"), fields.getValue("timeZone"), fields.getValue("website"));
            Signups.Answer answer = signups.signUp(form, Requests.clientNetwork(request));
            if (answer instanceof Signups.Accepted accepted) {
                PageAnswers.page(pages, response, callback, 200, "web/subscribe-sent.ftlh",
                        Map.of("email", accepted.email()));
            } else if (answer instanceof Signups.Invalid invalid) {
                PageAnswers.page(pages, response, callback, 400, "web/subscribe.ftlh",
                        model(form, invalid.problems(), true));
            } else {
                PageAnswers.message(pages, response, callback, 429, "Too many requests",
                        "This connection has sent the form too often. Please try again in an hour.");
            }
        });
    }

    private Map<String, Object> model(SignUpForm form, Map<String, String> problems, boolean submitted) {
        Map<String, Object> model = new HashMap<>();
        model.put("newsletters", newsletters.stream().map(n -> Map.of("id", n.id(), "title", n.title(),
                "description", n.description(), "checked", form.newsletters().contains(n.id()) || newsletters.size() == 1))
                .toList());
        model.put("email", form.email() == null ? "" : form.email());
        model.put("frequency", form.frequency() == null ? "edition" : form.frequency());
        model.put("timeZone", form.timeZone() == null ? settings.defaultTimeZone().getId() : form.timeZone());
        model.put("zones", PageAnswers.ZONES);
        model.put("problems", problems);
        model.put("submitted", submitted);
        return model;
    }
}

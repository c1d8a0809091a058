package org.feedletter.web.subscriberpages;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Fields;
import org.feedletter.config.NewsletterConfig;
import org.feedletter.store.StoredSubscriber.State;
import org.feedletter.store.SubscriberChangeStore.ConfirmOutcome;
import org.feedletter.subscribe.LinkTokens.Purpose;
import org.feedletter.subscribe.SelfService;
import org.feedletter.subscribe.SelfService.Holder;
import org.feedletter.subscribe.SelfService.PreferencesForm;
import org.feedletter.web.Pages;
import org.feedletter.web.Requests;
import org.feedletter.web.Router;

/**
 * The pages behind the links in mails: {@code /confirm}, {@code /unsubscribe}, {@code /preferences}. A GET only
 * shows a page with a button (mail scanners follow links); the button's POST acts. A POST to the unsubscribe URL
 * itself, as mail providers send for List-Unsubscribe-Post (RFC 8058), unsubscribes at once.
 */
public final class SelfServiceRoutes {

    private final Pages pages;
    private final SelfService service;
    private final List<NewsletterConfig> newsletters;

    public SelfServiceRoutes(Pages pages, SelfService service, List<NewsletterConfig> newsletters) {
        this.pages = pages;
        this.service = service;
        this.newsletters = List.copyOf(newsletters);
    }

    public void register(Router router) {
        router.get("/confirm", (request, response, callback, p) -> {
            String token = Requests.query(request, "token");
            Optional<Holder> holder = service.holder(token, Purpose.CONFIRM);
            if (holder.isEmpty()) {
                PageAnswers.badLink(pages, response, callback);
                return;
            }
            PageAnswers.page(pages, response, callback, 200, "web/confirm.ftlh", Map.of("token", token,
                    "email", holder.get().subscriber().displayEmail(), "newsletters", titles(holder.get().newsletters()),
                    "active", holder.get().subscriber().state() == State.ACTIVE));
        });
        router.post("/confirm", (request, response, callback, p) -> {
            Optional<ConfirmOutcome> outcome = service.confirm(token(request, Requests.form(request)));
            if (outcome.isEmpty() || outcome.get() == ConfirmOutcome.NOT_PENDING) {
                PageAnswers.badLink(pages, response, callback);
                return;
            }
            PageAnswers.message(pages, response, callback, 200, "You are subscribed",
                    "Thank you: your address is confirmed. The next digest will come to your inbox.");
        });
        router.get("/unsubscribe", (request, response, callback, p) -> {
            String token = Requests.query(request, "token");
            Optional<Holder> holder = service.holder(token, Purpose.UNSUBSCRIBE);
            if (holder.isEmpty()) {
                PageAnswers.badLink(pages, response, callback);
                return;
            }
            PageAnswers.page(pages, response, callback, 200, "web/unsubscribe.ftlh", Map.of("token", token,
                    "email", holder.get().subscriber().displayEmail(), "newsletter", title(holder.get().newsletterId()),
                    "subscribed", holder.get().newsletters().contains(holder.get().newsletterId())
                            && holder.get().subscriber().state() != State.UNSUBSCRIBED));
        });
        router.post("/unsubscribe", (request, response, callback, p) -> {
            Fields form = Requests.form(request);
            Optional<Holder> holder = service.unsubscribe(token(request, form), "all".equals(form.getValue("scope")));
            if (holder.isEmpty()) {
                PageAnswers.badLink(pages, response, callback);
                return;
            }
            PageAnswers.page(pages, response, callback, 200, "web/unsubscribed.ftlh", Map.of(
                    "email", holder.get().subscriber().displayEmail(),
                    "newsletter", "all".equals(form.getValue("scope")) ? "" : title(holder.get().newsletterId())));
        });
        router.get("/preferences", (request, response, callback, p) -> {
            String token = Requests.query(request, "token");
            Optional<Holder> holder = service.holder(token, Purpose.PREFERENCES);
            if (holder.isEmpty()) {
                PageAnswers.badLink(pages, response, callback);
                return;
            }
            PageAnswers.page(pages, response, callback, 200, "web/preferences.ftlh",
                    preferences(token, holder.get(), Map.of(), null));
        });
        router.post("/preferences", (request, response, callback, p) -> {
            Fields form = Requests.form(request);
            String token = token(request, form);
            if ("leave".equals(form.getValue("action"))) {
                Optional<Holder> holder = service.unsubscribeAll(token);
                if (holder.isEmpty()) {
                    PageAnswers.badLink(pages, response, callback);
                    return;
                }
                PageAnswers.page(pages, response, callback, 200, "web/unsubscribed.ftlh",
                        Map.of("email", holder.get().subscriber().displayEmail(), "newsletter", ""));
                return;
            }
            SelfService.Saved saved = service.savePreferences(token, new PreferencesForm(
                    form.getValuesOrEmpty("newsletter"), form.getValue("frequency"), form.getValue("timeZone")));
            if (saved instanceof SelfService.Updated updated) {
                PageAnswers.page(pages, response, callback, 200, "web/preferences.ftlh",
                        preferences(token, updated.now(), Map.of(), "Your preferences are saved."));
            } else if (saved instanceof SelfService.Invalid invalid) {
                Holder holder = service.holder(token, Purpose.PREFERENCES).orElseThrow();
                PageAnswers.page(pages, response, callback, 400, "web/preferences.ftlh",
                        preferences(token, holder, invalid.problems(), null));
            } else {
                PageAnswers.badLink(pages, response, callback);
            }
        });
    }

    /** The token from the form's hidden field, else from the URL (one-click POSTs go to the link as it is). */
    private static String token(Request request, Fields form) {
        String token = form.getValue("token");
        return token != null ? token : Requests.query(request, "token");
    }

    private Map<String, Object> preferences(String token, Holder holder, Map<String, String> problems, String saved) {
        Map<String, Object> model = new HashMap<>();
        model.put("token", token);
        model.put("email", holder.subscriber().displayEmail());
        model.put("active", holder.subscriber().state() == State.ACTIVE);
        model.put("state", holder.subscriber().state().name().toLowerCase());
        model.put("newsletters", newsletters.stream().map(n -> Map.of("id", n.id(), "title", n.title(),
                "description", n.description(), "checked", holder.newsletters().contains(n.id()))).toList());
        model.put("frequency", holder.subscriber().frequency().name().toLowerCase());
        model.put("timeZone", holder.subscriber().timeZone().getId());
        model.put("zones", PageAnswers.ZONES);
        model.put("problems", problems);
        model.put("saved", saved == null ? "" : saved);
        return model;
    }

    private List<String> titles(List<String> ids) {
        return newsletters.stream().filter(n -> ids.contains(n.id())).map(NewsletterConfig::title).toList();
    }

    private String title(String id) {
        return newsletters.stream().filter(n -> n.id().equals(id)).map(NewsletterConfig::title).findFirst().orElse(id);
    }
}

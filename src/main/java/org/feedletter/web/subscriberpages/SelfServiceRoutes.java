package org.feedletter.web.subscriberpages;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
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
 * itself, as mail providers send for List-Unsubscribe-Post (RFC 8058), unsubscribes at once. A page is in the
 * language of the subscriber's newsletters; where theirs differ, the one the browser prefers among them.
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
                PageAnswers.badLink(pages, response, callback, language(request, List.of()));
                return;
            }
            PageAnswers.page(pages, response, callback, 200, "web/confirm.ftlh", Map.of("token", token,
                    "email", holder.get().subscriber().displayEmail(), "newsletters", titles(holder.get().newsletters()),
                    "active", holder.get().subscriber().state() == State.ACTIVE),
                    language(request, holder.get().newsletters()));
        });
        router.post("/confirm", (request, response, callback, p) -> {
            String token = token(request, Requests.form(request));
            Optional<ConfirmOutcome> outcome = service.confirm(token);
            if (outcome.isEmpty() || outcome.get() == ConfirmOutcome.NOT_PENDING) {
                PageAnswers.badLink(pages, response, callback, language(request, List.of()));
                return;
            }
            // The token confirmed; the subscriber it names is read again only for the language of the page.
            List<String> theirs = service.holder(token, Purpose.CONFIRM).map(Holder::newsletters).orElse(List.of());
            PageAnswers.message(pages, response, callback, 200, "confirmed", language(request, theirs));
        });
        router.get("/unsubscribe", (request, response, callback, p) -> {
            String token = Requests.query(request, "token");
            Optional<Holder> holder = service.holder(token, Purpose.UNSUBSCRIBE);
            if (holder.isEmpty()) {
                PageAnswers.badLink(pages, response, callback, language(request, List.of()));
                return;
            }
            PageAnswers.page(pages, response, callback, 200, "web/unsubscribe.ftlh", Map.of("token", token,
                    "email", holder.get().subscriber().displayEmail(), "newsletter", title(holder.get().newsletterId()),
                    "subscribed", holder.get().newsletters().contains(holder.get().newsletterId())
                            && holder.get().subscriber().state() != State.UNSUBSCRIBED),
                    language(request, List.of(holder.get().newsletterId())));
        });
        router.post("/unsubscribe", (request, response, callback, p) -> {
            Fields form = Requests.form(request);
            Optional<Holder> holder = service.unsubscribe(token(request, form), "all".equals(form.getValue("scope")));
            if (holder.isEmpty()) {
                PageAnswers.badLink(pages, response, callback, language(request, List.of()));
                return;
            }
            PageAnswers.page(pages, response, callback, 200, "web/unsubscribed.ftlh", Map.of(
                    "email", holder.get().subscriber().displayEmail(),
                    "newsletter", "all".equals(form.getValue("scope")) ? "" : title(holder.get().newsletterId())),
                    language(request, List.of(holder.get().newsletterId())));
        });
        router.get("/preferences", (request, response, callback, p) -> {
            String token = Requests.query(request, "token");
            Optional<Holder> holder = service.holder(token, Purpose.PREFERENCES);
            if (holder.isEmpty()) {
                PageAnswers.badLink(pages, response, callback, language(request, List.of()));
                return;
            }
            Locale language = language(request, holder.get().newsletters());
            PageAnswers.page(pages, response, callback, 200, "web/preferences.ftlh",
                    preferences(token, holder.get(), Map.of(), null, language), language);
        });
        router.post("/preferences", (request, response, callback, p) -> {
            Fields form = Requests.form(request);
            String token = token(request, form);
            // Whom the token names, before what the form changes: the page stays in the language it was shown in.
            List<String> before = service.holder(token, Purpose.PREFERENCES).map(Holder::newsletters)
                    .orElse(List.of());
            Locale language = language(request, before);
            if ("leave".equals(form.getValue("action"))) {
                Optional<Holder> holder = service.unsubscribeAll(token);
                if (holder.isEmpty()) {
                    PageAnswers.badLink(pages, response, callback, language);
                    return;
                }
                PageAnswers.page(pages, response, callback, 200, "web/unsubscribed.ftlh",
                        Map.of("email", holder.get().subscriber().displayEmail(), "newsletter", ""), language);
                return;
            }
            SelfService.Saved saved = service.savePreferences(token, new PreferencesForm(
                    form.getValuesOrEmpty("newsletter"), form.getValue("frequency"), form.getValue("timeZone")));
            if (saved instanceof SelfService.Updated updated) {
                PageAnswers.page(pages, response, callback, 200, "web/preferences.ftlh",
                        preferences(token, updated.now(), Map.of(), "preferences.saved", language), language);
            } else if (saved instanceof SelfService.Invalid invalid) {
                Holder holder = service.holder(token, Purpose.PREFERENCES).orElseThrow();
                PageAnswers.page(pages, response, callback, 400, "web/preferences.ftlh",
                        preferences(token, holder, invalid.problems(), null, language), language);
            } else {
                PageAnswers.badLink(pages, response, callback, language);
            }
        });
    }

    /** The token from the form's hidden field, else from the URL (one-click POSTs go to the link as it is). */
    private static String token(Request request, Fields form) {
        String token = form.getValue("token");
        return token != null ? token : Requests.query(request, "token");
    }

    /** The page's language for readers of these newsletters (all of them when none is named). */
    private Locale language(Request request, List<String> ids) {
        return Pages.language(request, newsletters, ids);
    }

    /** @param savedKey the bundles' key of what saving did, or null */
    private Map<String, Object> preferences(String token, Holder holder, Map<String, String> problems, String savedKey,
            Locale language) {
        var words = pages.messages(language);
        Map<String, Object> model = new HashMap<>();
        model.put("token", token);
        model.put("email", holder.subscriber().displayEmail());
        model.put("active", holder.subscriber().state() == State.ACTIVE);
        String state = holder.subscriber().state().name().toLowerCase(Locale.ROOT);
        model.put("state", words.has("preferences.state." + state) ? words.text("preferences.state." + state) : state);
        model.put("newsletters", newsletters.stream().map(n -> Map.of("id", n.id(), "title", n.title(),
                "description", n.description(), "checked", holder.newsletters().contains(n.id()),
                "lang", n.language().toLanguageTag())).toList());
        model.put("frequency", holder.subscriber().frequency().name().toLowerCase());
        model.put("timeZone", holder.subscriber().timeZone().getId());
        model.put("zones", PageAnswers.ZONES);
        model.put("problems", FormProblems.shown(problems, words, ""));
        model.put("saved", savedKey == null ? "" : words.text(savedKey));
        return model;
    }

    private List<String> titles(List<String> ids) {
        return newsletters.stream().filter(n -> ids.contains(n.id())).map(NewsletterConfig::title).toList();
    }

    private String title(String id) {
        return newsletters.stream().filter(n -> n.id().equals(id)).map(NewsletterConfig::title).findFirst().orElse(id);
    }
}

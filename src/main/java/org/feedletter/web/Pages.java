package org.feedletter.web;

import freemarker.core.Environment;
import freemarker.template.Configuration;
import freemarker.template.TemplateException;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.feedletter.config.NewsletterConfig;
import org.feedletter.config.TemplateLoading;
import org.feedletter.lang.MessageCatalog;
import org.feedletter.lang.Messages;
import org.feedletter.lang.NewsletterLanguages;
import org.feedletter.lang.TemplateMessages;

/**
 * Renders HTML pages with Freemarker, like the digests: from the operator's template folder when it has the
 * template, else from the bundled {@code templates/} (e.g. {@code web/subscribe.ftlh}, {@code admin/feeds.ftlh}).
 * {@code .ftlh} templates escape every value as HTML; {@code web/layout.ftlh} holds the shared page frame. A page
 * is in a language: its words come from the message bundles ({@code msg("key")}), {@code lang} and {@code dir}
 * say which; the admin pages stay English.
 */
public final class Pages {

    private final Configuration freemarker;
    private final MessageCatalog messages;

    public Pages(Optional<Path> operatorTemplates) {
        this(operatorTemplates, null);
    }

    /** @param site the publisher's name every page shows at its top ({@code web.title}), or null for none */
    public Pages(Optional<Path> operatorTemplates, String site) {
        Configuration cfg = TemplateLoading.freemarker(operatorTemplates);
        if (site != null) {
            try {
                cfg.setSharedVariable("site", site);
            } catch (freemarker.template.TemplateModelException e) {
                throw new IllegalStateException("cannot hand the site's name to the page templates", e);
            }
        }
        cfg.setOutputEncoding("UTF-8");
        cfg.setURLEscapingCharset("UTF-8");
        cfg.setFallbackOnNullLoopVariable(false);
        this.freemarker = cfg;
        this.messages = new MessageCatalog(operatorTemplates);
    }

    /** An English page (the admin pages); a template error is a bug or a broken operator template, thrown. */
    public String render(String template, Map<String, ?> model) {
        return render(template, model, NewsletterConfig.DEFAULT_LANGUAGE);
    }

    /** The page in a language: {@code msg}, {@code lang} and {@code dir} join the model. */
    public String render(String template, Map<String, ?> model, Locale language) {
        Messages words = messages(language);
        Map<String, Object> full = new HashMap<>(model);
        full.putIfAbsent("msg", new TemplateMessages(words));
        full.putIfAbsent("lang", words.tag());
        full.putIfAbsent("dir", words.direction().attribute());
        StringWriter out = new StringWriter(8192);
        try {
            Environment environment = freemarker.getTemplate(template).createProcessingEnvironment(full, out);
            environment.setLocale(language);
            environment.process();
        } catch (IOException | TemplateException | Messages.MissingMessage e) {
            throw new IllegalStateException("page template " + template + ": " + e.getMessage(), e);
        }
        return out.toString();
    }

    /** The words of a language, for what a route says itself (a page's title, a form's problems). */
    public Messages messages(Locale language) {
        return messages.messages(language);
    }

    /**
     * The language of a page for readers of these newsletters: theirs, or where they differ the one the browser
     * asks for ({@code Accept-Language}) among theirs, else the first's. With no ids, among all the newsletters.
     */
    public static Locale language(Request request, List<NewsletterConfig> newsletters, List<String> ids) {
        return NewsletterLanguages.forPage(newsletters, ids, request.getHeaders().get(HttpHeader.ACCEPT_LANGUAGE));
    }
}

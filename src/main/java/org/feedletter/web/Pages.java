package org.feedletter.web;

import freemarker.template.Configuration;
import freemarker.template.TemplateException;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.feedletter.config.TemplateLoading;

/**
 * Renders HTML pages with Freemarker, like the digests: from the operator's template folder when it has the
 * template, else from the bundled {@code templates/} (e.g. {@code web/subscribe.ftlh}, {@code admin/feeds.ftlh}).
 * {@code .ftlh} templates escape every value as HTML; {@code web/layout.ftlh} holds the shared page frame.
 */
public final class Pages {

    private final Configuration freemarker;

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
    }

    /** The page as HTML; a template error is a bug or a broken operator template, reported as an exception. */
    public String render(String template, Map<String, ?> model) {
        StringWriter out = new StringWriter(8192);
        try {
            freemarker.getTemplate(template).process(model, out);
        } catch (IOException | TemplateException e) {
            throw new IllegalStateException("page template " + template + ": " + e.getMessage(), e);
        }
        return out.toString();
    }
}

package org.feedletter.subscribe;

import freemarker.core.Environment;
import freemarker.template.Configuration;
import freemarker.template.TemplateException;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.feedletter.config.TemplateLoading;
import org.feedletter.digest.RenderedDigest;
import org.feedletter.lang.MessageCatalog;
import org.feedletter.lang.Messages;
import org.feedletter.lang.TemplateMessages;
import org.feedletter.mail.UnsendableMessage;

/**
 * The confirmation mail's subject and bodies, rendered from {@code confirm-subject.ftl}, {@code confirm.html.ftlh}
 * and {@code confirm.txt.ftl} in a language: its words from the message bundles ({@code msg}), {@code lang} and
 * {@code dir} for the HTML, the link's lifetime in words of that language.
 */
public final class ConfirmationMail {

    static final String SUBJECT = "confirm-subject.ftl";
    static final String HTML = "confirm.html.ftlh";
    static final String TEXT = "confirm.txt.ftl";

    private final Configuration freemarker;
    private final MessageCatalog messages;

    public ConfirmationMail(Optional<Path> operatorTemplates) {
        this.freemarker = TemplateLoading.freemarker(operatorTemplates);
        this.messages = new MessageCatalog(operatorTemplates);
    }

    /** What one mail says. */
    public record Content(boolean alreadySubscribed, String email, List<String> newsletters, String link,
            Duration validFor, String subscribeUrl) {}

    public RenderedDigest render(Content content, Locale language) throws UnsendableMessage {
        Messages words = messages.messages(language);
        Map<String, Object> model = new HashMap<>();
        model.put("alreadySubscribed", content.alreadySubscribed());
        model.put("email", content.email());
        model.put("newsletters", content.newsletters());
        model.put("link", content.link());
        model.put("validFor", words.duration(content.validFor()));
        model.put("subscribeUrl", content.subscribeUrl());
        model.put("msg", new TemplateMessages(words));
        model.put("lang", words.tag());
        model.put("dir", words.direction().attribute());
        return new RenderedDigest(render(SUBJECT, model, language), render(HTML, model, language),
                render(TEXT, model, language));
    }

    /** Loads the templates once, so a broken one stops start-up. */
    public void check() {
        for (String name : List.of(SUBJECT, HTML, TEXT)) {
            try {
                freemarker.getTemplate(name);
            } catch (IOException e) {
                throw new IllegalStateException("template " + name + ": " + e.getMessage(), e);
            }
        }
    }

    private String render(String name, Map<String, Object> model, Locale language) throws UnsendableMessage {
        StringWriter out = new StringWriter(4096);
        try {
            Environment environment = freemarker.getTemplate(name).createProcessingEnvironment(model, out);
            environment.setLocale(language);
            environment.process();
        } catch (TemplateException | IOException | Messages.MissingMessage e) {
            throw new UnsendableMessage("template " + name + ": " + e.getMessage(), e);
        }
        return out.toString();
    }
}

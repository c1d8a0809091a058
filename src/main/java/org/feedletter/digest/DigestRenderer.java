package org.feedletter.digest;

import freemarker.core.Environment;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;
import org.feedletter.config.NewsletterConfig;
import org.feedletter.config.TemplateLoading;
import org.feedletter.lang.MessageCatalog;
import org.feedletter.lang.Messages;
import org.feedletter.lang.TemplateMessages;
import org.feedletter.store.ListedUpdate;
import org.feedletter.store.StoredItem;

/**
 * Renders digests with Freemarker: subject, HTML and plain-text bodies. Templates come from the operator's
 * folder when configured, else (and for any template that folder lacks) from the bundled {@code templates/}; so do
 * their words, in the newsletter's language ({@code msg}, {@link MessageCatalog}), with {@code lang} and {@code dir}
 * for the HTML and the dates in that language's forms.
 */
public final class DigestRenderer {

    static final String SUBJECT = "digest-subject.ftl";
    static final String HTML = "digest.html.ftlh";
    static final String TEXT = "digest.txt.ftl";

    private final Configuration freemarker;
    private final MessageCatalog messages;
    private final boolean reuseSkeletons;
    /** Per template object, so an edited template reloaded by Freemarker is judged again. */
    private final Map<Template, Boolean> plainUse = Collections.synchronizedMap(new WeakHashMap<>());

    public DigestRenderer(Optional<Path> operatorTemplates) {
        this(operatorTemplates, true);
    }

    /** @param reuseSkeletons false renders every recipient's digest in full (tests compare the two) */
    DigestRenderer(Optional<Path> operatorTemplates, boolean reuseSkeletons) {
        this.freemarker = configuration(operatorTemplates);
        this.messages = new MessageCatalog(operatorTemplates);
        this.reuseSkeletons = reuseSkeletons;
    }

    private static Configuration configuration(Optional<Path> operatorTemplates) {
        Configuration cfg = TemplateLoading.freemarker(operatorTemplates);
        cfg.setFallbackOnNullLoopVariable(false);
        return cfg;
    }

    /**
     * Loads every template once, so a broken one stops start-up with its file and line instead of failing each
     * message later.
     */
    public void check() throws TemplateProblem {
        for (String name : List.of(SUBJECT, HTML, TEXT)) {
            template(name);
        }
    }

    /**
     * Also renders a sample edition in each newsletter's language, so a message missing from an operator's bundle
     * or a bad date form stops start-up; and one with only updates when a newsletter lists updates: templates written
     * before the "Updated" section may assume a first item ({@code items[0]}) and would fail on every such edition.
     */
    public void check(List<NewsletterConfig> newsletters) throws TemplateProblem {
        check();
        Instant now = Instant.parse("2026-01-01T08:00:00Z");
        StoredItem sample = new StoredItem(0, "sample", "https://example.org/sample", "https://example.org/sample",
                "Sample title", null, now, null, null, "Sample text.", List.of(), null, 0, now, now, null);
        Recipient reader = new Recipient("reader@example.org", ZoneOffset.UTC,
                new RecipientLinks("https://example.org/unsubscribe", null, null, null));
        Set<Locale> languages = new LinkedHashSet<>();
        for (NewsletterConfig newsletter : newsletters) {
            if (!languages.add(newsletter.language())) {
                continue;
            }
            try {
                renderFull(new DigestContent(newsletter, 0, now, List.of(sample, sample),
                        List.of(new ListedUpdate(sample, true, "Sample old title", true)), 3,
                        "https://example.org/feed"), reader);
            } catch (TemplateProblem e) {
                throw new TemplateProblem(e.getMessage() + " (rendering a sample edition of newsletter '"
                        + newsletter.id() + "' in " + newsletter.language().toLanguageTag() + ")", e);
            }
        }
        Optional<NewsletterConfig> listing = newsletters.stream().filter(n -> n.updates().enabled()).findFirst();
        if (listing.isEmpty()) {
            return;
        }
        DigestContent updatesOnly = new DigestContent(listing.get(), 0, now, List.of(),
                List.of(new ListedUpdate(sample, true, "Sample old title", true)), 0, null);
        try {
            render(updatesOnly, reader);
        } catch (TemplateProblem e) {
            throw new TemplateProblem(e.getMessage() + " (rendering an edition with only updates, which newsletter '"
                    + listing.get().id() + "' builds as it lists updates; see the bundled templates)", e);
        }
    }

    /**
     * The digest for one recipient: the edition's skeleton for their time zone with their address and links filled
     * in where the templates allow it ({@link DigestSkeleton}), else rendered in full.
     */
    public RenderedDigest render(DigestContent content, Recipient recipient) throws TemplateProblem {
        List<Template> templates = List.of(template(SUBJECT), template(HTML), template(TEXT));
        if (!reuseSkeletons || !templates.stream().allMatch(this::plainUse)) {
            return renderFull(content, recipient);
        }
        DigestSkeleton.Key key = DigestSkeleton.Key.of(recipient);
        DigestSkeleton skeleton = content.skeleton(key);
        if (skeleton == null || !skeleton.madeWith(templates)) {
            skeleton = new DigestSkeleton(renderFull(content, key.markers()), templates);
            content.keepSkeleton(key, skeleton);
        }
        if (skeleton.trusted()) {
            return skeleton.fill(recipient);
        }
        RenderedDigest full = renderFull(content, recipient);
        if (!skeleton.failed()) {
            skeleton.check(full, recipient);
        }
        return full;
    }

    private boolean plainUse(Template template) {
        return plainUse.computeIfAbsent(template, t -> DigestSkeleton.plainUse(t.toString()));
    }

    private RenderedDigest renderFull(DigestContent content, Recipient recipient) throws TemplateProblem {
        Messages words;
        try {
            words = messages.messages(content.newsletter().language());
        } catch (Messages.MissingMessage e) {
            throw new TemplateProblem("messages of " + content.newsletter().language().toLanguageTag() + ": "
                    + e.getMessage(), e);
        }
        Map<String, Object> model = model(content, recipient, words);
        return new RenderedDigest(render(SUBJECT, model, words.language()), render(HTML, model, words.language()),
                render(TEXT, model, words.language()));
    }

    private static Map<String, Object> model(DigestContent content, Recipient recipient, Messages words) {
        Map<String, Object> newsletter = new HashMap<>();
        newsletter.put("id", content.newsletter().id());
        newsletter.put("title", content.newsletter().title());
        newsletter.put("description", content.newsletter().description());
        RecipientLinks links = recipient.links();
        Map<String, Object> linkModel = new HashMap<>();
        linkModel.put("unsubscribe", nullToEmpty(links.unsubscribe()));
        linkModel.put("preferences", nullToEmpty(links.preferences()));
        linkModel.put("viewInBrowser", nullToEmpty(links.viewInBrowser()));
        Map<String, Object> model = new HashMap<>();
        model.put("newsletter", newsletter);
        model.put("edition", content.editionModel(recipient.timeZone(), words));
        model.put("items", content.itemModels(recipient.timeZone(), words));
        model.put("updates", content.updateModels(recipient.timeZone(), words));
        model.put("msg", new TemplateMessages(words));
        model.put("lang", words.tag());
        model.put("dir", words.direction().attribute());
        model.put("recipient", Map.of("email", recipient.email()));
        model.put("links", linkModel);
        return model;
    }

    private String render(String name, Map<String, Object> model, Locale language) throws TemplateProblem {
        StringWriter out = new StringWriter(8192);
        try {
            // Numbers and ?string in the newsletter's language, whatever the machine's default locale.
            Environment environment = template(name).createProcessingEnvironment(model, out);
            environment.setLocale(language);
            environment.process();
        } catch (TemplateException e) {
            throw new TemplateProblem("template " + name + ": " + e.getMessageWithoutStackTop(), e);
        } catch (IOException e) {
            throw new TemplateProblem("template " + name + ": " + e.getMessage(), e);
        }
        return out.toString();
    }

    private Template template(String name) throws TemplateProblem {
        try {
            return freemarker.getTemplate(name);
        } catch (IOException e) {
            throw new TemplateProblem("template " + name + ": " + e.getMessage(), e);
        }
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    /** A template that is missing, does not parse, or fails while rendering. */
    public static final class TemplateProblem extends Exception {
        public TemplateProblem(String message, Throwable cause) {
            super(message, cause);
        }
    }
}

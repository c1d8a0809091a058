package org.feedletter.web.admin;

import java.time.ZoneId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.feedletter.config.NewsletterConfig;
import org.feedletter.digest.DigestRenderer.TemplateProblem;
import org.feedletter.digest.EditionPreview;
import org.feedletter.digest.RenderedDigest;
import org.feedletter.digest.ScheduleInWords;
import org.feedletter.manage.EditionOperations;
import org.feedletter.manage.SubscriberOperations;
import org.feedletter.store.OperatorViews.EditionDelivery;
import org.feedletter.store.StoredSubscriber;
import org.feedletter.subscribe.EmailAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /admin/newsletters}: each newsletter's editions with where their messages are, its bounced addresses, and
 * "preview next edition": what the edition would hold if built now and how it would look, with nothing recorded.
 */
public final class NewslettersSection implements AdminSection {

    private static final Logger log = LoggerFactory.getLogger(NewslettersSection.class);
    private static final String SAMPLE_READER = "reader@example.org";

    private final List<NewsletterConfig> newsletters;
    private final EditionOperations editions;
    private final SubscriberOperations subscribers;

    public NewslettersSection(List<NewsletterConfig> newsletters, EditionOperations editions,
            SubscriberOperations subscribers) {
        this.newsletters = List.copyOf(newsletters);
        this.editions = editions;
        this.subscribers = subscribers;
    }

    @Override
    public void addTo(AdminRouter admin) {
        admin.page("/admin/newsletters", this::list);
        admin.action("/admin/newsletters/{id}/preview", this::preview);
    }

    private void list(AdminExchange exchange) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (NewsletterConfig newsletter : newsletters) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", newsletter.id());
            row.put("title", newsletter.title());
            row.put("schedule", newsletter.schedule());
            row.put("scheduleWords", ScheduleInWords.of(newsletter).orElse(""));
            row.put("nextRun", ScheduleInWords.nextRun(newsletter, Instant.now()).orElse("never"));
            row.put("timeZone", newsletter.timeZone().getId());
            row.put("maxItems", newsletter.maxItems());
            row.put("recipients", editions.recipients(newsletter.id()));
            row.put("editions", editionRows(editions.of(newsletter.id(), 10)));
            row.put("bounced", editions.bounced(newsletter.id(), 50).stream().map(b -> Map.of("email", b.email(),
                    "bounces", b.consecutiveBounces(), "lastError", b.lastError() == null ? "" : b.lastError()))
                    .toList());
            rows.add(row);
        }
        exchange.render("admin/newsletters.ftlh", Map.of("newsletters", rows));
    }

    static List<Map<String, Object>> editionRows(List<EditionDelivery> editions) {
        return editions.stream().map(e -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", e.edition().id());
            row.put("newsletter", e.edition().newsletterId());
            row.put("built", AdminFormat.time(e.edition().builtAt()));
            row.put("state", e.edition().state());
            row.put("items", e.edition().itemCount());
            row.put("more", e.edition().moreCount());
            row.put("sent", e.sent());
            row.put("waiting", e.waiting());
            row.put("failed", e.failed());
            row.put("cancelled", e.cancelled());
            return row;
        }).toList();
    }

    private void preview(AdminExchange exchange) throws TemplateProblem {
        Optional<NewsletterConfig> newsletter = newsletters.stream()
                .filter(n -> n.id().equals(exchange.path("id"))).findFirst();
        if (newsletter.isEmpty()) {
            exchange.notFound("There is no newsletter '" + exchange.path("id") + "'.");
            return;
        }
        String email = exchange.form("email");
        Optional<StoredSubscriber> reader = email.isEmpty() ? Optional.empty()
                : EmailAddress.parse(email).address().flatMap(a -> subscribers.findByEmail(a.normalized()));
        if (!email.isEmpty() && reader.isEmpty()) {
            exchange.done("Preview", "There is no subscriber " + email + ".", "/admin/newsletters");
            return;
        }
        log.info("admin: preview of newsletter {} from {}", newsletter.get().id(), exchange.clientAddress());
        EditionPreview.Preview result = reader.isPresent()
                ? editions.preview(newsletter.get(), reader.get().id(), reader.get().displayEmail(),
                        reader.get().timeZone())
                : editions.preview(newsletter.get(), 0, SAMPLE_READER, newsletter.get().timeZone());
        exchange.render("admin/preview.ftlh", previewModel(result, reader.map(StoredSubscriber::displayEmail)
                .orElse(SAMPLE_READER), reader.map(StoredSubscriber::timeZone).orElse(newsletter.get().timeZone())));
    }

    private static Map<String, Object> previewModel(EditionPreview.Preview preview, String reader, ZoneId zone) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("id", preview.newsletter().id());
        model.put("title", preview.newsletter().title());
        model.put("reader", reader);
        model.put("timeZone", zone.getId());
        model.put("taken", preview.taken());
        model.put("candidates", preview.candidates().stream().map(c -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("title", c.item().title());
            row.put("link", c.item().link() == null ? "" : c.item().link());
            row.put("published", AdminFormat.time(c.item().published()));
            row.put("included", c.decision().included());
            row.put("listed", c.listed());
            row.put("reason", c.decision().reason());
            return row;
        }).toList());
        model.put("subject", preview.digest().map(d -> d.subject().strip()).orElse(""));
        model.put("html", preview.digest().map(RenderedDigest::html).orElse(""));
        return model;
    }
}

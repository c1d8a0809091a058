package org.feedletter.web.archive;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.feedletter.config.NewsletterConfig;
import org.feedletter.digest.DigestContent;
import org.feedletter.digest.DigestLoader;
import org.feedletter.digest.DigestRenderer;
import org.feedletter.digest.Recipient;
import org.feedletter.digest.RecipientLinks;
import org.feedletter.lang.Messages;
import org.feedletter.store.EditionStore;
import org.feedletter.store.StoredEdition;
import org.feedletter.web.Pages;
import org.feedletter.web.Requests;
import org.feedletter.web.Responses;
import org.feedletter.web.Router;
import org.jsoup.nodes.Entities;

/**
 * {@code /archive}: the sent editions of each newsletter; {@code /archive/{edition}} one of them as it went out
 * (rendered by the digest's own template), without anyone's personal links. {@code ?since=} shows a daily or
 * weekly digest's range of editions, which is where its "view in browser" link points. The list is in the language
 * the browser prefers among the newsletters', each newsletter's part in its own; an edition in its newsletter's.
 */
public final class ArchiveRoutes {

    private static final int LISTED = 200;

    private final Pages pages;
    private final EditionStore editions;
    private final DigestRenderer renderer;
    private final List<NewsletterConfig> newsletters;
    private final DigestLoader contents;

    public ArchiveRoutes(Pages pages, EditionStore editions, DigestRenderer renderer, List<NewsletterConfig> newsletters,
            Function<String, String> moreUrl) {
        this.pages = pages;
        this.editions = editions;
        this.renderer = renderer;
        this.newsletters = List.copyOf(newsletters);
        this.contents = new DigestLoader(editions, newsletters, moreUrl);
    }

    public void register(Router router) {
        router.get("/archive", (request, response, callback, p) -> {
            List<Map<String, Object>> model = newsletters.stream().map(n -> {
                List<StoredEdition> sent = editions.sent(n.id(), LISTED);
                Map<Long, String> leads = editions.leadTitles(sent.stream().map(StoredEdition::id).toList());
                Messages words = pages.messages(n.language());
                Map<String, Object> newsletter = new LinkedHashMap<>();
                newsletter.put("id", n.id());
                newsletter.put("title", n.title());
                newsletter.put("description", n.description());
                newsletter.put("lang", words.tag());
                newsletter.put("dir", words.direction().attribute());
                newsletter.put("words", Map.of("subscribe", words.text("archive.subscribe"),
                        "feed", words.text("archive.feed"), "edition", words.text("archive.edition"),
                        "ledWith", words.text("archive.ledWith"), "none", words.text("archive.none")));
                newsletter.put("editions", sent.stream().map(e -> edition(e, n, words, leads.get(e.id()))).toList());
                return newsletter;
            }).toList();
            Locale language = Pages.language(request, newsletters, List.of());
            response.getHeaders().put("Cache-Control", "public, max-age=300");
            response.getHeaders().put("Vary", "Accept-Language");
            response.getHeaders().put("Content-Language", language.toLanguageTag());
            Responses.html(response, callback, 200, pages.render("web/archive.ftlh", Map.of("newsletters", model),
                    language));
        });
        router.get("/archive/{edition}", (request, response, callback, p) -> {
            long editionId = number(p.get("edition"));
            String sinceText = Requests.query(request, "since");
            Long since = sinceText == null ? null : number(sinceText);
            var edition = editions.find(editionId).filter(e -> e.state().equals("sent"));
            if (edition.isEmpty()) {
                Responses.plain(response, callback, 404, "no such edition\n");
                return;
            }
            DigestContent content;
            try {
                content = contents.load(since, editionId);
            } catch (DigestLoader.MissingContent e) {
                Responses.plain(response, callback, 404, "no such edition\n");
                return;
            }
            Recipient nobody = new Recipient("", content.newsletter().timeZone(), new RecipientLinks("", null, null, null));
            response.getHeaders().put("Cache-Control", "public, max-age=3600");
            response.getHeaders().put("Content-Language", content.newsletter().language().toLanguageTag());
            Responses.html(response, callback, 200, withWayOn(renderer.render(content, nobody).html(),
                    content.newsletter(), pages.messages(content.newsletter().language())));
        });
    }

    /** An archive row: its date, and what it led with ("Central bank pauses and 2 more"), in its newsletter's words. */
    private static Map<String, Object> edition(StoredEdition edition, NewsletterConfig newsletter, Messages words,
            String lead) {
        int pieces = edition.itemCount() + edition.moreCount();
        String headline = lead == null ? words.plural("archive.pieces", pieces)
                : pieces > 1 ? words.plural("archive.headline.more", pieces - 1, lead) : lead;
        return Map.of("id", edition.id(), "date", words.day(edition.builtAt().atZone(newsletter.timeZone())),
                "items", pieces, "headline", headline);
    }

    /**
     * An edition as it went out, with a bar above it that leads back to the archive and to the sign-up form: a reader
     * who arrived from a link is not left on a dead end.
     */
    private static String withWayOn(String html, NewsletterConfig newsletter, Messages words) {
        String bar = "<div dir=\"" + words.direction().attribute() + "\" style=\"font-family:system-ui,sans-serif;"
                + "font-size:14px;padding:10px 16px;background:#f6f6f3;border-bottom:1px solid #e2e2dc\">"
                + "<a href=\"/archive\">" + Entities.escape(words.text("archive.allEditions")) + "</a> &middot; "
                + "<a href=\"/subscribe?newsletter=" + URLEncoder.encode(newsletter.id(), StandardCharsets.UTF_8)
                + "\">" + Entities.escape(words.text("archive.byEmail", newsletter.title())) + "</a></div>";
        Matcher body = BODY.matcher(html);
        return body.find() ? html.substring(0, body.end()) + bar + html.substring(body.end()) : bar + html;
    }

    private static final Pattern BODY = Pattern.compile("<body[^>]*>", Pattern.CASE_INSENSITIVE);

    private static long number(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new Requests.BadRequest("not an edition number: " + text);
        }
    }
}

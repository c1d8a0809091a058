package org.feedletter.web.archive;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.feedletter.config.NewsletterConfig;
import org.feedletter.digest.DigestContent;
import org.feedletter.digest.DigestContents;
import org.feedletter.digest.DigestRenderer;
import org.feedletter.digest.Recipient;
import org.feedletter.digest.RecipientLinks;
import org.feedletter.store.EditionStore;
import org.feedletter.store.StoredEdition;
import org.feedletter.web.Pages;
import org.feedletter.web.Requests;
import org.feedletter.web.Responses;
import org.feedletter.web.Router;

/**
 * {@code /archive}: the sent editions of each newsletter; {@code /archive/{edition}} one of them as it went out
 * (rendered by the digest's own template), without anyone's personal links. {@code ?since=} shows a daily or
 * weekly digest's range of editions, which is where its "view in browser" link points.
 */
public final class ArchiveRoutes {

    private static final int LISTED = 200;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);

    private final Pages pages;
    private final EditionStore editions;
    private final DigestRenderer renderer;
    private final List<NewsletterConfig> newsletters;
    private final DigestContents contents;

    public ArchiveRoutes(Pages pages, EditionStore editions, DigestRenderer renderer, List<NewsletterConfig> newsletters,
            Function<String, String> moreUrl) {
        this.pages = pages;
        this.editions = editions;
        this.renderer = renderer;
        this.newsletters = List.copyOf(newsletters);
        this.contents = new DigestContents(editions, newsletters, moreUrl);
    }

    public void register(Router router) {
        router.get("/archive", (request, response, callback, p) -> {
            List<Map<String, Object>> model = newsletters.stream().map(n -> Map.<String, Object>of(
                    "id", n.id(), "title", n.title(), "description", n.description(),
                    "editions", editions.sent(n.id(), LISTED).stream().map(e -> edition(e, n.timeZone())).toList()))
                    .toList();
            response.getHeaders().put("Cache-Control", "public, max-age=300");
            Responses.html(response, callback, 200, pages.render("web/archive.ftlh", Map.of("newsletters", model)));
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
            } catch (DigestContents.MissingContent e) {
                Responses.plain(response, callback, 404, "no such edition\n");
                return;
            }
            Recipient nobody = new Recipient("", content.newsletter().timeZone(), new RecipientLinks("", null, null, null));
            response.getHeaders().put("Cache-Control", "public, max-age=3600");
            Responses.html(response, callback, 200, renderer.render(content, nobody).html());
        });
    }

    private static Map<String, Object> edition(StoredEdition edition, ZoneId zone) {
        return Map.of("id", edition.id(), "date", DAY.format(edition.builtAt().atZone(zone)),
                "items", edition.itemCount() + edition.moreCount());
    }

    private static long number(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new Requests.BadRequest("not an edition number: " + text);
        }
    }
}

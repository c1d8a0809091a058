package org.feedletter.digest;

import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.feedletter.config.NewsletterConfig;
import org.feedletter.digest.DigestRenderer.TemplateProblem;
import org.feedletter.store.EditionStore;
import org.feedletter.store.EditionUpdate;
import org.feedletter.store.ListedUpdate;
import org.feedletter.store.StoredItem;

/**
 * What a newsletter's next edition would hold if it were built now, and how it would look to one reader, without
 * sending or recording anything: the candidates {@link EditionBuilder} would consider, each with the filter's
 * verdict and reason, and the digest rendered from those it takes.
 */
public final class EditionPreview {

    private final EditionStore editions;
    private final DigestRenderer renderer;
    private final LinkMaker links;
    private final Function<String, String> moreUrl;
    private final InstantSource clock;

    /**
     * @param moreUrl newsletter id -> where readers find items beyond max-items, or null
     */
    public EditionPreview(EditionStore editions, DigestRenderer renderer, LinkMaker links,
            Function<String, String> moreUrl, InstantSource clock) {
        this.editions = editions;
        this.renderer = renderer;
        this.links = links;
        this.moreUrl = moreUrl;
        this.clock = clock;
    }

    /** One candidate item and the newsletter's verdict on it. {@code listed}: shown in the digest, not only counted. */
    public record Candidate(StoredItem item, ItemFilter.Decision decision, boolean listed) {}

    /**
     * @param candidates newest first, as the edition would order them
     * @param taken how many the edition would hold (listed and counted)
     * @param digest the rendered digest, empty when no item and no update would go out
     * @param updates the items the edition would list as updated (newsletters with {@code updates: enabled})
     */
    public record Preview(NewsletterConfig newsletter, List<Candidate> candidates, int taken,
            Optional<RenderedDigest> digest, List<ListedUpdate> updates) {}

    private record Judged(List<StoredItem> items, List<ItemFilter.Decision> decisions, List<ListedUpdate> updates) {}

    /**
     * @param subscriberId the reader's id for their personal links, or 0 for a reader who is not a subscriber
     */
    public Preview preview(NewsletterConfig newsletter, long subscriberId, String email, ZoneId timeZone)
            throws TemplateProblem {
        Instant now = clock.instant();
        ItemFilter filter = ItemFilter.of(newsletter);
        // Read under the newsletter's lock like the builder, so the two agree on the last slot; nothing is written.
        Judged judged = editions.withNewsletterLocked(newsletter.id(), tx -> {
            Instant since = tx.lastSlot() == null ? null : tx.lastSlot().minus(EditionBuilder.CANDIDATE_MARGIN);
            List<StoredItem> items = tx.candidates(since);
            List<EditionUpdate> updates = UpdateSelection.pick(tx, newsletter, filter, since);
            Map<Long, StoredItem> updated = tx.items(updates.stream().map(EditionUpdate::itemId).toList()).stream()
                    .collect(Collectors.toMap(StoredItem::id, Function.identity()));
            return new Judged(items, filter.explain(items, tx::feedUrlsOf), updates.stream()
                    .map(u -> new ListedUpdate(updated.get(u.itemId()), u.titleChanged(), u.oldTitle(),
                            u.textRevised()))
                    .toList());
        });
        List<Candidate> candidates = new ArrayList<>();
        List<StoredItem> listed = new ArrayList<>();
        int taken = 0;
        for (int i = 0; i < judged.items().size(); i++) {
            StoredItem item = judged.items().get(i);
            ItemFilter.Decision decision = judged.decisions().get(i);
            boolean shown = decision.included() && listed.size() < newsletter.maxItems();
            if (decision.included()) {
                taken++;
            }
            if (shown) {
                listed.add(item);
            }
            candidates.add(new Candidate(item, decision, shown));
        }
        if (listed.isEmpty() && judged.updates().isEmpty()) {
            return new Preview(newsletter, candidates, 0, Optional.empty(), List.of());
        }
        DigestContent content = new DigestContent(newsletter, 0, now, listed, judged.updates(), taken - listed.size(),
                moreUrl.apply(newsletter.id()));
        Recipient recipient = new Recipient(email, timeZone, links.linksFor(subscriberId, email, newsletter.id(), null));
        return new Preview(newsletter, candidates, taken, Optional.of(renderer.render(content, recipient)),
                judged.updates());
    }
}

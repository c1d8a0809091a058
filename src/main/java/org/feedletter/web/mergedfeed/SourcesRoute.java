package org.feedletter.web.mergedfeed;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import org.feedletter.config.SecretUrls;
import org.feedletter.config.WebConfig;
import org.feedletter.feed.opml.Opml;
import org.feedletter.feed.opml.OpmlOutline;
import org.feedletter.store.FeedStore;
import org.feedletter.store.StoredFeed;
import org.feedletter.web.Responses;
import org.feedletter.web.Router;

/** {@code /sources.opml}: the feeds the merged feed is made of, as OPML 2.0 for feed readers to import. */
public final class SourcesRoute {

    private final FeedStore feeds;
    private final Opml opml;
    private final WebConfig web;

    public SourcesRoute(FeedStore feeds, Opml opml, WebConfig web) {
        this.feeds = feeds;
        this.opml = opml;
        this.web = web;
    }

    public void register(Router router) {
        router.get("/sources.opml", (request, response, callback, p) -> {
            List<OpmlOutline> outlines = feeds.listCurrent().stream()
                    .filter(f -> f.state() == StoredFeed.FeedState.ACTIVE)
                    .map(f -> new OpmlOutline(URI.create(SecretUrls.publicForm(f.url().toString())), f.label(), null))
                    .toList();
            ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
            opml.write("Sources of " + web.baseUrl().getHost(), outlines, out);
            response.getHeaders().put("Cache-Control", "public, max-age=300");
            Responses.bytes(response, callback, 200, "text/x-opml; charset=utf-8", ByteBuffer.wrap(out.toByteArray()));
        });
    }
}

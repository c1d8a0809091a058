package org.feedletter.web.mergedfeed;

import java.util.Optional;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.feedletter.web.Requests;
import org.feedletter.web.Responses;
import org.feedletter.web.Router;

/** {@code /feed.atom|.rss|.json} and {@code /newsletters/{id}/feed.*}, with {@code ?page=N} for archive pages. */
public final class FeedRoutes {

    private final MergedFeeds feeds;

    public FeedRoutes(MergedFeeds feeds) {
        this.feeds = feeds;
    }

    public void register(Router router) {
        for (FeedFormat format : FeedFormat.values()) {
            router.get("/feed." + format.extension(), (request, response, callback, p) ->
                    serve(request, response, callback, null, format));
            router.get("/newsletters/{id}/feed." + format.extension(), (request, response, callback, p) ->
                    serve(request, response, callback, p.get("id"), format));
        }
    }

    private void serve(Request request, Response response, Callback callback, String newsletterId, FeedFormat format) {
        Optional<FeedBody> body = feeds.document(newsletterId, format, page(request));
        if (body.isEmpty()) {
            Responses.plain(response, callback, 404, "no such feed or page\n");
            return;
        }
        FeedResponder.respond(request, response, callback, body.get());
    }

    private static int page(Request request) {
        if (request.getHttpURI().getQuery() == null) {
            return 0; // the hot path: no parameters to parse
        }
        String page = Requests.query(request, "page");
        if (page == null) {
            return 0;
        }
        try {
            int number = Integer.parseInt(page);
            if (number < 1) {
                throw new Requests.BadRequest("page must be 1 or more");
            }
            return number;
        } catch (NumberFormatException e) {
            throw new Requests.BadRequest("page must be a number");
        }
    }
}

package org.feedletter.web.websub;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.feedletter.ingest.push.PushReceipt;
import org.feedletter.ingest.push.VerificationAnswer;
import org.feedletter.manage.PushOperations;
import org.feedletter.web.Requests;
import org.feedletter.web.Responses;
import org.feedletter.web.Router;

/**
 * {@code /websub/{id}}, the callback each push subscription gives its hub (WebSub 5.3 and 7). A GET is a
 * verification of intent: the challenge comes back only for a subscription we asked for, else 404. A POST is a push:
 * to a callback we do not hold, 410 (the hub may then drop it); larger than {@code fetch.max-body}, 413; else 202,
 * whether its signature held or not (WebSub 7.1.2 lets a subscriber acknowledge a push it ignores, so that a forger
 * learns nothing), and only a correctly signed one is taken in.
 */
public final class CallbackRoutes {

    private final PushOperations push;
    private final long maxBodyBytes;

    /** @param maxBodyBytes the largest push read, as for a fetched body ({@code fetch.max-body}) */
    public CallbackRoutes(PushOperations push, long maxBodyBytes) {
        this.push = push;
        this.maxBodyBytes = maxBodyBytes;
    }

    public void register(Router router) {
        router.get("/websub/{id}", (request, response, callback, path) -> verify(request, response, callback,
                path.get("id")));
        router.post("/websub/{id}", (request, response, callback, path) -> receive(request, response, callback,
                path.get("id")));
    }

    private void verify(Request request, Response response, Callback callback, String id) {
        VerificationAnswer verification = push.verify(id, Requests.queryParameters(request));
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        if (verification.status() == 404) {
            Responses.error(response, callback, 404, null);
        } else {
            Responses.plain(response, callback, verification.status(), verification.body());
        }
    }

    private void receive(Request request, Response response, Callback callback, String id) throws IOException {
        if (!push.knows(id)) {
            Requests.discardBody(request, response);
            push.refused(PushReceipt.UNKNOWN);
            Responses.error(response, callback, 410, null);
            return;
        }
        byte[] body = read(request);
        if (body == null) {
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
            push.refused(PushReceipt.TOO_LARGE);
            Responses.error(response, callback, 413, "a push is read up to the fetch.max-body of a feed");
            return;
        }
        PushReceipt receipt = push.receive(id, body, request.getHeaders().get(HttpHeader.CONTENT_TYPE),
                request.getHeaders().get("X-Hub-Signature"));
        if (receipt == PushReceipt.UNKNOWN) {
            Responses.error(response, callback, 410, null);
        } else {
            Responses.empty(response, callback, 202);
        }
    }

    /** The raw body (the signature is over its bytes as sent), or null when it is larger than the cap. */
    private byte[] read(Request request) throws IOException {
        long length = request.getLength();
        if (length > maxBodyBytes) {
            return null;
        }
        int cap = (int) Math.min(maxBodyBytes, Integer.MAX_VALUE - 8);
        byte[] buffer = new byte[(int) Math.min(length >= 0 ? length : 16 * 1024, cap)];
        int size = 0;
        try (InputStream in = Content.Source.asInputStream(request)) {
            while (true) {
                if (size == buffer.length) {
                    if (size == cap) {
                        return in.read() < 0 ? buffer : null;
                    }
                    buffer = Arrays.copyOf(buffer, (int) Math.min((long) Math.max(size, 1024) * 2, cap));
                }
                int n = in.read(buffer, size, buffer.length - size);
                if (n < 0) {
                    return size == buffer.length ? buffer : Arrays.copyOf(buffer, size);
                }
                size += n;
            }
        }
    }
}

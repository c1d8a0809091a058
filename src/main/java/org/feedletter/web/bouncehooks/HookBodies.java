package org.feedletter.web.bouncehooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.feedletter.web.Responses;

/** Reading a webhook's body whole, up to a cap, and as the JSON object the mail services send. */
final class HookBodies {

    private static final ObjectMapper JSON = new ObjectMapper();

    private HookBodies() {}

    /** The body, or null when it is larger than {@code max} bytes. */
    static byte[] read(Request request, long max) throws IOException {
        if (request.getLength() > max) {
            return null;
        }
        try (InputStream in = Content.Source.asInputStream(request)) {
            byte[] body = in.readNBytes((int) Math.min(max, Integer.MAX_VALUE - 8) + 1);
            return body.length > max ? null : body;
        }
    }

    /**
     * The body as a JSON object; empty after answering 413 (larger than {@code max}) or 400 ("expected
     * {@code what}") when it is not one.
     */
    static Optional<JsonNode> readObject(Request request, Response response, Callback callback, long max,
            String what) throws IOException {
        byte[] body = read(request, max);
        if (body == null) {
            Responses.error(response, callback, 413, "larger than fetch.max-body");
            return Optional.empty();
        }
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (IOException e) {
            json = null;
        }
        if (json == null || !json.isObject()) {
            Responses.error(response, callback, 400, "expected " + what);
            return Optional.empty();
        }
        return Optional.of(json);
    }
}

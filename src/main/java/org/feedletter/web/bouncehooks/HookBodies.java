package org.feedletter.web.bouncehooks;

import java.io.IOException;
import java.io.InputStream;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/** Reading a webhook's body whole, up to a cap. */
final class HookBodies {

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
}

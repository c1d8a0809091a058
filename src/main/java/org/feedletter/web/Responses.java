package org.feedletter.web;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Writing whole responses from bytes or text; every route ends with one of these. */
public final class Responses {

    private Responses() {}

    public static void bytes(Response response, Callback callback, int status, String contentType, ByteBuffer body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.remaining());
        response.write(true, body, callback);
    }

    public static void text(Response response, Callback callback, int status, String contentType, String body) {
        bytes(response, callback, status, contentType, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)));
    }

    public static void plain(Response response, Callback callback, int status, String body) {
        text(response, callback, status, "text/plain; charset=utf-8", body);
    }

    /** An HTML page, with the security headers every page gets (see {@link PageSecurity}). */
    public static void html(Response response, Callback callback, int status, String body) {
        PageSecurity.apply(response.getHeaders(), body);
        text(response, callback, status, "text/html; charset=utf-8", body);
    }

    /**
     * A plain error page: the status and its phrase, then {@code detail} (our own words, never an exception's), with
     * the headers every page gets; {@code detail} may be null.
     */
    public static void error(Response response, Callback callback, int status, String detail) {
        ErrorPages.answer(response, callback, status, detail);
    }

    /** An empty answer, e.g. 304 or 204. */
    public static void empty(Response response, Callback callback, int status) {
        response.setStatus(status);
        response.write(true, null, callback);
    }

    public static void redirect(Response response, Callback callback, String location) {
        response.setStatus(303);
        response.getHeaders().put(HttpHeader.LOCATION, location);
        response.write(true, null, callback);
    }
}

package org.feedletter.web;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Every error answer that is not a route's own page: a request Jetty refuses before any route sees it (a broken
 * request line or header: 400, 431, 505), no route (404, 405), a route that failed (500), a form too large (413).
 * A plain text page with the status code and its standard phrase, the same for browsers and other clients, with
 * the headers every page gets. Jetty's own error page repeats the request's URI and the parser's message, and can
 * name classes; an attacker learns from it what the server runs on and which input reaches which parser.
 */
final class ErrorPages extends ErrorHandler {

    ErrorPages() {
        setShowStacks(false);
        setShowCauses(false);
        setShowMessageInTitle(false);
        setShowOrigin(false);
    }

    /** The plain page for this status, with {@code detail} (our own words, never an exception's) below it. */
    static void answer(Response response, Callback callback, int status, String detail) {
        headers(response.getHeaders());
        Responses.plain(response, callback, status, body(status, detail));
    }

    static void answer(Response response, Callback callback, int status) {
        answer(response, callback, status, null);
    }

    /** Jetty's way in for everything it refuses itself: the status only, whatever it found wrong. */
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus();
        if (request.getAttribute(ERROR_STATUS) instanceof Integer code) {
            status = code;
        }
        if (status < 400 || status > 599) {
            status = HttpStatus.INTERNAL_SERVER_ERROR_500;
        }
        answer(response, callback, status);
        return true;
    }

    /** Used by Jetty where it answers a malformed request without building one. */
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        headers(fields);
        fields.put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        return ByteBuffer.wrap(body(status, null).getBytes(StandardCharsets.UTF_8));
    }

    private static void headers(HttpFields.Mutable headers) {
        PageSecurity.apply(headers, "");
        headers.put(HttpHeader.CACHE_CONTROL, "no-store");
    }

    private static String body(int status, String detail) {
        String phrase = HttpStatus.getMessage(status);
        return status + " " + (phrase == null ? "Error" : phrase) + "\n" + (detail == null ? "" : detail + "\n");
    }
}

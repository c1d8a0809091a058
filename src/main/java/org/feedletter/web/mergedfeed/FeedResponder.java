package org.feedletter.web.mergedfeed;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Answers a request for a {@link FeedBody}: 304 when the client's ETag or date still holds, else 200 with the
 * gzip bytes when the client takes gzip, else the plain ones. No database, no compression, no copying.
 */
final class FeedResponder {

    private static final HttpField VARY = new PreEncodedHttpField(HttpHeader.VARY, "Accept-Encoding");
    private static final HttpField GZIP = new PreEncodedHttpField(HttpHeader.CONTENT_ENCODING, "gzip");

    private FeedResponder() {}

    static void respond(Request request, Response response, Callback callback, FeedBody body) {
        HttpFields requestHeaders = request.getHeaders();
        boolean gzip = acceptsGzip(requestHeaders.get(HttpHeader.ACCEPT_ENCODING));
        HttpFields.Mutable headers = response.getHeaders();
        headers.add(body.contentType);
        headers.add(VARY);
        headers.add(body.cacheControl);
        headers.add(gzip ? body.etagGzip : body.etagPlain);
        headers.add(body.lastModified);
        if (body.link != null) {
            headers.add(body.link);
        }
        if (notModified(requestHeaders, body)) {
            response.setStatus(304);
            response.write(true, null, callback);
            return;
        }
        response.setStatus(200);
        if (gzip) {
            headers.add(GZIP);
            headers.add(body.gzipLength);
            response.write(true, body.gzip.slice(), callback);
        } else {
            headers.add(body.plainLength);
            response.write(true, body.plain.slice(), callback);
        }
    }

    /** If-None-Match wins over If-Modified-Since (RFC 9110 13.2.2); ETags compare weakly, either encoding. */
    static boolean notModified(HttpFields headers, FeedBody body) {
        String ifNoneMatch = headers.get(HttpHeader.IF_NONE_MATCH);
        if (ifNoneMatch != null) {
            return ifNoneMatch.contains(body.tag) || ifNoneMatch.strip().equals("*");
        }
        String ifModifiedSince = headers.get(HttpHeader.IF_MODIFIED_SINCE);
        if (ifModifiedSince == null) {
            return false;
        }
        try {
            long since = ZonedDateTime.parse(ifModifiedSince.strip(), DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toEpochSecond();
            return body.lastModifiedSecond <= since;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** True unless the client does not name gzip or refuses it with q=0. */
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        int at = acceptEncoding.indexOf("gzip");
        if (at < 0) {
            return acceptEncoding.contains("*") && !acceptEncoding.contains("*;q=0");
        }
        int end = acceptEncoding.indexOf(',', at);
        String parameters = acceptEncoding.substring(at + 4, end < 0 ? acceptEncoding.length() : end).replace(" ", "");
        return !(parameters.startsWith(";q=0") && !parameters.matches(";q=0\\.0*[1-9].*"));
    }
}

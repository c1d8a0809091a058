package org.feedletter.feed.fetch;

import java.net.URI;
import java.net.http.HttpHeaders;

/**
 * What one request came back with, before its status is interpreted.
 *
 * @param url the URL asked, credentials included
 * @param body as received, still compressed; empty unless the status is 2xx
 */
record HttpAnswer(URI url, int status, HttpHeaders headers, byte[] body) {

    /** The header's first value, or null. */
    String header(String name) {
        return headers.firstValue(name).orElse(null);
    }
}

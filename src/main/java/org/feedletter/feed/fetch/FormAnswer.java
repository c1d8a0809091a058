package org.feedletter.feed.fetch;

import java.net.URI;
import java.time.Duration;

/**
 * How a form POST ended (a WebSub subscription request to a hub).
 *
 * @param status the HTTP status of the last answer, or 0 when there was none
 * @param answeredBy the URL that answered last (after 307 and 308 redirects)
 * @param failure for a person, naming the URL, when the answer was not 2xx or never came; null when it was
 */
public record FormAnswer(int status, URI answeredBy, String failure, Duration elapsed) {

    /** A 2xx answer. */
    public boolean accepted() {
        return failure == null;
    }
}

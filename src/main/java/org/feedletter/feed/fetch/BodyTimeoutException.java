package org.feedletter.feed.fetch;

import java.io.IOException;

/** The watchdog stopped a body: the deadline passed, or no byte came for the read timeout. */
final class BodyTimeoutException extends IOException {

    /** @param message for a person, to be followed by the URL, e.g. "timed out after 60 s reading" */
    BodyTimeoutException(String message) {
        super(message, null);
    }
}

package org.feedletter.feed.fetch;

import java.io.IOException;

/** A body, as read or once decompressed, grew past the cap. */
final class BodyTooLargeException extends IOException {

    BodyTooLargeException(long cap) {
        super("body over the " + Describe.size(cap) + " cap", null);
    }
}

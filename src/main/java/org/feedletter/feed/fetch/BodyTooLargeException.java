package org.feedletter.feed.fetch;

import java.io.IOException;
import org.feedletter.config.Sizes;

/** A body, as read or once decompressed, grew past the cap. */
final class BodyTooLargeException extends IOException {

    BodyTooLargeException(long cap) {
        super("body over the " + Sizes.inWords(cap) + " cap", null);
    }
}

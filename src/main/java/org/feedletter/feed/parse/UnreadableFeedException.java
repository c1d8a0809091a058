package org.feedletter.feed.parse;

/** A body that was meant to be a feed but cannot be read; the message is for a person. */
final class UnreadableFeedException extends Exception {

    UnreadableFeedException(String message) {
        super(message, null, false, false); // no stack trace: this is an expected outcome, not a bug
    }
}

package org.feedletter.feed.fetch;

/**
 * Why one fetch over HTTP ended without an answer to interpret. Thrown by the steps of a fetch and
 * caught in one place, {@link FeedFetcher}, which turns it into a {@link FetchResult.Failed} value.
 */
final class FetchFailure extends Exception {

    private final int status;

    /** @param message for a person, naming the URL without credentials */
    FetchFailure(String message, int status) {
        // No stack trace: the message says everything, and failures can be frequent.
        super(message, null, false, false);
        this.status = status;
    }

    FetchFailure(String message) {
        this(message, 0);
    }

    /** The HTTP status when there was one, else 0. */
    int status() {
        return status;
    }
}

package org.feedletter.feed.fetch;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ProtocolException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Locale;
import javax.net.ssl.SSLException;
import org.feedletter.config.Durations;

/** Turns what the HTTP client threw into a message for a person, naming the URL. */
final class ExchangeFailures {

    private ExchangeFailures() {}

    /**
     * @param status the status of the response head when one arrived, else 0
     * @param headLimit the limit that bounded the wait for the response head: the read timeout or the deadline
     */
    static FetchFailure describe(IOException error, URI url, int status, Duration headLimit, Duration connectTimeout) {
        String safeUrl = SafeUrl.of(url);
        String host = SafeUrl.hostKey(url);
        // The client wraps the cause of a failed exchange in a fresh exception: look along the chain.
        BodyTooLargeException tooLarge = find(error, BodyTooLargeException.class);
        if (tooLarge != null) {
            return new FetchFailure(tooLarge.getMessage() + " from " + safeUrl, status);
        }
        BodyTimeoutException stopped = find(error, BodyTimeoutException.class);
        if (stopped != null) {
            return new FetchFailure(stopped.getMessage() + " " + safeUrl, status);
        }
        if (find(error, UnresolvedAddressException.class) != null || find(error, UnknownHostException.class) != null) {
            return new FetchFailure("unknown host " + url.getHost() + " in " + safeUrl);
        }
        if (error instanceof HttpConnectTimeoutException) {
            return new FetchFailure("timed out after " + Durations.inSeconds(connectTimeout) + " connecting to " + host + " for " + safeUrl);
        }
        if (error instanceof HttpTimeoutException) {
            return new FetchFailure("timed out after " + Durations.inSeconds(headLimit) + " waiting for a response from " + safeUrl);
        }
        if (error instanceof ConnectException) {
            String detail = String.valueOf(error.getMessage()).toLowerCase(Locale.ROOT);
            return error.getMessage() == null || detail.contains("refused")
                    ? new FetchFailure("connection refused by " + host + " for " + safeUrl)
                    : new FetchFailure("could not connect to " + host + " for " + safeUrl + ": " + error.getMessage());
        }
        if (find(error, SSLException.class) != null) {
            return new FetchFailure("TLS failed with " + host + " for " + safeUrl + ": " + error.getMessage());
        }
        if (find(error, ProtocolException.class) != null) {
            // The client quotes the line it could not read, and a non-HTTP server's first line is its own: an SMTP
            // greeting, a banner with a version. It is not ours to store and show as the feed's error.
            return new FetchFailure("the answer from " + host + " for " + safeUrl + " is not valid HTTP", status);
        }
        if (find(error, EOFException.class) != null || closedEarly(error)) {
            return new FetchFailure("connection closed by " + host + " before the whole response from " + safeUrl, status);
        }
        return new FetchFailure("could not fetch " + safeUrl + ": "
                + (error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage()), status);
    }

    private static <T extends Throwable> T find(Throwable error, Class<T> type) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

    private static boolean closedEarly(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            String message = cause.getMessage();
            if (message != null && (message.contains("EOF") || message.contains("closed")
                    || message.contains("no bytes") || message.contains("bytes received"))) {
                return true;
            }
        }
        return false;
    }
}

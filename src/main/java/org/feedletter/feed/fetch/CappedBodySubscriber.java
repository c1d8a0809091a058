package org.feedletter.feed.fetch;

import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.ResponseInfo;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Collects one response body into a byte array, up to a cap, and notes when bytes last arrived so
 * that the {@link Watchdog} can enforce the read timeout. Made before the request is sent; the
 * client hands it the response head through {@link #forResponse}.
 *
 * <p>Only a 2xx body is kept. Any other body (a redirect's or an error page) is read up to a small
 * cap so that the connection can be reused, then dropped.
 */
final class CappedBodySubscriber implements BodySubscriber<byte[]> {

    private static final int DROPPED_BODY_CAP = 64 * 1024;
    private static final int FIRST_BUFFER = 16 * 1024;
    private static final byte[] EMPTY = new byte[0];
    // The largest array a JVM reliably allocates.
    private static final long LARGEST_ARRAY = Integer.MAX_VALUE - 8;

    private final long cap;
    private final CompletableFuture<byte[]> body = new CompletableFuture<>();
    private final AtomicReference<Flow.Subscription> subscription = new AtomicReference<>();
    private volatile long lastActivityNanos;
    private volatile int status;

    // Set by forResponse, then used by onNext alone: the Flow contract serialises its calls.
    private boolean keep;
    private long limit;
    private byte[] buffer = EMPTY;
    private int size;

    CappedBodySubscriber(long cap) {
        this.cap = Math.min(cap, LARGEST_ARRAY);
        this.lastActivityNanos = System.nanoTime();
    }

    /** The body handler: called once the status line and headers have arrived. */
    CappedBodySubscriber forResponse(ResponseInfo head) {
        touch();
        int code = head.statusCode();
        keep = code >= 200 && code < 300;
        limit = keep ? cap : DROPPED_BODY_CAP;
        long announced = head.headers().firstValueAsLong("Content-Length").orElse(-1);
        if (keep && announced > limit) {
            body.completeExceptionally(new BodyTooLargeException(cap)); // refused before a byte is read
        } else if (keep) {
            // Sized from Content-Length when there is one, so that the usual body needs no copy at all.
            buffer = new byte[(int) (announced >= 0 ? announced : Math.min(FIRST_BUFFER, limit))];
        }
        status = code; // volatile, written last: publishes the fields above
        return this;
    }

    /** The status of the response head, or 0 before it arrived. */
    int status() {
        return status;
    }

    boolean headersArrived() {
        return status != 0;
    }

    long lastActivityNanos() {
        return lastActivityNanos;
    }

    /** Stops reading, e.g. at the deadline; the body completes with the cause. */
    void abort(Throwable cause) {
        body.completeExceptionally(cause);
        cancelSubscription();
    }

    @Override
    public void onSubscribe(Flow.Subscription newSubscription) {
        if (!subscription.compareAndSet(null, newSubscription) || body.isDone()) {
            newSubscription.cancel();
            return;
        }
        touch();
        newSubscription.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        touch();
        if (body.isDone()) {
            return;
        }
        for (ByteBuffer item : items) {
            int count = item.remaining();
            if (size + (long) count > limit) {
                overLimit();
                return;
            }
            if (keep) {
                ensureRoom(count);
                item.get(buffer, size, count);
            }
            size += count;
        }
        subscription.get().request(1);
    }

    @Override
    public void onError(Throwable error) {
        body.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
        body.complete(!keep ? EMPTY : size == buffer.length ? buffer : Arrays.copyOf(buffer, size));
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return body;
    }

    private void overLimit() {
        if (keep) {
            abort(new BodyTooLargeException(cap));
            return;
        }
        // A long dropped body is not worth reading: end it; the connection closes instead of being reused.
        body.complete(EMPTY);
        cancelSubscription();
    }

    private void ensureRoom(int count) {
        if (size + count > buffer.length) {
            long grown = Math.max((long) size + count, Math.min(limit, Math.max(FIRST_BUFFER, 2L * buffer.length)));
            buffer = Arrays.copyOf(buffer, (int) grown);
        }
    }

    private void cancelSubscription() {
        Flow.Subscription current = subscription.getAndSet(CANCELLED);
        if (current != null) {
            current.cancel();
        }
    }

    private void touch() {
        lastActivityNanos = System.nanoTime();
    }

    private static final Flow.Subscription CANCELLED = new Flow.Subscription() {
        @Override
        public void request(long n) {}

        @Override
        public void cancel() {}
    };
}

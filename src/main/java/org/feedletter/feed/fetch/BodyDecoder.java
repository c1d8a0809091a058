package org.feedletter.feed.fetch;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;

/**
 * Undoes the Content-Encoding of a body: gzip, or deflate in either of its two shapes (zlib-wrapped
 * as the RFC says, or raw as some servers send it). The cap holds for the decompressed size too, so
 * that a small "gzip bomb" cannot fill the memory.
 */
final class BodyDecoder {

    // Deflate cannot expand data more than about 1032 times; a larger size hint is a lie.
    private static final int MAX_RATIO = 1032;
    private static final long LARGEST_ARRAY = Integer.MAX_VALUE - 8;

    private final int cap;

    BodyDecoder(long cap) {
        this.cap = (int) Math.min(cap, LARGEST_ARRAY);
    }

    /** True for the encodings {@link #decode} knows, and for none at all. */
    static boolean understands(String contentEncoding) {
        return switch (normalize(contentEncoding)) {
            case "", "identity", "gzip", "x-gzip", "deflate" -> true;
            default -> false;
        };
    }

    /**
     * @throws BodyTooLargeException when the decompressed body is over the cap
     * @throws IOException when the body is not valid gzip or deflate data
     */
    byte[] decode(byte[] body, String contentEncoding) throws IOException {
        if (body.length == 0) {
            return body;
        }
        return switch (normalize(contentEncoding)) {
            case "gzip", "x-gzip" -> readCapped(new GZIPInputStream(new ByteArrayInputStream(body), 8192), gzipSizeHint(body));
            case "deflate" -> inflate(body);
            default -> body;
        };
    }

    private byte[] inflate(byte[] body) throws IOException {
        if (isZlibWrapped(body)) {
            try {
                return inflate(body, false);
            } catch (ZipException e) {
                // One raw stream in 31 or so starts like a zlib header: try it raw before giving up.
            }
        }
        return inflate(body, true);
    }

    private byte[] inflate(byte[] body, boolean raw) throws IOException {
        Inflater inflater = new Inflater(raw);
        try {
            return readCapped(new InflaterInputStream(new ByteArrayInputStream(body), inflater, 8192), body.length * 4L);
        } finally {
            inflater.end(); // a borrowed Inflater is not ended by its stream: free its native memory now
        }
    }

    private static String normalize(String contentEncoding) {
        return contentEncoding == null ? "" : contentEncoding.trim().toLowerCase(Locale.ROOT);
    }

    /** A zlib stream starts with a two-byte header: method 8, and a check making it a multiple of 31. */
    private static boolean isZlibWrapped(byte[] body) {
        if (body.length < 2) {
            return false;
        }
        int first = body[0] & 0xff;
        int second = body[1] & 0xff;
        return (first & 0x0f) == 8 && (first >> 4) <= 7 && ((first << 8) | second) % 31 == 0;
    }

    /** The gzip trailer holds the uncompressed size modulo 2^32: a hint for sizing the buffer. */
    private static long gzipSizeHint(byte[] body) {
        if (body.length < 18) {
            return body.length;
        }
        int n = body.length;
        long size = (body[n - 4] & 0xffL) | (body[n - 3] & 0xffL) << 8 | (body[n - 2] & 0xffL) << 16 | (body[n - 1] & 0xffL) << 24;
        return Math.min(size, (long) body.length * MAX_RATIO);
    }

    private byte[] readCapped(InputStream in, long sizeHint) throws IOException {
        try (in) {
            // Sized by the hint: when it is right, the body is read without a single copy.
            byte[] buffer = new byte[(int) Math.min(Math.max(sizeHint, 64), cap)];
            int size = 0;
            while (true) {
                if (size == buffer.length) {
                    int next = in.read();
                    if (next < 0) {
                        return buffer;
                    }
                    if (size >= cap) {
                        throw new BodyTooLargeException(cap);
                    }
                    buffer = Arrays.copyOf(buffer, (int) Math.min(2L * buffer.length, cap));
                    buffer[size++] = (byte) next;
                }
                int read = in.read(buffer, size, buffer.length - size);
                if (read < 0) {
                    return Arrays.copyOf(buffer, size);
                }
                size += read;
            }
        }
    }
}

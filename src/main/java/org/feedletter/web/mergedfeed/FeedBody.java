package org.feedletter.web.mergedfeed;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.PreEncodedHttpField;

/**
 * One feed document ready to serve: its bytes plain and gzip-compressed, each in a direct buffer made once, and
 * every header already encoded. Serving it allocates nothing but a view of the buffer.
 */
final class FeedBody {

    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    final ByteBuffer plain;
    final ByteBuffer gzip;
    /** The ETag's opaque part without quotes; the gzip variant adds "-gz" (a different representation). */
    final String tag;
    final long lastModifiedSecond;
    final HttpField contentType;
    final HttpField cacheControl;
    final HttpField etagPlain;
    final HttpField etagGzip;
    final HttpField lastModified;
    final HttpField plainLength;
    final HttpField gzipLength;
    /** {@code Link: <hub>; rel="hub", <self>; rel="self"} (WebSub discovery) for a topic; null for other documents. */
    final HttpField link;

    /** @param link the value of the Link header to send with it, or null for none */
    FeedBody(byte[] bytes, FeedFormat format, Instant modified, String cacheControl, String link) {
        this.plain = direct(bytes);
        byte[] compressed = gzip(bytes);
        this.gzip = direct(compressed);
        this.tag = hash(bytes);
        this.lastModifiedSecond = modified.getEpochSecond();
        this.contentType = new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, format.contentType());
        this.cacheControl = new PreEncodedHttpField(HttpHeader.CACHE_CONTROL, cacheControl);
        this.etagPlain = new PreEncodedHttpField(HttpHeader.ETAG, "\"" + tag + "\"");
        this.etagGzip = new PreEncodedHttpField(HttpHeader.ETAG, "\"" + tag + "-gz\"");
        this.lastModified = new PreEncodedHttpField(HttpHeader.LAST_MODIFIED, HTTP_DATE.format(modified));
        this.plainLength = new PreEncodedHttpField(HttpHeader.CONTENT_LENGTH, Integer.toString(bytes.length));
        this.gzipLength = new PreEncodedHttpField(HttpHeader.CONTENT_LENGTH, Integer.toString(compressed.length));
        this.link = link == null ? null : new PreEncodedHttpField(HttpHeader.LINK, link);
    }

    int size() {
        return plain.capacity();
    }

    private static ByteBuffer direct(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(bytes.length);
        buffer.put(bytes).flip();
        return buffer.asReadOnlyBuffer();
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 4 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out, 8192) {
            {
                def.setLevel(Deflater.BEST_COMPRESSION); // compressed once per change, served many times
            }
        }) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String hash(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

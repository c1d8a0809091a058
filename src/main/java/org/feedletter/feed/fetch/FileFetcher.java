package org.feedletter.feed.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.feedletter.config.Sizes;
import org.feedletter.feed.fetch.FetchResult.Failed;
import org.feedletter.feed.fetch.FetchResult.Fetched;
import org.feedletter.feed.fetch.FetchResult.NotModified;

/**
 * Reads feeds from file: URLs, with the same body cap as HTTP and the same validators: the etag
 * comes from the size and modification time, so an unchanged file answers "not modified".
 */
final class FileFetcher {

    private final long maxBodyBytes;

    FileFetcher(long maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    FetchResult fetch(FetchRequest request) {
        long started = System.nanoTime();
        URI url = request.url();
        Path path;
        try {
            path = Path.of(url);
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            return new Failed("not a local file URL: " + SafeUrl.of(url), 0, since(started));
        }
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            if (!attributes.isRegularFile()) {
                return new Failed("not a regular file: " + path, 0, since(started));
            }
            if (attributes.size() > maxBodyBytes) {
                return tooLarge(path, started);
            }
            String etag = etagOf(attributes);
            Instant modified = attributes.lastModifiedTime().toInstant();
            if (unchanged(request, etag, modified)) {
                return new NotModified(null, since(started));
            }
            byte[] body = read(path);
            if (body.length > maxBodyBytes) {
                return tooLarge(path, started); // it grew while we read it
            }
            return new Fetched(url, null, 200, contentTypeOf(path), body, etag, HttpDates.format(modified), since(started));
        } catch (NoSuchFileException e) {
            return new Failed("file not found: " + path, 0, since(started));
        } catch (IOException e) {
            return new Failed("could not read " + path + ": " + e.getMessage(), 0, since(started));
        }
    }

    /** Mirrors If-None-Match, then If-Modified-Since: the etag wins when the request has one. */
    private static boolean unchanged(FetchRequest request, String etag, Instant modified) {
        if (request.etag() != null) {
            return request.etag().equals(etag);
        }
        if (request.lastModified() != null) {
            Instant since = HttpDates.parse(request.lastModified());
            return since != null && !modified.truncatedTo(ChronoUnit.SECONDS).isAfter(since);
        }
        return false;
    }

    private static String etagOf(BasicFileAttributes attributes) {
        return "\"" + Long.toHexString(attributes.size()) + "-"
                + Long.toHexString(attributes.lastModifiedTime().to(TimeUnit.MICROSECONDS)) + "\"";
    }

    private byte[] read(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            return in.readNBytes((int) Math.min(maxBodyBytes + 1, Integer.MAX_VALUE - 8));
        }
    }

    private static String contentTypeOf(Path path) {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".rss")) {
            return "application/rss+xml";
        }
        if (name.endsWith(".atom")) {
            return "application/atom+xml";
        }
        if (name.endsWith(".xml")) {
            return "application/xml";
        }
        if (name.endsWith(".json")) {
            return "application/json";
        }
        return null;
    }

    private Failed tooLarge(Path path, long started) {
        return new Failed("body over the " + Sizes.inWords(maxBodyBytes) + " cap from " + path, 0, since(started));
    }

    private static Duration since(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }
}

package org.feedletter.feed.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.feedletter.feed.fetch.FetchResult.Failed;
import org.feedletter.feed.fetch.FetchResult.Fetched;
import org.feedletter.feed.fetch.FetchResult.NotModified;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** file: URLs are read like HTTP bodies: same cap, an etag from size and modification time. */
class FileUrlTest {

    @TempDir
    Path folder;

    private final FeedFetcher fetcher = new FeedFetcher(TestSettings.withCap(4096));

    @AfterEach
    void closeFetcher() {
        fetcher.close();
    }

    @Test
    void fileIsReadWithTheContentTypeOfItsExtension() throws IOException {
        Path feed = copyOfSample("sample.rss", "feed.rss");

        Fetched fetched = (Fetched) fetcher.fetch(FetchRequest.unconditional(feed.toUri()));

        assertThat(fetched.body()).isEqualTo(Files.readAllBytes(feed));
        assertThat(fetched.contentType()).isEqualTo("application/rss+xml");
        assertThat(fetched.finalUrl()).isEqualTo(feed.toUri());
        assertThat(fetched.etag()).isNotBlank();
        assertThat(fetched.lastModified()).endsWith(" GMT");
    }

    @Test
    void eachFeedExtensionHasItsContentType() throws IOException {
        assertThat(contentTypeOf(copyOfSample("sample.json", "feed.json"))).isEqualTo("application/json");
        assertThat(contentTypeOf(copyOfSample("sample.rss", "feed.atom"))).isEqualTo("application/atom+xml");
        assertThat(contentTypeOf(copyOfSample("sample.rss", "feed.xml"))).isEqualTo("application/xml");
        assertThat(contentTypeOf(copyOfSample("sample.rss", "feed.txt"))).isNull();
    }

    @Test
    void missingFileFails() {
        Path missing = folder.resolve("missing.xml");

        Failed failed = (Failed) fetcher.fetch(FetchRequest.unconditional(missing.toUri()));

        assertThat(failed.message()).isEqualTo("file not found: " + missing);
        assertThat(failed.status()).isZero();
    }

    @Test
    void unchangedFileAnswersNotModifiedToItsOwnEtag() throws IOException {
        Path feed = copyOfSample("sample.rss", "feed.xml");
        Fetched first = (Fetched) fetcher.fetch(FetchRequest.unconditional(feed.toUri()));

        FetchResult second = fetcher.fetch(new FetchRequest(feed.toUri(), first.etag(), first.lastModified()));

        assertThat(second).isInstanceOf(NotModified.class);
    }

    @Test
    void unchangedFileAnswersNotModifiedToItsOwnLastModified() throws IOException {
        Path feed = copyOfSample("sample.rss", "feed.xml");
        Fetched first = (Fetched) fetcher.fetch(FetchRequest.unconditional(feed.toUri()));

        FetchResult second = fetcher.fetch(new FetchRequest(feed.toUri(), null, first.lastModified()));

        assertThat(second).isInstanceOf(NotModified.class);
    }

    @Test
    void changedFileIsReadAgain() throws IOException {
        Path feed = copyOfSample("sample.rss", "feed.xml");
        Fetched first = (Fetched) fetcher.fetch(FetchRequest.unconditional(feed.toUri()));
        Files.writeString(feed, "<rss version=\"2.0\"><channel><title>Changed</title></channel></rss>");

        FetchResult second = fetcher.fetch(new FetchRequest(feed.toUri(), first.etag(), first.lastModified()));

        assertThat(second).isInstanceOf(Fetched.class);
        assertThat(new String(((Fetched) second).body())).contains("Changed");
    }

    @Test
    void fileOverTheCapIsRefused() throws IOException {
        Path big = folder.resolve("big.xml");
        Files.write(big, new byte[4097]);

        Failed failed = (Failed) fetcher.fetch(FetchRequest.unconditional(big.toUri()));

        assertThat(failed.message()).isEqualTo("body over the 4 KB cap from " + big);
    }

    @Test
    void fileUrlNamingAnotherMachineIsRefused() {
        Failed failed = (Failed) fetcher.fetch(FetchRequest.unconditional(URI.create("file://server/share/feed.xml")));

        assertThat(failed.message()).isEqualTo("not a local file URL: file://server/share/feed.xml");
    }

    private String contentTypeOf(Path file) {
        return ((Fetched) fetcher.fetch(FetchRequest.unconditional(file.toUri()))).contentType();
    }

    private Path copyOfSample(String sample, String name) throws IOException {
        Path target = folder.resolve(name);
        try (InputStream in = getClass().getResourceAsStream("/fetch/" + sample)) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }
}

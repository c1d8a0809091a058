package org.feedletter.web.mergedfeed;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes a {@link FeedPage} as JSON Feed 1.1: dates in RFC 3339, {@code next_url} to the older page, the WebSub hub
 * in {@code hubs}, and the provenance in a {@code _feedletter} extension object (source and via), as the spec allows.
 */
final class JsonFeedWriter {

    private final JsonFactory json = new JsonFactory();

    byte[] write(FeedPage page) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        try (JsonGenerator g = json.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("version", "https://jsonfeed.org/version/1.1");
            g.writeStringField("title", page.title());
            if (!page.description().isEmpty()) {
                g.writeStringField("description", page.description());
            }
            if (!page.language().isEmpty()) {
                g.writeStringField("language", page.language());
            }
            g.writeStringField("home_page_url", page.homeUrl());
            if (page.author() != null && !page.author().isBlank()) {
                g.writeArrayFieldStart("authors");
                g.writeStartObject();
                g.writeStringField("name", page.author());
                g.writeEndObject();
                g.writeEndArray();
            }
            g.writeStringField("feed_url", page.links().get("self"));
            if (page.links().containsKey("next")) {
                g.writeStringField("next_url", page.links().get("next"));
            }
            if (page.links().containsKey("hub")) {
                g.writeArrayFieldStart("hubs");
                g.writeStartObject();
                g.writeStringField("type", "WebSub");
                g.writeStringField("url", page.links().get("hub"));
                g.writeEndObject();
                g.writeEndArray();
            }
            g.writeArrayFieldStart("items");
            for (FeedEntry entry : page.entries()) {
                item(g, entry);
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the JSON feed", e);
        }
        return out.toByteArray();
    }

    private static void item(JsonGenerator g, FeedEntry entry) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", entry.id());
        if (entry.link() != null) {
            g.writeStringField("url", entry.link());
        }
        g.writeStringField("title", entry.title());
        g.writeStringField("content_html", entry.contentHtml() != null ? entry.contentHtml() : "");
        if (entry.summary() != null) {
            g.writeStringField("summary", entry.summary());
        }
        g.writeStringField("date_published", AtomWriter.date(entry.published()));
        g.writeStringField("date_modified", AtomWriter.date(entry.updated()));
        if (entry.author() != null) {
            g.writeArrayFieldStart("authors");
            g.writeStartObject();
            g.writeStringField("name", entry.author());
            g.writeEndObject();
            g.writeEndArray();
        }
        if (!entry.categories().isEmpty()) {
            g.writeArrayFieldStart("tags");
            for (String category : entry.categories()) {
                g.writeString(category);
            }
            g.writeEndArray();
        }
        g.writeObjectFieldStart("_feedletter");
        if (entry.source() != null) {
            g.writeFieldName("source");
            origin(g, entry.source());
        }
        g.writeArrayFieldStart("via");
        for (FeedEntry.Origin via : entry.via()) {
            origin(g, via);
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void origin(JsonGenerator g, FeedEntry.Origin origin) throws IOException {
        g.writeStartObject();
        g.writeStringField("title", origin.title());
        g.writeStringField("feed_url", origin.feedUrl());
        if (origin.entryUrl() != null) {
            g.writeStringField("url", origin.entryUrl());
        }
        g.writeEndObject();
    }
}

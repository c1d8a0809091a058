package org.feedletter.feed.parse;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/** Reads JSON Feed 1.0 and 1.1 (https://www.jsonfeed.org/version/1.1/) into our records. Thread-safe. */
final class JsonFeedReader {

    private static final String VERSION_PREFIX = "jsonfeed.org/version/";

    /** Shared: an ObjectMapper is thread-safe once configured, and costly to make. */
    private final ObjectMapper mapper = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS) // raw tabs and newlines inside strings are common
            .build();

    /** @param json the decoded body */
    ParseResult read(String json, URI feedUrl) throws UnreadableFeedException {
        JsonNode root;
        try {
            root = mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UnreadableFeedException(describe(e));
        }
        String version = root == null ? null : text(root.get("version"));
        int at = version == null ? -1 : version.indexOf(VERSION_PREFIX);
        if (at < 0 || !root.path("items").isArray()) {
            return new ParseResult.NotAFeed("not a feed: got JSON that is not a JSON Feed (no version or items) from "
                    + feedUrl, List.of());
        }
        String format = "json_feed_" + formatVersion(version.substring(at + VERSION_PREFIX.length()));
        URI siteLink = Links.resolve(feedUrl, text(root.get("home_page_url")));
        String feedAuthor = authors(root);
        List<Entry> entries = new ArrayList<>(root.get("items").size());
        for (JsonNode item : root.get("items")) {
            if (item.isObject()) {
                entries.add(entry(item, siteLink != null ? siteLink : feedUrl, feedAuthor, text(root.get("language")),
                        feedUrl));
            }
        }
        return new ParseResult.Parsed(new ParsedFeed(format, FeedText.collapseWhitespace(text(root.get("title"))),
                siteLink, entries, hubLinks(root, feedUrl)));
    }

    /**
     * JSON Feed's {@code hubs} (objects with a {@code type} and a {@code url}; those of type WebSub, or its old name
     * PubSubHubbub, or without a type) and {@code feed_url}, the feed's own URL.
     */
    private static HubLinks hubLinks(JsonNode root, URI feedUrl) {
        List<URI> hubs = new ArrayList<>(1);
        for (JsonNode hub : root.path("hubs")) {
            String type = text(hub.get("type"));
            URI url = Links.resolve(feedUrl, text(hub.get("url")));
            if (url != null && (type == null || type.equalsIgnoreCase("websub")
                    || type.equalsIgnoreCase("pubsubhubbub"))) {
                hubs.add(url);
            }
        }
        return new HubLinks(hubs, Links.resolve(feedUrl, text(root.get("feed_url"))));
    }

    private static Entry entry(JsonNode item, URI linkBase, String feedAuthor, String feedLanguage, URI feedUrl) {
        String author = authors(item);
        String contentHtml = text(item.get("content_html"));
        EntryBuilder entry = new EntryBuilder()
                .guid(text(item.get("id")))
                .link(Links.resolve(linkBase, text(item.get("url"))))
                .title(text(item.get("title"))) // plain text by the spec
                .author(author != null ? author : feedAuthor)
                .published(FeedDates.parse(text(item.get("date_published"))))
                .updated(FeedDates.parse(text(item.get("date_modified"))))
                .contentHtml(contentHtml != null ? contentHtml : FeedText.escapeHtml(text(item.get("content_text"))))
                .summaryHtml(FeedText.escapeHtml(text(item.get("summary")))) // plain text by the spec
                .language(text(item.get("language"))) // not in the spec, but some feeds write it
                .language(feedLanguage);
        for (JsonNode tag : item.path("tags")) {
            entry.category(text(tag));
        }
        // "the URL of a page elsewhere": a linkblog's or a republisher's pointer to the original
        entry.declaredOriginal(Links.resolve(linkBase, text(item.get("external_url"))));
        return entry.build(feedUrl);
    }

    /** JSON Feed 1.1 "authors", else 1.0 "author"; names joined, null when none. */
    private static String authors(JsonNode node) {
        StringJoiner names = new StringJoiner(", ");
        for (JsonNode author : node.path("authors")) {
            String name = FeedText.collapseWhitespace(text(author.get("name")));
            if (name != null) {
                names.add(name);
            }
        }
        if (names.length() == 0) {
            String name = FeedText.collapseWhitespace(text(node.path("author").get("name")));
            return name;
        }
        return names.toString();
    }

    /** "1" and "1.1" as "1.0" and "1.1"; anything newer as written. */
    private static String formatVersion(String version) {
        String v = version.endsWith("/") ? version.substring(0, version.length() - 1) : version;
        return v.indexOf('.') < 0 ? v + ".0" : v;
    }

    /** A string or number as text (ids are sometimes numbers); null for anything else. */
    private static String text(JsonNode node) {
        if (node == null || !(node.isTextual() || node.isNumber())) {
            return null;
        }
        return BodyText.withoutIllegalCharacters(node.asText()); // an escaped \u0000 is as unwelcome as a raw one
    }

    /** Jackson names the (redacted) source inside nested locations; a person needs only line and column. */
    private static String withoutSource(String message) {
        int source = message == null ? -1 : message.indexOf("[Source:");
        int line = source < 0 ? -1 : message.indexOf("line:", source);
        return line < 0 ? message : message.substring(0, source + 1) + message.substring(line);
    }

    private static String describe(JsonProcessingException e) {
        JsonLocation location = e.getLocation();
        String message = e.getOriginalMessage();
        int newline = message == null ? -1 : message.indexOf('\n');
        String firstLine = withoutSource(newline < 0 ? message : message.substring(0, newline));
        return location != null && location.getLineNr() > 0
                ? "JSON error at line " + location.getLineNr() + ": " + firstLine
                : "JSON error: " + firstLine;
    }
}

package org.feedletter.bench;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generated RSS 2.0 feeds: each of {@code feeds} carries {@code itemsPerFeed} items with about 3 KB of HTML;
 * {@code sharedPerFeed} of them are pieces from a shared pool, linked with per-feed tracking parameters (the same
 * piece syndicated by several feeds). Deterministic (fixed seed).
 */
final class GeneratedFeeds {

    private static final DateTimeFormatter RFC_822 = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
    private static final String[] WORDS = ("policy analysis research institute council energy security trade market "
            + "budget inflation climate defence election coalition reform housing welfare shipping arctic region "
            + "agreement summit minister parliament government growth quota fisheries central bank rate wage").split(" ");

    private final List<byte[]> bodies = new ArrayList<>();
    private final int uniquePieces;

    GeneratedFeeds(int feeds, int itemsPerFeed, int sharedPerFeed, int sharedPool) {
        Random random = new Random(42);
        List<String> shared = new ArrayList<>();
        for (int s = 0; s < sharedPool; s++) {
            shared.add(html(random));
        }
        Instant base = Instant.parse("2026-11-20T00:00:00Z");
        for (int f = 0; f < feeds; f++) {
            StringBuilder xml = new StringBuilder(itemsPerFeed * 3500);
            xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>Feed ")
                    .append(f).append("</title><link>https://site").append(f).append(".example.org/</link>")
                    .append("<description>Generated feed</description>\n");
            for (int i = 0; i < itemsPerFeed; i++) {
                boolean isShared = i < sharedPerFeed;
                int piece = isShared ? random.nextInt(sharedPool) : i;
                String link = isShared
                        ? "https://origin.example.org/pieces/" + piece + "/?utm_source=feed" + f + "&utm_medium=rss"
                        : "https://site" + f + ".example.org/pieces/" + i;
                String body = isShared ? shared.get(piece) : html(random);
                xml.append("<item><title>").append(isShared ? "Quick Comment: shared piece " + piece : "Piece " + i + " of feed " + f)
                        .append("</title><link>").append(link.replace("&", "&amp;")).append("</link><guid>")
                        .append(link.replace("&", "&amp;")).append("</guid><pubDate>")
                        .append(RFC_822.format(base.plusSeconds(f * 60L + i))).append("</pubDate><category>")
                        .append(isShared ? "Quick Comment" : "Report").append("</category><description><![CDATA[")
                        .append(body).append("]]></description></item>\n");
            }
            xml.append("</channel></rss>\n");
            bodies.add(xml.toString().getBytes(StandardCharsets.UTF_8));
        }
        this.uniquePieces = feeds * (itemsPerFeed - sharedPerFeed) + Math.min(sharedPool, feeds * sharedPerFeed);
    }

    private static String html(Random random) {
        StringBuilder html = new StringBuilder(3200);
        while (html.length() < 3000) {
            html.append("<p>");
            for (int w = 0; w < 60; w++) {
                html.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
            }
            html.append("<a href=\"https://example.org/ref/").append(random.nextInt(100000)).append("\">source</a>.</p>");
        }
        return html.toString();
    }

    List<byte[]> bodies() {
        return bodies;
    }

    int uniquePieces() {
        return uniquePieces;
    }
}

package org.feedletter.identity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Builds entry evidence for the identity tests, as ingest would from a feed entry. */
final class Evidences {

    static final Instant MONDAY = Instant.parse("2026-11-23T09:00:00Z");
    /** A text about something else entirely: what an entry says that no piece of these tests says. */
    static final String UNRELATED_TEXT = "Parliament passed the fisheries bill late on Wednesday after a night of "
            + "amendments, and the coastal districts will now license their own inshore boats. Nothing in the bill "
            + "pays for the inspectors who are meant to count the catch, and the ministry has not said where they "
            + "will come from before the season opens in March.";

    /** A statement two institutes' comments on one decision both quote first (the ECB's, invented). */
    static final String ECB_STATEMENT = "\"The Governing Council today decided to raise the three key ECB interest "
            + "rates by 25 basis points. Inflation is expected to remain too high for too long,\" the European Central "
            + "Bank said in its statement on Thursday. ";

    private long feedId = 1;
    private String key = "e-1";
    private String url;
    private Set<String> declared = Set.of();
    private Instant published = MONDAY;
    private Instant updated;
    private String title = "";
    private String author;
    private String summary;
    private String content;
    private Marks marks = Marks.NONE;

    static Evidences entry(long feedId, String url) {
        Evidences e = new Evidences();
        e.feedId = feedId;
        e.url = url;
        e.key = url == null ? "key-" + feedId : url;
        return e;
    }

    Evidences key(String key) {
        this.key = key;
        return this;
    }

    Evidences declares(String... urls) {
        declared = Set.of(urls);
        return this;
    }

    Evidences published(Instant at) {
        published = at;
        return this;
    }

    Evidences updated(Instant at) {
        updated = at;
        return this;
    }

    Evidences title(String title) {
        this.title = title;
        return this;
    }

    Evidences by(String author) {
        this.author = author;
        return this;
    }

    Evidences summary(String text) {
        summary = text;
        return this;
    }

    Evidences text(String text) {
        content = text;
        return this;
    }

    Evidences marks(Marks marks) {
        this.marks = marks;
        return this;
    }

    EntryEvidence build() {
        List<TextOpening> texts = new ArrayList<>();
        if (summary != null) {
            texts.add(TextOpening.of(TextOpening.Kind.SUMMARY, summary));
        }
        if (content != null) {
            texts.add(TextOpening.of(TextOpening.Kind.CONTENT, content));
        }
        return new EntryEvidence(feedId, "https://feed" + feedId + ".example/feed", key, url, declared, published,
                updated, TitleKey.of(title, TitleAffixes.NONE), AuthorKey.parse(author), texts, marks,
                content == null ? null : TextOpening.continuationOf(content, texts.get(texts.size() - 1)));
    }
}

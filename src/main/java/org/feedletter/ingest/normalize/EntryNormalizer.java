package org.feedletter.ingest.normalize;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.feedletter.feed.parse.Entry;
import org.feedletter.identity.Marks;
import org.feedletter.identity.TextOpening;
import org.feedletter.identity.Words;
import org.feedletter.ingest.normalize.CandidateItem.Drafted;
import org.feedletter.ingest.normalize.HtmlSanitizer.SanitizedHtml;
import org.feedletter.store.ItemDraft;

/**
 * Turns a parsed entry into a {@link CandidateItem}: clean text, safe HTML, a key, a canonical URL, a date, and
 * the openings of its texts and any note in them saying where it was first published.
 */
public final class EntryNormalizer {

    static final int MAX_TITLE = 500;
    static final int MAX_AUTHOR = 200;
    static final int MAX_EXCERPT = 300;
    private static final int MAX_KEY = 2000;
    private static final int MAX_CATEGORY = 200;
    /** A date further ahead than this is a publisher's mistake; it would pin the item to the top forever. */
    private static final Duration FUTURE_TOLERANCE = Duration.ofDays(1);

    private final HtmlSanitizer sanitizer;

    public EntryNormalizer(HtmlSanitizer sanitizer) {
        this.sanitizer = sanitizer;
    }

    /**
     * The entries of one fetch of a feed. A link the feed gives to entries under different titles (its home page, a
     * section's index, a podcast's show page, a newsletter issue's archive page that its stories share) is no piece's
     * address, and neither is a site's front page: entries under such a link get no canonical URL, so they are told
     * apart, or found to be copies, by their keys, texts and titles, not merged by the link they share.
     */
    public List<CandidateItem> normalizeAll(List<Entry> entries, long feedId, Instant firstSeen) {
        List<String> links = new ArrayList<>(entries.size());
        List<String> canonicals = new ArrayList<>(entries.size());
        Map<String, Set<String>> titlesByUrl = new HashMap<>();
        for (Entry entry : entries) {
            String link = CanonicalUrl.withoutTracking(entry.link() == null ? null : entry.link().toString());
            String canonical = CanonicalUrl.of(link).orElse(null);
            links.add(link);
            canonicals.add(canonical);
            if (canonical != null) {
                titlesByUrl.computeIfAbsent(canonical, k -> new HashSet<>()).add(titleOrText(entry));
            }
        }
        List<CandidateItem> normalized = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            String canonical = canonicals.get(i);
            boolean landing = canonical != null && (titlesByUrl.get(canonical).size() > 1 || isFrontPage(canonical));
            normalized.add(normalize(entries.get(i), feedId, firstSeen, links.get(i), landing ? null : canonical));
        }
        return normalized;
    }

    /** What tells one entry of a fetch from another under one link: its title, or its text when it has none. */
    private static String titleOrText(Entry entry) {
        String title = PlainText.oneLine(entry.title(), MAX_TITLE).toLowerCase(Locale.ROOT);
        if (!title.isEmpty()) {
            return title;
        }
        return "\0" + Hashes.of(Objects.toString(entry.contentHtml(), ""), Objects.toString(entry.summaryHtml(), ""));
    }

    /**
     * One entry on its own (see {@link #normalizeAll} for a fetch's entries).
     *
     * @param feedId the feed the entry came from; part of the identity of entries without guid and link
     * @param firstSeen stands in for a missing or unparsable date
     */
    public CandidateItem normalize(Entry entry, long feedId, Instant firstSeen) {
        String link = CanonicalUrl.withoutTracking(entry.link() == null ? null : entry.link().toString());
        return normalize(entry, feedId, firstSeen, link, CanonicalUrl.of(link).orElse(null));
    }

    /**
     * @param link the entry's link without tracking parameters
     * @param canonicalUrl its canonical form, or null when the link is no piece's address (or there is none)
     */
    private CandidateItem normalize(Entry entry, long feedId, Instant firstSeen, String link, String canonicalUrl) {
        String originalLink = entry.link() == null ? null : entry.link().toString();
        String sourceKey = sourceKey(entry, originalLink);
        String publicId = canonicalUrl != null ? publicIdOf(canonicalUrl)
                : "urn:feedletter:" + Hashes.of("feed:" + feedId + ":" + sourceKey);
        String versionHash = Hashes.of(entry.title(), String.valueOf(entry.published()), String.valueOf(entry.updated()),
                entry.contentHtml(), entry.summaryHtml());
        Supplier<Drafted> drafted = () -> draft(entry, link, canonicalUrl, publicId, firstSeen);
        return new CandidateItem(sourceKey, originalLink, canonicalUrl, publicId, versionHash,
                emptyToNull(PlainText.oneLine(entry.title(), MAX_TITLE)), namedOriginals(entry, link, canonicalUrl),
                entry.sourceFeed() != null, creditedSite(entry.sourceFeed()), feedDate(entry, firstSeen), drafted,
                () -> normalize(entry, feedId, firstSeen, link, null));
    }

    /**
     * The originals the feed names for the entry (rel="via", external_url, ...); for an untitled post that names
     * none, the one page elsewhere it links, which it shares ({@link SharedLink}).
     */
    private static List<String> namedOriginals(Entry entry, String link, String canonicalUrl) {
        List<String> named = declaredOriginals(entry.declaredOriginals().stream().map(URI::toString).toList(),
                canonicalUrl);
        if (!named.isEmpty() || !SharedLink.untitled(entry.title())) {
            return named;
        }
        boolean hasContent = entry.contentHtml() != null && !entry.contentHtml().isBlank();
        String shared = SharedLink.of(hasContent ? entry.contentHtml() : entry.summaryHtml(),
                SharedLink.base(entry.contentBase(), link), link);
        return shared == null ? named : declaredOriginals(List.of(shared), canonicalUrl);
    }

    /** The host the source element names, as canonical URLs have it (no www., m.), or null. */
    private static String creditedSite(URI sourceFeed) {
        String canonical = sourceFeed == null ? null : CanonicalUrl.of(sourceFeed.toString()).orElse(null);
        if (canonical == null) {
            return null;
        }
        String rest = canonical.substring("https://".length());
        int end = rest.indexOf('/') >= 0 ? rest.indexOf('/') : rest.indexOf('?') >= 0 ? rest.indexOf('?') : rest.length();
        String host = rest.substring(0, end);
        return host.length() > Marks.MAX_CREDITED_SITE ? null : host;
    }

    /** The stored form, the openings and the attribution come from one sanitizing of the entry. */
    private Drafted draft(Entry entry, String link, String canonicalUrl, String publicId, Instant firstSeen) {
        String base = entry.contentBase() == null ? link : entry.contentBase().toString();
        boolean hasContent = entry.contentHtml() != null && !entry.contentHtml().isBlank();
        boolean hasSummary = entry.summaryHtml() != null && !entry.summaryHtml().isBlank();
        SanitizedHtml content = sanitizer.sanitize(hasContent ? entry.contentHtml() : entry.summaryHtml(), base);
        SanitizedHtml summary = hasContent && hasSummary ? sanitizer.sanitize(entry.summaryHtml(), base) : content;
        String excerpt = PlainText.oneLine(summary.text().isBlank() ? content.text() : summary.text(), MAX_EXCERPT);
        Instant published = date(entry.published() != null ? entry.published() : entry.updated(), firstSeen);
        Instant updated = entry.updated() == null ? null : date(entry.updated(), firstSeen);
        String title = title(entry.title(), excerpt);
        ItemDraft draft = new ItemDraft(publicId, canonicalUrl, link, title,
                emptyToNull(PlainText.oneLine(entry.author(), MAX_AUTHOR)), published, updated,
                emptyToNull(content.html()), emptyToNull(excerpt), categories(entry.categories()), null,
                entry.language());
        Attribution attribution = Attribution.find(content.html(), content.text(), link);
        if (!attribution.found() && summary != content) {
            attribution = Attribution.find(summary.html(), summary.text(), link);
        }
        String givenTitle = PlainText.oneLine(entry.title(), MAX_TITLE);
        String contentProse = contentProse(content, attribution, givenTitle);
        List<TextOpening> openings = openings(contentProse, hasContent && hasSummary ? summary.prose() : null,
                hasContent, attribution, givenTitle);
        TextOpening continuation = hasContent
                ? TextOpening.continuationOf(contentProse, openings.get(openings.size() - 1)) : null;
        return new Drafted(draft, openings, continuation, attribution,
                declaredOriginals(attribution.links(), canonicalUrl));
    }

    /**
     * The openings of an entry's texts: of its summary when it has one beside its content, and of its content (or,
     * without content, its summary), each without the note that says where it first appeared, and without the
     * entry's title where the text opens with it.
     *
     * @param contentProse the content's words as a piece's (or, without content, the summary's)
     * @param title the title the feed gave the entry, or empty
     */
    private static List<TextOpening> openings(String contentProse, String summaryText, boolean hasContent,
            Attribution attribution, String title) {
        List<TextOpening> openings = new ArrayList<>(2);
        if (summaryText != null) {
            openings.add(TextOpening.of(TextOpening.Kind.SUMMARY, prose(attribution.withoutNote(summaryText), title)));
        }
        openings.add(TextOpening.of(hasContent ? TextOpening.Kind.CONTENT : TextOpening.Kind.SUMMARY, contentProse));
        return openings;
    }

    /** The content's words as a piece's: after a republisher's preface, without the note, after the title. */
    private static String contentProse(SanitizedHtml content, Attribution attribution, String title) {
        String afterPreface = Preface.textAfter(content.html());
        return prose(attribution.withoutNote(afterPreface != null ? afterPreface : content.prose()), title);
    }

    /** A text's words as a piece's: after its title where it opens with it, and without addresses shown as text. */
    private static String prose(String text, String title) {
        return withoutAddresses(afterTitle(text, title));
    }

    private static final Pattern ADDRESS = Pattern.compile("(?i)\\bhttps?://\\S+");

    /**
     * The text without the web addresses it shows as text ("Read more: https://institute.example/2026/11/24/water-
     * code-tariff/"): an address is no words of the piece, and its slug repeats the title's words, so a short post
     * that shows one shares too little of its opening with the piece it announces.
     */
    static String withoutAddresses(String text) {
        return text.contains("://") ? ADDRESS.matcher(text).replaceAll(" ") : text;
    }

    /** A title of fewer words is no headline set atop a text: "Update", "Weekly notes". */
    static final int MIN_HEADLINE_WORDS = 3;

    /**
     * The text after its title, where it opens with it: a bridged social post (Telegram, Bluesky) repeats its first
     * line as its title, and some sites set the headline atop the content. Titles are compared as titles; in the
     * opening, a repeated one would only dilute the text a copy shares with its original, which has none there.
     */
    static String afterTitle(String text, String title) {
        String headline = title == null ? "" : title.strip();
        if (headline.isEmpty() || Words.count(headline, MIN_HEADLINE_WORDS) < MIN_HEADLINE_WORDS) {
            return text;
        }
        String opening = text.stripLeading();
        int end = headline.length();
        boolean opensWithIt = opening.length() > end && opening.regionMatches(true, 0, headline, 0, end)
                && !Character.isLetterOrDigit(opening.charAt(end));
        return opensWithIt ? opening.substring(end) : text;
    }

    /**
     * The openings of a stored entry's texts, made again as {@link #normalize} made them, from what is stored: its
     * sanitized HTML, the plain text of its summary when it had one beside its content, and its link. For the
     * migrations that work out stored entries' evidence anew when what it is made of changes. No title is taken out:
     * an untitled entry's stored title is the start of its text, which is not known apart from a title the feed gave.
     */
    public List<TextOpening> openingsOfStored(String html, String summaryText, boolean hadContent, String link) {
        SanitizedHtml content = sanitizer.sanitize(html, link);
        Attribution attribution = Attribution.find(content.html(), content.text(), link);
        return openings(contentProse(content, attribution, ""), summaryText, hadContent, attribution, "");
    }

    private static String title(String raw, String excerpt) {
        String title = PlainText.oneLine(raw, MAX_TITLE);
        if (!title.isEmpty()) {
            return title;
        }
        return excerpt.isEmpty() ? "(untitled)" : PlainText.cut(excerpt, 80);
    }

    /** The entry's key in its feed. Without guid or link it hashes what the feed said, never our own clock. */
    private static String sourceKey(Entry entry, String link) {
        String key = firstNonBlank(entry.guid(), link);
        if (key == null) {
            key = "hash:" + Hashes.of(entry.title(), String.valueOf(entry.published()), String.valueOf(entry.updated()));
        }
        key = key.strip();
        return key.length() <= MAX_KEY ? key : "hash:" + Hashes.of(key);
    }

    /** The date the feed gives the entry, when it can be true; else null. */
    private static Instant feedDate(Entry entry, Instant firstSeen) {
        Instant given = entry.published() != null ? entry.published() : entry.updated();
        return given == null || given.isAfter(firstSeen.plus(FUTURE_TOLERANCE)) ? null : given;
    }

    private static Instant date(Instant given, Instant firstSeen) {
        if (given == null || given.isAfter(firstSeen.plus(FUTURE_TOLERANCE))) {
            return firstSeen;
        }
        return given;
    }

    private static List<String> categories(List<String> raw) {
        LinkedHashSet<String> kept = new LinkedHashSet<>();
        for (String category : raw) {
            String clean = PlainText.oneLine(category, MAX_CATEGORY);
            if (!clean.isEmpty()) {
                kept.add(clean);
            }
        }
        return new ArrayList<>(kept);
    }

    /**
     * The declared originals that can name a piece: not the entry's own URL, not a site's front page (some
     * sites declare it as every entry's canonical, which would make all their entries one), and not a feed (an
     * aggregator's {@code rel="via"} often names the feed it read, which every entry from there shares).
     */
    private static List<String> declaredOriginals(List<String> urls, String canonicalUrl) {
        return urls.stream()
                .map(u -> CanonicalUrl.of(u).orElse(null))
                .filter(Objects::nonNull)
                .filter(u -> !u.equals(canonicalUrl) && !isFrontPage(u) && !isFeed(u))
                .distinct()
                .toList();
    }

    /** @param url a canonical URL: https://host[:port][/path][?query] */
    private static boolean isFrontPage(String url) {
        String rest = url.substring(url.indexOf("//") + 2);
        int slash = rest.indexOf('/');
        return rest.indexOf('?') < 0 && (slash < 0 || slash == rest.length() - 1);
    }

    private static final Set<String> FEED_NAMES = Set.of("feed", "feeds", "rss", "rss2", "atom", "rdf", "feed.json",
            "index.json", "feed.xml", "index.xml", "atom.xml", "rss.xml", "index.rss", "index.atom");

    /** @param url a canonical URL; whether its path names a feed document by the usual names for one */
    static boolean isFeed(String url) {
        String rest = url.substring(url.indexOf("//") + 2).toLowerCase(Locale.ROOT);
        int query = rest.indexOf('?');
        if (query >= 0 && rest.substring(query).matches(".*[?&]feed=.*")) {
            return true; // WordPress: /?feed=rss2
        }
        String path = query < 0 ? rest : rest.substring(0, query);
        if (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String last = path.substring(path.lastIndexOf('/') + 1);
        return path.indexOf('/') >= 0 && (FEED_NAMES.contains(last) || last.endsWith(".rss") || last.endsWith(".atom")
                || last.endsWith(".rdf") || last.endsWith(".xml"));
    }

    /**
     * The public id of an item made of entries that parted from another item (see identity.Placement), in the ingest
     * numbered {@code seq}: one no URL stands for, so no other item has it; their URLs become its aliases.
     */
    public static String publicIdOfParted(long fromItem, long seq, long feedId, String guid) {
        return "urn:feedletter:" + Hashes.of("parted:" + fromItem + ":" + seq + ":" + feedId + ":" + guid);
    }

    /** The public id of the item a canonical URL stands for. */
    public static String publicIdOf(String canonicalUrl) {
        return "urn:feedletter:" + Hashes.of(canonicalUrl);
    }

    private static String firstNonBlank(String a, String b) {
        if (a != null && !a.isBlank()) {
            return a;
        }
        return b != null && !b.isBlank() ? b : null;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}

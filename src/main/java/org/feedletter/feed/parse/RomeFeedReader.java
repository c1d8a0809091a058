package org.feedletter.feed.parse;

import com.rometools.rome.feed.WireFeed;
import com.rometools.rome.feed.atom.Content;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.atom.Link;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.rss.Guid;
import com.rometools.rome.feed.rss.Item;
import com.rometools.rome.feed.synd.SyndPerson;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.WireFeedInput;
import com.rometools.rome.io.impl.FeedParsers;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import org.jdom2.Document;
import org.jdom2.Element;

/**
 * The one class that knows Rome: reads a JDOM document in any RSS (0.90 to 2.0) or Atom (0.3, 1.0) version
 * into our records. Rome works on our hardened document and never parses XML itself.
 *
 * <p>Dates do not go through Rome: its DateParser builds about twenty SimpleDateFormats for each RFC 822 date
 * (some 40 µs when measured, more than the rest of the item), is lenient (31 February becomes 2 March), and knows zone names
 * only as far as the JDK's locale data does. {@link ItemElements} takes the date elements out before Rome
 * runs, and {@link FeedDates} reads their text. Thread-safe: Rome's parsers keep no state between documents.
 */
final class RomeFeedReader {

    private final FeedParsers parsers = new FeedParsers();
    private final WireFeedInput input = new WireFeedInput(false, Locale.US);

    ParseResult read(Document document, URI feedUrl) throws UnreadableFeedException {
        Element root = document.getRootElement();
        if (parsers.getParserFor(document) == null) {
            return new ParseResult.NotAFeed("not a feed: got an XML document with root element <"
                    + root.getQualifiedName() + "> from " + feedUrl, List.of());
        }
        if (root.getName().equals("rss") && root.getChild("channel", root.getNamespace()) == null) {
            throw new UnreadableFeedException("feed error: <rss> without a <channel>");
        }
        // From here on the document is ours to change: Rome reads it once and it is then dropped.
        List<ItemElements.Extras> extras = new ArrayList<>();
        for (Element item : ItemElements.of(root)) {
            extras.add(ItemElements.takeExtras(item, feedUrl));
        }
        ItemElements.dropUnusedFeedElements(root);
        URI feedBase = ItemElements.xmlBase(ItemElements.feedElement(root), feedUrl);
        HubLinks hubLinks = ItemElements.hubLinks(root, feedBase != null ? feedBase : feedUrl);
        WireFeed wire;
        try {
            wire = input.build(document);
        } catch (FeedException e) {
            throw new UnreadableFeedException("feed error: " + e.getMessage());
        } catch (RuntimeException e) { // Rome reports some bad values as runtime errors
            throw new UnreadableFeedException("feed error: Rome could not read this feed (" + e + ")");
        }
        Base base = new Base(feedUrl, feedBase);
        if (wire instanceof Channel channel) {
            return new ParseResult.Parsed(rss(channel, extras, base, hubLinks));
        }
        return new ParseResult.Parsed(atom((Feed) wire, extras, base, hubLinks));
    }

    private static ParsedFeed rss(Channel channel, List<ItemElements.Extras> extras, Base base, HubLinks hubLinks) {
        URI siteLink = Links.resolve(base.feed(), channel.getLink());
        List<Item> items = channel.getItems();
        List<Entry> entries = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            entries.add(rssEntry(items.get(i), channel, extrasAt(extras, i, items.size()), siteLink, base));
        }
        return new ParsedFeed(channel.getFeedType(), FeedText.htmlToText(channel.getTitle()), siteLink, entries,
                hubLinks);
    }

    private static Entry rssEntry(Item item, Channel channel, ItemElements.Extras extras, URI siteLink, Base base) {
        URI linkBase = base.forLinks(extras, siteLink);
        Guid guid = item.getGuid();
        URI link = Links.resolve(linkBase, item.getLink());
        if (link == null && guid != null && guid.isPermaLink()) {
            link = Links.resolve(null, guid.getValue());
        }
        String author = joined(extras.creators());
        EntryBuilder entry = new EntryBuilder()
                .guid(guid != null ? guid.getValue() : extras.rdfAbout())
                .link(link)
                .title(FeedText.htmlToText(item.getTitle()))
                .author(author != null ? author : FeedText.authorName(item.getAuthor()))
                .published(FeedDates.parse(extras.published()))
                .updated(FeedDates.parse(extras.updated()))
                .contentHtml(item.getContent() != null ? item.getContent().getValue() : null)
                .summaryHtml(item.getDescription() != null ? item.getDescription().getValue()
                        : extras.mediaDescription())
                .contentBase(extras.xmlBase())
                .language(extras.language())
                .language(channel.getLanguage());
        extras.categories().forEach(entry::category);
        if (item.getSource() != null) {
            entry.sourceFeed(Links.resolve(linkBase, item.getSource().getUrl())); // a feed, not the original
        }
        addOriginals(entry, extras, linkBase);
        return entry.build(base.document());
    }

    private static ParsedFeed atom(Feed feed, List<ItemElements.Extras> extras, Base base, HubLinks hubLinks) {
        URI siteLink = Links.resolve(base.feed(), alternate(feed.getAlternateLinks()));
        String feedAuthor = names(feed.getAuthors());
        List<com.rometools.rome.feed.atom.Entry> items = feed.getEntries();
        List<Entry> entries = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            entries.add(atomEntry(items.get(i), extrasAt(extras, i, items.size()), siteLink, feedAuthor, base));
        }
        return new ParsedFeed(feed.getFeedType(), text(feed.getTitleEx()), siteLink, entries, hubLinks);
    }

    private static Entry atomEntry(com.rometools.rome.feed.atom.Entry item, ItemElements.Extras extras, URI siteLink,
                                   String feedAuthor, Base base) {
        URI linkBase = base.forLinks(extras, siteLink);
        List<Content> contents = item.getContents();
        EntryBuilder entry = new EntryBuilder()
                .guid(item.getId())
                .link(Links.resolve(linkBase, alternate(item.getAlternateLinks())))
                .title(text(item.getTitleEx()))
                .author(firstNonNull(names(item.getAuthors()), joined(extras.creators()), feedAuthor))
                .published(FeedDates.parse(extras.published()))
                .updated(FeedDates.parse(extras.updated()))
                .contentHtml(contents.isEmpty() ? null : html(contents.get(0)))
                .summaryHtml(item.getSummary() != null ? html(item.getSummary()) : extras.mediaDescription())
                .contentBase(extras.xmlBase())
                .language(extras.language());
        extras.categories().forEach(entry::category);
        addOriginals(entry, extras, linkBase);
        Feed source = item.getSource();
        if (source != null) { // names the feed the entry was taken from, not the piece's original
            for (Link link : source.getOtherLinks()) {
                if ("self".equals(link.getRel())) {
                    entry.sourceFeed(Links.resolve(linkBase, link.getHref()));
                }
            }
            entry.sourceFeed(Links.resolve(linkBase, alternate(source.getAlternateLinks())));
        }
        return entry.build(base.document());
    }

    private static void addOriginals(EntryBuilder entry, ItemElements.Extras extras, URI linkBase) {
        for (String href : extras.originals()) {
            entry.declaredOriginal(Links.resolve(linkBase, href));
        }
        for (String source : extras.dcSources()) {
            entry.declaredOriginal(Links.resolve(null, source)); // only when it is an absolute URL, not "Reuters"
        }
    }

    /** The HTML page among alternate links: text/html (or untyped) first, else the first one. */
    private static String alternate(List<Link> links) {
        if (links == null || links.isEmpty()) {
            return null;
        }
        for (Link link : links) {
            String type = link.getType();
            if (type == null || type.contains("html")) {
                return link.getHref();
            }
        }
        return links.get(0).getHref();
    }

    /**
     * An Atom text construct as plain text: type="text" is literal, html and xhtml lose their markup. Atom 0.3's
     * default mode="xml" comes from Rome serialized as markup, so it is read as HTML too.
     */
    private static String text(Content content) {
        if (content == null) {
            return null;
        }
        String type = content.getType();
        boolean markup = (type != null && type.contains("html")) || Content.XML.equals(content.getMode());
        return markup ? FeedText.htmlToText(content.getValue()) : FeedText.collapseWhitespace(content.getValue());
    }

    /** Atom content as HTML: html and xhtml as they are, text escaped, anything else (base64, src=) as nothing. */
    private static String html(Content content) {
        if (content == null || content.getValue() == null) {
            return null;
        }
        if (Content.XML.equals(content.getMode())) {
            return content.getValue(); // Atom 0.3 inline XML, already serialized as markup by Rome
        }
        String type = content.getType() == null ? "text" : content.getType().toLowerCase(Locale.ROOT);
        if (type.contains("html")) {
            return content.getValue();
        }
        boolean textual = type.equals("text") || type.startsWith("text/") || type.endsWith("xml");
        return textual ? FeedText.escapeHtml(content.getValue()) : null;
    }

    private static String names(List<SyndPerson> persons) {
        if (persons == null) {
            return null;
        }
        StringJoiner names = new StringJoiner(", ");
        for (SyndPerson person : persons) {
            String name = firstNonNull(FeedText.collapseWhitespace(person.getName()),
                    FeedText.collapseWhitespace(person.getEmail()));
            if (name != null) {
                names.add(name);
            }
        }
        return names.length() == 0 ? null : names.toString();
    }

    private static String joined(List<String> values) {
        StringJoiner joined = new StringJoiner(", ");
        for (String value : values) {
            String text = FeedText.collapseWhitespace(value);
            if (text != null) {
                joined.add(text);
            }
        }
        return joined.length() == 0 ? null : joined.toString();
    }

    /** Pairs Rome's items with ours by position; should the counts ever differ, the extras are not trusted. */
    private static ItemElements.Extras extrasAt(List<ItemElements.Extras> extras, int index, int romeCount) {
        return extras.size() == romeCount ? extras.get(index) : ItemElements.Extras.NONE;
    }

    private static String firstNonNull(String... values) {
        for (String value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    /**
     * The URIs relative references resolve against.
     *
     * @param document the feed's own URL
     * @param xmlBase the feed-level xml:base, or null
     */
    private record Base(URI document, URI xmlBase) {

        /** For the feed's own links. */
        URI feed() {
            return xmlBase != null ? xmlBase : document;
        }

        /** For an item's links: its xml:base, else the site link, else the feed URL. */
        URI forLinks(ItemElements.Extras extras, URI siteLink) {
            return extras.xmlBase() != null ? extras.xmlBase() : siteLink != null ? siteLink : document;
        }
    }
}

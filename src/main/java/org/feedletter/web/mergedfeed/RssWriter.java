package org.feedletter.web.mergedfeed;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes a {@link FeedPage} as RSS 2.0: dates in RFC 822, the item's id as a guid that is not a permalink, the
 * first feed as {@code source}, authors as {@code dc:creator}, full content as {@code content:encoded}, and the
 * Atom links RSS lacks (self, hub, paging, via).
 */
final class RssWriter {

    private static final String CONTENT = "http://purl.org/rss/1.0/modules/content/";
    private static final String DC = "http://purl.org/dc/elements/1.1/";
    private static final DateTimeFormatter RFC_822 = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private final XMLOutputFactory factory = XMLOutputFactory.newFactory();

    byte[] write(FeedPage page) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        try {
            XMLStreamWriter xml = factory.createXMLStreamWriter(out, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement("rss");
            xml.writeAttribute("version", "2.0");
            xml.writeNamespace("atom", AtomWriter.ATOM);
            xml.writeNamespace("content", CONTENT);
            xml.writeNamespace("dc", DC);
            if (page.archive()) {
                xml.writeNamespace("fh", AtomWriter.HISTORY);
            }
            xml.writeStartElement("channel");
            text(xml, "title", page.title());
            text(xml, "link", page.homeUrl());
            text(xml, "description", page.description().isEmpty() ? page.title() : page.description());
            if (!page.language().isEmpty()) {
                text(xml, "language", page.language());
            }
            text(xml, "lastBuildDate", date(page.updated()));
            text(xml, "generator", "feedletter");
            for (Map.Entry<String, String> link : page.links().entrySet()) {
                atomLink(xml, link.getKey(), link.getValue(), null);
            }
            if (page.archive()) {
                xml.writeEmptyElement("fh", "archive", AtomWriter.HISTORY);
            }
            for (FeedEntry entry : page.entries()) {
                item(xml, entry);
            }
            xml.writeEndElement();
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write the RSS feed", e);
        }
        return out.toByteArray();
    }

    private static void item(XMLStreamWriter xml, FeedEntry entry) throws XMLStreamException {
        xml.writeStartElement("item");
        // Readers render an RSS title as HTML or as text: markup in it is escaped for the ones that render it.
        text(xml, "title", entry.title() != null && entry.title().indexOf('<') >= 0 ? html(entry.title()) : entry.title());
        if (entry.link() != null) {
            text(xml, "link", entry.link());
        }
        xml.writeStartElement("guid");
        xml.writeAttribute("isPermaLink", "false");
        xml.writeCharacters(entry.id());
        xml.writeEndElement();
        text(xml, "pubDate", date(entry.published()));
        if (entry.author() != null) {
            xml.writeStartElement("dc", "creator", DC);
            xml.writeCharacters(XmlText.clean(entry.author()));
            xml.writeEndElement();
        }
        for (String category : entry.categories()) {
            text(xml, "category", category);
        }
        if (entry.summary() != null) {
            text(xml, "description", html(entry.summary())); // readers render it as HTML; the summary is text
        }
        if (entry.contentHtml() != null) {
            xml.writeStartElement("content", "encoded", CONTENT);
            xml.writeCharacters(XmlText.clean(entry.contentHtml()));
            xml.writeEndElement();
        }
        if (entry.source() != null) {
            xml.writeStartElement("source");
            xml.writeAttribute("url", entry.source().feedUrl());
            xml.writeCharacters(XmlText.clean(entry.source().title()));
            xml.writeEndElement();
        }
        for (FeedEntry.Origin via : entry.via()) {
            atomLink(xml, "via", via.entryUrl() != null ? via.entryUrl() : via.feedUrl(), via.title());
        }
        xml.writeEndElement();
    }

    private static void atomLink(XMLStreamWriter xml, String rel, String href, String title) throws XMLStreamException {
        xml.writeEmptyElement("atom", "link", AtomWriter.ATOM);
        xml.writeAttribute("rel", rel);
        xml.writeAttribute("href", href);
        if (title != null) {
            xml.writeAttribute("title", XmlText.clean(title));
        }
    }

    private static void text(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeStartElement(name);
        xml.writeCharacters(XmlText.clean(value));
        xml.writeEndElement();
    }

    /** Plain text as HTML that shows it: no markup of its own survives. */
    static String html(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    static String date(Instant instant) {
        return RFC_822.format(instant);
    }
}

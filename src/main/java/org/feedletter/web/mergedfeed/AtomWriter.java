package org.feedletter.web.mergedfeed;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/** Writes a {@link FeedPage} as Atom 1.0 (RFC 4287), with RFC 5005 paging links; dates in RFC 3339. */
final class AtomWriter {

    static final String ATOM = "http://www.w3.org/2005/Atom";
    static final String HISTORY = "http://purl.org/syndication/history/1.0";

    private final XMLOutputFactory factory = XMLOutputFactory.newFactory();

    byte[] write(FeedPage page) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        try {
            XMLStreamWriter xml = factory.createXMLStreamWriter(out, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement("feed");
            xml.writeDefaultNamespace(ATOM);
            if (!page.language().isEmpty()) {
                xml.writeAttribute("xml", javax.xml.XMLConstants.XML_NS_URI, "lang", page.language());
            }
            if (page.archive()) {
                xml.writeNamespace("fh", HISTORY);
            }
            text(xml, "id", page.feedId());
            text(xml, "title", page.title());
            if (!page.description().isEmpty()) {
                text(xml, "subtitle", page.description());
            }
            text(xml, "updated", date(page.updated()));
            author(xml, page.author());
            xml.writeStartElement("generator");
            xml.writeCharacters("feedletter");
            xml.writeEndElement();
            link(xml, "alternate", page.homeUrl(), "text/html", null);
            for (Map.Entry<String, String> link : page.links().entrySet()) {
                link(xml, link.getKey(), link.getValue(), null, null);
            }
            if (page.archive()) {
                xml.writeEmptyElement("fh", "archive", HISTORY);
            }
            for (FeedEntry entry : page.entries()) {
                entry(xml, entry);
            }
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write the Atom feed", e);
        }
        return out.toByteArray();
    }

    private static void entry(XMLStreamWriter xml, FeedEntry entry) throws XMLStreamException {
        xml.writeStartElement("entry");
        text(xml, "id", entry.id());
        text(xml, "title", entry.title());
        if (entry.link() != null) {
            link(xml, "alternate", entry.link(), "text/html", null);
        }
        for (FeedEntry.Origin via : entry.via()) {
            link(xml, "via", via.entryUrl() != null ? via.entryUrl() : via.feedUrl(), null, via.title());
        }
        text(xml, "published", date(entry.published()));
        text(xml, "updated", date(entry.updated()));
        author(xml, entry.author());
        for (String category : entry.categories()) {
            xml.writeEmptyElement("category");
            xml.writeAttribute("term", category);
        }
        if (entry.summary() != null) {
            typed(xml, "summary", "text", entry.summary());
        }
        if (entry.contentHtml() != null) {
            typed(xml, "content", "html", entry.contentHtml());
        }
        if (entry.source() != null) {
            xml.writeStartElement("source");
            text(xml, "id", entry.source().feedUrl());
            text(xml, "title", entry.source().title());
            link(xml, "self", entry.source().feedUrl(), null, null);
            xml.writeEndElement();
        }
        xml.writeEndElement();
    }

    private static void author(XMLStreamWriter xml, String name) throws XMLStreamException {
        if (name != null && !name.isBlank()) {
            xml.writeStartElement("author");
            text(xml, "name", name);
            xml.writeEndElement();
        }
    }

    private static void link(XMLStreamWriter xml, String rel, String href, String type, String title)
            throws XMLStreamException {
        xml.writeEmptyElement("link");
        xml.writeAttribute("rel", rel);
        xml.writeAttribute("href", href);
        if (type != null) {
            xml.writeAttribute("type", type);
        }
        if (title != null) {
            xml.writeAttribute("title", title);
        }
    }

    private static void text(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeStartElement(name);
        xml.writeCharacters(XmlText.clean(value));
        xml.writeEndElement();
    }

    private static void typed(XMLStreamWriter xml, String name, String type, String value) throws XMLStreamException {
        xml.writeStartElement(name);
        xml.writeAttribute("type", type);
        xml.writeCharacters(XmlText.clean(value));
        xml.writeEndElement();
    }

    static String date(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }
}

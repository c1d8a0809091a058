package org.feedletter.feed.opml;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.XMLStreamWriter;

/**
 * Reads and writes OPML 2.0 subscription lists (1.0 files read as well). Reading never loads anything a file
 * points to: DTDs and entity declarations are not supported at all, so an OPML file cannot make us read a file or
 * the network.
 */
public final class Opml {

    private final XMLInputFactory inputs;
    private final XMLOutputFactory outputs = XMLOutputFactory.newDefaultFactory();

    public Opml() {
        inputs = XMLInputFactory.newDefaultFactory();
        inputs.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        inputs.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        inputs.setProperty(XMLInputFactory.IS_COALESCING, true);
    }

    /**
     * Every feed outline (type="rss" or with an xmlUrl), at any depth. Bad input is an {@link OpmlException} that
     * names what was wrong and where.
     */
    public List<OpmlOutline> read(InputStream in) throws OpmlException {
        List<OpmlOutline> feeds = new ArrayList<>();
        for (Row row : readEach(in)) {
            if (row.problem() != null) {
                throw new OpmlException("line " + row.line() + ": " + row.problem(), null);
            }
            feeds.add(row.outline());
        }
        return feeds;
    }

    /** One feed outline of a file, or what is wrong with it: one bad outline does not spoil the others. */
    public record Row(int line, OpmlOutline outline, String problem) {}

    /**
     * Every feed outline, each one read or refused on its own; only a file that is no OPML at all is an
     * {@link OpmlException}.
     */
    public List<Row> readEach(InputStream in) throws OpmlException {
        XMLStreamReader xml = null;
        try {
            xml = inputs.createXMLStreamReader(in);
            toRootElement(xml);
            if (!xml.getLocalName().equals("opml")) {
                throw new OpmlException("not an OPML file: the document is <" + xml.getLocalName() + ">, not <opml>"
                        + " (line " + xml.getLocation().getLineNumber() + ")", null);
            }
            List<Row> feeds = new ArrayList<>();
            while (xml.hasNext()) {
                if (xml.next() == XMLStreamConstants.START_ELEMENT && xml.getLocalName().equals("outline")) {
                    outline(xml).ifPresent(feeds::add);
                }
            }
            return feeds;
        } catch (XMLStreamException e) {
            int line = e.getLocation() == null ? -1 : e.getLocation().getLineNumber();
            throw new OpmlException("not readable as OPML" + (line > 0 ? " at line " + line : "") + ": "
                    + firstLine(e.getMessage()), e);
        } finally {
            close(xml);
        }
    }

    /** Skips the prolog; a DOCTYPE is refused, as OPML has none and only an attack would bring one. */
    private static void toRootElement(XMLStreamReader xml) throws XMLStreamException, OpmlException {
        int event = xml.getEventType();
        while (event != XMLStreamConstants.START_ELEMENT) {
            if (event == XMLStreamConstants.DTD) {
                throw new OpmlException("line " + xml.getLocation().getLineNumber()
                        + ": a DOCTYPE is not allowed in OPML", null);
            }
            event = xml.next();
        }
    }

    private static Optional<Row> outline(XMLStreamReader xml) {
        String feedUrl = attribute(xml, "xmlUrl");
        String type = attribute(xml, "type");
        int line = xml.getLocation().getLineNumber();
        String title = attribute(xml, "title") != null ? attribute(xml, "title") : attribute(xml, "text");
        if (feedUrl == null) {
            if ("rss".equalsIgnoreCase(type) || "atom".equalsIgnoreCase(type)) {
                return Optional.of(new Row(line, null, "a feed outline without an xmlUrl"
                        + (title == null ? "" : " ('" + title + "')")));
            }
            return Optional.empty(); // a folder, or a link that is not a feed
        }
        try {
            URI url = new URI(feedUrl.strip());
            return Optional.of(new Row(line, new OpmlOutline(url, title, siteUrl(attribute(xml, "htmlUrl"))), null));
        } catch (URISyntaxException e) {
            return Optional.of(new Row(line, null, "xmlUrl '" + feedUrl + "' is not a URL (" + e.getReason() + ")"));
        }
    }

    /** OPML files in the wild spell attributes in any case (xmlurl, XMLURL). */
    private static String attribute(XMLStreamReader xml, String name) {
        for (int i = 0; i < xml.getAttributeCount(); i++) {
            if (xml.getAttributeLocalName(i).equalsIgnoreCase(name)) {
                String value = xml.getAttributeValue(i);
                return value == null || value.isBlank() ? null : value.strip();
            }
        }
        return null;
    }

    /** The web page is only shown, so a malformed one is dropped rather than refusing the file. */
    private static URI siteUrl(String text) {
        if (text == null) {
            return null;
        }
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** Writes the feeds as OPML 2.0, UTF-8. */
    public void write(String title, List<OpmlOutline> feeds, OutputStream out) {
        try {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            XMLStreamWriter xml = outputs.createXMLStreamWriter(writer);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("opml");
            xml.writeAttribute("version", "2.0");
            xml.writeCharacters("\n  ");
            xml.writeStartElement("head");
            xml.writeCharacters("\n    ");
            xml.writeStartElement("title");
            xml.writeCharacters(title);
            xml.writeEndElement();
            xml.writeCharacters("\n  ");
            xml.writeEndElement();
            xml.writeCharacters("\n  ");
            xml.writeStartElement("body");
            for (OpmlOutline feed : feeds) {
                xml.writeCharacters("\n    ");
                writeOutline(xml, feed);
            }
            xml.writeCharacters("\n  ");
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.close();
            writer.flush();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write OPML: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeOutline(XMLStreamWriter xml, OpmlOutline feed) throws XMLStreamException {
        String text = feed.title() == null || feed.title().isBlank() ? feed.feedUrl().toString() : feed.title();
        xml.writeEmptyElement("outline");
        xml.writeAttribute("type", "rss");
        xml.writeAttribute("text", text);
        xml.writeAttribute("title", text);
        xml.writeAttribute("xmlUrl", feed.feedUrl().toString());
        if (feed.siteUrl() != null) {
            xml.writeAttribute("htmlUrl", feed.siteUrl().toString());
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "malformed XML";
        }
        // The JDK prefixes "ParseError at [row,col]:[2,3]\nMessage: ..."; the line is already said.
        int at = message.indexOf("Message: ");
        String text = at >= 0 ? message.substring(at + "Message: ".length()) : message;
        int end = text.indexOf('\n');
        return end < 0 ? text.strip() : text.substring(0, end).strip();
    }

    private static void close(XMLStreamReader xml) {
        if (xml != null) {
            try {
                xml.close();
            } catch (XMLStreamException e) {
                // nothing left to read
            }
        }
    }

    /** An OPML file that cannot be read. */
    public static final class OpmlException extends Exception {
        public OpmlException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}

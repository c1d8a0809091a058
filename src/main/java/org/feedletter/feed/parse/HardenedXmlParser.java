package org.feedletter.feed.parse;

import java.io.IOException;
import java.io.StringReader;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdom2.Document;
import org.jdom2.JDOMException;
import org.jdom2.UncheckedJDOMFactory;
import org.jdom2.input.JDOMParseException;
import org.jdom2.input.SAXBuilder;
import org.jdom2.input.sax.SAXHandler;
import org.jdom2.input.sax.XMLReaderJDOMFactory;
import org.xml.sax.EntityResolver;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;

/**
 * Builds JDOM documents from feed text without trusting it. Nothing a document says makes us read a file or
 * the network: external DTDs and entities are neither loaded nor resolved (a DOCTYPE itself is fine; RSS 0.91
 * carries one). Entity expansion, entity sizes and element depth have tight limits, so billion laughs,
 * quadratic blowup and 100,000-deep nesting fail fast instead of eating the heap or the stack.
 *
 * <p>Thread-safe. JDOM builders are not, and making one costs more than a small feed's parse, so idle
 * builders wait in a small pool; beyond its size, builders are made for the moment and then dropped.
 */
final class HardenedXmlParser {

    /** How far into a body a DOCTYPE is looked for: it belongs in the prolog. */
    private static final int PROLOG_SCAN = 4096;
    private static final Pattern EXTERNAL_ENTITY = Pattern.compile(
            "<!ENTITY\\s+(?:%\\s+)?(\\S+)\\s+(?:SYSTEM|PUBLIC\\s+(?:\"[^\"]*\"|'[^']*'))\\s+(\"[^\"]*\"|'[^']*')");

    private static final String SAX_FEATURE = "http://xml.org/sax/features/";
    private static final String EXTERNAL_GENERAL_ENTITIES = SAX_FEATURE + "external-general-entities";
    private static final String JDK_LIMIT = "http://www.oracle.com/xml/jaxp/properties/";

    /** Far above what real feeds use, far below what hurts. */
    private static final Map<String, String> LIMITS = Map.of(
            "entityExpansionLimit", "10000",
            "maxGeneralEntitySizeLimit", "100000",
            "maxParameterEntitySizeLimit", "100000",
            "totalEntitySizeLimit", "1000000",
            "entityReplacementLimit", "1000000",
            "maxElementDepth", "500",
            "elementAttributeLimit", "1000");

    /** More than the threads that parse at once on any machine we run on. */
    private static final int IDLE_BUILDERS = 32;

    /** Whatever a document asks to load, it gets nothing. */
    private static final EntityResolver NOTHING = (publicId, systemId) -> new InputSource(new StringReader(""));

    private final SAXParserFactory saxParsers;
    private final BlockingQueue<SAXBuilder> idle = new ArrayBlockingQueue<>(IDLE_BUILDERS);

    HardenedXmlParser() {
        saxParsers = SAXParserFactory.newDefaultInstance(); // the JDK's own parser, whose limits we rely on
        saxParsers.setNamespaceAware(true);
        saxParsers.setValidating(false);
        saxParsers.setXIncludeAware(false);
        try {
            saxParsers.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            saxParsers.setFeature(EXTERNAL_GENERAL_ENTITIES, false);
            saxParsers.setFeature(SAX_FEATURE + "external-parameter-entities", false);
            saxParsers.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("the JDK XML parser cannot be hardened", e);
        }
        SAXBuilder first = newBuilder();
        try {
            first.build(new StringReader("<ok/>")); // fails now, not on the first feed, if a limit is refused
        } catch (JDOMException | IOException e) {
            throw new IllegalStateException("the JDK XML parser cannot be hardened", e);
        }
        idle.add(first);
    }

    /**
     * @param xml the whole document as text
     * @param start where the markup starts: whitespace before the prolog is an error to XML, not to us
     * @throws UnreadableFeedException when it is not well-formed or breaks a limit, with line and column
     */
    Document parse(String xml, int start) throws UnreadableFeedException {
        refuseExternalEntities(xml, start);
        SAXBuilder builder = borrow();
        try {
            StringReader reader = new StringReader(xml);
            reader.skip(start);
            Document document = builder.build(reader);
            idle.offer(builder);
            return document;
        } catch (JDOMParseException e) {
            idle.offer(builder); // JDOM resets the builder after a failed parse
            throw new UnreadableFeedException(describe(e));
        } catch (JDOMException | IOException e) {
            throw new UnreadableFeedException("XML error: " + e.getMessage());
        }
    }

    /**
     * A feed that declares an external entity asks us to read a file or a URL. Nothing would be read (the parser
     * is locked down), but such a feed is hostile and is refused. An external DTD reference alone (real RSS 0.91
     * feeds carry Netscape's) stays allowed. JDOM keeps no declarations while expanding entities, so the
     * DOCTYPE's internal subset is scanned as text.
     */
    private static void refuseExternalEntities(String xml, int start) throws UnreadableFeedException {
        int doctype = xml.indexOf("<!DOCTYPE", start);
        if (doctype < 0 || doctype > start + PROLOG_SCAN) {
            return;
        }
        int subsetStart = xml.indexOf('[', doctype);
        int firstElement = xml.indexOf('>', doctype);
        if (subsetStart < 0 || subsetStart > firstElement) {
            return; // no internal subset
        }
        int subsetEnd = xml.indexOf("]>", subsetStart);
        Matcher external = EXTERNAL_ENTITY.matcher(xml).region(subsetStart, subsetEnd < 0 ? xml.length() : subsetEnd);
        if (external.find()) {
            throw new UnreadableFeedException("refused: the feed declares the external entity '" + external.group(1)
                    + "' pointing at " + external.group(2) + "; feedletter never reads files or URLs a feed names");
        }
    }

    private static String describe(JDOMParseException e) {
        Throwable cause = e.getCause();
        String message = cause instanceof SAXParseException ? cause.getMessage() : e.getMessage();
        if (e.getLineNumber() > 0) {
            return "XML error at line " + e.getLineNumber() + ", column " + e.getColumnNumber() + ": " + message;
        }
        return "XML error: " + message;
    }

    private SAXBuilder borrow() {
        SAXBuilder builder = idle.poll();
        return builder != null ? builder : newBuilder();
    }

    private SAXBuilder newBuilder() {
        SAXBuilder builder = new LockedDownBuilder(this::newReader);
        builder.setEntityResolver(NOTHING);
        builder.setJDOMFactory(new UncheckedJDOMFactory()); // the SAX parser has already checked every name
        builder.setReuseParser(true);
        return builder;
    }

    private XMLReader newReader() throws JDOMException {
        try {
            XMLReader reader;
            synchronized (saxParsers) { // a JAXP factory is not guaranteed thread-safe
                reader = saxParsers.newSAXParser().getXMLReader();
            }
            reader.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            reader.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            for (Map.Entry<String, String> limit : LIMITS.entrySet()) {
                reader.setProperty(JDK_LIMIT + limit.getKey(), limit.getValue());
            }
            return reader;
        } catch (ParserConfigurationException | SAXException e) {
            throw new JDOMException("cannot create a hardened XML reader", e);
        }
    }

    /** JDOM switches external general entities back on when it expands entities; this switches them off again. */
    private static final class LockedDownBuilder extends SAXBuilder {

        LockedDownBuilder(ReaderSource readers) {
            super(new XMLReaderJDOMFactory() {
                @Override
                public XMLReader createXMLReader() throws JDOMException {
                    return readers.create();
                }

                @Override
                public boolean isValidating() {
                    return false;
                }
            });
        }

        @Override
        protected void configureParser(XMLReader parser, SAXHandler contentHandler) throws JDOMException {
            super.configureParser(parser, contentHandler);
            try {
                parser.setFeature(EXTERNAL_GENERAL_ENTITIES, false);
            } catch (SAXException e) {
                throw new JDOMException("cannot switch off external entities", e);
            }
        }
    }

    @FunctionalInterface
    private interface ReaderSource {
        XMLReader create() throws JDOMException;
    }
}

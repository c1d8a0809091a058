package org.feedletter.feed.parse;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jdom2.Element;
import org.jdom2.Namespace;

/**
 * What we read from a feed's item and entry elements ourselves, beside Rome: the dates, xml:base, rdf:about,
 * categories in document order (RSS category, Atom category term and label, dc:subject), Dublin Core creator
 * and source (Rome reads Dublin Core for RSS 1.0 and 2.0 only), and Atom via/canonical links (also inside RSS
 * items, where Rome keeps them as foreign markup). Pure JDOM.
 */
final class ItemElements {

    private static final String ATOM_10 = "http://www.w3.org/2005/Atom";
    private static final String ATOM_03 = "http://purl.org/atom/ns#";
    private static final String DC = "http://purl.org/dc/elements/1.1/";
    private static final String DC_TERMS = "http://purl.org/dc/terms/";
    private static final String RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    private static final String IANA_RELATIONS = "http://www.iana.org/assignments/relation/";
    private static final String MEDIA_RSS = "http://search.yahoo.com/mrss/";
    private static final Set<String> UNUSED_FEED_ELEMENTS =
            Set.of("pubDate", "lastBuildDate", "updated", "modified", "skipHours", "skipDays", "cloud");

    /**
     * One item's extras.
     *
     * @param published the raw text of the best publication date element, or null
     * @param updated the raw text of the best update date element, or null
     * @param xmlBase the xml:base in scope at the item, resolved, or null when the document sets none
     * @param rdfAbout the RSS 1.0 item's rdf:about, its id; null elsewhere
     * @param categories raw category names in document order, duplicates and blanks included
     * @param originals raw Atom via/canonical hrefs, in document order
     * @param dcSources raw dc:source values, URLs or not
     * @param language the raw xml:lang in scope at the item (its own, its channel's or feed's), else its
     *     dc:language; null when neither is there
     * @param mediaDescription the Media RSS description (a video channel's or a podcast's, in the item or its
     *     media:group or media:content), as HTML; null when there is none
     */
    record Extras(String published, String updated, URI xmlBase, String rdfAbout, List<String> creators,
                  List<String> categories, List<String> originals, List<String> dcSources, String language,
                  String mediaDescription) {

        static final Extras NONE =
                new Extras(null, null, null, null, List.of(), List.of(), List.of(), List.of(), null, null);
    }

    private ItemElements() {}

    /** The item (RSS) or entry (Atom) elements, in document order, found where Rome looks for them. */
    static List<Element> of(Element root) {
        if (root.getName().equals("feed")) {
            return root.getChildren("entry", root.getNamespace());
        }
        Element channel = channel(root);
        Namespace namespace = channel != null ? channel.getNamespace() : root.getNamespace();
        if (root.getName().equals("rss")) {
            return channel == null ? List.of() : channel.getChildren("item", namespace);
        }
        return root.getChildren("item", namespace); // RDF: RSS 0.90 and 1.0 keep items beside the channel
    }

    /** The element whose xml:base applies to the whole feed: the RSS channel, else the root. */
    static Element feedElement(Element root) {
        Element channel = channel(root);
        return channel != null ? channel : root;
    }

    /**
     * Reads an item's extras and takes its date elements out of the document, so Rome does not parse them
     * again (slowly, see {@link RomeFeedReader}).
     */
    static Extras takeExtras(Element item, URI documentUrl) {
        String[] published = new String[4]; // by preference: pubDate, Atom published/issued, dc:date, created
        String[] updated = new String[2]; // Atom updated/modified, dcterms:modified
        List<String> creators = new ArrayList<>(1);
        List<String> categories = new ArrayList<>(2);
        List<String> originals = new ArrayList<>(0);
        List<String> dcSources = new ArrayList<>(0);
        List<Element> dates = new ArrayList<>(2);
        String dcLanguage = null;
        String mediaDescription = null;
        String itemNamespace = item.getNamespaceURI();
        for (Element child : item.getChildren()) {
            String namespace = child.getNamespaceURI();
            String name = child.getName();
            if (namespace.equals(itemNamespace) && !namespace.equals(ATOM_10) && !namespace.equals(ATOM_03)) {
                if (name.equals("pubDate")) {
                    published[0] = first(published[0], child, dates);
                } else if (name.equals("category")) {
                    categories.add(child.getText());
                }
            } else if (namespace.equals(ATOM_10) || namespace.equals(ATOM_03)) {
                switch (name) {
                    case "published", "issued" -> published[1] = first(published[1], child, dates);
                    case "created" -> published[3] = first(published[3], child, dates);
                    case "updated", "modified" -> updated[0] = first(updated[0], child, dates);
                    case "link" -> addOriginalLink(child, originals);
                    case "category" -> {
                        categories.add(child.getAttributeValue("term"));
                        categories.add(child.getAttributeValue("label"));
                    }
                    default -> { }
                }
            } else if (namespace.equals(DC)) {
                switch (name) {
                    case "date" -> published[2] = first(published[2], child, dates);
                    case "creator" -> creators.add(child.getText());
                    case "subject" -> categories.add(child.getText());
                    case "source" -> dcSources.add(child.getText());
                    case "language" -> dcLanguage = dcLanguage != null ? dcLanguage : child.getText();
                    default -> { }
                }
            } else if (namespace.equals(DC_TERMS)) {
                switch (name) {
                    case "modified" -> updated[1] = first(updated[1], child, null);
                    case "issued", "created" -> published[3] = first(published[3], child, null);
                    default -> { }
                }
            } else if (namespace.equals(MEDIA_RSS) && mediaDescription == null) {
                mediaDescription = mediaDescription(child);
            }
        }
        dates.forEach(item::removeContent);
        String rdfAbout = item.getAttributeValue("about", Namespace.getNamespace(RDF));
        return new Extras(firstNonNull(published), firstNonNull(updated), xmlBase(item, documentUrl), rdfAbout,
                creators, categories, originals, dcSources, xmlLang(item) != null ? xmlLang(item) : dcLanguage,
                mediaDescription);
    }

    /**
     * A media:description, of the item or of its media:group or media:content, as HTML (plain text unless its type
     * says html): what a video channel's feed (YouTube's) gives as the only text of an entry.
     */
    private static String mediaDescription(Element media) {
        if (media.getName().equals("description")) {
            String text = media.getTextTrim();
            if (text.isEmpty()) {
                return null;
            }
            return "html".equals(media.getAttributeValue("type")) ? text : FeedText.escapeHtml(text);
        }
        if (media.getName().equals("group") || media.getName().equals("content")) {
            for (Element child : media.getChildren()) {
                if (child.getNamespaceURI().equals(MEDIA_RSS)) {
                    String found = mediaDescription(child);
                    if (found != null) {
                        return found;
                    }
                }
            }
        }
        return null;
    }

    /** The xml:lang in scope at an element: its own or its nearest ancestor's; null when none is set. */
    static String xmlLang(Element element) {
        for (Element e = element; e != null; e = e.getParentElement()) {
            String lang = e.getAttributeValue("lang", Namespace.XML_NAMESPACE);
            if (lang != null) {
                return lang;
            }
        }
        return null;
    }

    /**
     * Takes feed-level elements we do not use out of the document: dates, which Rome parses slowly, and
     * skipHours, skipDays and cloud, where Rome throws on a single bad number and would cost the whole feed.
     */
    static void dropUnusedFeedElements(Element root) {
        Element feed = feedElement(root);
        List<Element> unused = new ArrayList<>(2);
        for (Element child : feed.getChildren()) {
            String name = child.getName();
            if (UNUSED_FEED_ELEMENTS.contains(name) || (name.equals("date") && child.getNamespaceURI().equals(DC))) {
                unused.add(child);
            }
        }
        unused.forEach(feed::removeContent);
    }

    /**
     * The WebSub links of the feed element: Atom {@code <link rel="hub">} and {@code <link rel="self">}, also as
     * {@code atom:link} in an RSS channel; hrefs resolved against {@code base}.
     */
    static HubLinks hubLinks(Element root, URI base) {
        List<URI> hubs = new ArrayList<>(1);
        URI self = null;
        for (Element child : feedElement(root).getChildren("link", Namespace.getNamespace(ATOM_10))) {
            String rel = child.getAttributeValue("rel");
            URI href = Links.resolve(base, child.getAttributeValue("href"));
            if (rel == null || href == null) {
                continue;
            }
            for (String each : rel.strip().split("\\s+")) {
                if (each.equalsIgnoreCase("hub")) {
                    hubs.add(href);
                } else if (each.equalsIgnoreCase("self") && self == null) {
                    self = href;
                }
            }
        }
        if (root.getName().equals("feed") && root.getNamespaceURI().equals(ATOM_03)) {
            return hubs.isEmpty() && self == null ? hubLinks03(root, base) : new HubLinks(hubs, self);
        }
        return new HubLinks(hubs, self);
    }

    /** Atom 0.3 feeds keep their links in the 0.3 namespace. */
    private static HubLinks hubLinks03(Element root, URI base) {
        List<URI> hubs = new ArrayList<>(1);
        URI self = null;
        for (Element child : root.getChildren("link", Namespace.getNamespace(ATOM_03))) {
            URI href = Links.resolve(base, child.getAttributeValue("href"));
            String rel = child.getAttributeValue("rel");
            if (href != null && "hub".equalsIgnoreCase(rel)) {
                hubs.add(href);
            } else if (href != null && "self".equalsIgnoreCase(rel) && self == null) {
                self = href;
            }
        }
        return new HubLinks(hubs, self);
    }

    /** The xml:base in scope at an element, resolved from the outermost one down; null when none is set. */
    static URI xmlBase(Element element, URI documentUrl) {
        List<String> bases = null;
        for (Element e = element; e != null; e = e.getParentElement()) {
            String base = e.getAttributeValue("base", Namespace.XML_NAMESPACE);
            if (base != null) {
                if (bases == null) {
                    bases = new ArrayList<>(2);
                }
                bases.add(base);
            }
        }
        if (bases == null) {
            return null;
        }
        URI resolved = documentUrl;
        for (int i = bases.size() - 1; i >= 0; i--) {
            resolved = Links.resolveBase(resolved, bases.get(i));
        }
        return resolved;
    }

    private static Element channel(Element root) {
        for (Element child : root.getChildren()) {
            if (child.getName().equals("channel")) {
                return child;
            }
        }
        return null;
    }

    private static void addOriginalLink(Element link, List<String> originals) {
        String rel = link.getAttributeValue("rel");
        if (rel == null) {
            return;
        }
        String relation = rel.startsWith(IANA_RELATIONS) ? rel.substring(IANA_RELATIONS.length()) : rel;
        if (relation.equals("via") || relation.equals("canonical")) {
            String href = link.getAttributeValue("href");
            if (href != null) {
                originals.add(href);
            }
        }
    }

    /** Keeps the first of repeated elements; {@code dates} collects what to take out of the document. */
    private static String first(String current, Element child, List<Element> dates) {
        if (dates != null) {
            dates.add(child);
        }
        return current != null ? current : child.getText();
    }

    private static String firstNonNull(String[] values) {
        for (String value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }
}

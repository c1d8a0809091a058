package org.feedletter.feed.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.EntityRef;
import org.jdom2.Text;
import org.jdom2.filter.Filters;
import org.jsoup.nodes.Entities;

/**
 * Mends the two mistakes that most often make a real feed ill-formed: HTML entities XML does not know
 * ({@code &nbsp;}, {@code &eacute;}) and a bare ampersand ("AT&T"). {@link #heal} runs only after a document
 * failed to parse, so well-formed feeds never pay for it; CDATA sections are left alone.
 */
final class XmlHealer {

    private static final Set<String> XML_ENTITIES = Set.of("amp", "lt", "gt", "quot", "apos");
    private static final int LONGEST_NAME = 40;

    private XmlHealer() {}

    /** The mended text, or the same instance when there was nothing to mend. */
    static String heal(String xml) {
        StringBuilder out = null;
        int copied = 0;
        int i = 0;
        while (i < xml.length()) {
            char c = xml.charAt(i);
            if (c == '<' && xml.startsWith("<![CDATA[", i)) {
                int end = xml.indexOf("]]>", i);
                i = end < 0 ? xml.length() : end + 3;
                continue;
            }
            if (c != '&') {
                i++;
                continue;
            }
            int end = referenceEnd(xml, i);
            String replacement = end < 0 ? "&amp;" : replacement(xml.substring(i + 1, end));
            if (replacement != null) {
                if (out == null) {
                    out = new StringBuilder(xml.length() + 64);
                }
                out.append(xml, copied, i).append(replacement);
                copied = end < 0 ? i + 1 : end + 1;
            }
            i = end < 0 ? i + 1 : end + 1;
        }
        return out == null ? xml : out.append(xml, copied, xml.length()).toString();
    }

    /**
     * Puts the characters back for HTML entities the parser skipped. A document that names an external DTD (RSS
     * 0.91 names Netscape's, which declares the HTML entities) is well-formed with {@code &nbsp;} in it, but as
     * we never load that DTD the parser leaves an empty entity reference where the text should be.
     */
    static void restoreSkippedHtmlEntities(Document document) {
        if (document.getDocType() == null) {
            return; // without a DTD an undeclared entity is an error, never skipped
        }
        List<EntityRef> skipped = new ArrayList<>();
        document.getDescendants(Filters.entityref()).forEach(skipped::add);
        for (EntityRef reference : skipped) {
            Element parent = reference.getParent();
            if (parent != null && Entities.isNamedEntity(reference.getName())) {
                parent.setContent(parent.indexOf(reference), new Text(Entities.getByName(reference.getName())));
            }
        }
    }

    /** Index of the ';' closing a well-formed reference starting at {@code amp}, or -1 for a bare '&'. */
    private static int referenceEnd(String xml, int amp) {
        int limit = Math.min(xml.length(), amp + LONGEST_NAME);
        for (int i = amp + 1; i < limit; i++) {
            char c = xml.charAt(i);
            if (c == ';') {
                return i > amp + 1 ? i : -1;
            }
            boolean nameChar = Character.isLetterOrDigit(c) || c == '#' || c == '.' || c == '-' || c == '_' || c == ':';
            if (!nameChar) {
                return -1;
            }
        }
        return -1;
    }

    /** A numeric reference for an HTML entity name; null to keep the reference as it is. */
    private static String replacement(String name) {
        if (name.charAt(0) == '#' || XML_ENTITIES.contains(name) || !Entities.isNamedEntity(name)) {
            return null; // numeric, predefined, or possibly declared in the document's DTD
        }
        String value = Entities.getByName(name);
        StringBuilder numeric = new StringBuilder();
        value.codePoints().forEach(cp -> numeric.append("&#").append(cp).append(';'));
        return numeric.toString();
    }
}

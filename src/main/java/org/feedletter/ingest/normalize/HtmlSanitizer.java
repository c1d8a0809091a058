package org.feedletter.ingest.normalize;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.safety.Safelist;
import org.jsoup.select.NodeFilter;

/**
 * Makes feed HTML safe to show in a mail client, a feed reader or a browser: only formatting, links, images and
 * tables survive; no script, style, iframe, form, SVG, event handler attributes or inline styles; links only
 * http(s) and mailto (so no {@code javascript:} or {@code data:}); relative links made absolute.
 *
 * <p>The rules are jsoup's "relaxed" safelist plus a few harmless tags ({@link #SAFELIST}, which tests also hand to
 * jsoup's own validator). They are applied in place on jsoup's parse rather than with jsoup's Cleaner, which copies
 * the tree and resolves every link through java.net.URL (a global lock): that made sanitizing the slowest step of
 * ingest.
 */
public final class HtmlSanitizer {

    /** The allow-list, as a jsoup Safelist. */
    public static final Safelist SAFELIST = Safelist.relaxed()
            .addTags("figure", "figcaption", "hr", "del", "ins", "s", "mark", "abbr", "time")
            .addAttributes("abbr", "title")
            .addAttributes("time", "datetime")
            .removeProtocols("a", "href", "ftp")
            .addEnforcedAttribute("a", "rel", "noopener noreferrer");

    private static final Set<String> TAGS = Set.of("a", "b", "blockquote", "br", "caption", "cite", "code", "col",
            "colgroup", "dd", "div", "dl", "dt", "em", "h1", "h2", "h3", "h4", "h5", "h6", "i", "img", "li", "ol", "p",
            "pre", "q", "small", "span", "strike", "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th",
            "thead", "tr", "u", "ul", "figure", "figcaption", "hr", "del", "ins", "s", "mark", "abbr", "time");
    private static final Map<String, Set<String>> ATTRIBUTES = Map.ofEntries(
            Map.entry("a", Set.of("href", "title")),
            Map.entry("blockquote", Set.of("cite")),
            Map.entry("col", Set.of("span", "width")),
            Map.entry("colgroup", Set.of("span", "width")),
            Map.entry("img", Set.of("align", "alt", "height", "src", "title", "width")),
            Map.entry("ol", Set.of("start", "type")),
            Map.entry("q", Set.of("cite")),
            Map.entry("table", Set.of("summary", "width")),
            Map.entry("td", Set.of("abbr", "axis", "colspan", "rowspan", "width")),
            Map.entry("th", Set.of("abbr", "axis", "colspan", "rowspan", "scope", "width")),
            Map.entry("ul", Set.of("type")),
            Map.entry("abbr", Set.of("title")),
            Map.entry("time", Set.of("datetime")));
    /** URL attributes and the schemes they may use. */
    private static final Map<String, Set<String>> URL_SCHEMES = Map.of(
            "a href", Set.of("http", "https", "mailto"),
            "blockquote cite", Set.of("http", "https"),
            "img src", Set.of("http", "https"),
            "q cite", Set.of("http", "https"));
    /** Elements removed with everything inside them; other unknown elements are unwrapped and their text kept. */
    private static final Set<String> DROPPED_WITH_CONTENT = Set.of("script", "style", "iframe", "frame", "frameset",
            "object", "embed", "applet", "noscript", "noembed", "noframes", "template", "svg", "math", "textarea",
            "select", "option", "optgroup", "button", "input", "head", "title", "meta", "link", "base", "canvas",
            "audio", "video", "source", "track", "param", "xmp", "plaintext", "dialog", "portal");
    private static final int MAX_HTML_CHARS = 400_000;

    /** The safe HTML and its plain text. {@code baseUri} resolves relative links; it may be null. */
    public SanitizedHtml sanitize(String html, String baseUri) {
        if (html == null || html.isBlank()) {
            return SanitizedHtml.EMPTY;
        }
        URI base = base(baseUri);
        Set<Element> furniture = Collections.newSetFromMap(new IdentityHashMap<>());
        SanitizedHtml sanitized = CleanTreeWriter.write(cleanBody(html, base, furniture), html.length(), furniture);
        if (sanitized.html().length() > MAX_HTML_CHARS) {
            // Cutting HTML leaves open tags; one more pass closes them (and may run a little over: that is fine).
            String cut = sanitized.html().substring(0, MAX_HTML_CHARS);
            SanitizedHtml shorter = CleanTreeWriter.write(cleanBody(cut, base, new HashSet<>()), cut.length());
            sanitized = new SanitizedHtml(shorter.html(), shorter.text(), sanitized.prose());
        }
        return sanitized;
    }

    static Element cleanBody(String html, URI base) {
        return cleanBody(html, base, new HashSet<>());
    }

    /** @param furniture gets the elements that are page furniture, not the piece ({@link Furniture}) */
    static Element cleanBody(String html, URI base, Set<Element> furniture) {
        Document document = Jsoup.parseBodyFragment(html, "");
        document.outputSettings().prettyPrint(false);
        Element body = document.body();
        clean(body, base, furniture);
        return body;
    }

    private static void clean(Element body, URI base, Set<Element> furniture) {
        List<Element> unwrap = new ArrayList<>();
        body.filter(new NodeFilter() {
            @Override
            public FilterResult head(Node node, int depth) {
                if (node == body || node instanceof TextNode) {
                    return FilterResult.CONTINUE;
                }
                if (!(node instanceof Element element)) {
                    return FilterResult.REMOVE; // comments, data, doctype, processing instructions
                }
                String tag = element.normalName();
                if (DROPPED_WITH_CONTENT.contains(tag)) {
                    return FilterResult.REMOVE;
                }
                boolean isFurniture = Furniture.is(element, tag); // before its class and id go
                if (isFurniture) {
                    furniture.add(element);
                }
                if (TAGS.contains(tag)) {
                    keepSafeAttributes(element, tag, base);
                } else if (isFurniture) {
                    element.tagName("div"); // kept as a block, so the text it holds is known as furniture
                    element.clearAttributes();
                } else {
                    unwrap.add(element);
                }
                return FilterResult.CONTINUE;
            }
        });
        for (int i = unwrap.size() - 1; i >= 0; i--) {
            unwrap.get(i).unwrap();
        }
    }

    private static void keepSafeAttributes(Element element, String tag, URI base) {
        Set<String> allowed = ATTRIBUTES.getOrDefault(tag, Set.of());
        List<String> remove = new ArrayList<>();
        for (Attribute attribute : element.attributes()) {
            String name = attribute.getKey().toLowerCase(Locale.ROOT);
            if (!allowed.contains(name)) {
                remove.add(attribute.getKey());
                continue;
            }
            Set<String> schemes = URL_SCHEMES.get(tag + " " + name);
            if (schemes != null) {
                String url = safeUrl(attribute.getValue(), base, schemes);
                if (url == null) {
                    remove.add(attribute.getKey());
                } else {
                    attribute.setValue(url);
                }
            }
        }
        remove.forEach(element::removeAttr);
        if (tag.equals("a")) {
            element.attr("rel", "noopener noreferrer");
        }
    }

    /** The absolute URL if its scheme is allowed, else null. Browsers ignore whitespace and controls in URLs; so do we. */
    static String safeUrl(String value, URI base, Set<String> schemes) {
        StringBuilder compact = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c > ' ' && c != 0x7f) {
                compact.append(c);
            }
        }
        String url = compact.toString();
        String scheme = scheme(url);
        if (scheme != null) {
            return schemes.contains(scheme) ? url : null;
        }
        if (base == null || url.isEmpty()) {
            return null;
        }
        try {
            URI resolved = base.resolve(url.replace(" ", "%20"));
            String resolvedScheme = resolved.getScheme() == null ? null : resolved.getScheme().toLowerCase(Locale.ROOT);
            return resolvedScheme != null && schemes.contains(resolvedScheme) ? resolved.toString() : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The lower-cased scheme, or null for a relative reference. */
    private static String scheme(String url) {
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c == ':') {
                return i == 0 ? null : url.substring(0, i).toLowerCase(Locale.ROOT);
            }
            if (c == '/' || c == '?' || c == '#') {
                return null;
            }
        }
        return null;
    }

    private static URI base(String baseUri) {
        if (baseUri == null || baseUri.isBlank()) {
            return null;
        }
        try {
            URI base = new URI(baseUri.strip());
            return base.isAbsolute() ? base : null;
        } catch (Exception e) {
            return null;
        }
    }

    /**
     * Sanitized HTML with the opening of its text (up to 2,000 characters), from one parse; and of its prose, the text
     * without page furniture (see {@link CleanTreeWriter#write(Element, int, Set)}), which identity compares.
     */
    public record SanitizedHtml(String html, String text, String prose) {
        public static final SanitizedHtml EMPTY = new SanitizedHtml("", "", "");

        public SanitizedHtml(String html, String text) {
            this(html, text, text);
        }
    }
}

package org.feedletter.ingest.normalize;

import java.util.ArrayDeque;
import java.util.Set;
import org.feedletter.identity.Words;
import org.feedletter.ingest.normalize.HtmlSanitizer.SanitizedHtml;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeVisitor;

/**
 * Writes a sanitized tree as HTML and takes the opening of its text, in one walk. Only what {@link HtmlSanitizer}
 * keeps reaches it (allowed elements with allowed attributes, and text), so it writes just that, escaped as jsoup
 * writes it (its output is compared with jsoup's in {@code CleanTreeWriterTest}).
 *
 * <p>Here for speed, in place of jsoup's serializer and a second walk for the text, which together were a sixth of
 * ingest's profile. Measured with {@code bench/run ingest} (100,000 entries, H2): round 2 went from 5,647 to 6,033
 * items/s (CPU 33.8 to 32.1 s), but in one step with another change (near-duplicate evidence formatted once), so
 * this writer's own share was not measured apart; appending text with nothing to escape as one string was put at
 * about 5 % more. See docs/BENCHMARKS.md, "Ingest at scale": "Earlier runs (before session 13)" (the row "and the
 * sanitized tree written in one walk" and the profile notes under it) and "Session 14".
 */
final class CleanTreeWriter implements NodeVisitor {

    /** The first characters of text, whitespace collapsed: all any caller reads of it. */
    static final int MAX_TEXT_CHARS = 2000;
    private static final Set<String> VOID = Set.of("br", "col", "hr", "img");
    private static final char[] SPACE = {' '};

    /** A block before the piece's first paragraph with fewer words is furniture: "Reading time: 3 min", a byline. */
    static final int MIN_PROSE_WORDS = 8;

    private final Element root;
    private final StringBuilder html;
    private final StringBuilder text = new StringBuilder(512);
    /** The text without page furniture (see {@link #prose}), once it differs from {@link #text}. */
    private final StringBuilder prose = new StringBuilder(512);
    /**
     * Whether the prose is still the text: in most entries it always is (no furniture), and is then not built twice.
     * Until the first furniture or cut block, {@link #prose} is empty and {@link #text} stands for it.
     */
    private boolean proseIsText = true;
    private final Set<Element> furniture;
    /** How many furniture elements the walk is inside. */
    private int inFurniture;
    /** Whether the piece's prose has begun: a block of enough words, or text outside any block. */
    private boolean proseBegun;
    /** Where each open block's prose began, while none has begun. */
    private final ArrayDeque<Integer> openBlocks = new ArrayDeque<>();
    /** Each text and attribute value copied here in turn: array loops, as a String's checks its coder each time. */
    private char[] chars = new char[256];

    private CleanTreeWriter(Element root, int sizeHint, Set<Element> furniture) {
        this.root = root;
        this.html = new StringBuilder(sizeHint + 256);
        this.furniture = furniture;
    }

    /** The HTML inside {@code root} (not {@code root} itself) and its text. */
    static SanitizedHtml write(Element root, int sizeHint) {
        return write(root, sizeHint, Set.of());
    }

    /**
     * The HTML inside {@code root} (not {@code root} itself), its text, and its prose: the text without page
     * furniture, which is the {@code furniture} elements' text and, before the first block of at least
     * {@link #MIN_PROSE_WORDS} words, every shorter block (an audio player's "Listen to this article 0:54", "Reading
     * time: 3 min", an author's name and title above the piece, "Key points").
     */
    static SanitizedHtml write(Element root, int sizeHint, Set<Element> furniture) {
        CleanTreeWriter writer = new CleanTreeWriter(root, sizeHint, furniture);
        root.traverse(writer);
        String text = cut(writer.text);
        String prose = writer.proseIsText ? text : cut(writer.prose);
        // All furniture by these rules (a piece wrapped whole in a figure or a named box): then it is the piece.
        return new SanitizedHtml(writer.html.toString(), text, prose.isEmpty() ? text : prose);
    }

    private static String cut(StringBuilder text) {
        String opening = text.toString().strip();
        return opening.length() > MAX_TEXT_CHARS ? opening.substring(0, MAX_TEXT_CHARS) : opening;
    }

    @Override
    public void head(Node node, int depth) {
        if (node instanceof TextNode textNode) {
            String value = textNode.getWholeText();
            int proseBefore = proseLength(); // before the text grows: it may stand for the prose
            boolean inChars = needsEscaping(value);
            if (inChars) {
                int copied = copy(value); // first: it may replace the buffer
                escape(chars, copied, false);
            } else {
                html.append(value); // most text: one array copy, where appending a part goes char by char
            }
            if (text.length() <= MAX_TEXT_CHARS) { // a character more than kept, so the cut ends as it would
                int wanted = Math.min(value.length(), MAX_TEXT_CHARS + 1 - text.length());
                int copied = inChars ? wanted : copy(value, wanted); // escaping copied it whole already
                appendCollapsed(text, chars, copied); // after copy(): it may replace the buffer
            }
            if (inFurniture == 0 && proseBefore <= MAX_TEXT_CHARS) {
                if (!proseIsText) {
                    int copied = copy(value, Math.min(value.length(), MAX_TEXT_CHARS + 1 - prose.length()));
                    appendCollapsed(prose, chars, copied);
                }
                if (openBlocks.isEmpty() && !proseBegun && !value.isBlank()) {
                    proseBegun = true; // text outside any block: a plain text, no furniture to tell
                }
            }
        } else if (node instanceof Element element && node != root) {
            boolean isFurniture = furniture.contains(element);
            if (isFurniture) {
                proseApart(); // before the text's space: the prose has none for furniture
            }
            boolean block = element.isBlock();
            // A line break parts words as a block does, as in jsoup's text(): "<b>Title</b><br>Text" is two lines.
            boolean parts = block || element.normalName().equals("br");
            if (parts && text.length() > 0 && text.length() <= MAX_TEXT_CHARS) {
                appendCollapsed(text, SPACE, 1);
            }
            if (isFurniture) {
                inFurniture++;
            } else if (inFurniture == 0 && parts) {
                if (!proseIsText && prose.length() > 0 && prose.length() <= MAX_TEXT_CHARS) {
                    appendCollapsed(prose, SPACE, 1);
                }
                if (block && !proseBegun) {
                    openBlocks.push(proseLength());
                }
            }
            html.append('<').append(element.normalName());
            for (Attribute attribute : element.attributes()) {
                html.append(' ').append(attribute.getKey()).append("=\"");
                int copied = copy(attribute.getValue()); // first: it may replace the buffer
                escape(chars, copied, true);
                html.append('"');
            }
            html.append('>');
        }
    }

    @Override
    public void tail(Node node, int depth) {
        if (node instanceof Element element && node != root) {
            if (!VOID.contains(element.normalName())) {
                html.append("</").append(element.normalName()).append('>');
            }
            if (furniture.contains(element)) {
                inFurniture--;
            } else if (inFurniture == 0 && element.isBlock() && !proseBegun && !openBlocks.isEmpty()) {
                int start = openBlocks.pop();
                StringBuilder sofar = proseIsText ? text : prose;
                if (Words.count(sofar.substring(start), MIN_PROSE_WORDS) >= MIN_PROSE_WORDS) {
                    proseBegun = true;
                    openBlocks.clear();
                } else if (start < sofar.length()) {
                    proseApart();
                    prose.setLength(start); // a short block before the piece begins: furniture
                }
            }
        }
    }

    private int proseLength() {
        return proseIsText ? text.length() : prose.length();
    }

    /** From here on the prose is built apart from the text: it leaves something out. */
    private void proseApart() {
        if (proseIsText) {
            prose.append(text);
            proseIsText = false;
        }
    }

    /**
     * As jsoup escapes for UTF-8 output: markup characters, the no-break space and (in attributes) quotes as
     * entities, a surrogate without its pair as a character reference, nothing else.
     */
    private void escape(char[] value, int length, boolean inAttribute) {
        int copied = 0;
        for (int i = 0; i < length; i++) {
            char c = value[i];
            if (c > '>' && c < '\u00A0') {
                continue; // letters, digits and most punctuation: the common case, checked first
            }
            String entity = switch (c) {
                case '&' -> "&amp;";
                case '\u00A0' -> "&nbsp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> inAttribute ? "&quot;" : null;
                default -> null;
            };
            if (entity == null && Character.isSurrogate(c)) {
                boolean paired = Character.isHighSurrogate(c) && i + 1 < length
                        && Character.isLowSurrogate(value[i + 1]);
                if (paired) {
                    i++;
                    continue;
                }
                entity = "&#x" + Integer.toHexString(c) + ";";
            }
            if (entity != null) {
                html.append(value, copied, i - copied).append(entity);
                copied = i + 1;
            }
        }
        html.append(value, copied, length - copied);
    }

    /** Whether text holds a character {@link #escape} changes outside attributes. */
    private static boolean needsEscaping(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c > '>' && c < '\u00A0') {
                continue; // letters, digits and most punctuation
            }
            if (c == '&' || c == '<' || c == '>' || c == '\u00A0' || Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /** Copies {@code value} into {@link #chars}, grown as needed, and returns its length. */
    private int copy(String value) {
        return copy(value, value.length());
    }

    /** Copies the first {@code length} characters of {@code value} into {@link #chars}; returns {@code length}. */
    private int copy(String value, int length) {
        if (length > chars.length) {
            chars = new char[Math.max(length, chars.length * 2)];
        }
        value.getChars(0, length, chars, 0);
        return length;
    }

    /** Runs of non-space characters appended whole: most of a text is words. */
    private static void appendCollapsed(StringBuilder text, char[] part, int length) {
        int i = 0;
        while (i < length && text.length() <= MAX_TEXT_CHARS) {
            if (isSpace(part[i])) {
                if (text.length() > 0 && text.charAt(text.length() - 1) != ' ') {
                    text.append(' ');
                }
                i++;
            } else {
                int start = i;
                while (i < length && !isSpace(part[i])) {
                    i++;
                }
                text.append(part, start, i - start);
            }
        }
    }

    /** Java's whitespace and the no-break space; between the space and U+1680 only the latter is either. */
    static boolean isSpace(char c) {
        if (c <= ' ') {
            return c == ' ' || Character.isWhitespace(c);
        }
        return c == '\u00A0' || (c >= '\u1680' && Character.isWhitespace(c));
    }
}

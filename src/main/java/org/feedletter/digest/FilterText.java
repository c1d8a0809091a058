package org.feedletter.digest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

/** Comparisons that ignore letter case and runs of (non-breaking) spaces; and the folded form of a type's name. */
final class FilterText {

    private static final Pattern SPACES = Pattern.compile("[\\s\\u00A0\\u2007\\u202F]+");
    private static final Pattern NOT_LETTERS = Pattern.compile("[^\\p{L}\\p{N}]+");
    /** What ends a label or a title prefix: "Quick Comment: ...", "Quick Comment – ...", "Quick Comment | ...". */
    private static final Pattern LABEL_END = Pattern.compile("\\s*[:|–—]\\s*|\\s+-\\s+|\\s*\\n\\s*");
    private static final String NOT_IN_A_WORD = "(?<![\\p{L}\\p{N}_])";
    private static final String END_OF_WORD = "(?![\\p{L}\\p{N}_])";
    /** Words whose final s is not a plural's. */
    private static final Set<String> NOT_PLURALS = Set.of("news", "series", "analysis", "bus", "gas", "lens");
    private static final int TOP_LINES = 3;

    private FilterText() {}

    static String normalize(String text) {
        return SPACES.matcher(text).replaceAll(" ").strip().toLowerCase(Locale.ROOT);
    }

    /**
     * A category, label or title prefix as compared: letter case, hyphens, punctuation and plurals folded, so
     * "Quick comments", "quick-comment", "QUICK COMMENT" and "[Quick Comment]" are one.
     */
    static String fold(String text) {
        String words = NOT_LETTERS.matcher(text.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
        if (words.isEmpty()) {
            return words;
        }
        StringBuilder folded = new StringBuilder(words.length());
        for (String word : words.split(" ")) {
            if (folded.length() > 0) {
                folded.append(' ');
            }
            folded.append(singular(word));
        }
        return folded.toString();
    }

    private static String singular(String word) {
        if (word.length() <= 3 || NOT_PLURALS.contains(word)) {
            return word;
        }
        if (word.endsWith("ies")) {
            return word.substring(0, word.length() - 3) + "y";
        }
        if (word.endsWith("ss") || word.endsWith("us") || word.endsWith("is") || !word.endsWith("s")) {
            return word;
        }
        return word.substring(0, word.length() - 1);
    }

    /**
     * What stands before a line's first separator ("Quick Comment" of "Quick Comment: Ukraine's grain"), folded;
     * empty when the line has no separator.
     */
    static String foldedHead(String line) {
        return head(line).map(FilterText::fold).orElse("");
    }

    /**
     * The line after its first separator when what stands before it folds to one of {@code heads}
     * ("Central bank pauses" of "Quick Comment: Central bank pauses"), else the line as it is.
     */
    static String withoutHead(String line, Set<String> heads) {
        var separator = LABEL_END.matcher(line);
        if (separator.find() && separator.start() > 0 && separator.end() < line.length()
                && heads.contains(fold(line.substring(0, separator.start())))) {
            return line.substring(separator.end()).strip();
        }
        return line;
    }

    /** What stands before a line's first separator, as written; empty when there is none. */
    static Optional<String> head(String line) {
        var separator = LABEL_END.matcher(line);
        return separator.find() && separator.start() > 0 ? Optional.of(line.substring(0, separator.start()).strip())
                : Optional.empty();
    }

    /**
     * The first lines of an item's text, where a publisher puts a label: the excerpt's start, then the HTML's lines
     * as a reader sees them (each block element, each {@code <br>}, starts one).
     */
    static List<String> topLines(String excerpt, String contentHtml) {
        List<String> lines = new ArrayList<>();
        if (excerpt != null && !excerpt.isBlank()) {
            lines.add(excerpt.strip());
        }
        if (contentHtml != null && !contentHtml.isBlank()) {
            lines.addAll(firstLines(body(contentHtml), TOP_LINES));
        }
        return lines;
    }

    private static List<String> firstLines(Element body, int count) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        Runnable endLine = () -> {
            String text = SPACES.matcher(line).replaceAll(" ").strip();
            if (!text.isEmpty()) {
                lines.add(text);
            }
            line.setLength(0);
        };
        NodeTraversor.filter(new NodeFilter() {
            @Override
            public FilterResult head(Node node, int depth) {
                if (node instanceof TextNode text) {
                    line.append(text.text());
                } else if (node instanceof Element e && (e.isBlock() || e.normalName().equals("br"))) {
                    endLine.run();
                }
                return lines.size() >= count ? FilterResult.STOP : FilterResult.CONTINUE;
            }

            @Override
            public FilterResult tail(Node node, int depth) {
                if (node instanceof Element e && e.isBlock()) {
                    endLine.run();
                }
                return lines.size() >= count ? FilterResult.STOP : FilterResult.CONTINUE;
            }
        }, body);
        if (lines.size() < count) {
            endLine.run();
        }
        return lines.subList(0, Math.min(count, lines.size()));
    }

    /** The item's whole text in plain words: the excerpt, then the content without its markup. */
    static String wholeText(String excerpt, String contentHtml) {
        String content = contentHtml == null || contentHtml.isBlank() ? null : body(contentHtml).text();
        if (content == null) {
            return excerpt;
        }
        return excerpt == null ? content : excerpt + "\n" + content;
    }

    /** The last HTML parsed on this thread, and its body: the rules that read one item's text parse it once. */
    private static final ThreadLocal<Object[]> LAST_PARSED = new ThreadLocal<>();

    /**
     * The parsed body of {@code html}; the same string asked for again on this thread (the next rule on the same
     * item) gets the same parse. Nothing changes a parsed body here, so sharing it is safe.
     */
    private static Element body(String html) {
        Object[] last = LAST_PARSED.get();
        if (last != null && last[0] == html) {
            return (Element) last[1];
        }
        Element body = Jsoup.parseBodyFragment(html).body();
        LAST_PARSED.set(new Object[] {html, body});
        return body;
    }

    /** "cyber attack" finds "Cyber  attack," but not "cyberattacks". */
    static Pattern wholeWords(String keyword) {
        List<String> words = Arrays.stream(SPACES.split(keyword.strip())).map(Pattern::quote).toList();
        return Pattern.compile(NOT_IN_A_WORD + String.join(SPACES.pattern(), words) + END_OF_WORD,
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }
}

package org.feedletter.ingest.normalize;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.feedletter.identity.Words;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;

/**
 * A copy's statement that it was first published elsewhere: "This commentary was first published by <a>the
 * Institute</a>", "Republished with permission", "Originally appeared on ...". Only a short block at the start or
 * the end of a text counts (an editor's note), and only when it speaks of the text itself: a piece's own prose that
 * says "our analysis, first published last week, argued ..." declares nothing. The links in such a note name the
 * original; the note itself is no part of the piece, so it is left out of the text that is compared.
 *
 * <p>Its words are known in the languages below; in any other, a note is known by its form alone: a short block of
 * its own opening or closing the text, set apart (all of it emphasized, as editors set such lines), linking to one
 * page on another site. Such a note says less than a statement, so identity asks more of the two entries before it
 * takes the page as the original ({@code stated} false).
 *
 * @param links the URLs linked from the note, as written (absolute after sanitizing); empty when it has none
 * @param note the note's text, or null when there is none
 * @param stated its words say the text was published elsewhere first; false for a note known by its form alone
 */
public record Attribution(List<String> links, String note, boolean stated) {

    static final Attribution NONE = new Attribution(List.of(), null, false);

    /** A note is an editor's line, not a paragraph of the piece. */
    private static final int MAX_NOTE_WORDS = 60;
    /**
     * A block this short may be a note as a whole; in a longer one only its first or last sentence may, unless all
     * of it is emphasized (set apart) and it is within {@link #MAX_NOTE_WORDS}.
     */
    private static final int MAX_NOTE_BLOCK_WORDS = 40;
    private static final Pattern SENTENCE_END = Pattern.compile("[.!?…](?=\\s+|$)|[。！？]");
    /** Looked for in so many characters at each end of a text before anything is parsed. */
    private static final int ENDS = 500;

    private static final String NOTE = "^\\W*(?:editor'?s note|note|nota|hinweis|anm\\.?|uwaga)?\\W*";
    /**
     * Word stems a note has one of, for a cheap first look at the ends of a text (most texts have none): a scan for
     * each in the lower-cased ends, not a regex over them, which took a third of ingest's time.
     */
    private static final List<String> NOTE_STEMS = List.of("publish", "appear", "republ", "reprint", "repost",
            "re-post", "cross-post", "crosspost", "permission", "erschien", "erstver", "ursprünglich", "publicera",
            "publié", "paru ", "pierwotnie", "ukazał", "opublikowan", "опубл", "originally", "first ran", "reading",
            "read the", "read more", "read it", "weiterlesen", "la suite", "czytaj", "läs mer", "läs hela",
            "erstmals", "verscheen", "verschenen", "gepubliceerd", "publicad", "publicat", "pubblicat", "apparso",
            "apparsa", "apareci", "aparegu", "publiceret", "offentliggjort", "publisert", "původně", "pôvodne",
            "syndicated", "leyendo", "a ler", " lendo", "leggere", "llegi", "llegeix", "leggi", "leia ", "lee el",
            "lee la", "leer el", "leer la", "ler o ", "ler a ", "lees verder", "verder lezen", "lees het", "s videre",
            "s hele", "lue koko", "čtěte", "čítajte", "читат", "читайте", "devamını", "首发", "原载", "原刊", "原文",
            "转载", "轉載", "转自", "初出", "転載", "掲載");
    private static final String PIECE = "(?:article|commentary|comment|text|piece|analysis|post|op-ed|essay|column"
            + "|interview|brief|note|story|version|blog post|publication)";
    private static final Pattern STATEMENT = Pattern.compile("(?iuU)" + NOTE + "(?:"
            // "This commentary was first published by", "The article below was originally published in"
            + "(?:this|the following|the)\\s+(?:\\w+\\s+){0,2}" + PIECE + "\\s+(?:\\w+\\s+){0,2}"
            + "(?:was|were|is|has been|had been)\\s+(?:\\w+\\s+)?(?:first|originally|initially|previously)\\s+"
            + "(?:published|posted|printed|run|ran|appeared)"
            // "Originally published by", "First appeared on"
            + "|(?:originally|first|initially|previously)\\s+(?:published|posted|appeared|printed|ran)\\s+"
            + "(?:by|in|on|at|as)\\b"
            // "Republished with permission", "Reprinted courtesy of", "Cross-posted from"
            + "|(?:re-?published|reprinted|re-?posted|cross-?posted)\\b"
            + "|published\\b.{0,60}?\\b(?:with (?:the )?(?:kind )?permission|courtesy of|in partnership with)"
            + "|(?:\\w+\\s+){0,3}(?:erschien zuerst|ist zuerst|wurde zuerst|zuerst erschienen|"
            + "ursprünglich (?:veröffentlicht|erschienen)|erstveröffentlich)"
            + "|(?:\\w+\\s+){0,3}(?:publicerades först|publicerades ursprungligen|först publicerad)"
            + "|(?:\\w+\\s+){0,3}erschien\\s+(?:ursprünglich|erstmals|zuerst)|erstmals (?:erschienen|veröffentlicht)"
            + "|(?:\\w+\\s+){0,3}(?:publié initialement|initialement publié|publié d'abord|paru initialement|"
            + "d'abord paru|publié pour la première fois|publié à l'origine|paru à l'origine)"
            // Dutch: "Deze reactie verscheen eerder op", "Dit rapport verscheen op de website van", "Oorspronkelijk
            // gepubliceerd op"
            + "|(?:\\w+\\s+){0,3}(?:verscheen|is verschenen)\\s+(?:eerder|eerst|oorspronkelijk|al|ook)\\b"
            + "|(?:\\w+\\s+){0,3}verscheen\\s+(?:op|in|bij)\\s+(?:de\\s+|het\\s+)?(?:website|site|blog|weblog)\\b"
            + "|(?:\\w+\\s+){0,4}(?:oorspronkelijk|eerder|eerst)\\s+(?:gepubliceerd|verschenen)"
            // Spanish, Portuguese, Catalan, Italian: "publicado originalmente en", "se publicó por primera vez",
            // "publicat originalment", "pubblicato originariamente su", "apparso per la prima volta"
            + "|(?:\\w+\\s+){0,5}(?:publicad[oa]s?|publicat|publicada|pubblicat[oaie]|appars[oaie]|aparecid[oa]"
            + "|apareci[óo]|se public[óo]|va aparèixer|es va publicar)\\s+(?:\\w+\\s+)?(?:originalmente|originalment"
            + "|originariamente|inicialmente|inicialment|inizialmente|in origine|por primera vez|per primera vegada"
            + "|pela primeira vez|per la prima volta|primero|primeiro)\\b"
            + "|(?:\\w+\\s+){0,4}(?:originalmente|originalment|originariamente|inicialmente|inizialmente)\\s+"
            + "(?:publicad|publicat|pubblicat|appars|aparecid)"
            // Danish, Norwegian, Czech, Slovak
            + "|(?:\\w+\\s+){0,4}(?:først|oprindeligt|opprinnelig|oprindelig)\\s+"
            + "(?:publiceret|offentliggjort|publisert|bragt)"
            + "|(?:\\w+\\s+){0,4}(?:původně|poprvé|pôvodne|prvýkrát)\\s+(?:\\w+\\s+)?"
            + "(?:publikován|vyš(?:el|la|lo|li)|zveřejněn|publikovan|uverejnen)"
            + "|syndicated (?:from|with|by)\\b"
            // Chinese and Japanese, written without spaces: "本文首发于…", "原载于…", "转载自…", "初出：…", "…から転載",
            // "この記事は…に掲載されたものです"
            + "|[^。．.!?！？]{0,15}?(?:首发于|首发在|首發於|原载于|原載於|原刊于|原文(?:发表|刊登|刊载)于|转载自|轉載自|转自)"
            + "|初出[:：]|[^。．.!?！？]{0,40}?(?:から転載|より転載|転載元|に掲載された(?:もの|記事))"
            + "|(?:\\w+\\s+){0,3}(?:pierwotnie|po raz pierwszy)\\s+(?:\\w+\\s+)?(?:opublikowan|ukazał)"
            + "|(?:\\w+\\s+){0,3}(?:вперше|уперше|спочатку|первинно)\\s+(?:\\w+\\s+)?опублікован"
            + ")");
    /** An emphasized block opening the text, or one near its end: where a line set apart may be. */
    private static final String EMPHASIS = "<(?:em|i|small|strong|b|cite)(?:\\s[^>]*)?>";
    private static final String BLOCK = "<(?:p|div|li|blockquote)(?:\\s[^>]*)?>";
    private static final Pattern OPENS_EMPHASIZED = Pattern.compile("\\s*(?:" + BLOCK + "\\s*)?" + EMPHASIS);
    private static final Pattern BLOCK_OPENS_EMPHASIZED = Pattern.compile(BLOCK + "\\s*" + EMPHASIS);

    /** A "continue reading" line is a link and a few words. */
    private static final int MAX_READ_ON_WORDS = 12;
    /**
     * A summary's closing link to where the whole piece is: "Continue reading at the Institute →", "Read the full
     * commentary on ...". Counts only as a short block of its own that holds a link; "Read more: <a>another
     * piece</a>" names a related piece, not this one, so a topic after "read more" does not count.
     */
    private static final Pattern READ_ON = Pattern.compile("(?iuU)^\\W*(?:"
            + "(?:continue|keep on|keep) reading\\b"
            + "|read (?:the )?(?:full|whole|complete|entire|rest of the|remainder of the) (?:\\w+\\s+)?"
            + "(?:article|commentary|comment|piece|text|post|story|essay|column|op-ed|interview|analysis)\\b"
            + "|read (?:the )?rest\\b|read (?:more|it|on|this) (?:at|on the)\\b"
            + "|weiterlesen\\b|lire la suite\\b|czytaj (?:dalej|całość)\\b|läs (?:mer|hela)\\b"
            // the same in the other languages whose first-published notes are read: "seguir leyendo", "continue a
            // ler", "leia o texto completo", "continua a leggere", "lees verder", "læs videre", "читати далі", ...
            + "|(?:seguir|sigue|siga|continuar|continúa|continua|continúe|continue|segue|segueix|continuï) "
            + "(?:leyendo|a ler|lendo|a leggere|llegint)\\b"
            + "|(?:lee|leer|leia|ler|leggi|llegiu|llegeix)(?: (?:el|la|o|a|il|l'|lo))? ?(?:artículo|texto|artigo|"
            + "articolo|article|text|testo|comentario|comentário|commento|comentari|análisis|análise|analisi|columna|"
            + "coluna|nota) (?:completo|completa|complet|complerta|integrale|na íntegra|íntegro)\\b"
            + "|(?:leia|lea|leggi) (?:na íntegra|tutto|el resto|o resto)\\b"
            + "|lees verder\\b|verder lezen\\b"
            + "|lees (?:het hele|het volledige) (?:artikel|commentaar|stuk|opiniestuk)\\b"
            + "|(?:læs|les) videre\\b|(?:læs|les) hele (?:kommentaren|artikkelen|artiklen|teksten|innlegget|"
            + "indlægget|analysen|kronikken|kommentaret)\\b|lue koko (?:kommentti|artikkeli|teksti)\\b"
            + "|čtěte dále\\b|čítajte ďalej\\b|(?:читати|читайте|читать) (?:далі|далее)\\b|devamını oku\\b)");
    /** A sentence pointing to another piece as well: "Read also", "See also", "Lesen Sie auch", "Lire aussi". */
    private static final Pattern ALSO = Pattern.compile("(?iuU)\\b(?:also|auch|aussi|también|também|tambien|anche"
            + "|ook|också|også|też|také|tiež|ayrıca|тоже|також|także)\\b");
    /** The statement at the end of a note ("... , originally published on the Institute's site."). */
    private static final Pattern STATEMENT_INSIDE = Pattern.compile("(?iuU)\\boriginally\\s+"
            + "(?:published|appeared|posted|ran)\\s+(?:on|in|at|by)\\b|\\b(?:appeared first|first appeared) (?:on|at)\\b"
            + "|\\b(?:re-?published|reprinted) (?:with|by|from|courtesy)\\b"
            + "|\\bwith (?:the )?(?:kind )?permission of\\b"
            // "... is a fellow at the Centre, where this commentary first appeared."
            + "|\\bwhere (?:this|the|it)\\s+(?:(?:\\w+\\s+){0,2}" + PIECE + "\\s+)?(?:was\\s+|were\\s+)?"
            + "(?:first|originally|initially)\\s+(?:appeared|published|ran|posted)\\b");

    /**
     * The note in {@code html} (sanitized, links absolute) whose plain text is {@code text}, if there is one: the
     * first or the last block when it is short, else the first sentence of the first block or the last sentence of
     * the last.
     */
    static Attribution find(String html, String text, String ownLink) {
        if (text == null || text.isEmpty()) {
            return NONE;
        }
        if (!mayHaveNote(text)) {
            return mayBeSetApart(html) ? setApart(blocks(html), SiteDomain.of(ownLink)) : NONE;
        }
        Elements blocks = blocks(html);
        if (blocks.isEmpty()) {
            for (String candidate : List.of(firstSentence(text), lastSentence(text))) {
                if (isNote(candidate)) {
                    return new Attribution(List.of(), candidate, true);
                }
            }
            return NONE;
        }
        List<Element> ends = new ArrayList<>(3);
        ends.add(blocks.first());
        if (blocks.size() > 1) {
            ends.add(blocks.last());
        }
        // A newsletter's archive puts its mail footer ("You receive this email because ...") after the note.
        Element beforeLast = blocks.size() > 2 ? blocks.get(blocks.size() - 2) : null;
        if (beforeLast != null) {
            ends.add(beforeLast);
        }
        for (Element block : ends) {
            String blockText = block.text();
            // Set apart (all of it emphasized), a longer block is an editor's note as a whole too: a licence line
            // ("This article is republished from ... under a Creative Commons licence. ... Read the original.").
            boolean whole = words(blockText) <= MAX_NOTE_BLOCK_WORDS
                    || words(blockText) <= MAX_NOTE_WORDS && whollyEmphasized(block);
            if (block == beforeLast && !whole) {
                continue; // only a short block of its own, as the note before a footer is
            }
            String candidate = whole ? blockText : block == blocks.first() ? firstSentence(blockText)
                    : lastSentence(blockText);
            boolean readOn = words(candidate) <= MAX_READ_ON_WORDS && READ_ON.matcher(candidate).find();
            if (readOn || isNote(candidate)) {
                // In a note of several sentences a "read also" sentence's links name another piece: "This comment
                // first appeared on <a>the Institute's site</a>. Read also <a>the author's first comment</a>."
                List<String> stating = whole ? statingSentences(candidate) : List.of(candidate);
                Set<String> links = new LinkedHashSet<>();
                for (Element a : block.select("a[href]")) {
                    if (stating.stream().anyMatch(sentence -> sentence.contains(a.text()))) {
                        links.add(a.attr("href"));
                    }
                }
                if (readOn && links.isEmpty()) {
                    continue; // "Continue reading" with nowhere to go says nothing of an original
                }
                return new Attribution(List.copyOf(links), candidate, true);
            }
        }
        return setApart(blocks, SiteDomain.of(ownLink));
    }

    /**
     * A note known by its form: the first or the last block, short and wholly emphasized, linking to one page on
     * another site than {@code ownDomain}. The piece's own italic standfirst links nowhere or to its own site.
     */
    private static Attribution setApart(Elements blocks, String ownDomain) {
        if (blocks.isEmpty() || ownDomain == null) {
            return NONE;
        }
        for (Element block : blocks.size() > 1 ? List.of(blocks.first(), blocks.last()) : List.of(blocks.first())) {
            String blockText = block.text();
            if (words(blockText) > MAX_NOTE_BLOCK_WORDS || !whollyEmphasized(block)) {
                continue;
            }
            Set<String> links = new LinkedHashSet<>();
            block.select("a[href]").forEach(a -> links.add(a.attr("href")));
            if (links.size() == 1 && !ownDomain.equals(SiteDomain.of(links.iterator().next()))) {
                return new Attribution(List.copyOf(links), blockText, false);
            }
        }
        return NONE;
    }

    private static boolean whollyEmphasized(Element block) {
        Element rest = block.clone();
        rest.select("em, i, small, strong, b, cite").remove();
        return rest.text().codePoints().noneMatch(Character::isLetterOrDigit);
    }

    /**
     * Whether the html opens with an emphasized block, or has one that starts near its end: a cheap look before
     * parsing (an emphasized word inside a paragraph is no such block).
     */
    private static boolean mayBeSetApart(String html) {
        if (html == null || !html.contains("href")) {
            return false;
        }
        String end = html.substring(Math.max(0, html.length() - ENDS));
        return OPENS_EMPHASIZED.matcher(html).lookingAt() || BLOCK_OPENS_EMPHASIZED.matcher(end).find();
    }

    public boolean found() {
        return note != null;
    }

    /**
     * {@code text} without the note: what is compared with other texts. A note known by its form alone stays: it may
     * be the piece's own standfirst, and an aggregator's excerpt of the copy carries it as plain text.
     */
    String withoutNote(String text) {
        if (note == null || text == null || !stated) {
            return text;
        }
        int at = text.indexOf(note);
        return at < 0 ? text : (text.substring(0, at) + " " + text.substring(at + note.length())).strip();
    }

    private static boolean mayHaveNote(String text) {
        if (text.length() <= 2 * ENDS) {
            return hasStem(text);
        }
        return hasStem(text.substring(0, ENDS)) || hasStem(text.substring(text.length() - ENDS));
    }

    private static boolean hasStem(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        for (String stem : NOTE_STEMS) {
            if (lower.contains(stem)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isNote(String candidate) {
        if (candidate == null || candidate.isBlank() || words(candidate) > MAX_NOTE_WORDS) {
            return false;
        }
        return STATEMENT.matcher(candidate).find() || STATEMENT_INSIDE.matcher(candidate).find();
    }

    /**
     * Words as identity counts them: in Chinese or Japanese, characters; in Thai, Lao, Khmer or Burmese, a few
     * letters (a note is short in any script).
     */
    private static int words(String text) {
        return Words.count(text, MAX_NOTE_WORDS + 1);
    }

    /** The text's paragraphs and other blocks that hold text of their own, in order. */
    private static Elements blocks(String html) {
        Elements found = new Elements();
        for (Element e : Jsoup.parseBodyFragment(html).body().select("p, li, blockquote, h1, h2, h3, h4, h5, h6, "
                + "figcaption, dd, dt, div, td")) {
            if (e.select("p, li, blockquote, div, td, h1, h2, h3, h4, h5, h6").size() == 1 && e.hasText()) {
                found.add(e); // holds no other block: its text is its own
            }
        }
        return found;
    }

    /**
     * The sentences of a note that may name the original: all but those that point to another piece as well ("Read
     * also ...", "Lesen Sie auch ..."), unless that leaves none.
     */
    private static List<String> statingSentences(String note) {
        List<String> sentences = new ArrayList<>();
        Matcher end = SENTENCE_END.matcher(note);
        int start = 0;
        while (end.find()) {
            sentences.add(note.substring(start, end.end()).strip());
            start = end.end();
        }
        if (start < note.length() && !note.substring(start).isBlank()) {
            sentences.add(note.substring(start).strip());
        }
        List<String> stating = sentences.stream().filter(s -> isNote(s) || !ALSO.matcher(s).find()).toList();
        return sentences.size() < 2 || stating.isEmpty() ? List.of(note) : stating;
    }

    private static String firstSentence(String text) {
        Matcher end = SENTENCE_END.matcher(text);
        return end.find() ? text.substring(0, end.start() + 1).strip() : text.strip();
    }

    private static String lastSentence(String text) {
        String stripped = text.strip();
        Matcher end = SENTENCE_END.matcher(stripped);
        int start = 0;
        while (end.find()) {
            if (end.end() < stripped.length()) {
                start = end.end();
            }
        }
        return stripped.substring(start).strip();
    }
}

package org.feedletter.digest;

import freemarker.core.HTMLOutputFormat;
import freemarker.template.Template;
import java.security.SecureRandom;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An edition rendered once for a time zone with markers where the subscriber's address and links go, so each
 * subscriber's digest is the skeleton with their values filled in (HTML-escaped in the HTML part) instead of a
 * template run of its own. {@link DigestRenderer#render} decides which way a digest is made.
 *
 * <p>What it buys: docs/BENCHMARKS.md, "Send: 10,000 personalized digests (`bench/run send`)", the paragraph "Then,
 * the same day: render once per edition and time zone": render and compose 248 -> 158 us per message (CPU 227 -> 139
 * us). Throughput in those single runs moved 1,382 / 2,845 / 3,011 -> 1,495 / 2,735 / 3,117 msgs/s at concurrency 1
 * / 4 / 8: at 4 and 8 within the noise of single runs on that machine (the file gives +-20 %). The pieces it cuts
 * the bodies into are what lets the shared lines be encoded once ({@link BodyPiece}; the paragraph "Then: the
 * shared lines encoded once, and a cheaper sent-mark journal", render and compose 158 -> 101-133 us).
 *
 * <p>What it assumes of the templates (subject, HTML and text alike), checked by {@link #plainUse} with regular
 * expressions over each template's source as Freemarker gives it back ({@code Template.toString()}, its canonical
 * form, comments removed), once per loaded template: {@code recipient.email}, {@code links.unsubscribe}, {@code
 * links.preferences} and {@code links.viewInBrowser} are only printed as they are ({@code ${links.unsubscribe}},
 * escaped as the file type says), asked whether they are empty ({@code links.preferences?has_content}) or passed
 * whole to a message of the bundles that is printed as it comes ({@code ${msg("digest.footer.reason",
 * recipient.email, newsletter.title)}}, {@link #MESSAGE}); the words {@code recipient} and {@code links} appear
 * nowhere else, not even in prose; and nothing reaches them another way or
 * changes the escaping ({@code INDIRECT}: includes and imports, {@code .vars}, {@code ?eval}, {@code ?interpret},
 * {@code #ftl}, the escaping directives, {@code ?no_esc} and the like). Filling in also assumes the markers come
 * out of escaping unchanged (letters and digits) and that no feed text holds them (random per process).
 *
 * <p>When a template breaks the assumption:
 * <ul>
 *   <li>if the source check sees it (the usual case: a value transformed, compared, assigned, indexed or defaulted),
 *       every subscriber's digest is rendered in full, as without this class; only slower;</li>
 *   <li>if the check misses it (the value printed plainly but its output used otherwise, such as captured with
 *       {@code <#assign>} and measured), each skeleton is also compared with a full rendering for its first
 *       {@value #CHECKS} subscribers; a difference marks it failed, and every later subscriber of that skeleton
 *       (time zone and which values they have) is rendered in full;</li>
 *   <li>after {@value #CHECKS} matching comparisons the skeleton is trusted and nothing more is compared: a template
 *       the source check misses whose output differs only for some later subscriber would send them the filled-in
 *       text.</li>
 * </ul>
 * {@code DigestSkeletonTest} shows the three kinds: the bundled templates pass the check and fill in equal to a
 * full rendering, an upper-cased address is rendered in full, a captured and measured link fails the comparison.
 */
final class DigestSkeleton {

    static final int CHECKS = 2;

    /** Random per process, letters and digits only: escaping leaves markers as they are, and no feed holds them. */
    private static final String MARKER = "fl" + randomLetters(16);
    static final String EMAIL = MARKER + "E";
    static final String UNSUBSCRIBE = MARKER + "U";
    static final String PREFERENCES = MARKER + "P";
    static final String VIEW_IN_BROWSER = MARKER + "V";

    private static final Pattern COMMENT = Pattern.compile("<#--.*?-->", Pattern.DOTALL);
    private static final Pattern MENTION = Pattern.compile("\\b(recipient|links)\\b");
    private static final String FIELD = "(recipient\\.email|links\\.(unsubscribe|preferences|viewInBrowser))";
    private static final Pattern FIELD_ALONE = Pattern.compile(FIELD + "\\s*[,)]");
    private static final Pattern PRINTED = Pattern.compile("\\$\\{" + FIELD + "}");
    private static final Pattern EMPTINESS = Pattern.compile(FIELD + "\\?has_content\\b");
    /**
     * A message of the bundles printed whole with a field among its arguments ({@code ${msg("digest.footer.reason",
     * recipient.email, newsletter.title)}}): the helper puts each argument into the text as it is, so a marker comes
     * out where the value would. Every argument a string, a number or a plain variable path.
     */
    private static final String ARGUMENT = "\\s*(\"[^\"\\\\]*\"|[0-9]+|[A-Za-z_][A-Za-z0-9_.]*)\\s*";
    private static final Pattern MESSAGE = Pattern.compile("\\$\\{msg(\\.plural)?\\(" + ARGUMENT + "(," + ARGUMENT
            + ")*\\)}");
    /**
     * What could reach the fields some other way, or escape them otherwise than the template's file type says: a
     * template using any of it is always rendered in full.
     */
    private static final Pattern INDIRECT = Pattern.compile("#include|#import|\\.vars|\\.data_model|\\?eval"
            + "|\\?interpret|\\.globals|\\.main|\\.now|\\[#|\\[@|\\[=|#ftl|#escape|#noescape|#noautoesc"
            + "|#autoesc|#outputformat|\\?no_esc|\\?esc\\b");

    /** Which personal values a recipient has: a skeleton is per time zone and per this. */
    record Key(ZoneId zone, boolean email, boolean unsubscribe, boolean preferences, boolean viewInBrowser) {

        static Key of(Recipient recipient) {
            RecipientLinks links = recipient.links();
            return new Key(recipient.timeZone(), present(recipient.email()), present(links.unsubscribe()),
                    present(links.preferences()), present(links.viewInBrowser()));
        }

        /** The recipient the skeleton is rendered for: markers where this key has values. */
        Recipient markers() {
            return new Recipient(email ? EMAIL : "", zone, new RecipientLinks(unsubscribe ? UNSUBSCRIBE : null, null,
                    preferences ? PREFERENCES : null, viewInBrowser ? VIEW_IN_BROWSER : null));
        }

        private static boolean present(String value) {
            return value != null && !value.isEmpty();
        }
    }

    private final RenderedDigest skeleton;
    private final List<BodyPiece> htmlPieces;
    private final List<BodyPiece> textPieces;
    private final List<Template> madeWith;
    private int checked;
    private boolean differs;

    DigestSkeleton(RenderedDigest skeleton, List<Template> madeWith) {
        this.skeleton = skeleton;
        this.htmlPieces = pieces(skeleton.html());
        this.textPieces = pieces(skeleton.text());
        this.madeWith = List.copyOf(madeWith);
    }

    /** False once an operator's edited template was reloaded: the skeleton shows the old one. */
    boolean madeWith(List<Template> templates) {
        if (templates.size() != madeWith.size()) {
            return false;
        }
        for (int i = 0; i < templates.size(); i++) {
            if (templates.get(i) != madeWith.get(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * True when a template source uses the personal fields only plainly: printed as they are ({@code
     * ${links.unsubscribe}}) or asked whether they are empty ({@code links.preferences?has_content}).
     */
    static boolean plainUse(String templateSource) {
        String source = COMMENT.matcher(templateSource).replaceAll("");
        if (INDIRECT.matcher(source).find()) {
            return false;
        }
        // Every mention, in directives and in output text alike (a directive's ">" cannot be told from a comparison
        // without parsing): a word "links" in the prose only costs the shortcut.
        List<int[]> messages = new ArrayList<>();
        Matcher message = MESSAGE.matcher(source);
        while (message.find()) {
            messages.add(new int[] {message.start(), message.end()});
        }
        Matcher mention = MENTION.matcher(source);
        while (mention.find()) {
            int at = mention.start();
            if (FIELD_ALONE.matcher(source).region(at, source.length()).lookingAt()
                    && messages.stream().anyMatch(span -> span[0] < at && at < span[1])) {
                continue;
            }
            boolean printed = at >= 2 && source.startsWith("${", at - 2)
                    && PRINTED.matcher(source).region(at - 2, source.length()).lookingAt();
            boolean emptiness = EMPTINESS.matcher(source).region(at, source.length()).lookingAt();
            if (!printed && !emptiness) {
                return false;
            }
        }
        return true;
    }

    /** Whether the skeleton may be filled in for the next subscriber, or it still needs (or failed) checking. */
    synchronized boolean trusted() {
        return !differs && checked >= CHECKS;
    }

    synchronized boolean failed() {
        return differs;
    }

    /** Compares the filled-in skeleton with a full rendering for the same subscriber. */
    synchronized void check(RenderedDigest full, Recipient recipient) {
        if (fill(recipient).equals(full)) {
            checked++;
        } else {
            differs = true;
        }
    }

    RenderedDigest fill(Recipient recipient) {
        RecipientLinks links = recipient.links();
        List<BodyPiece> html = fill(htmlPieces, recipient, links, HTMLOutputFormat.INSTANCE::escapePlainText);
        List<BodyPiece> text = fill(textPieces, recipient, links, UnaryOperator.identity());
        return new RenderedDigest(fill(skeleton.subject(), recipient, links, UnaryOperator.identity()), joined(html),
                joined(text), html, text);
    }

    /**
     * Runs of whole lines without a marker (shared by every subscriber) and lines with one (filled in for each);
     * a piece ends after a line feed, so pieces encoded one by one join to the whole encoded.
     */
    private static List<BodyPiece> pieces(String body) {
        List<BodyPiece> pieces = new ArrayList<>();
        int runStart = 0;
        int lineStart = 0;
        while (lineStart < body.length()) {
            int lineFeed = body.indexOf('\n', lineStart);
            int lineEnd = lineFeed < 0 ? body.length() : lineFeed + 1;
            int marker = body.indexOf(MARKER, lineStart);
            if (marker >= 0 && marker < lineEnd) {
                if (runStart < lineStart) {
                    pieces.add(new BodyPiece(body.substring(runStart, lineStart), true));
                }
                pieces.add(new BodyPiece(body.substring(lineStart, lineEnd), false));
                runStart = lineEnd;
            }
            lineStart = lineEnd;
        }
        if (runStart < body.length()) {
            pieces.add(new BodyPiece(body.substring(runStart), true));
        }
        return List.copyOf(pieces);
    }

    private static List<BodyPiece> fill(List<BodyPiece> pieces, Recipient recipient, RecipientLinks links,
            UnaryOperator<String> escape) {
        List<BodyPiece> filled = new ArrayList<>(pieces.size());
        for (BodyPiece piece : pieces) {
            filled.add(piece.shared() ? piece : new BodyPiece(fill(piece.text(), recipient, links, escape), false));
        }
        return filled;
    }

    private static String joined(List<BodyPiece> pieces) {
        int length = 0;
        for (BodyPiece piece : pieces) {
            length += piece.text().length();
        }
        StringBuilder out = new StringBuilder(length);
        pieces.forEach(piece -> out.append(piece.text()));
        return out.toString();
    }

    private static String fill(String text, Recipient recipient, RecipientLinks links, UnaryOperator<String> escape) {
        int at = text.indexOf(MARKER);
        if (at < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 256);
        int from = 0;
        while (at >= 0 && at + MARKER.length() < text.length()) {
            char kind = text.charAt(at + MARKER.length());
            String value = switch (kind) {
                case 'E' -> recipient.email();
                case 'U' -> links.unsubscribe();
                case 'P' -> links.preferences();
                case 'V' -> links.viewInBrowser();
                default -> null;
            };
            if (value != null) {
                out.append(text, from, at).append(escape.apply(value));
                from = at + MARKER.length() + 1;
            }
            at = text.indexOf(MARKER, at + MARKER.length());
        }
        return out.append(text, from, text.length()).toString();
    }

    private static String randomLetters(int n) {
        SecureRandom random = new SecureRandom();
        String letters = "abcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder out = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            out.append(letters.charAt(random.nextInt(letters.length())));
        }
        return out.toString();
    }
}

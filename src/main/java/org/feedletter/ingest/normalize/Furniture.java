package org.feedletter.ingest.normalize;

import java.util.Locale;
import java.util.Set;
import org.feedletter.identity.Words;
import org.jsoup.nodes.Element;

/**
 * Page furniture in an entry's HTML: what a site's templates and plugins put around a piece, and which its copies
 * elsewhere do not carry, or carry their own of: a figure's caption and credit, an aside (a donation or newsletter
 * box, a pull quote, an author box), navigation, a form; and blocks the template names for what they are (share
 * buttons, related links, an audio player, a table of contents, a byline), the names sites give them in their
 * markup, as reading-mode tools use them. Shown as it came; left out of the text identity compares.
 */
final class Furniture {

    /** Elements that are never the piece's prose. */
    private static final Set<String> TAGS = Set.of("aside", "nav", "form", "figure", "figcaption");
    /** Words of class and id names for furniture, split at anything but letters and digits. */
    private static final Set<String> NAMES = Set.of("share", "sharing", "sharedaddy", "social", "related", "newsletter",
            "subscribe", "subscription", "signup", "donate", "donation", "donations", "promo", "advert",
            "advertisement", "sponsor", "sponsored", "byline", "bio", "author", "authors", "toc", "audio", "player",
            "listen", "caption", "credit", "credits", "cookie", "cookies", "consent", "tweet", "embed", "widget",
            "sidebar", "readtime", "comments");
    /** A block so named but longer is more likely the piece's wrapper ("has-audio-player") than furniture. */
    private static final int MAX_WORDS = 120;

    private Furniture() {}

    static boolean is(Element element, String tag) {
        if (TAGS.contains(tag) || hidden(element)) {
            return true;
        }
        // Asked of every element of every entry: most have neither name, and nothing is built for them.
        String className = element.className();
        String id = element.id();
        if (!(!className.isEmpty() && named(className.toLowerCase(Locale.ROOT))
                || !id.isEmpty() && named(id.toLowerCase(Locale.ROOT)))) {
            return false;
        }
        return Words.count(element.text(), MAX_WORDS + 1) <= MAX_WORDS;
    }

    /**
     * Text no reader sees: an email's preview line ("preheader"), set in a span styled {@code display:none}, as
     * newsletter platforms do to feed the inbox's summary, and anything marked {@code hidden}.
     */
    private static boolean hidden(Element element) {
        if (element.hasAttr("hidden")) {
            return true;
        }
        String style = element.attr("style");
        if (style.isEmpty()) {
            return false;
        }
        String compact = style.toLowerCase(Locale.ROOT).replace(" ", "");
        return compact.contains("display:none") || compact.contains("visibility:hidden")
                || compact.contains("mso-hide:all");
    }

    private static boolean named(String names) {
        int start = -1;
        for (int i = 0; i <= names.length(); i++) {
            boolean letter = i < names.length() && Character.isLetterOrDigit(names.charAt(i));
            if (letter && start < 0) {
                start = i;
            } else if (!letter && start >= 0) {
                if (NAMES.contains(names.substring(start, i))) {
                    return true;
                }
                start = -1;
            }
        }
        return false;
    }
}

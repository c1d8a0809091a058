package org.feedletter.identity;

import java.time.Duration;
import java.util.List;
import org.feedletter.config.DedupSettings;
import org.feedletter.identity.AuthorKey.Relation;
import org.feedletter.identity.PairVerdict.Rule;
import org.feedletter.identity.TitleKey.TitleComparison;

/**
 * Decides whether two entries are the same piece. Symmetric, and a function of the two entries alone: whichever
 * arrives first, the answer is the same, which is what makes an item's entries the same in every poll order.
 *
 * <p>The rules, strongest first: the same canonical URL; one entry naming the other's URL as its original; texts
 * whose openings agree (any of one entry's texts against any of the other's, so a partner carrying only the
 * publisher's summary still meets the publisher's entry, which has summary and full text), with titles that agree
 * and authors that are not different people; and for texts too short to compare, titles that agree closely,
 * corroborated by the author, the text or the site an aggregator credits, published within days. Entries of one
 * feed from one site under different URLs are different pieces: a feed lists each of its pieces once (an aggregator
 * may list a piece and a partner's republication of it, from two sites). At the margin it answers "different": two
 * items are better than one wrong one.
 */
public final class PieceMatcher {

    /** Copies come hours to days after the original; beyond this, only a near-verbatim text is the same piece. */
    static final Duration NEAR = Duration.ofDays(3);
    /**
     * Under titles that each have words of their own and share little, only texts agreeing closely over this many
     * words of the shorter opening are one piece: a follow-up that repeats its predecessor's first sentence must not
     * pass because a copy carried just that sentence.
     */
    static final int RETITLED_WORDS = 40;
    /** Under a title of its own, a copy word for word of a whole first paragraph this long... */
    static final int RETITLED_VERBATIM_WORDS = 20;
    /** ...published this close to the other. */
    static final Duration RETITLED_VERBATIM_APART = Duration.ofDays(2);
    /** A text holding a whole shorter one dated more than this after it quotes it. */
    static final Duration QUOTED_AFTER = Duration.ofHours(2);
    /** Titles that each have words of their own but share this much of the shorter one are a retitling. */
    static final double MOSTLY_THE_SAME_TITLE = 0.6;
    /** Texts that agree this far are near-verbatim: the same piece even with another author line credited. */
    static final double VERBATIM = 0.95;
    /** Short texts: the shorter title's words found in the other, and their share of all words of both. */
    static final double SHORT_TITLE_CONTAINMENT = 0.85;
    static final double SHORT_TITLE_OVERLAP = 0.5;
    /** Short texts: the share of the shorter title's word pairs the other has, in order. */
    static final double SHORT_TITLE_PAIRS = 0.5;
    /** Short texts: titles of fewer words ("Weekly update") say too little. */
    static final int SHORT_TITLE_WORDS = 3;
    /** Two entries of one feed: the share of the shorter title's words that must be in the other's, for a copy. */
    static final double SAME_FEED_TITLE = 0.9;
    /**
     * A figure corrected after publication keeps the piece's date, and copies of the first version come within hours;
     * two instalments of a series that differ in a figure come on different days.
     */
    static final Duration SAME_DAY = Duration.ofHours(12);
    /**
     * Openings of one piece before and after a figure was corrected: each figure changed costs three of an opening's
     * shingles, and a correction changes the figure wherever the text repeats it.
     */
    static final double CORRECTED_TEXT = 0.8;
    /** Short texts of at least so many words that agree this far corroborate titles that agree. */
    static final int SHORT_TEXT_WORDS = 8;
    /** Short texts that agree this far corroborate titles that agree. */
    static final double SHORT_TEXT_CORROBORATES = 0.5;

    private static final String NAMES = "names %s as its original";
    private static final String CORRECTED = "the same but for a figure, the same day: a correction";
    private static final String IS_NAMED = "its URL %s is named as the original";

    private final DedupSettings settings;

    public PieceMatcher(DedupSettings settings) {
        this.settings = settings;
    }

    public DedupSettings settings() {
        return settings;
    }

    public PairVerdict compare(EntryEvidence a, EntryEvidence b) {
        if (a.canonicalUrl() != null && a.canonicalUrl().equals(b.canonicalUrl())) {
            return PairVerdict.byUrl(Rule.CANONICAL_URL, "same canonical URL %s", a.canonicalUrl());
        }
        TextPair best = bestTexts(a, b, true);
        if (a.sameListing(b)) {
            return sameFeed(best, a, b);
        }
        String[] declared = declared(a, b);
        if (declared != null) {
            TitleComparison title = a.title().compare(b.title());
            if (declaredByFormOnly(declared, a, b)) {
                if (corroborated(title, a, b)) {
                    return PairVerdict.byUrl(Rule.DECLARED_ORIGINAL, declared[0] + " in a line set apart",
                            declared[1]);
                }
                // not taken as a declaration: the texts and titles decide, as for any two entries
            } else if (!a.marks().declaresOriginal() && !b.marks().declaresOriginal() && contradicts(best, title)) {
                return verdict(false, Rule.NONE, String.format(declared[0], declared[1])
                        + ", but titles and texts disagree", best, title, a, b);
            } else {
                return PairVerdict.byUrl(Rule.DECLARED_ORIGINAL, declared[0], declared[1]);
            }
        }
        if (!settings.comparesTexts()) {
            return PairVerdict.apart("only URL rules apply");
        }
        if (best != null && best.similarity() < Math.min(settings.textSimilarity(), DedupSettings.STRONG_TEXT_SIMILARITY)) {
            if (catalogued(a, b) || catalogued(b, a)) {
                return verdict(true, Rule.TITLE, null, best, a.title().compare(b.title()), a, b);
            }
            return verdict(false, Rule.NONE, "too little text alike", best, null, a, b); // most candidates: no title needed
        }
        return compareTexts(best, a.title().compare(b.title()), a, b);
    }

    private PairVerdict compareTexts(TextPair best, TitleComparison title, EntryEvidence a, EntryEvidence b) {
        Duration apart = apart(a, b);
        boolean beyondWindow = apart != null && apart.compareTo(settings.window()) > 0;
        if (beyondWindow && !(apart.compareTo(republishedWithin()) <= 0 && republished(best, title, a, b))) {
            return verdict(false, Rule.NONE, "published further apart than the dedup window", best, title, a, b);
        }
        if (a.title().isNotice() != b.title().isNotice()) {
            return verdict(false, Rule.NONE, "one is a correction notice", best, title, a, b);
        }
        if (goOnApart(a, b)) {
            return verdict(false, Rule.NONE, "after their openings the two texts go on apart: a series' standing "
                    + "introduction, not one piece", best, title, a, b);
        }
        if (best != null && best.first().partsWith(best.second())) {
            return verdict(false, Rule.NONE, "the two texts begin alike and part within their openings: a statement "
                    + "both quote first or a series' standing introduction, not one piece", best, title, a, b);
        }
        if ((listsAnotherPage(a, b) || listsAnotherPage(b, a)) && (best == null || best.similarity() < VERBATIM)) {
            return verdict(false, Rule.NONE, "an aggregator's listing of another page, and the texts are not word for "
                    + "word the same", best, title, a, b);
        }
        if (beyondWindow) {
            return verdict(true, Rule.TEXT, "republished word for word under its title by its author, after the "
                    + "dedup window", best, title, a, b);
        }
        if (title.numbersDiffer() && !retitledWordForWord(best, title, a, b, apart)) {
            return correctedFigure(best, title, a, b, apart)
                    ? verdict(true, Rule.TEXT, CORRECTED, best, title, a, b)
                    : verdict(false, Rule.NONE, "the titles carry different numbers", best, title, a, b);
        }
        return best != null ? compareLong(best, title, a, b, apart) : compareShort(title, a, b, apart);
    }

    /**
     * Whether {@link #compare} could call two entries the same piece, cheaply: always when they are related by URL
     * (the same canonical URL, or an original one names), or when one has no text long enough to compare (titles
     * decide then); else only when some opening of one shares a shingle with some opening of the other, since every
     * other rule needs texts that agree. A pair this rules out would get "apart" from {@code compare}; only the
     * closest non-match, shown to people, can differ.
     */
    public boolean mayMatch(EntryEvidence a, EntryEvidence b) {
        if (a.canonicalUrl() != null && a.canonicalUrl().equals(b.canonicalUrl()) || declared(a, b) != null
                || a.words() < settings.minWords() || b.words() < settings.minWords()
                || catalogued(a, b) || catalogued(b, a)) {
            return true;
        }
        for (TextOpening ta : a.texts()) {
            for (TextOpening tb : b.texts()) {
                if (CandidateKeys.shareOne(ta.shingles(), tb.shingles())) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether two entries may be verbatim copies, cheaply: the smaller of a pair of their openings has one of its
     * two least shingle hashes in the other (a copy agreeing to {@link #VERBATIM} fails this one time in 400). Used
     * before comparing the entries of one poll with each other.
     */
    public static boolean mayBeVerbatim(EntryEvidence a, EntryEvidence b) {
        for (TextOpening ta : a.texts()) {
            for (TextOpening tb : b.texts()) {
                int[] small = ta.shingles().length <= tb.shingles().length ? ta.shingles() : tb.shingles();
                int[] large = small == ta.shingles() ? tb.shingles() : ta.shingles();
                for (int i = 0; i < Math.min(2, small.length); i++) {
                    if (java.util.Arrays.binarySearch(large, small[i]) >= 0) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * Two entries of one feed under different URLs: a feed lists each of its pieces once, so they are two pieces,
     * unless they say the same (their openings alike both ways, not one inside a longer other) under the same title
     * within days (an aggregator listing a piece and its republication), or within the dedup window on the feed's own
     * site.
     */
    private PairVerdict sameFeed(TextPair best, EntryEvidence a, EntryEvidence b) {
        if (!settings.comparesTexts() || best == null || best.similarity() < VERBATIM
                || best.first().overlap(best.second()) < VERBATIM) {
            return PairVerdict.apart("two entries of one feed from one site under different URLs");
        }
        TitleComparison title = a.title().compare(b.title());
        Duration apart = apart(a, b);
        // A site's own feed listing one text twice days apart is its CMS importing it again (a move to a new system,
        // a "-2" slug); an aggregator's two listings of the same words days apart may be a piece and a later one.
        Duration within = a.marks().ownSite() && b.marks().ownSite() ? settings.window() : NEAR;
        boolean copy = title.containment() >= SAME_FEED_TITLE && !title.eachHasItsOwnWords() && !title.numbersDiffer()
                && apart != null && apart.compareTo(within) <= 0 && a.title().isNotice() == b.title().isNotice()
                && a.authors().relation(b.authors()) != Relation.DIFFERENT_PEOPLE;
        return verdict(copy, copy ? Rule.TEXT : Rule.NONE, copy ? "one feed lists it twice, under two URLs"
                : "two entries of one feed from one site under different URLs", best, title, a, b);
    }

    private PairVerdict compareLong(TextPair best, TitleComparison title, EntryEvidence a, EntryEvidence b,
            Duration apart) {
        double text = best.similarity();
        Relation authors = a.authors().relation(b.authors());
        boolean strong = text >= DedupSettings.STRONG_TEXT_SIMILARITY;
        if (authors == Relation.DIFFERENT_PEOPLE && text < VERBATIM) {
            return verdict(false, Rule.NONE, "written by different people", best, title, a, b);
        }
        if (title.eachHasItsOwnWords() && !(strong && (title.containment() >= MOSTLY_THE_SAME_TITLE
                || Math.min(best.words(), best.otherWords()) >= RETITLED_WORDS))
                && !retitledCopy(a, b, title, authors, apart)) {
            return verdict(false, Rule.NONE, "each title has words the other lacks, and the texts do not agree closely "
                    + "over enough words", best, title, a, b);
        }
        boolean same;
        String reason;
        if (apart != null && apart.compareTo(NEAR) <= 0) {
            same = strong || text >= settings.textSimilarity() && title.containment() >= settings.titleSimilarity();
            reason = "too little text and title alike";
        } else {
            // days apart, or no telling: only a close text under an agreeing title
            same = strong && title.containment() >= settings.titleSimilarity() && !title.eachHasItsOwnWords();
            reason = apart == null ? "one has no date to go by, and text and title are not alike enough for that"
                    : "published days apart, and text and title not alike enough for that";
        }
        return verdict(same, same ? Rule.TEXT : Rule.NONE, same ? null : reason, best, title, a, b);
    }

    /**
     * Whether both entries' full texts go on, after their openings, with words of their own: a weekly column or a
     * daily briefing that opens every instalment with the same standing paragraph is alike in its openings and only
     * after them says what this instalment says. A copy of a piece goes on as the piece does; one cut after its first
     * paragraph has no continuation, and tells nothing either way.
     */
    private static boolean goOnApart(EntryEvidence a, EntryEvidence b) {
        return a.continuation() != null && b.continuation() != null && !a.continuation().isEmpty()
                && !b.continuation().isEmpty() && a.continuation().containment(b.continuation()) < CONTINUATIONS_APART;
    }

    /** Continuations sharing less than this of the smaller one's shingles say different things. */
    static final double CONTINUATIONS_APART = 0.2;

    /**
     * How far beyond the dedup window a republication is still found: half a window more. The candidate index holds
     * every entry published within two windows, so an entry polled within half a window of its publication meets
     * every entry this rule may join it to, whatever came first.
     */
    Duration republishedWithin() {
        return settings.window().plus(settings.window().dividedBy(2));
    }

    /**
     * A piece its author publishes again weeks later, as it was (an institute re-listing a new fellow's earlier
     * comments at her arrival, a partner's late reprint): the same title (no words of its own on either side, the
     * same numbers), the same person named on both, the texts word for word over at least {@link #RETITLED_WORDS}
     * words. A follow-up, a column's next instalment and a template headline's next use each have a title or text
     * of their own.
     */
    private static boolean republished(TextPair best, TitleComparison title, EntryEvidence a, EntryEvidence b) {
        return best != null && best.similarity() >= VERBATIM
                && Math.min(best.words(), best.otherWords()) >= RETITLED_WORDS
                && title.containment() >= SAME_FEED_TITLE && title.onlyInFirst().isEmpty()
                && title.onlyInSecond().isEmpty()
                && a.authors().relation(b.authors()) == Relation.SAME_PERSON;
    }

    /** A catalogue's title is the piece's after its author's name, at least so many words of it. */
    static final int CATALOGUED_TITLE_WORDS = 4;

    /**
     * Whether {@code listing} is a syndicator's catalogue entry for {@code piece}: its title the piece's after the
     * name of its own author ("Aminata Diallo: The central bank is right to hold"), the two by the same person,
     * within {@link #NEAR}, under a title of at least {@link #CATALOGUED_TITLE_WORDS} words. Its text is the
     * syndicator's own summary, so the texts need not agree; a title that names its author in front is a catalogue's
     * way, and the same person's other pieces carry titles of their own.
     */
    static boolean catalogued(EntryEvidence listing, EntryEvidence piece) {
        String full = listing.title().folded();
        String rest = piece.title().folded();
        int cut = full.length() - rest.length() - 1; // where the name ends, before a space
        if (rest.isEmpty() || cut < 1 || !full.endsWith(rest) || full.charAt(cut) != ' '
                || rest.split(" ").length < CATALOGUED_TITLE_WORDS) {
            return false;
        }
        Duration apart = apart(listing, piece);
        return apart != null && apart.compareTo(NEAR) <= 0
                && listing.authors().relation(piece.authors()) == Relation.SAME_PERSON
                && listing.authors().namedBy(List.of(full.substring(0, cut).split(" ")));
    }

    /**
     * A copy under a headline wholly its own, whose figure is another of the text's (a newspaper's "260 euros more a
     * year" over an institute's "toll up 33 %"): the texts word for word the same over at least
     * {@link #RETITLED_WORDS} words, within {@link #NEAR}, not by different people, under titles that share less than
     * {@link #MOSTLY_THE_SAME_TITLE} of their words. Then the titles' numbers tell nothing: template headlines and a
     * series' instalments differing in a figure have titles alike but for it, and texts that differ.
     */
    private static boolean retitledWordForWord(TextPair best, TitleComparison title, EntryEvidence a, EntryEvidence b,
            Duration apart) {
        return best != null && best.similarity() >= VERBATIM
                && Math.min(best.words(), best.otherWords()) >= RETITLED_WORDS
                && apart != null && apart.compareTo(NEAR) <= 0
                && a.authors().relation(b.authors()) != Relation.DIFFERENT_PEOPLE
                && title.containment() < MOSTLY_THE_SAME_TITLE && title.eachHasItsOwnWords();
    }

    /**
     * A newspaper's copy under a headline of its own: every text of one entry (a first paragraph of at least
     * {@link #RETITLED_VERBATIM_WORDS} words) word for word at the start of the other's, within
     * {@link #RETITLED_VERBATIM_APART} (the print edition next morning), not by different people, its headline
     * sharing a word with the other's (the topic). A round-up or a reading list that quotes a piece's first paragraph
     * goes on with more (other pieces' openings), so not all of its text is in the piece, and is titled for its
     * date, not the piece's topic; a follow-up that repeats a piece's first sentence comes days later, and repeats a
     * sentence, not a paragraph.
     */
    private static boolean retitledCopy(EntryEvidence a, EntryEvidence b, TitleComparison title, Relation authors,
            Duration apart) {
        return apart != null && apart.compareTo(RETITLED_VERBATIM_APART) <= 0 && authors != Relation.DIFFERENT_PEOPLE
                && title.wordsInCommon() >= 1
                && (wholeIn(a, b) && !quotedWhole(a, b) || wholeIn(b, a) && !quotedWhole(b, a));
    }

    /**
     * Whether {@code in}, dated hours after {@code piece}, holds the whole of it and more: a round-up or a newsletter
     * quoting a short piece in full, or a piece an aggregator listed a day before. An excerpt is cut from an earlier
     * text; a longer, later text holding a whole earlier one quotes it. The whole of it: a complete text (a content
     * under the opening's length), or an aggregator's excerpt, which is its source's opening; a feed's summary of
     * its own piece may be cut from the piece's next paragraphs.
     */
    private static boolean quotedWhole(EntryEvidence piece, EntryEvidence in) {
        if (piece.marks().undated() || in.marks().undated()
                || !piece.published().plus(QUOTED_AFTER).isBefore(in.published())) {
            return false;
        }
        boolean listing = piece.marks().aggregated() || listsAnotherPage(piece, in);
        for (TextOpening t : piece.texts()) {
            if (t.isEmpty() || !listing && (t.kind() != TextOpening.Kind.CONTENT
                    || t.words() >= TextOpening.OPENING_WORDS)) {
                continue;
            }
            for (TextOpening ti : in.texts()) {
                if (!ti.isEmpty() && ti.words() > t.words() && t.containment(ti) >= VERBATIM) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether {@code a} is an aggregator's listing (its feed says it took it from another feed) that names its
     * source page, and {@code b} is another page: the listing is that page's piece, and its summary, cut short where
     * the two pages part (two news stories from one wire, a round-up quoting a comment whole), agreeing with another
     * page's text says nothing more unless word for word.
     */
    private static boolean listsAnotherPage(EntryEvidence a, EntryEvidence b) {
        return a.marks().aggregated() && a.marks().declaresOriginal() && !a.declaredOriginals().isEmpty()
                && b.canonicalUrl() != null && !a.declaredOriginals().contains(b.canonicalUrl());
    }

    /** Whether each text of {@code copy} is found word for word in a text of {@code in}, no shorter than it. */
    private static boolean wholeIn(EntryEvidence copy, EntryEvidence in) {
        boolean any = false;
        for (TextOpening tc : copy.texts()) {
            if (tc.isEmpty()) {
                continue;
            }
            boolean found = false;
            for (TextOpening ti : in.texts()) {
                if (!ti.isEmpty() && tc.words() >= RETITLED_VERBATIM_WORDS && tc.words() <= ti.words()
                        && tc.containment(ti) >= VERBATIM) {
                    found = true;
                    break;
                }
            }
            if (!found) {
                return false;
            }
            any = true;
        }
        return any;
    }

    /**
     * Whether two entries are one piece before and after a figure in its title was corrected: the titles the same
     * but for their numbers, the texts agreeing closely (the opening's figures changed with the title's), not by
     * different people, published the same day, under titles sharing at least a few words. Anything less keeps
     * different numbers decisive: template headlines and a series' instalments differ in a figure too, but in other
     * words as well, or in their days.
     */
    private static boolean correctedFigure(TextPair best, TitleComparison title, EntryEvidence a, EntryEvidence b,
            Duration apart) {
        return best != null && best.similarity() >= CORRECTED_TEXT && apart != null && apart.compareTo(SAME_DAY) <= 0
                && title.onlyNumbersDiffer() && title.wordsInCommon() >= SHORT_TITLE_WORDS
                && a.authors().relation(b.authors()) != Relation.DIFFERENT_PEOPLE;
    }

    /**
     * Texts too short to tell pieces apart ("Listen now.", a podcast note): the titles must agree closely and be
     * corroborated by the author, the text, or the site an aggregator credits the other to, within days.
     */
    private PairVerdict compareShort(TitleComparison title, EntryEvidence a, EntryEvidence b, Duration apart) {
        TextPair any = bestTexts(a, b, false);
        Relation authors = a.authors().relation(b.authors());
        String reason = null;
        if (apart == null) {
            reason = "short texts, one with no date to go by";
        } else if (apart.compareTo(NEAR) > 0) {
            reason = "short texts published days apart";
        } else if (title.shorterWords() < SHORT_TITLE_WORDS) {
            reason = "short texts under titles too short to compare";
        } else if (title.containment() < SHORT_TITLE_CONTAINMENT || title.overlap() < SHORT_TITLE_OVERLAP
                || title.pairs() < SHORT_TITLE_PAIRS || title.eachHasItsOwnWords()) {
            reason = "short texts under titles that differ";
        } else if (title.onlyInFirst().stream().anyMatch(Words::isNumber)
                || title.onlyInSecond().stream().anyMatch(Words::isNumber)) {
            reason = "short texts, and one title has a number the other lacks";
        } else if (authors == Relation.DIFFERENT_PEOPLE) {
            reason = "written by different people";
        } else if (any != null && any.similarity() == 0 && Math.min(any.words(), any.otherWords()) >= SHORT_TEXT_WORDS
                && !creditsTheOther(a, b) && !creditsTheOther(b, a)) {
            reason = "short texts that share no words in a row";
        } else if (!(authors == Relation.SAME_PERSON || any != null && any.similarity() >= SHORT_TEXT_CORROBORATES
                && Math.min(any.words(), any.otherWords()) >= SHORT_TEXT_WORDS || creditsTheOther(a, b)
                || creditsTheOther(b, a))) {
            reason = "short texts, and neither the author, the text nor a credited site agrees";
        }
        boolean same = reason == null;
        return new PairVerdict(same, same ? Rule.TITLE : Rule.NONE, reason, any == null ? 0 : any.similarity(),
                any == null ? null : any.describe(), any == null ? 0 : any.words(), any == null ? 0 : any.otherWords(),
                title, authors, apart, null);
    }

    /**
     * Whether {@code a}'s feed credits it to the site {@code b} is on (an aggregator's RSS {@code <source url>}), and
     * {@code b} is that site's own entry: the aggregator says where the headline comes from.
     */
    private static boolean creditsTheOther(EntryEvidence a, EntryEvidence b) {
        return b.marks().ownSite() && a.marks().credits(EntryEvidence.host(b.canonicalUrl()));
    }

    /**
     * A URL one entry names as its original and the other is under, or that both name, with how {@code a} relates
     * to it; else null.
     */
    private static String[] declared(EntryEvidence a, EntryEvidence b) {
        if (b.canonicalUrl() != null && a.declaredOriginals().contains(b.canonicalUrl())) {
            return new String[] {NAMES, b.canonicalUrl()};
        }
        if (a.canonicalUrl() != null && b.declaredOriginals().contains(a.canonicalUrl())) {
            return new String[] {IS_NAMED, a.canonicalUrl()};
        }
        for (String url : a.declaredOriginals()) {
            if (b.declaredOriginals().contains(url)) {
                return new String[] {PairVerdict.SAME_ORIGINAL, url};
            }
        }
        return null;
    }

    /** How far apart the two were published; null when the date of either tells nothing ({@link Marks#undated}). */
    private static Duration apart(EntryEvidence a, EntryEvidence b) {
        return a.marks().undated() || b.marks().undated() ? null
                : Duration.between(a.published(), b.published()).abs();
    }

    /**
     * Whether the relation in {@code declared} rests on a line set apart: the entry that names the other's URL names
     * it only so, or, when both name one original, either does (a reply and an aggregator's listing of the piece it
     * answers both point to that piece).
     */
    private static boolean declaredByFormOnly(String[] declared, EntryEvidence a, EntryEvidence b) {
        return switch (declared[0]) {
            case NAMES -> a.marks().namesOriginalByFormOnly();
            case IS_NAMED -> b.marks().namesOriginalByFormOnly();
            default -> a.marks().namesOriginalByFormOnly() || b.marks().namesOriginalByFormOnly();
        };
    }

    /**
     * A line set apart that links to a page elsewhere is how partners credit an original in any language, but also
     * how a piece may point to another it answers; so it names the original only when the two also agree as copies
     * do: published within the dedup window, not by different people, a correction notice neither or both, and their
     * texts alike or their titles the same but for a word (a reply's title shares the topic's words).
     */
    private boolean corroborated(TitleComparison title, EntryEvidence a, EntryEvidence b) {
        Duration apart = apart(a, b);
        if (apart != null && apart.compareTo(settings.window()) > 0
                || a.authors().relation(b.authors()) == Relation.DIFFERENT_PEOPLE
                || a.title().isNotice() != b.title().isNotice()) {
            return false;
        }
        TextPair any = bestTexts(a, b, false);
        return any != null && any.similarity() >= SHORT_TEXT_CORROBORATES
                && Math.min(any.words(), any.otherWords()) >= SHORT_TEXT_WORDS
                || title.containment() >= SAME_FEED_TITLE && !title.eachHasItsOwnWords() && !title.numbersDiffer();
    }

    /**
     * A declaration read from a text's note, both of whose sides have long texts and titles that share almost
     * nothing, is a mistake (the note linked to another piece). One the feed states in its metadata (JSON Feed
     * {@code external_url}, {@code rel="via"}) stands: a link blog's post about a piece says little the piece says.
     */
    private static boolean contradicts(TextPair best, TitleComparison title) {
        return best != null && best.similarity() < 0.15 && title.shorterWords() >= 3 && title.containment() < 0.25;
    }

    /**
     * The most alike pair of openings, one from each entry; with {@code longOnly}, only pairs of openings that
     * both have at least the configured number of words. Null when there is no such pair.
     */
    private TextPair bestTexts(EntryEvidence a, EntryEvidence b, boolean longOnly) {
        TextPair best = null;
        for (TextOpening ta : a.texts()) {
            for (TextOpening tb : b.texts()) {
                if (ta.isEmpty() || tb.isEmpty()
                        || longOnly && (ta.words() < settings.minWords() || tb.words() < settings.minWords())) {
                    continue;
                }
                double similarity = ta.containment(tb);
                // Of pairs as alike, the one over more words says more: a partner's copy agrees with its original
                // in the summary and in the whole text alike.
                if (best == null || similarity > best.similarity() || similarity == best.similarity()
                        && Math.min(ta.words(), tb.words()) > Math.min(best.words(), best.otherWords())) {
                    best = new TextPair(ta, tb, similarity);
                }
            }
        }
        return best;
    }

    private record TextPair(TextOpening first, TextOpening second, double similarity) {
        int words() {
            return first.words();
        }

        int otherWords() {
            return second.words();
        }

        String describe() {
            return name(first) + " ~ " + name(second);
        }

        private static String name(TextOpening t) {
            return t.kind() == TextOpening.Kind.SUMMARY ? "summary" : "text";
        }
    }

    private static PairVerdict verdict(boolean same, Rule rule, String reason, TextPair best, TitleComparison title,
            EntryEvidence a, EntryEvidence b) {
        return new PairVerdict(same, rule, reason, best == null ? 0 : best.similarity(),
                best == null ? null : best.describe(), best == null ? 0 : best.words(),
                best == null ? 0 : best.otherWords(), title, a.authors().relation(b.authors()),
                apart(a, b), null);
    }
}

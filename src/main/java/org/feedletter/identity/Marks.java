package org.feedletter.identity;

import java.util.ArrayList;
import java.util.List;

/**
 * What an entry says about where it stands: on its own feed's site or not, and whether it calls itself a copy.
 *
 * @param ownSite the entry's link is on the site of the feed that carried it (the feed's host or its site link)
 * @param declaresOriginal the feed names another page as the entry's original (rel="via", rel="canonical",
 *     dc:source, JSON Feed external_url)
 * @param attribution its text says it was first published elsewhere ("first published by", "originally appeared")
 * @param aggregated the feed says it took the entry from another feed (an RSS or Atom source element)
 * @param creditedSite the host of the site or feed such a source element names ("mekongstrategy.example"), or null
 * @param attributionByForm the attribution is a note known by its form alone (a line set apart linking to a page on
 *     another site), its words not understood: it names an original less surely than one that says so
 * @param undated its date tells nothing of when it was published: its feed gave none (it is dated when first seen),
 *     or gave every entry the same (when the feed was written)
 */
public record Marks(boolean ownSite, boolean declaresOriginal, boolean attribution, boolean aggregated,
        String creditedSite, boolean attributionByForm, boolean undated) {

    public static final Marks NONE = new Marks(false, false, false, false);
    /** Longer hosts are not kept: the stored marks have room for 120 characters, 49 of them for the flags. */
    public static final int MAX_CREDITED_SITE = 55;

    public Marks {
        attribution |= attributionByForm;
    }

    public Marks(boolean ownSite, boolean declaresOriginal, boolean attribution, boolean aggregated) {
        this(ownSite, declaresOriginal, attribution, aggregated, null);
    }

    public Marks(boolean ownSite, boolean declaresOriginal, boolean attribution, boolean aggregated,
            String creditedSite) {
        this(ownSite, declaresOriginal, attribution, aggregated, creditedSite, false, false);
    }

    /** The same marks, on its feed's own site or not. */
    public Marks withOwnSite(boolean own) {
        return own == ownSite ? this
                : new Marks(own, declaresOriginal, attribution, aggregated, creditedSite, attributionByForm, undated);
    }

    /** Whether an original this entry names comes only from a note known by its form. */
    public boolean namesOriginalByFormOnly() {
        return attributionByForm && !declaresOriginal;
    }

    /** Whether the entry credits the site {@code host} is on (the site itself or one of its subdomains). */
    public boolean credits(String host) {
        return creditedSite != null && host != null
                && (host.equals(creditedSite) || host.endsWith("." + creditedSite));
    }

    /** Whether the entry says, one way or another, that it is a copy of a piece published elsewhere. */
    public boolean copy() {
        return declaresOriginal || attribution || aggregated;
    }

    /** "own,attribution": the stored form. */
    public String encoded() {
        List<String> marks = new ArrayList<>(4);
        if (ownSite) {
            marks.add("own");
        }
        if (declaresOriginal) {
            marks.add("declares");
        }
        if (attribution) {
            marks.add(attributionByForm ? "aside" : "attribution"); // one note per entry: the one or the other
        }
        if (aggregated) {
            marks.add("aggregated");
        }
        if (undated) {
            marks.add("undated");
        }
        if (creditedSite != null) {
            marks.add("from=" + creditedSite);
        }
        return String.join(",", marks);
    }

    public static Marks decode(String encoded) {
        if (encoded == null || encoded.isEmpty()) {
            return NONE;
        }
        List<String> marks = List.of(encoded.split(","));
        String credited = marks.stream().filter(m -> m.startsWith("from=")).map(m -> m.substring(5)).findFirst()
                .orElse(null);
        return new Marks(marks.contains("own"), marks.contains("declares"), marks.contains("attribution"),
                marks.contains("aggregated"), credited, marks.contains("aside"), marks.contains("undated"));
    }

    /** For people: "on its feed's site, says it is a copy (attribution in its text)". */
    public String describe() {
        List<String> said = new ArrayList<>();
        if (declaresOriginal) {
            said.add("names its original");
        }
        if (attribution) {
            said.add(attributionByForm ? "a line set apart linking elsewhere" : "attribution in its text");
        }
        if (aggregated) {
            said.add(creditedSite == null ? "taken from another feed or site" : "taken from " + creditedSite);
        }
        return (ownSite ? "on its feed's site" : "not on its feed's site")
                + (said.isEmpty() ? "" : ", says it is a copy (" + String.join(", ", said) + ")")
                + (undated ? ", its date tells nothing (none given, or the same for every entry of its feed)" : "");
    }
}

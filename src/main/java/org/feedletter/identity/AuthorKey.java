package org.feedletter.identity;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The people an author line names, each as a folded surname and first initial, so that "Marta Kowalczyk",
 * "M. Kowalczyk", "Kowalczyk, Marta", "By Marta Kowalczyk, Senior Fellow" and "press@site.example (Marta
 * Kowalczyk)" are one person. A name of two whole words may be written family name first (Hungarian, and Chinese,
 * Japanese or Korean names in Latin letters: "Kovács Anna" for "Anna Kovács"), so it keeps that reading too.
 * Organisations ("Kestrel Institute", "EPO", "Observatory staff") name nobody: a copy crediting the partner, not the
 * writer, says nothing for or against.
 */
public final class AuthorKey {

    public static final AuthorKey NOBODY = new AuthorKey(List.of());

    /** How two author lines relate. */
    public enum Relation { UNKNOWN, SAME_PERSON, DIFFERENT_PEOPLE }

    private static final Pattern EMAIL_WITH_NAME = Pattern.compile("\\S+@\\S+\\s*\\(([^)]*)\\)");
    private static final Pattern EMAIL = Pattern.compile("\\S+@\\S+");
    private static final Pattern PARENTHESES = Pattern.compile("\\([^)]*\\)|\\[[^]]*]");
    private static final Pattern BY = Pattern.compile("^(?i)(by|von|av|par|przez|autor|author|written by)\\s*:?\\s+");
    private static final Pattern PEOPLE_SEPARATOR =
            Pattern.compile("\\s+(?:and|&|und|och|et|en|og|ja|i|y|e|oraz)\\s+|\\s*[;&/]\\s*");
    private static final Set<String> HONORIFICS = Set.of("dr", "prof", "professor", "mr", "mrs", "ms", "amb",
            "ambassador", "sir", "dame", "hon", "rev", "gen", "col", "dott", "ing", "mgr", "phd");
    private static final Set<String> PARTICLES = Set.of("de", "van", "von", "der", "den", "da", "di", "du", "dos",
            "del", "la", "le", "af", "zu", "bin", "al", "ten", "ter");
    /** Words that make a name an organisation's or a job's, not a person's. */
    private static final Set<String> NOT_A_PERSON = Set.of("institute", "institut", "instytut", "institutet", "centre",
            "center", "centrum", "observatory", "forum", "hub", "network", "staff", "team", "desk", "editors", "editor",
            "editorial", "redaction", "redaktion", "redakcja", "press", "news", "newsroom", "office", "university",
            "foundation", "council", "agency", "ministry", "department", "policy", "brief", "review", "group",
            "association", "programme", "program", "service", "services", "wire", "media", "admin", "administrator",
            "contributor", "contributors", "guest", "authors", "fellow", "senior", "director", "researcher", "analyst",
            "head", "associate", "research", "studies", "affairs", "international", "european", "global", "the",
            "of", "for", "watch", "daily", "weekly", "magazine", "journal", "blog", "podcast", "unknown", "anonymous");

    /**
     * Each person as "surname:initial" (initial empty when not given), for a name of two whole words followed by
     * "~" and the reading with the words the other way round, joined by "|": the stored form.
     */
    private final String encoded;

    private AuthorKey(List<String> people) {
        this.encoded = String.join("|", people);
    }

    private AuthorKey(String encoded) {
        this.encoded = encoded;
    }

    private List<String> people() {
        return encoded.isEmpty() ? List.of() : List.of(encoded.split("\\|"));
    }

    public static AuthorKey parse(String author) {
        if (author == null || author.isBlank()) {
            return NOBODY;
        }
        String line = Words.breakable(author).strip();
        Matcher withName = EMAIL_WITH_NAME.matcher(line);
        line = withName.find() ? withName.group(1) : EMAIL.matcher(line).replaceAll(" ");
        line = PARENTHESES.matcher(line).replaceAll(" ").strip();
        line = BY.matcher(line).replaceFirst("");
        Set<String> people = new LinkedHashSet<>();
        for (String part : PEOPLE_SEPARATOR.split(line)) {
            people.addAll(peopleIn(part.strip()));
        }
        return people.isEmpty() ? NOBODY : new AuthorKey(new ArrayList<>(people));
    }

    /** Rebuilds a key from {@link #encoded()}. */
    public static AuthorKey decode(String encoded) {
        if (encoded == null || encoded.isBlank()) {
            return NOBODY;
        }
        return new AuthorKey(encoded.strip());
    }

    /** "kowalczyk:m|nowak:j": the stored form. */
    public String encoded() {
        return encoded;
    }

    public boolean isEmpty() {
        return encoded.isEmpty();
    }

    /**
     * The same person when one reading of each agrees: "Anna Kovács" and "A. Kovács", or "Anna Kovács" and "Kovács
     * Anna" (each the other's words the other way round). When only the reversed reading of a two-word name agrees
     * with a name that has no such reading ("Kovács Anna", "A. Kovács"), perhaps: not different people.
     */
    public Relation relation(AuthorKey other) {
        if (encoded.isEmpty() || other.encoded.isEmpty()) {
            return Relation.UNKNOWN;
        }
        if (encoded.equals(other.encoded)) {
            return Relation.SAME_PERSON;
        }
        Relation found = Relation.DIFFERENT_PEOPLE;
        for (String mine : people()) {
            for (String theirs : other.people()) {
                String myName = reading(mine, false);
                String theirName = reading(theirs, false);
                String myReversed = reading(mine, true);
                String theirReversed = reading(theirs, true);
                if (samePerson(myName, theirName)
                        || myReversed != null && theirReversed != null && myReversed.equals(theirName)
                        && theirReversed.equals(myName)) {
                    return Relation.SAME_PERSON;
                }
                if (myReversed != null && theirReversed == null && samePerson(myReversed, theirName)
                        || theirReversed != null && myReversed == null && samePerson(theirReversed, myName)) {
                    found = Relation.UNKNOWN;
                }
            }
        }
        return found;
    }

    /**
     * Whether {@code words}, folded as a title's are, are the name of one of these people as a title writes it in
     * front ("aminata diallo", "a diallo"): the surname last, and before it the given name or its initial.
     */
    boolean namedBy(List<String> words) {
        if (words.size() < 2 || words.size() > 4) {
            return false;
        }
        String last = words.get(words.size() - 1);
        String first = words.get(0);
        for (String person : people()) {
            String name = reading(person, false);
            int colon = name.indexOf(':');
            String initial = name.substring(colon + 1);
            if (name.substring(0, colon).equals(last) && (initial.isEmpty() || first.startsWith(initial))) {
                return true;
            }
        }
        return false;
    }

    /** A person's "surname:initial", or with {@code reversed} that of its words the other way round (or null). */
    private static String reading(String person, boolean reversed) {
        int tilde = person.indexOf('~');
        if (tilde < 0) {
            return reversed ? null : person;
        }
        return reversed ? person.substring(tilde + 1) : person.substring(0, tilde);
    }

    private static boolean samePerson(String a, String b) {
        int ca = a.indexOf(':');
        int cb = b.indexOf(':');
        if (!a.regionMatches(0, b, 0, Math.max(ca, cb)) || ca != cb) {
            return false;
        }
        String ia = a.substring(ca + 1);
        String ib = b.substring(cb + 1);
        return ia.isEmpty() || ib.isEmpty() || ia.equals(ib);
    }

    /** The people one part of an author line names: "Surname, Given", or names and affiliations between commas. */
    private static List<String> peopleIn(String part) {
        List<String> found = new ArrayList<>();
        String[] segments = part.split("\\s*,\\s*");
        if (segments.length == 2) {
            List<String> surname = tokens(segments[0]);
            List<String> given = tokens(segments[1]);
            if (nonParticles(surname) == 1 && !given.isEmpty() && given.size() <= 2 && isName(given)
                    && isName(surname)) {
                found.add(person(lastNonParticle(surname), given.get(0)));
                return found;
            }
        }
        for (String segment : segments) {
            List<String> tokens = tokens(segment);
            if (nonParticles(tokens) >= 2 && tokens.size() <= 5 && isName(tokens)) {
                String person = person(lastNonParticle(tokens), tokens.get(0));
                boolean twoWholeWords = tokens.size() == 2 && wholeWord(tokens.get(0)) && wholeWord(tokens.get(1));
                found.add(twoWholeWords ? person + "~" + person(tokens.get(0), tokens.get(1)) : person);
            }
        }
        return found;
    }

    /** The words of a name, without honorifics; initials ("M.") kept as their letter. */
    private static List<String> tokens(String segment) {
        List<String> tokens = new ArrayList<>();
        for (String raw : segment.strip().split("[\\s.]+")) {
            if (raw.isEmpty() || HONORIFICS.contains(Words.fold(raw))) {
                continue;
            }
            tokens.add(raw);
        }
        return tokens;
    }

    private static boolean isName(List<String> tokens) {
        for (String token : tokens) {
            String folded = Words.fold(token);
            if (PARTICLES.contains(folded)) {
                continue;
            }
            boolean acronym = token.length() >= 2 && token.chars().allMatch(c -> Character.isUpperCase(c) || c == '-');
            if (!Character.isUpperCase(token.codePointAt(0)) || acronym || NOT_A_PERSON.contains(folded)
                    || token.chars().anyMatch(Character::isDigit)) {
                return false;
            }
        }
        return true;
    }

    private static boolean wholeWord(String token) {
        return token.codePointCount(0, token.length()) > 1;
    }

    private static String lastNonParticle(List<String> tokens) {
        return tokens.get(tokens.size() - 1);
    }

    private static long nonParticles(List<String> tokens) {
        return tokens.stream().filter(t -> !PARTICLES.contains(Words.fold(t))).count();
    }

    private static String person(String surname, String given) {
        String folded = String.join("", Words.of(surname, 4));
        List<String> first = Words.of(given, 1);
        return folded + ":" + (first.isEmpty() ? "" : first.get(0).substring(0, 1));
    }

    @Override
    public String toString() {
        return encoded.isEmpty() ? "nobody named" : encoded.replaceAll("~[^|]*", "").replace("|", ", ");
    }
}

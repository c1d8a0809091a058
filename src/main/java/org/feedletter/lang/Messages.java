package org.feedletter.lang;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The fixed words of one language, resolved key by key from the most specific bundle to English (see {@link
 * MessageCatalog}), with its plural rules, its date forms and its direction. Immutable; shared by every rendering
 * in that language.
 *
 * <p>A message's arguments are written {@code {0}}, {@code {1}}, ...; nothing else in a message is special (an
 * apostrophe is an apostrophe, unlike {@code java.text.MessageFormat}). A plural message is a key with one entry
 * per CLDR category the language uses ({@code digest.andMore.one}, {@code .few}, {@code .many}, {@code .other}),
 * the count as {@code {0}}.
 */
public final class Messages {

    /** The bundle keys of the two date forms: a {@code DateTimeFormatter} pattern, or styles ({@link #dates}). */
    public static final String DATE = "format.date";
    public static final String DATE_TIME = "format.dateTime";

    private final Locale language;
    private final Map<String, String> texts;
    private final TextDirection direction;
    private final DateTimeFormatter day;
    private final DateTimeFormatter dayAndTime;

    Messages(Locale language, Map<String, String> texts) {
        this.language = language;
        this.texts = Map.copyOf(texts);
        this.direction = TextDirection.of(language);
        this.day = dates(text(DATE), language);
        this.dayAndTime = dates(text(DATE_TIME), language);
    }

    public Locale language() {
        return language;
    }

    /** The BCP 47 tag, as HTML's {@code lang} attribute wants it. */
    public String tag() {
        return language.toLanguageTag();
    }

    public TextDirection direction() {
        return direction;
    }

    /** Whether a message exists for this key (in this language or, failing that, in English). */
    public boolean has(String key) {
        return texts.containsKey(key);
    }

    public Set<String> keys() {
        return texts.keySet();
    }

    /** The message with its arguments filled in; a key no bundle has is a template's mistake, thrown. */
    public String text(String key, Object... args) {
        String message = texts.get(key);
        if (message == null) {
            throw new MissingMessage("no message '" + key + "' in " + named(language)
                    + " nor in English (messages/messages.properties)");
        }
        return args.length == 0 ? message : fill(message, args);
    }

    /** The plural message for this count ({@code {0}}), the other arguments from {@code {1}} on. */
    public String plural(String key, long count, Object... args) {
        String category = PluralForms.category(language, count);
        String message = texts.get(key + "." + category);
        if (message == null) {
            message = texts.get(key + ".other");
        }
        if (message == null) {
            throw new MissingMessage("no message '" + key + ".other' (nor '" + key + "." + category + "') in "
                    + named(language) + " nor in English (messages/messages.properties)");
        }
        Object[] all = new Object[args.length + 1];
        all[0] = count;
        System.arraycopy(args, 0, all, 1, args.length);
        return fill(message, all);
    }

    /** A day, as "5 December 2026" or "5. Dezember 2026". */
    public String day(ZonedDateTime time) {
        return day.format(time);
    }

    /** A day and a time of day, as "5 Dec 2026, 15:00" or "5 dec. 2026 15:00". */
    public String dayAndTime(ZonedDateTime time) {
        return dayAndTime.format(time);
    }

    /**
     * A duration for a sentence ("7 days", "1 hour", "30 minutes"), as {@code config.Durations.inWords} says it in
     * English: whole days from two days on, else hours, minutes or seconds.
     */
    public String duration(Duration duration) {
        long hours = duration.toHours();
        if (hours >= 48 && hours % 24 == 0) {
            return plural("duration.days", hours / 24);
        }
        if (hours >= 1) {
            return plural("duration.hours", hours);
        }
        long minutes = duration.toMinutes();
        return minutes >= 1 ? plural("duration.minutes", minutes) : plural("duration.seconds", duration.toSeconds());
    }

    /**
     * A date form from the bundle: {@code long}, {@code medium} (the language's own form of that length, from CLDR)
     * or two of them for date and time ({@code medium short}); anything else is a {@code DateTimeFormatter} pattern
     * ({@code d MMMM yyyy}).
     */
    static DateTimeFormatter dates(String form, Locale language) {
        String[] styles = form.strip().toUpperCase(Locale.ROOT).split("\\s+");
        try {
            if (styles.length == 1) {
                return DateTimeFormatter.ofLocalizedDate(FormatStyle.valueOf(styles[0])).withLocale(language);
            }
            if (styles.length == 2) {
                return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.valueOf(styles[0]),
                        FormatStyle.valueOf(styles[1])).withLocale(language);
            }
        } catch (IllegalArgumentException e) {
            // not styles: a pattern
        }
        try {
            return DateTimeFormatter.ofPattern(form, language);
        } catch (IllegalArgumentException e) {
            throw new MissingMessage("the date form '" + form + "' of " + named(language)
                    + " is neither short, medium, long or full nor a date pattern: " + e.getMessage());
        }
    }

    static String named(Locale language) {
        return language.getDisplayName(Locale.ENGLISH) + " (" + language.toLanguageTag() + ")";
    }

    private static String fill(String message, Object[] args) {
        StringBuilder out = new StringBuilder(message.length() + 32);
        int from = 0;
        int open = message.indexOf('{');
        while (open >= 0) {
            int close = message.indexOf('}', open);
            if (close < 0) {
                break;
            }
            int index = argument(message, open + 1, close);
            if (index >= 0 && index < args.length) {
                out.append(message, from, open).append(args[index]);
                from = close + 1;
            }
            open = message.indexOf('{', open + 1);
        }
        return out.append(message, from, message.length()).toString();
    }

    private static int argument(String message, int from, int to) {
        if (to == from || to - from > 2) {
            return -1;
        }
        int index = 0;
        for (int i = from; i < to; i++) {
            char c = message.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            index = index * 10 + (c - '0');
        }
        return index;
    }

    /** A key no bundle holds, or a bad date form: a mistake in a template or a bundle. */
    public static final class MissingMessage extends RuntimeException {
        public MissingMessage(String message) {
            super(message);
        }
    }
}

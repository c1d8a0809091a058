package org.feedletter.config;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.IllformedLocaleException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.quartz.CronExpression;

/**
 * The {@link Section.Parser}s for config values. Each says, when it fails, what it expected for the key; none
 * quotes a value other than as written in the file.
 */
final class Values {

    private static final Pattern USER_INFO_WITH_PASSWORD = Pattern.compile("//[^/@]*:[^/@]*@");
    private static final Pattern NEWSLETTER_ID = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Set<String> FEED_SCHEMES = Set.of("http", "https", "file");
    private static final Set<String> WEB_SCHEMES = Set.of("http", "https");
    private static final String FEED_URL = "an absolute http, https or file URL";
    private static final String WEB_URL = "an absolute http or https URL";

    private Values() {}

    static String nonBlank(String key, Section.Value value) {
        if (value.text().isBlank()) {
            throw expected("a value", key, value);
        }
        return value.text().strip();
    }

    static int positive(String key, Section.Value value) {
        return atLeast(1, "a positive number", key, value);
    }

    static int nonNegative(String key, Section.Value value) {
        return atLeast(0, "a number of 0 or more", key, value);
    }

    static int port(String key, Section.Value value) {
        int port = number(key, value);
        if (port < 1 || port > 65535) {
            throw expected("a port number between 1 and 65535", key, value);
        }
        return port;
    }

    /** A rate such as 0.5 per second; 0 means no limit. */
    static double rate(String key, Section.Value value) {
        try {
            double rate = Double.parseDouble(value.text().strip());
            if (rate >= 0 && Double.isFinite(rate)) {
                return rate;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw expected("a number of 0 or more (0 for no limit)", key, value);
    }

    /** YAML's true or false; a switch that reads "yes" could as well have been a typo. */
    static boolean bool(String key, Section.Value value) {
        return switch (value.text().strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw expected("true or false", key, value);
        };
    }

    /** A share between 0 and 1, such as 0.6. */
    static double fraction(String key, Section.Value value) {
        try {
            double share = Double.parseDouble(value.text().strip());
            if (share >= 0 && share <= 1) {
                return share;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw expected("a number between 0 and 1, e.g. 0.6", key, value);
    }

    static Duration positiveDuration(String key, Section.Value value) {
        Duration duration;
        try {
            duration = Durations.parse(value.text());
        } catch (IllegalArgumentException e) {
            throw expected(e.getMessage(), key, value);
        }
        if (duration.isZero() || duration.isNegative()) {
            throw expected("a duration longer than zero", key, value);
        }
        return duration;
    }

    /** A duration of zero or more; a bare {@code 0} is zero. */
    static Duration nonNegativeDuration(String key, Section.Value value) {
        if (value.text().strip().equals("0")) {
            return Duration.ZERO;
        }
        Duration duration;
        try {
            duration = Durations.parse(value.text());
        } catch (IllegalArgumentException e) {
            throw expected(e.getMessage() + " (0 for none)", key, value);
        }
        if (duration.isNegative()) {
            throw expected("a duration of zero or more", key, value);
        }
        return duration;
    }

    static long positiveSize(String key, Section.Value value) {
        long size;
        try {
            size = Sizes.parse(value.text());
        } catch (IllegalArgumentException e) {
            throw expected(e.getMessage(), key, value);
        }
        if (size < 1) {
            throw expected("a size larger than zero", key, value);
        }
        return size;
    }

    /**
     * An enum constant written in lower case with dashes, e.g. {@code starttls} for {@code Security.STARTTLS},
     * {@code x-forwarded-for} for {@code X_FORWARDED_FOR}.
     */
    static <E extends Enum<E>> Section.Parser<E> oneOf(Class<E> type) {
        return (key, value) -> {
            String allowed = Arrays.stream(type.getEnumConstants())
                    .map(c -> c.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                    .collect(Collectors.joining(", "));
            return Arrays.stream(type.getEnumConstants())
                    .filter(c -> c.name().replace('_', '-').equalsIgnoreCase(value.text().strip()))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(
                            key + " must be one of " + allowed + ", got '" + value.shown() + "'"));
        };
    }

    static ZoneId zone(String key, Section.Value value) {
        try {
            return ZoneId.of(value.text().strip());
        } catch (DateTimeException e) {
            String hint = Suggestions.closest(value.text().strip(), ZoneId.getAvailableZoneIds())
                    .map(z -> " (did you mean '" + z + "'?)")
                    .orElse(" (expected a zone like Europe/Stockholm or UTC)");
            throw new IllegalArgumentException("unknown time zone '" + value.shown() + "' for " + key + hint);
        }
    }

    /**
     * A BCP 47 language tag (en, sv, de-AT, pt-BR); whether its messages exist is checked once the template folder
     * is known ({@link Languages#available}).
     */
    static Locale language(String key, Section.Value value) {
        String tag = value.text().strip();
        try {
            Locale language = new Locale.Builder().setLanguageTag(tag).build();
            if (!language.getLanguage().isEmpty() && !language.getLanguage().equals("und")) {
                return language;
            }
        } catch (IllformedLocaleException e) {
            // reported below
        }
        String hint = tag.contains("_") ? " (did you mean '" + tag.replace('_', '-') + "'?)"
                : " (expected a BCP 47 language tag such as en, sv or de-AT; feedletter ships "
                        + String.join(", ", Languages.SHIPPED) + ")";
        throw new IllegalArgumentException("'" + value.shown() + "' is not a language tag for " + key + hint);
    }

    /** A CIDR block, a single address or an {@link AddressKind}'s word; never looked up in DNS. */
    static AddressRange addressRange(String key, Section.Value value) {
        try {
            return AddressRange.parse(value.text());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad address range '" + value.shown() + "' for " + key + ": "
                    + e.getMessage());
        }
    }

    /** A Quartz cron expression; kept as text, since the scheduler builds its own trigger from it. */
    static String cron(String key, Section.Value value) {
        String expression = value.text().strip();
        try {
            CronExpression.validateExpression(expression);
            return expression;
        } catch (ParseException e) {
            throw new IllegalArgumentException("bad cron expression '" + value.shown() + "' for " + key + ": "
                    + e.getMessage() + " (expected a Quartz cron expression, seconds first: \"0 0 8 * * ?\" is 08:00"
                    + " every day)");
        }
    }

    /** A newsletter's schedule: {@code as-published} (any case), or a Quartz cron expression. */
    static String schedule(String key, Section.Value value) {
        if (value.text().strip().equalsIgnoreCase(NewsletterConfig.AS_PUBLISHED)) {
            return NewsletterConfig.AS_PUBLISHED;
        }
        try {
            return cron(key, value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage().substring(0, e.getMessage().length() - 1)
                    + "; or as-published, for an edition as matching items arrive)", e);
        }
    }

    /** Lower-case letters, digits and dashes: the id appears in URLs and in the database. */
    static String newsletterId(String key, Section.Value value) {
        if (!NEWSLETTER_ID.matcher(value.text()).matches()) {
            throw new IllegalArgumentException("newsletter " + key + " '" + value.shown()
                    + "' must be lower-case letters, digits and dashes, like 'quick-comment'");
        }
        return value.text();
    }

    /** An address that may carry a name, for {@code From:}: {@code "Quick Comments <digest@example.org>"}. */
    static String mailbox(String key, Section.Value value) {
        address(key, value, "an address like \"Quick Comments <digest@example.org>\"");
        return value.text().strip();
    }

    /** A bare address, as a subscriber has: {@code alice@example.org}. */
    static String plainAddress(String key, Section.Value value) {
        InternetAddress address = address(key, value, "an address like alice@example.org");
        if (address.getPersonal() != null || !address.getAddress().equals(value.text().strip())) {
            throw expected("a plain address like alice@example.org, without a name or <>", key, value);
        }
        return address.getAddress();
    }

    private static InternetAddress address(String key, Section.Value value, String expected) {
        try {
            InternetAddress address = new InternetAddress(value.text().strip(), true);
            if (address.isGroup()) {
                throw new AddressException("a group, not one address");
            }
            address.validate();
            return address;
        } catch (AddressException e) {
            throw new IllegalArgumentException("bad email address '" + value.shown() + "' for " + key + ": "
                    + e.getMessage() + " (expected " + expected + ")");
        }
    }

    /** Only H2 and PostgreSQL have migrations; a password in the URL would leak into logs. */
    static String databaseUrl(String key, Section.Value value) {
        String url = value.text().strip();
        if (url.toLowerCase(Locale.ROOT).contains("password=") || USER_INFO_WITH_PASSWORD.matcher(url).find()) {
            throw new IllegalArgumentException("the database " + key + " must not hold a password; put it in"
                    + " database.password as an environment variable: password: ${DB_PASSWORD}");
        }
        if (!url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:postgresql:")) {
            throw expected("a jdbc:h2: or jdbc:postgresql: URL", key, value);
        }
        return url;
    }

    /** Where the public site is reached: an absolute http or https URL. */
    static URI webUrl(String key, Section.Value value) {
        URI url = absoluteUrl(key, value, WEB_SCHEMES, WEB_URL);
        if (url.getHost() == null) {
            throw expected("an http or https URL with a host", key, value);
        }
        return url;
    }

    /**
     * A WebSub hub: an http or https URL with a host. Every merged feed names it, where anyone reads it, so it may
     * carry no password or token.
     */
    static URI hubUrl(String key, Section.Value value) {
        URI url = webUrl(key, value);
        if (SecretUrls.hasSecrets(url.toString())) {
            throw new IllegalArgumentException("the " + key + " '" + SecretUrls.masked(url.toString()) + "' carries a"
                    + " password or token, and every feed names it for anyone to read: give a hub URL without one");
        }
        return url;
    }

    /** A feed's address; a relative {@code file:} URL resolves against {@code workingDirectory}. */
    static Section.Parser<URI> feedUrl(Path workingDirectory) {
        return (key, value) -> {
            URI url = absoluteUrl(key, value, FEED_SCHEMES, FEED_URL);
            if (url.getScheme().equalsIgnoreCase("file")) {
                return fileUrl(url, workingDirectory, key, value);
            }
            if (url.getHost() == null) {
                throw expected("an http or https URL with a host", key, value);
            }
            return url;
        };
    }

    /** A folder or file; relative paths resolve against {@code workingDirectory}. */
    static Section.Parser<Path> path(Path workingDirectory) {
        return (key, value) -> {
            try {
                return workingDirectory.resolve(value.text().strip()).normalize();
            } catch (InvalidPathException e) {
                throw new IllegalArgumentException("bad path '" + value.shown() + "' for " + key + ": " + e.getReason());
            }
        };
    }

    private static URI absoluteUrl(String key, Section.Value value, Set<String> schemes, String expectation) {
        URI url;
        try {
            url = new URI(value.text().strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("bad URL '" + value.shown() + "' for " + key + ": " + e.getReason()
                    + " at index " + e.getIndex() + " (expected " + expectation + ")");
        }
        if (!url.isAbsolute() || !schemes.contains(url.getScheme().toLowerCase(Locale.ROOT))) {
            throw expected(expectation, key, value);
        }
        return url;
    }

    /** {@code file:config/x.xml} is opaque to {@link URI}; its path is taken as relative. */
    private static URI fileUrl(URI url, Path workingDirectory, String key, Section.Value value) {
        if (url.getRawAuthority() != null) {
            // file://config/x.xml names a host "config": almost always one slash too many or too few.
            throw expected("file:/absolute/path or file:relative/path, without a host", key, value);
        }
        if (!url.isOpaque()) {
            return url.normalize();
        }
        try {
            return workingDirectory.resolve(url.getSchemeSpecificPart()).normalize().toUri();
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("bad file URL '" + value.shown() + "' for " + key + ": " + e.getReason());
        }
    }

    private static int atLeast(int minimum, String expectation, String key, Section.Value value) {
        int number = number(key, value);
        if (number < minimum) {
            throw expected(expectation, key, value);
        }
        return number;
    }

    private static int number(String key, Section.Value value) {
        try {
            return Integer.parseInt(value.text().strip());
        } catch (NumberFormatException e) {
            throw expected("a number", key, value);
        }
    }

    private static IllegalArgumentException expected(String expectation, String key, Section.Value value) {
        return new IllegalArgumentException("expected " + expectation + " for " + key + ", got '" + value.shown() + "'");
    }
}

package org.feedletter.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${NAME}} and {@code ${NAME:-default}} in config values from the environment. As in a shell, the
 * default is used when the variable is unset or empty.
 */
final class Placeholders {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

    /** A password written as one reference without a default (or with an empty one) comes from the environment. */
    private static final Pattern ENVIRONMENT_ONLY = Pattern.compile("\\$\\{[A-Za-z_][A-Za-z0-9_]*(?::-)?}");

    /**
     * @param value the text with every reference replaced; null when {@code problems} is not empty
     * @param problems what stopped the replacement, e.g. "environment variable SMTP_PASSWORD is not set"
     */
    record Result(String value, List<String> problems) {}

    private final Map<String, String> environment;

    Placeholders(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    static boolean hasReference(String text) {
        return text.contains("${");
    }

    /** True when the text takes its whole value from the environment and none from the file. */
    static boolean isEnvironmentOnly(String text) {
        return ENVIRONMENT_ONLY.matcher(text).matches();
    }

    Result replace(String text) {
        List<String> problems = new ArrayList<>();
        StringBuilder out = new StringBuilder();
        Matcher matcher = REFERENCE.matcher(text);
        int end = 0;
        boolean malformed = false;
        while (matcher.find()) {
            String before = text.substring(end, matcher.start());
            malformed |= before.contains("${");
            out.append(before).append(lookUp(matcher.group(1), matcher.group(2), problems));
            end = matcher.end();
        }
        String rest = text.substring(end);
        if (malformed || rest.contains("${")) {
            problems.add("malformed environment reference; expected ${NAME} or ${NAME:-default}");
        }
        out.append(rest);
        return new Result(problems.isEmpty() ? out.toString() : null, List.copyOf(problems));
    }

    private String lookUp(String name, String fallback, List<String> problems) {
        String value = environment.get(name);
        if (value != null && !(value.isEmpty() && fallback != null)) {
            return value;
        }
        if (fallback != null) {
            return fallback;
        }
        problems.add("environment variable " + name + " is not set");
        return "";
    }
}

package org.feedletter.config;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The config as it takes effect, in the file's own keys: what the file says, as written (an environment reference
 * stays a reference, so no secret is printed), and every default the reader filled in, marked as one. Recorded by
 * {@link Section} as the reader asks for each key, so it names exactly the keys the loader takes; printed, it loads
 * back to the same config. Only a URL with a password or token written in it is printed masked, and so loads back
 * differently: such secrets belong in the environment ({@code ?token=${FEED_TOKEN}}).
 */
final class EffectiveConfig {

    /** A value as written in the file, or a default the reader used. */
    private record Text(String text, boolean defaulted) {}

    /** A list of values as written. */
    private record Texts(List<String> texts) {}

    /** A key that is set only from the environment and was not: shown as a comment. */
    private record Unset(String reference) {}

    private static final Pattern NEEDS_QUOTES =
            Pattern.compile("^$|^[-?:,\\[\\]{}#&*!|>'\"%@`~]|: | #|:$|['\"\\t]|^\\s|\\s$|^(?i:null)$");
    private static final Pattern NEEDS_QUOTES_IN_A_LIST = Pattern.compile("[,\\[\\]{}]");

    private final List<String> keys;
    private final Map<String, Object> entries = new LinkedHashMap<>();

    EffectiveConfig(List<String> keys) {
        this.keys = List.copyOf(keys);
    }

    void written(String key, String text) {
        entries.put(key, new Text(text, false));
    }

    void written(String key, List<String> texts) {
        entries.put(key, new Texts(List.copyOf(texts)));
    }

    void defaulted(String key, Object value) {
        String text = format(value);
        if (text != null && !entries.containsKey(key)) {
            entries.put(key, new Text(text, true));
        }
    }

    void unset(String key, String variable) {
        if (!entries.containsKey(key)) {
            entries.put(key, new Unset("${" + variable + "}"));
        }
    }

    void section(String key, EffectiveConfig section) {
        entries.put(key, section);
    }

    void items(String key, List<EffectiveConfig> items) {
        entries.put(key, items);
    }

    private boolean isEmpty() {
        return entries.values().stream().allMatch(v -> v instanceof EffectiveConfig c && c.isEmpty());
    }

    /** As YAML, two spaces a level; keys in the order the reader lists them. */
    String yaml() {
        return yaml(false);
    }

    /** @param everyKey also each key that is neither set nor defaulted, as a comment: a reference of the keys */
    String yaml(boolean everyKey) {
        List<String> lines = new ArrayList<>();
        print("", lines, everyKey);
        return String.join("\n", lines) + "\n";
    }

    private void print(String indent, List<String> lines, boolean everyKey) {
        List<String> order = new ArrayList<>(keys.stream().filter(k -> everyKey || entries.containsKey(k)).toList());
        entries.keySet().stream().filter(k -> !order.contains(k)).forEach(order::add);
        for (String key : order) {
            Object value = entries.get(key);
            if (value == null) {
                lines.add(indent + "# " + key + ":");
                continue;
            }
            if (value instanceof Text text) {
                lines.add(indent + key + ": " + scalar(text.text(), false) + (text.defaulted() ? "  # default" : ""));
            } else if (value instanceof Texts texts) {
                lines.add(indent + key + ": [" + String.join(", ", texts.texts().stream()
                        .map(t -> scalar(t, true)).toList()) + "]");
            } else if (value instanceof Unset unset) {
                lines.add(indent + "# " + key + ": " + unset.reference() + "  (not set)");
            } else if (value instanceof EffectiveConfig section) {
                if (!section.isEmpty() || everyKey) {
                    lines.add(indent + key + ":");
                    section.print(indent + "  ", lines, everyKey);
                }
            } else if (value instanceof List<?> items) {
                if (items.isEmpty()) {
                    lines.add(indent + key + ": []");
                    continue;
                }
                lines.add(indent + key + ":");
                for (Object item : items) {
                    List<String> itemLines = new ArrayList<>();
                    ((EffectiveConfig) item).print(indent + "    ", itemLines, everyKey);
                    for (int i = 0; i < itemLines.size(); i++) {
                        String line = itemLines.get(i);
                        lines.add(i == 0 ? indent + "  - " + line.substring(indent.length() + 4) : line);
                    }
                }
            }
        }
    }

    /** A value YAML reads back as the same text: plain where it can, else quoted. */
    private static String scalar(String text, boolean inList) {
        // A URL whose secrets come from the environment shows only the references; one written with them is masked.
        String shown = text.contains("://") && !text.contains("${") ? SecretUrls.masked(text) : text;
        if (shown.indexOf('\n') >= 0 || shown.indexOf('\r') >= 0) {
            return "\"" + shown.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "\\r")
                    + "\"";
        }
        if (NEEDS_QUOTES.matcher(shown).find() || inList && NEEDS_QUOTES_IN_A_LIST.matcher(shown).find()) {
            return "'" + shown.replace("'", "''") + "'";
        }
        return shown;
    }

    /** A default as the file would write it; null for none. */
    private static String format(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Duration duration) {
            return Durations.format(duration);
        }
        if (value instanceof Enum<?> constant) {
            return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
        if (value instanceof ZoneId zone) {
            return zone.getId();
        }
        if (value instanceof Double number) {
            return BigDecimal.valueOf(number).stripTrailingZeros().toPlainString();
        }
        if (value instanceof Long bytes) { // the config's only longs are sizes
            return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + "MB"
                    : bytes % 1024 == 0 ? bytes / 1024 + "KB" : String.valueOf(bytes);
        }
        if (value instanceof Path path) {
            return path.toString();
        }
        if (value instanceof Locale language) {
            return language.toLanguageTag();
        }
        String text = value.toString();
        return text.isEmpty() ? null : text;
    }
}

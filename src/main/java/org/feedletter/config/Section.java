package org.feedletter.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * One mapping of the config file while it is read: hands out typed values and records a problem, with its line,
 * for every missing, malformed, unknown or repeated key. A section that is absent reads as empty, so that every
 * key falls back to its default.
 */
final class Section {

    /**
     * A value with environment references replaced.
     *
     * @param shown how to quote the value in a message: as written in the file, so that values taken from the
     *     environment never appear in messages
     */
    record Value(int line, String text, String shown) {}

    /**
     * A list of mappings such as {@code feeds}.
     *
     * @param noun what one item is called in messages: "feed"
     * @param labelKey the key that names an item in messages ("feed 'https://…'"); without it, its position
     * @param identityName what two items must not share, as said in messages: "URL"
     */
    record Items(String key, String noun, List<String> keys, String labelKey, String identityName) {}

    /** Turns a value into T, or throws {@link IllegalArgumentException} saying what was expected for the key. */
    @FunctionalInterface
    interface Parser<T> {
        T parse(String key, Value value);
    }

    /** Keys also taken in another number than the one listed ("label" for "labels"), as people write either. */
    static final Map<String, String> OTHER_SPELLINGS = Map.of("label", "labels", "url-paths", "url-path");

    private final YamlNode.Mapping mapping;
    private final String where;
    private final List<String> keys;
    private final boolean present;
    private final boolean reportMissing;
    private final Problems problems;
    private final Placeholders placeholders;
    /** Keys offered as "did you mean" for an unknown key: not reported as missing as well. */
    private final Set<String> suggested = new HashSet<>();
    /** What this section says and the defaults used for it, as the reader asks: config check prints it. */
    private final EffectiveConfig effective;

    private Section(YamlNode.Mapping mapping, String where, List<String> keys, boolean present, boolean reportMissing,
            Problems problems, Placeholders placeholders) {
        this.mapping = mapping;
        this.where = where;
        this.keys = List.copyOf(keys);
        this.present = present;
        this.reportMissing = reportMissing;
        this.problems = problems;
        this.placeholders = placeholders;
        this.effective = new EffectiveConfig(keys);
        rejectUnknownAndRepeatedKeys();
    }

    /** This section as it takes effect, in the file's keys (see {@link EffectiveConfig}). */
    EffectiveConfig effective() {
        return effective;
    }

    /** The whole file; {@code root} must be a mapping. */
    static Section root(YamlNode.Mapping root, List<String> keys, Problems problems, Placeholders placeholders) {
        return new Section(root, "", keys, true, true, problems, placeholders);
    }

    /**
     * The mapping under {@code key}; empty (all defaults) when absent or when it is not a mapping. An absent section
     * still reports its required keys; one of the wrong kind does not, as that would only repeat the problem.
     */
    Section section(String key, List<String> keys) {
        String childWhere = where.isEmpty() ? key : where + ", " + key;
        YamlNode node = node(key).orElse(null);
        Section section;
        if (node instanceof YamlNode.Mapping child) {
            section = new Section(child, childWhere, keys, true, true, problems, placeholders);
        } else {
            if (node != null) {
                problem(node.line(), "expected a mapping for " + key + " (with keys " + String.join(", ", keys)
                        + "), got " + node.kind());
            }
            YamlNode.Mapping empty = new YamlNode.Mapping(line(key), List.of());
            section = new Section(empty, childWhere, keys, false, node == null, problems, placeholders);
        }
        effective.section(key, section.effective);
        return section;
    }

    /**
     * Reads each item of a list with {@code read}, which returns empty for an item too broken to use. Two items with
     * the same {@code identity} are reported at the second.
     */
    <T> List<T> items(Items items, Function<Section, Optional<T>> read, Function<T, Object> identity) {
        List<T> result = new ArrayList<>();
        Map<Object, Integer> firstLines = new HashMap<>();
        List<YamlNode> nodes = list(items.key(), items.key());
        List<EffectiveConfig> effectiveItems = new ArrayList<>();
        effective.items(items.key(), effectiveItems);
        for (int i = 0; i < nodes.size(); i++) {
            YamlNode node = nodes.get(i);
            String itemWhere = items.noun() + " " + label(node, items.labelKey(), i);
            Optional<Section> section = item(node, itemWhere, items.keys());
            section.ifPresent(s -> effectiveItems.add(s.effective));
            section.flatMap(read).ifPresent(item -> {
                Object id = identity.apply(item);
                Integer first = firstLines.putIfAbsent(id, node.line());
                if (first != null) {
                    problems.add(node.line(), itemWhere + ": " + items.identityName() + " '" + id
                            + "' is used twice (first at line " + first + ")");
                }
                result.add(item);
            });
        }
        return result;
    }

    private Optional<Section> item(YamlNode node, String where, List<String> keys) {
        if (node instanceof YamlNode.Mapping child) {
            return Optional.of(new Section(child, where, keys, true, true, problems, placeholders));
        }
        problems.add(node.line(), where + ": expected a mapping with keys " + String.join(", ", keys) + ", got "
                + node.kind());
        return Optional.empty();
    }

    /** An item's name in messages, read before the item itself: its url, id or email, else its position. */
    private static String label(YamlNode node, String labelKey, int index) {
        if (node instanceof YamlNode.Mapping mapping
                && mapping.entry(labelKey).map(YamlNode.Entry::value).orElse(null) instanceof YamlNode.Scalar scalar) {
            return "'" + scalar.text() + "'";
        }
        return "#" + (index + 1);
    }

    /** The list under {@code key}; empty when absent or not a list. */
    List<YamlNode> list(String key, String whatItHolds) {
        YamlNode node = node(key).orElse(null);
        if (node instanceof YamlNode.Sequence sequence) {
            return sequence.items();
        }
        if (node != null) {
            String forKey = whatItHolds.equals(key) ? "" : " for " + key;
            problem(node.line(), "expected a list of " + whatItHolds + forKey + ", got " + node.kind());
        }
        return List.of();
    }

    /** A list of single values, e.g. {@code [quick-comment, weekly]}. */
    List<Value> values(String key, String whatItHolds) {
        List<Value> values = new ArrayList<>();
        List<String> written = new ArrayList<>();
        for (YamlNode item : list(key, whatItHolds)) {
            if (item instanceof YamlNode.Scalar scalar) {
                replacePlaceholders(scalar).ifPresent(values::add);
                written.add(scalar.text());
            } else {
                problem(item.line(), "expected a list of " + whatItHolds + " for " + key + ", got " + item.kind()
                        + " in it");
            }
        }
        if (node(key).isPresent()) {
            effective.written(key, written);
        }
        return values;
    }

    /** One value or a list of them: {@code url-path: /x/} or {@code url-path: [/x/, /y/]}. */
    List<Value> oneOrMore(String key, String whatItHolds) {
        if (node(key).orElse(null) instanceof YamlNode.Scalar) {
            return value(key).map(List::of).orElse(List.of());
        }
        return values(key, whatItHolds);
    }

    /** True for {@code key: []}, which a list that must not be empty can report. */
    boolean isEmptyList(String key) {
        return node(key).orElse(null) instanceof YamlNode.Sequence sequence && sequence.items().isEmpty();
    }

    Optional<Value> value(String key) {
        YamlNode node = node(key).orElse(null);
        if (node == null) {
            return Optional.empty();
        }
        if (node instanceof YamlNode.Scalar scalar) {
            effective.written(key, scalar.text());
            return replacePlaceholders(scalar);
        }
        problem(node.line(), "expected a single value for " + key + ", got " + node.kind());
        return Optional.empty();
    }

    <T> Optional<T> get(String key, Parser<T> parser) {
        return value(key).flatMap(value -> parse(key, value, parser));
    }

    <T> T get(String key, Parser<T> parser, T fallback) {
        Optional<T> value = get(key, parser);
        if (value.isEmpty()) {
            effective.defaulted(key, fallback);
        }
        return value.orElse(fallback);
    }

    String string(String key, String fallback) {
        Optional<String> value = value(key).map(Value::text);
        if (value.isEmpty()) {
            effective.defaulted(key, fallback);
        }
        return value.orElse(fallback);
    }

    /** Like {@link #get} but the key must be there; {@code expectation} tells what to write, for the message. */
    <T> Optional<T> require(String key, String expectation, Parser<T> parser) {
        return required(key, expectation).flatMap(value -> parse(key, value, parser));
    }

    Optional<Value> required(String key, String expectation) {
        requireKey(key, expectation);
        return value(key);
    }

    /** Reports the key as missing, at the line of this section, when it is absent or has no value. */
    void requireKey(String key, String expectation) {
        if (node(key).isEmpty() && reportMissing && !suggested.contains(key)) {
            problem(line(), "missing required key '" + key + "' (" + expectation + ")");
        }
    }

    /** Runs a further check on a value already read. */
    <T> Optional<T> parse(String key, Value value, Parser<T> parser) {
        try {
            return Optional.of(parser.parse(key, value));
        } catch (IllegalArgumentException e) {
            problem(value.line(), e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * A password. It has to come from the environment: a value written in the file, which would end up in
     * version control and backups, is refused. The value itself never appears in a message.
     */
    String secret(String key, String variable) {
        YamlNode node = node(key).orElse(null);
        if (node instanceof YamlNode.Scalar scalar && !scalar.text().isEmpty()
                && !Placeholders.isEnvironmentOnly(scalar.text())) {
            problem(node.line(), "the " + key + " must not be written in the file; put the password in an environment"
                    + " variable: " + key + ": ${" + variable + "}");
            return "";
        }
        if (node == null) {
            effective.unset(key, variable);
        }
        return string(key, "");
    }

    boolean present() {
        return present;
    }

    int line() {
        return mapping.line();
    }

    /** The line of the key, or of the whole section when the key is absent. */
    int line(String key) {
        return mapping.entry(checked(key)).map(YamlNode.Entry::line).orElse(line());
    }

    void problem(int line, String message) {
        problems.add(line, where.isEmpty() ? message : where + ": " + message);
    }

    private Optional<YamlNode> node(String key) {
        return mapping.entry(checked(key)).map(YamlNode.Entry::value).filter(v -> !(v instanceof YamlNode.Empty));
    }

    private String checked(String key) {
        if (!keys.contains(key) && !keys.contains(OTHER_SPELLINGS.getOrDefault(key, key))) {
            throw new IllegalStateException("'" + key + "' is not among the keys of " + where + ": " + keys);
        }
        return key;
    }

    private Optional<Value> replacePlaceholders(YamlNode.Scalar scalar) {
        Placeholders.Result result = placeholders.replace(scalar.text());
        result.problems().forEach(p -> problem(scalar.line(), p));
        return Optional.ofNullable(result.value()).map(text -> new Value(scalar.line(), text, scalar.text()));
    }

    private void rejectUnknownAndRepeatedKeys() {
        Map<String, Integer> seen = new HashMap<>();
        String in = where.isEmpty() ? "at the top level" : "in " + where;
        for (YamlNode.Entry entry : mapping.entries()) {
            Integer first = seen.putIfAbsent(entry.key(), entry.line());
            if (first != null) {
                problems.add(entry.line(), "key '" + entry.key() + "' appears twice " + in + " (first at line " + first
                        + "); keep one");
            } else if (!keys.contains(entry.key()) && !keys.contains(OTHER_SPELLINGS.getOrDefault(entry.key(), entry.key()))) {
                Optional<String> suggestion = Suggestions.closest(entry.key(), keys);
                suggestion.ifPresent(suggested::add);
                problems.add(entry.line(), "unknown key '" + entry.key() + "' " + in + suggestion
                        .map(s -> " (did you mean '" + s + "'?)")
                        .orElse(" (expected one of " + String.join(", ", keys) + ")"));
            }
        }
    }
}

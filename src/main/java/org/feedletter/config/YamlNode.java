package org.feedletter.config;

import java.util.List;
import java.util.Optional;

/**
 * A YAML document as a small tree that, unlike Jackson's {@code JsonNode}, remembers the 1-based line of every
 * node, so that problems can point at the offending key or value.
 */
sealed interface YamlNode {

    int line();

    /** What this node is, for messages such as "expected a list of feeds, got a mapping". */
    String kind();

    /** A mapping; keys keep their order and their own line. Duplicate keys are kept for the reader to report. */
    record Mapping(int line, List<Entry> entries) implements YamlNode {

        public Mapping {
            entries = List.copyOf(entries);
        }

        /** The first entry with this key. */
        public Optional<Entry> entry(String key) {
            return entries.stream().filter(e -> e.key().equals(key)).findFirst();
        }

        @Override
        public String kind() {
            return "a mapping";
        }
    }

    /** One {@code key: value} pair; {@code line} is the key's line. */
    record Entry(String key, int line, YamlNode value) {}

    record Sequence(int line, List<YamlNode> items) implements YamlNode {

        public Sequence {
            items = List.copyOf(items);
        }

        @Override
        public String kind() {
            return "a list";
        }
    }

    /**
     * A value as written, before environment references are replaced. Numbers and booleans stay text, so that
     * {@code security: off} or {@code port: ${SMTP_PORT}} mean what they say.
     */
    record Scalar(int line, String text) implements YamlNode {

        @Override
        public String kind() {
            return "a single value";
        }
    }

    /** {@code key:} with nothing after it, {@code ~} or {@code null}: treated as if the key were absent. */
    record Empty(int line) implements YamlNode {

        @Override
        public String kind() {
            return "nothing";
        }
    }
}

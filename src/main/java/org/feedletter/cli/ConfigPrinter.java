package org.feedletter.cli;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.feedletter.config.SecretUrls;

/**
 * Prints the effective config as a YAML-like outline, every default filled in and every secret masked. It walks the
 * config records by their components, so a section another feature adds is printed without touching this class;
 * that is the one use of reflection here, and it only reads public record accessors.
 */
final class ConfigPrinter {

    /** Component names that hold a secret: printed as **** (or "(not set)"), never as their value. */
    private static final Pattern SECRET = Pattern.compile("(?i).*(password|secret|token|apikey|privatekey).*");
    /** What YAML would read otherwise: empty, an indicator first, ": " or " #" inside, quotes, edge spaces. */
    private static final Pattern NEEDS_QUOTES = Pattern.compile("^$|^[-?:,\\[\\]{}#&*!|>'\"%@`]|: | #|[\"']|^\\s|\\s$");
    private static final Pattern WORD_START = Pattern.compile("(?<=[a-z0-9])(?=[A-Z])");

    private final PrintWriter out;

    ConfigPrinter(PrintWriter out) {
        this.out = out;
    }

    /** Each component of the top record as a section. */
    void print(Record config) {
        for (RecordComponent component : config.getClass().getRecordComponents()) {
            if (!component.getName().equals("source")) {
                entry("", component.getName(), value(config, component));
            }
        }
        out.flush();
    }

    private void entry(String indent, String name, Object value) {
        String key = indent + kebab(name) + ":";
        if (SECRET.matcher(name).matches()) {
            out.println(key + " " + (value == null || value.toString().isEmpty() ? "(not set)" : "****"));
        } else if (value instanceof Optional<?> optional) {
            if (optional.isEmpty()) {
                out.println(key + " (none)");
            } else {
                entry(indent, name, optional.get());
            }
        } else if (value instanceof Record record) {
            out.println(key);
            fields(indent + "  ", record);
        } else if (value instanceof Collection<?> items && items.stream().anyMatch(i -> i instanceof Record)) {
            out.println(key + (items.isEmpty() ? " []" : ""));
            for (Object item : items) {
                listItem(indent + "  ", (Record) item);
            }
        } else {
            out.println(key + " " + scalar(name, value));
        }
    }

    private void fields(String indent, Record record) {
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            entry(indent, component.getName(), value(record, component));
        }
    }

    /** "- first: value" then the other components indented under it, as YAML writes a list of mappings. */
    private void listItem(String indent, Record record) {
        RecordComponent[] components = record.getClass().getRecordComponents();
        StringBuilder first = new StringBuilder();
        for (int i = 0; i < components.length; i++) {
            Object value = value(record, components[i]);
            if (i == 0 && !(value instanceof Record) && !(value instanceof Optional<?>)) {
                first.append(indent).append("- ").append(kebab(components[i].getName())).append(": ")
                        .append(scalar(components[i].getName(), value));
                out.println(first);
            } else {
                if (i == 0) {
                    out.println(indent + "-");
                }
                entry(indent + "  ", components[i].getName(), value);
            }
        }
    }

    private static Object value(Record record, RecordComponent component) {
        try {
            return component.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component.getName() + " of " + record.getClass(), e);
        }
    }

    private static String scalar(String name, Object value) {
        if (value == null) {
            return "(none)";
        }
        if (value instanceof URI url) {
            value = SecretUrls.masked(url.toString()); // user:password and tokens stay in the file
        }
        if (value instanceof Duration duration) {
            return duration(duration);
        }
        if (value instanceof Enum<?> constant) {
            return constant.name().toLowerCase(Locale.ROOT).replace('_', '-'); // as the config file takes it
        }
        if (value instanceof Long bytes && name.toLowerCase(Locale.ROOT).endsWith("bytes")) {
            return size(bytes);
        }
        if (value instanceof Collection<?> items) {
            return items.stream().map(item -> scalar("", item)).toList().toString();
        }
        String text = value.toString();
        return NEEDS_QUOTES.matcher(text).find() ? quoted(text) : text;
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** 30m, 1h30m, 2d, 500ms: the way the config file takes them. */
    static String duration(Duration duration) {
        if (duration.isZero()) {
            return "0s";
        }
        StringBuilder text = new StringBuilder();
        long days = duration.toDays();
        List<Object[]> parts = List.of(new Object[] {days, "d"}, new Object[] {(long) duration.toHoursPart(), "h"},
                new Object[] {(long) duration.toMinutesPart(), "m"}, new Object[] {(long) duration.toSecondsPart(), "s"},
                new Object[] {(long) duration.toMillisPart(), "ms"});
        for (Object[] part : parts) {
            if ((long) part[0] > 0) {
                text.append(part[0]).append(part[1]);
            }
        }
        return text.toString();
    }

    private static String size(long bytes) {
        if (bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + "MB";
        }
        return bytes % 1024 == 0 ? bytes / 1024 + "KB" : bytes + "B";
    }

    private static String kebab(String name) {
        return WORD_START.matcher(name).replaceAll("-").toLowerCase(Locale.ROOT);
    }
}

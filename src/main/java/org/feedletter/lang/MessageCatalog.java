package org.feedletter.lang;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.feedletter.config.Languages;

/**
 * The message bundles, as the templates see them: {@code messages/messages.properties} (English, complete) and
 * {@code messages/messages_xx.properties} beside the bundled templates, and files of the same names in an operator's
 * template folder, each of whose keys overrides the bundled one. For a language, from least to most binding: the
 * bundled English, the operator's English, then for each more specific bundle ({@code de}, then {@code de_AT}) the
 * bundled one and the operator's. Files are UTF-8. Read once per language and kept: an edited bundle takes effect
 * at the next start.
 */
public final class MessageCatalog {

    private static final String BUNDLED = "/templates/";

    private final Optional<Path> operatorTemplates;
    private final Map<Locale, Messages> languages = new ConcurrentHashMap<>();

    public MessageCatalog(Optional<Path> operatorTemplates) {
        this.operatorTemplates = operatorTemplates;
    }

    /** Only the bundled messages. */
    public static MessageCatalog bundled() {
        return new MessageCatalog(Optional.empty());
    }

    /** A language's messages, English where its bundles lack a key. */
    public Messages messages(Locale language) {
        return languages.computeIfAbsent(language, l -> new Messages(l, merged(l)));
    }

    private Map<String, String> merged(Locale language) {
        List<String> files = new ArrayList<>(Languages.files(language));
        files.add(Languages.rootFile());
        Collections.reverse(files);
        Map<String, String> texts = new HashMap<>();
        for (String file : files) {
            texts.putAll(bundled(file));
            operatorTemplates.ifPresent(dir -> texts.putAll(read(dir.resolve(file))));
        }
        return texts;
    }

    /** One bundled file's own keys, or none when it does not exist. */
    public static Map<String, String> bundled(String file) {
        try (InputStream in = MessageCatalog.class.getResourceAsStream(BUNDLED + file)) {
            return in == null ? Map.of() : properties(new InputStreamReader(in, StandardCharsets.UTF_8), file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled " + file, e);
        }
    }

    private static Map<String, String> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return properties(in, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the messages in " + file, e);
        }
    }

    private static Map<String, String> properties(Reader in, String where) throws IOException {
        Properties properties = new Properties();
        try {
            properties.load(in);
        } catch (IllegalArgumentException e) {
            throw new IOException(where + ": " + e.getMessage(), e);
        }
        Map<String, String> texts = new HashMap<>();
        properties.stringPropertyNames().forEach(key -> texts.put(key, properties.getProperty(key)));
        return texts;
    }
}

package org.feedletter.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where the message bundles of the templates are, and which languages feedletter ships: {@code messages/} beside
 * the templates, {@code messages.properties} (English, the root every language falls back to) and one {@code
 * messages_xx.properties} per shipped language. An operator's template folder may hold files of the same names,
 * whose keys override the shipped ones key by key, and files for languages feedletter does not ship.
 */
public final class Languages {

    /** The languages whose messages ship complete, English first (it is also the root bundle). */
    public static final List<String> SHIPPED = List.of("en", "sv", "de", "fr", "pl", "uk");
    /** The folder of the bundles, under the templates (the bundled ones and an operator's). */
    public static final String FOLDER = "messages";

    private Languages() {}

    /**
     * The bundle files that may hold a language's messages, the most specific first and without the root: for
     * {@code de-AT}, {@code messages_de_AT.properties} then {@code messages_de.properties}.
     */
    public static List<String> files(Locale language) {
        List<String> files = new ArrayList<>();
        String base = FOLDER + "/messages";
        if (!language.getScript().isEmpty() && !language.getCountry().isEmpty()) {
            files.add(base + "_" + language.getLanguage() + "_" + language.getScript() + "_" + language.getCountry()
                    + ".properties");
        }
        if (!language.getScript().isEmpty()) {
            files.add(base + "_" + language.getLanguage() + "_" + language.getScript() + ".properties");
        }
        if (!language.getCountry().isEmpty()) {
            files.add(base + "_" + language.getLanguage() + "_" + language.getCountry() + ".properties");
        }
        files.add(base + "_" + language.getLanguage() + ".properties");
        return files;
    }

    /** The root bundle: English, complete; every key a template uses is there. */
    public static String rootFile() {
        return FOLDER + "/messages.properties";
    }

    /** Whether feedletter ships this language's messages (a region or script of a shipped language counts). */
    public static boolean shipped(Locale language) {
        return SHIPPED.contains(language.getLanguage());
    }

    /** Shipped, or an operator's template folder holds one of its bundle files. */
    public static boolean available(Locale language, Optional<Path> operatorTemplates) {
        return shipped(language) || operatorTemplates.map(dir -> files(language).stream()
                .anyMatch(file -> Files.isRegularFile(dir.resolve(file)))).orElse(false);
    }
}

package org.feedletter.lang;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ibm.icu.text.PluralRules;
import com.ibm.icu.util.ULocale;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.feedletter.config.Languages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shipped bundles are complete: every language has exactly the keys of English, a plural key with exactly the
 * categories its language's rules have, and the same arguments in each message; an operator's bundle overrides
 * key by key.
 */
class MessageBundlesTest {

    private static final Pattern PLURAL = Pattern.compile("(.+)\\.(zero|one|two|few|many|other)");
    private static final Pattern ARGUMENT = Pattern.compile("\\{(\\d)}");

    static Stream<String> translations() {
        return Languages.SHIPPED.stream().filter(l -> !l.equals("en"));
    }

    @Test
    void theShippedLanguagesAreTheBundlesThatShip() throws IOException {
        Set<String> files = new TreeSet<>();
        try (Stream<Path> list = Files.list(Path.of("templates", Languages.FOLDER))) {
            list.map(p -> p.getFileName().toString()).forEach(files::add);
        }
        Set<String> expected = new TreeSet<>();
        expected.add("messages.properties");
        translations().forEach(l -> expected.add("messages_" + l + ".properties"));
        assertThat(files).isEqualTo(expected);
    }

    @ParameterizedTest
    @MethodSource("translations")
    void everyLanguageHasEveryKeyOfEnglishAndTheCategoriesOfItsPluralRules(String tag) {
        Locale language = Locale.forLanguageTag(tag);
        Map<String, String> english = MessageCatalog.bundled(Languages.rootFile());
        Map<String, String> translated = MessageCatalog.bundled(Languages.files(language).get(0));
        Set<String> expected = new TreeSet<>();
        Set<String> categories = PluralRules.forLocale(ULocale.forLocale(language)).getKeywords();
        for (String key : english.keySet()) {
            Matcher plural = PLURAL.matcher(key);
            if (plural.matches()) {
                categories.forEach(c -> expected.add(plural.group(1) + "." + c));
            } else {
                expected.add(key);
            }
        }
        assertThat(new TreeSet<>(translated.keySet())).as("the keys of messages_%s.properties", tag)
                .isEqualTo(expected);
    }

    @ParameterizedTest
    @MethodSource("translations")
    void everyTranslationTakesTheArgumentsOfItsEnglishMessage(String tag) {
        Map<String, String> english = MessageCatalog.bundled(Languages.rootFile());
        Map<String, String> translated = MessageCatalog.bundled(Languages.files(Locale.forLanguageTag(tag)).get(0));
        Map<String, Set<String>> wrong = new TreeMap<>();
        translated.forEach((key, text) -> {
            Matcher plural = PLURAL.matcher(key);
            String englishKey = plural.matches() ? plural.group(1) + ".other" : key;
            Set<String> want = arguments(english.get(englishKey));
            Set<String> have = arguments(text);
            if (!want.equals(have)) {
                wrong.put(key, have);
            }
        });
        assertThat(wrong).as("messages of %s whose arguments differ from English", tag).isEmpty();
    }

    @Test
    void everyEnglishPluralHasOneAndOther() {
        Map<String, String> english = MessageCatalog.bundled(Languages.rootFile());
        english.keySet().stream().map(PLURAL::matcher).filter(Matcher::matches).forEach(plural ->
                assertThat(english).containsKeys(plural.group(1) + ".one", plural.group(1) + ".other"));
    }

    @Test
    void aMissingKeyIsAnErrorThatNamesIt() {
        Messages swedish = MessageCatalog.bundled().messages(Locale.forLanguageTag("sv"));
        assertThatThrownBy(() -> swedish.text("digest.noSuchKey")).isInstanceOf(Messages.MissingMessage.class)
                .hasMessageContaining("digest.noSuchKey").hasMessageContaining("Swedish (sv)");
    }

    @Test
    void aRegionFallsBackToItsLanguageThenToEnglish() {
        Messages austrian = MessageCatalog.bundled().messages(Locale.forLanguageTag("de-AT"));
        assertThat(austrian.text("digest.unsubscribe")).isEqualTo("Abbestellen");
        assertThat(austrian.tag()).isEqualTo("de-AT");
    }

    @Test
    void anOperatorsBundleOverridesKeyByKey(@TempDir Path templates) throws IOException {
        Files.createDirectories(templates.resolve("messages"));
        Files.writeString(templates.resolve("messages/messages_sv.properties"),
                "digest.readMore=Läs mer hos oss\n");
        Files.writeString(templates.resolve("messages/messages.properties"), "digest.readMore=Keep reading\n");
        Files.writeString(templates.resolve("messages/messages_ar.properties"),
                "digest.unsubscribe=إلغاء الاشتراك\nformat.date=long\n");
        MessageCatalog catalog = new MessageCatalog(Optional.of(templates));

        Messages swedish = catalog.messages(Locale.forLanguageTag("sv"));
        assertThat(swedish.text("digest.readMore")).isEqualTo("Läs mer hos oss");
        assertThat(swedish.text("digest.unsubscribe")).as("the other keys are the shipped ones")
                .isEqualTo("Avsluta prenumerationen");
        assertThat(catalog.messages(Locale.ENGLISH).text("digest.readMore")).isEqualTo("Keep reading");
        assertThat(catalog.messages(Locale.GERMAN).text("digest.readMore")).as("the operator's English is not German")
                .isEqualTo("Ganzen Beitrag lesen");

        Messages arabic = catalog.messages(Locale.forLanguageTag("ar"));
        assertThat(arabic.text("digest.unsubscribe")).isEqualTo("إلغاء الاشتراك");
        assertThat(arabic.text("digest.updated")).as("a key it lacks in English").isEqualTo("Updated");
        assertThat(arabic.direction()).isEqualTo(TextDirection.RTL);
        assertThat(arabic.day(ZonedDateTime.of(2026, 12, 5, 15, 0, 0, 0, ZoneId.of("Asia/Dubai"))))
                .isEqualTo("5 ديسمبر 2026");
    }

    @Test
    void argumentsGoInAsTheyAreAndNothingElseIsSpecial() {
        Messages french = MessageCatalog.bundled().messages(Locale.FRENCH);
        assertThat(french.text("digest.footer.reason", "a{1}@example.org", "L'Hebdo"))
                .isEqualTo("Vous recevez ce message parce que l'adresse a{1}@example.org est inscrite à L'Hebdo.");
    }

    private static Set<String> arguments(String text) {
        Set<String> found = new TreeSet<>();
        Matcher argument = ARGUMENT.matcher(text == null ? "" : text);
        while (argument.find()) {
            found.add(argument.group(1));
        }
        return found;
    }
}

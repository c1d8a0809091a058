package org.feedletter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A newsletter's include and exclude sections: every key read, every mistake reported with its line. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class NewsletterFiltersConfigTest {

    private static final String HEAD = """
            mail: { host: smtp.example.org, from: digest@example.org }
            feeds:
              - { url: "https://example.org/publications.xml", name: Publications }
              - { url: "https://example.org/events.xml", name: Events }
            newsletters:
              - id: quick-comment
                schedule: "0 0 8 * * ?"
            """;

    @TempDir
    Path workingDirectory;

    @Test
    void every_filter_key_is_read() throws Exception {
        NewsletterConfig newsletter = load(HEAD + """
                    include:
                      match: all
                      categories: ["Quick Comment"]
                      authors: ["Jane Doe"]
                      feeds: [publications, "https://elsewhere.example.net/feed"]
                      keywords: [Ukraine]
                      title-regex: "^Quick Comment"
                      text-regex: "(?i)central bank"
                      languages: [en, sv-SE]
                    exclude:
                      keywords: [sponsored]
                      categories: [Podcast]
                """).newsletters().get(0);

        assertThat(newsletter.include()).isEqualTo(new Include(Include.Match.ALL, new FilterRules(
                List.of("Quick Comment"), List.of("Jane Doe"),
                List.of(new FeedSelector("publications", List.of(URI.create("https://example.org/publications.xml"))),
                        new FeedSelector("https://elsewhere.example.net/feed",
                                List.of(URI.create("https://elsewhere.example.net/feed")))),
                List.of("Ukraine"), "^Quick Comment", "(?i)central bank", List.of("en", "sv-SE"))));
        assertThat(newsletter.exclude()).isEqualTo(new FilterRules(List.of("Podcast"), List.of(), List.of(),
                List.of("sponsored"), null, null, List.of()));
    }

    @Test
    void categories_alone_keep_meaning_any_of_them_and_no_sections_take_everything() throws Exception {
        FeedletterConfig config = load(HEAD + """
                    include: { categories: ["Quick Comment", Note] }
                  - id: weekly
                    schedule: "0 0 7 ? * MON"
                """);

        assertThat(config.newsletters().get(0).include()).isEqualTo(new Include(List.of("Quick Comment", "Note")));
        assertThat(config.newsletters().get(0).exclude()).isEqualTo(FilterRules.NONE);
        assertThat(config.newsletters().get(1).include()).isEqualTo(Include.EVERYTHING);
    }

    @Test
    void a_bad_regex_names_the_newsletter_the_key_the_line_and_the_regex_error() throws IOException {
        assertThat(problems(HEAD + """
                    include:
                      title-regex: "Quick (Comment"
                    exclude:
                      text-regex: "[a-"
                """)).extracting(ConfigProblem::line, ConfigProblem::message).containsExactly(
                tuple(9, "newsletter 'quick-comment', include: expected a Java regular expression for title-regex, "
                        + "but 'Quick (Comment' is not one: Unclosed group near index 14"),
                tuple(11, "newsletter 'quick-comment', exclude: expected a Java regular expression for text-regex, "
                        + "but '[a-' is not one: Illegal character range near index 3"));
    }

    @Test
    void match_must_be_all_or_any() throws IOException {
        assertThat(problems(HEAD + """
                    include:
                      match: every
                      categories: [Note]
                """)).extracting(ConfigProblem::line, ConfigProblem::message).containsExactly(
                tuple(9, "newsletter 'quick-comment', include: match must be one of any, all, got 'every'"));
    }

    @Test
    void an_unknown_key_suggests_the_closest_one_and_match_belongs_to_include_only() throws IOException {
        assertThat(problems(HEAD + """
                    include:
                      keyword: [Ukraine]
                    exclude:
                      match: all
                      title_regex: "x"
                """)).extracting(ConfigProblem::line, ConfigProblem::message).containsExactly(
                tuple(9, "unknown key 'keyword' in newsletter 'quick-comment', include (did you mean 'keywords'?)"),
                tuple(11, "unknown key 'match' in newsletter 'quick-comment', exclude (expected one of categories, "
                        + "authors, feeds, keywords, title-regex, text-regex, languages, url-path, url-regex, labels)"),
                tuple(12, "unknown key 'title_regex' in newsletter 'quick-comment', exclude (did you mean "
                        + "'title-regex'?)"));
    }

    @Test
    void a_feed_must_be_a_configured_name_or_a_url() throws IOException {
        assertThat(problems(HEAD + """
                    include:
                      feeds: [Publication, Podcasts]
                """)).extracting(ConfigProblem::line, ConfigProblem::message).containsExactly(
                tuple(9, "newsletter 'quick-comment', include: feed 'Publication' is neither the name of a configured "
                        + "feed nor a URL (did you mean 'Publications'?)"),
                tuple(9, "newsletter 'quick-comment', include: feed 'Podcasts' is neither the name of a configured "
                        + "feed nor a URL (configured: Publications, Events)"));
    }

    @Test
    void languages_must_be_tags_and_lists_must_not_hold_blanks() throws IOException {
        assertThat(problems(HEAD + """
                    include:
                      languages: [en, "English"]
                      authors: [""]
                """)).extracting(ConfigProblem::line, ConfigProblem::message).containsExactly(
                tuple(9, "newsletter 'quick-comment', include: expected a language tag such as en or en-GB in "
                        + "languages, got 'English'"),
                tuple(10,
                        "newsletter 'quick-comment', include: expected an author's name in authors, got an empty one"));
    }

    private FeedletterConfig load(String yaml) throws IOException, ConfigException {
        return new ConfigLoader(Map.of(), workingDirectory).load(write(yaml));
    }

    private List<ConfigProblem> problems(String yaml) throws IOException {
        Path file = write(yaml);
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> new ConfigLoader(Map.of(), workingDirectory).load(file));
        assertThat(e).as("loading should fail").isNotNull();
        return e.problems();
    }

    private Path write(String yaml) throws IOException {
        return Files.writeString(workingDirectory.resolve("feedletter.yaml"), yaml);
    }
}
